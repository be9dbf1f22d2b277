// Package httpapi answers questions over plain HTTP and JSON, so that a help
// desk can connect any other channel (a web widget, a ticketing webhook).
package httpapi

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/netip"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/localhost"
)

// maxBody bounds a request body.
const maxBody = 64 << 10

// maxConversation bounds the length of a Request's Conversation and Choice.
const maxConversation = 200

// Request is the body of POST /v1/ask.
type Request struct {
	Message string `json:"message"`
	User    string `json:"user"`
	// Conversation, when set, is the caller's id for the conversation the
	// message belongs to: the bot remembers what it answered there, so a
	// number or a title picks an offered choice and follow-ups are read
	// against the topic just answered. Empty: the message stands alone.
	Conversation string `json:"conversation,omitempty"`
	// Choice, when set, is the id of a choice the response offered (a
	// topic, or "talk-to-a-person"): it is answered instead of Message.
	Choice string `json:"choice,omitempty"`
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
	// Links are resources the answer points to; they are also listed in
	// Text, before the guidance.
	Links []bot.Link `json:"links"`
	// Handoff, when set, says the caller should call a person into the
	// conversation (only with Config.Handoff).
	Handoff *Handoff `json:"handoff"`
}

// Handoff asks the caller to call a person into the conversation.
type Handoff struct {
	// Reason is what made the bot ask: "asked", "chosen" or "fallbacks".
	Reason bot.HandoffReason `json:"reason"`
	// First is true the first time in the conversation; later handoffs
	// only remind the person that someone was called.
	First bool `json:"first"`
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
	// Handoff says the caller can call a person when a response's handoff
	// is set; without it the bot says it cannot call anyone from here.
	Handoff bool
}

// Handler serves POST /v1/ask with b, and POST /v1/feedback into feedback
// (nil keeps nothing), logging to log (nil logs nothing) what fails. A body must be JSON and say so in its Content-Type,
// which a browser cannot send to another site without asking it first
// (CORS).
func Handler(b *bot.Bot, c Config, feedback bot.FeedbackRecorder, log *slog.Logger) http.Handler {
	if feedback == nil {
		feedback = bot.DiscardFeedback
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/ask", func(w http.ResponseWriter, r *http.Request) {
		var req Request
		if !readRequest(w, r, c, &req, `expected {"message": "...", "user": "..."}`) {
			return
		}
		if len(req.Conversation) > maxConversation || len(req.Choice) > maxConversation {
			writeError(w, http.StatusBadRequest, "conversation and choice must be at most 200 bytes")
			return
		}
		m := bot.Message{Text: req.Message, User: req.User, Addr: clientAddr(r, c.TrustedProxies), Adapter: adapterName,
			Choice: req.Choice, CanHandOff: c.Handoff}
		if req.Conversation != "" {
			m.Conversation = adapterName + ":" + req.Conversation
		}
		reply := b.Answer(r.Context(), m)
		resp := Response{
			Text: reply.Text(), Outcome: reply.Outcome, Reason: reply.Reason, Intent: reply.Label(), Confidence: reply.Confidence,
			Choices: nonNil(reply.Choices), Related: nonNil(reply.Related), Candidates: nonNil(reply.Candidates),
			OutOfScope: reply.OutOfScope, Knowledge: reply.KnowledgeVersion, Links: nonNil(reply.Links),
		}
		if h := reply.Handoff; h != nil {
			resp.Handoff = &Handoff{Reason: h.Reason, First: h.First}
		}
		w.Header().Set("Content-Type", "application/json")
		if reply.Outcome == bot.Limited {
			// Over the rate limit: the reply (a notice, or nothing after
			// the first) with 429, and a minute as the longest wait.
			w.Header().Set("Retry-After", retryAfterLimited)
			w.WriteHeader(http.StatusTooManyRequests)
		}
		json.NewEncoder(w).Encode(resp)
	})
	mux.HandleFunc("POST /v1/feedback", func(w http.ResponseWriter, r *http.Request) {
		serveFeedback(w, r, b, c, feedback, log)
	})
	for _, path := range []string{"/v1/ask", "/v1/feedback"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, "use POST")
		})
	}
	return mux
}

// readRequest checks a request's access and Content-Type and decodes its
// JSON body, at most maxBody bytes, into into. On any problem it writes
// the error, saying expected for a body that is not the right JSON, and
// returns false.
func readRequest(w http.ResponseWriter, r *http.Request, c Config, into any, expected string) bool {
	if c.Token == "" && !localhost.IsHost(r.Host) {
		writeError(w, http.StatusForbidden, "without api_token the API answers only to localhost, 127.0.0.1 or [::1]")
		return false
	}
	if c.Token != "" && !authorized(r.Header.Get("Authorization"), c.Token) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="helpdeskbot"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return false
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "the body must be JSON, with Content-Type: application/json")
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body must be at most %d bytes", maxBody))
		return false
	case err != nil:
		writeError(w, http.StatusBadRequest, "cannot read the request body")
		return false
	}
	if err := json.Unmarshal(body, into); err != nil {
		writeError(w, http.StatusBadRequest, expected)
		return false
	}
	return true
}

// retryAfterLimited is the Retry-After of a rate-limited request, in
// seconds: a person's bucket gains a token within a minute at any
// limits.per_minute of 1 or more.
const retryAfterLimited = "60"

func authorized(header, token string) bool {
	given, ok := strings.CutPrefix(header, "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(given), []byte(token)) == 1
}

// writeError writes {"error": msg} with code: every error of the API is
// JSON.
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
