package console

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
)

// sessionCookie names the cookie that keeps an admin signed in.
const sessionCookie = "helpdesk_console"

// session signs admins in with the API token and keeps them signed in with
// a cookie that is not the token: an HMAC of the token under a key made at
// start. The cookie is worthless to another process, ends with a restart,
// and stops working when the token changes.
type session struct {
	token string
	value string
}

func newSession(token string) session {
	key := make([]byte, 32)
	rand.Read(key) // never fails (crypto/rand)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("helpdeskbot console session\x00" + token))
	return session{token: token, value: hex.EncodeToString(mac.Sum(nil))}
}

// guard serves next to signed-in admins. A request with ?token= is signed
// in and sent to the same address without the token, so that it leaves
// the address bar and the history.
func (s session) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Has("token") {
			if !equal(q.Get("token"), s.token) {
				unauthorized(w)
				return
			}
			http.SetCookie(w, &http.Cookie{
				Name: sessionCookie, Value: s.value, Path: "/console/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: overTLS(r),
			})
			q.Del("token")
			to := r.URL.Path
			if !strings.HasPrefix(to, "/console/") {
				to = "/console/" // never a redirect elsewhere, such as //other.example
			}
			if len(q) > 0 {
				to += "?" + q.Encode()
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		if c, err := r.Cookie(sessionCookie); err == nil && equal(c.Value, s.value) {
			next.ServeHTTP(w, r)
			return
		}
		if given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && equal(given, s.token) {
			next.ServeHTTP(w, r)
			return
		}
		unauthorized(w)
	})
}

func unauthorized(w http.ResponseWriter) {
	http.Error(w, "the console needs the API token: open it once with ?token=...", http.StatusUnauthorized)
}

// equal compares secrets in constant time.
func equal(given, want string) bool {
	return subtle.ConstantTimeCompare([]byte(given), []byte(want)) == 1
}

// overTLS reports whether the browser reached the console over HTTPS,
// directly or through a proxy that says so.
func overTLS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
