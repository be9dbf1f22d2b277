package slack

import (
	"net/http"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/httpbody"
)

// maxBody is the largest request body accepted; Slack's are far smaller.
const maxBody = 1 << 20

// verified wraps a handler so that it only sees requests signed with the
// signing secret, verified on the raw body within slack-go's five-minute
// window. It answers 413 to bodies over maxBody and 401 to anything not
// properly signed, without reading the body further or logging it; a
// refusal is logged at most once a minute.
func (a *Adapter) verified(h func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return httpbody.Signed(maxBody, a.signed, a.badSignatures, a.log, "invalid signature", h)
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
