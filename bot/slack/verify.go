package slack

import (
	"bytes"
	"io"
	"net/http"
	"time"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/httpbody"
)

// maxBody is the largest request body accepted; Slack's are far smaller.
const maxBody = 1 << 20

// badSignatureLogEvery is how often a refused signature is logged at most;
// the line counts those held back since the previous one.
const badSignatureLogEvery = time.Minute

// verified wraps a handler so that it only sees requests signed with the
// signing secret, verified on the raw body within slack-go's five-minute
// window. It answers 413 to bodies over maxBody and 401 to anything not
// properly signed, without reading the body further or logging it; a
// refusal is logged at most once per badSignatureLogEvery.
func (a *Adapter) verified(h func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := httpbody.Read(w, r, maxBody)
		if !ok {
			return
		}
		if !a.signed(r.Header, body) {
			if ok, suppressed := a.badSignatures.Allow(); ok {
				a.log.Warn("request with a bad signature refused", "path", r.URL.Path, "suppressed", suppressed)
			}
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		// Parsers of forms read the body again.
		r.Body = io.NopCloser(bytes.NewReader(body))
		h(w, r, body)
	})
}

// signed reports whether header carries a valid signature of body.
func (a *Adapter) signed(header http.Header, body []byte) bool {
	if a.cfg.SigningSecret == "" {
		return false
	}
	sv, err := slack.NewSecretsVerifier(header, a.cfg.SigningSecret)
	if err != nil {
		return false // missing headers or a stale timestamp
	}
	if _, err := sv.Write(body); err != nil {
		return false
	}
	return sv.Ensure() == nil
}
