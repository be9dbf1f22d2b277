package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// FeedbackRequest is the body of POST /v1/feedback: a person's 👍 or 👎 on
// an answer /v1/ask gave.
type FeedbackRequest struct {
	// User is the person who voted, as in Request.
	User string `json:"user"`
	// Conversation is the Request's conversation the answer was given in;
	// it names the rated turn. Optional.
	Conversation string `json:"conversation,omitempty"`
	// Intent is the id of the topic answered: a Response's intent.
	Intent string `json:"intent"`
	// Helpful is true for 👍, false for 👎. Required.
	Helpful *bool `json:"helpful"`
}

// FeedbackResponse is the reply to a recorded POST /v1/feedback.
type FeedbackResponse struct {
	Recorded bool `json:"recorded"`
}

// feedbackExpected is the error for a body that is not a FeedbackRequest.
const feedbackExpected = `expected {"user": "...", "intent": "...", "helpful": true|false}`

// serveFeedback records a vote on an answer of the knowledge answering.
func serveFeedback(w http.ResponseWriter, r *http.Request, b *bot.Bot, c Config, rec bot.FeedbackRecorder, log *slog.Logger) {
	var req FeedbackRequest
	if !readRequest(w, r, c, &req, feedbackExpected) {
		return
	}
	switch {
	case req.Helpful == nil || req.Intent == "":
		writeError(w, http.StatusBadRequest, feedbackExpected)
		return
	case len(req.Conversation) > maxConversation || len(req.User) > maxConversation:
		writeError(w, http.StatusBadRequest, "user and conversation must be at most 200 bytes")
		return
	case !isTopic(b, req.Intent):
		writeError(w, http.StatusBadRequest, "intent is not a topic of the knowledge answering")
		return
	}
	f := bot.Feedback{Adapter: adapterName, User: req.User, Intent: req.Intent, Helpful: *req.Helpful, Time: time.Now()}
	if req.Conversation != "" {
		f.Channel = adapterName + ":" + req.Conversation
		f.Reply = f.Channel
	}
	if err := rec.RecordFeedback(r.Context(), f); err != nil {
		// The vote is lost, not the caller's doing: say so without the
		// store's error, which is logged here.
		log.Error("record feedback failed", "adapter", adapterName, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the feedback could not be recorded, try again")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(FeedbackResponse{Recorded: true})
}

// isTopic reports whether id names a topic of b's knowledge.
func isTopic(b *bot.Bot, id string) bool {
	for _, t := range b.Topics() {
		if t.ID == id {
			return true
		}
	}
	return false
}
