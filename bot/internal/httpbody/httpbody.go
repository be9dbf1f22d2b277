// Package httpbody reads request bodies for the adapters' signed endpoints,
// which must see the raw bytes to check a signature.
package httpbody

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/lograte"
)

// Read reads r's body, at most max bytes. On failure it has answered the
// request itself (413 for a body over max, 400 otherwise) and returns false.
func Read(w http.ResponseWriter, r *http.Request, max int64) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return nil, false
	case err != nil:
		http.Error(w, "cannot read request", http.StatusBadRequest)
		return nil, false
	}
	return body, true
}

// Signed serves only the requests whose raw body (at most max bytes)
// carries a valid signature, as valid says: h gets the body, which is also
// put back for form parsers. Any other request gets 401 with refusal as
// its text, without the body being read further or logged; refusals are
// logged at most as often as limiter allows, counting those held back.
func Signed(max int64, valid func(http.Header, []byte) bool, limiter *lograte.Limiter, log *slog.Logger, refusal string,
	h func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := Read(w, r, max)
		if !ok {
			return
		}
		if !valid(r.Header, body) {
			if ok, suppressed := limiter.Allow(); ok {
				log.Warn("request with a bad signature refused", "path", r.URL.Path, "suppressed", suppressed)
			}
			http.Error(w, refusal, http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h(w, r, body)
	})
}

// BadSignatureLogEvery is how often the adapters log a refused signature
// at most.
const BadSignatureLogEvery = time.Minute
