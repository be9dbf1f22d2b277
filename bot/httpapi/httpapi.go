// Package httpapi answers questions over plain HTTP and JSON, so that a help
// desk can connect any other channel (a web widget, a ticketing webhook).
package httpapi

import (
	"crypto/subtle"
	"encoding/json"
	"mime"
	"net/http"
	"net/netip"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/httpbody"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/localhost"
)

// maxBody bounds an /v1/ask request.
const maxBody = 64 << 10

// Request is the body of POST /v1/ask.
type Request struct {
	Message string `json:"message"`
	User    string `json:"user"`
}

// Response is the reply to POST /v1/ask. Reason says which rule of the
// decision gave Outcome; OutOfScope is how close the message was to the
// out-of-scope examples, on the candidates' scale.
type Response struct {
	// Text is the whole reply in Markdown, ending with the contact guidance.
	Text       string          `json:"text"`
	Outcome    bot.Outcome     `json:"outcome"`
	Reason     bot.Reason      `json:"reason"`
	Intent     string          `json:"intent"`
	Confidence float64         `json:"confidence"`
	Choices    []bot.Choice    `json:"choices"`
	Related    []bot.Choice    `json:"related"`
	Candidates []bot.Candidate `json:"candidates"`
	OutOfScope float64         `json:"out_of_scope"`
	Knowledge  string          `json:"knowledge_version"`
}

// Config configures the HTTP API.
type Config struct {
	// Token, when set, is required as "Authorization: Bearer <token>",
	// compared in constant time. Without it, only requests for localhost
	// (Host localhost, 127.0.0.1 or [::1]) are answered, so that no web
	// page can reach the API by DNS rebinding.
	Token string
	// TrustedProxies are the proxies whose X-Forwarded-For names the
	// client; the client's address is a rate-limit key.
	TrustedProxies []netip.Prefix
	// Concurrency bounds the requests the Adapter answers at once; more get
	// 503 with Retry-After at once. Zero means no bound.
	Concurrency int
}

// Handler serves POST /v1/ask with b. The body must be JSON and say so in
// its Content-Type, which a browser cannot send to another site without
// asking it first (CORS).
func Handler(b *bot.Bot, c Config) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/ask", func(w http.ResponseWriter, r *http.Request) {
		if c.Token == "" && !localhost.IsHost(r.Host) {
			writeError(w, http.StatusForbidden, "without api_token the API answers only to localhost, 127.0.0.1 or [::1]")
			return
		}
		if c.Token != "" && !authorized(r.Header.Get("Authorization"), c.Token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="helpdeskbot"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, "the body must be JSON, with Content-Type: application/json")
			return
		}
		body, ok := httpbody.Read(w, r, maxBody)
		if !ok {
			return
		}
		var req Request
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, http.StatusBadRequest, `expected {"message": "...", "user": "..."}`)
			return
		}
		reply := b.Answer(r.Context(), bot.Message{Text: req.Message, User: req.User, Addr: clientAddr(r, c.TrustedProxies), Adapter: adapterName})
		resp := Response{
			Text: reply.Text(), Outcome: reply.Outcome, Reason: reply.Reason, Intent: reply.Label(), Confidence: reply.Confidence,
			Choices: nonNil(reply.Choices), Related: nonNil(reply.Related), Candidates: nonNil(reply.Candidates),
			OutOfScope: reply.OutOfScope, Knowledge: reply.KnowledgeVersion,
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	})
	return mux
}

func authorized(header, token string) bool {
	given, ok := strings.CutPrefix(header, "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(given), []byte(token)) == 1
}

func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
