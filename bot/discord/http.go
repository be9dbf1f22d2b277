package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// maxBody is the largest interaction body accepted.
const maxBody = 1 << 20

// serveInteractions is Discord's "interactions endpoint URL": every request
// must carry a valid Ed25519 signature of its timestamp and raw body (401
// otherwise, logged at most once a minute). It answers in the HTTP
// response, statelessly, well inside Discord's three seconds; the rest of a
// long answer follows over REST.
func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request, body []byte) {
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "cannot parse interaction", http.StatusBadRequest)
		return
	}
	resp, more := a.respond(r.Context(), &i)
	// The follow-ups are queued before the response is written, so that a
	// full queue can still change the response; they wait for it to be sent.
	sent := make(chan struct{})
	if more.then != nil && len(more.parts) == 0 {
		// What comes after the response (closing a solved post) runs once
		// it is written, before the handler returns.
		defer more.then(r.Context())
	} else if len(more.parts) > 0 {
		queued := a.work.Submit(func(ctx context.Context) {
			select {
			case <-sent:
				a.followUp(ctx, &i, resp, more)
			case <-ctx.Done():
			}
		})
		if !queued {
			a.deps.Metrics.Shed(adapterName)
			a.log.Warn("follow-up dropped: all workers busy", "interaction", i.ID, "parts", len(more.parts))
			resp = busyResponse(resp, more, a.bot.Guidance())
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	close(sent)
}

// busyNote ends a response whose follow-ups could not be queued.
const busyNote = "*I'm busy right now and couldn't send the rest of this answer. Please ask again in a moment.*"

// busyResponse is resp when its follow-ups (more) cannot be sent: as much
// of the first part as fits (cut at a paragraph or line break), the busy
// note, the guidance and the buttons, in one message.
func busyResponse(resp *discordgo.InteractionResponse, more message, guidance string) *discordgo.InteractionResponse {
	if resp.Data == nil {
		return resp
	}
	data := *resp.Data
	tail := "\n\n" + busyNote + "\n\n" + guidance
	room := maxContent - len([]rune(tail))
	first := ""
	if room > 0 {
		first = split.Text(strings.TrimRight(data.Content, " \n"), room)[0]
	}
	data.Content = strings.TrimRight(first, " \n") + tail
	if data.Content == tail {
		data.Content = busyNote + "\n\n" + guidance
	}
	data.Components = more.components
	return &discordgo.InteractionResponse{Type: resp.Type, Data: &data}
}

// maxClockSkew is how far a signed timestamp may be from the adapter's
// clock, either way: as Slack's, so that a captured request cannot be
// replayed later.
const maxClockSkew = 5 * time.Minute

// signed reports whether the request is signed with the application's key,
// at a timestamp (Unix seconds) within maxClockSkew of now.
func (a *Adapter) signed(header http.Header, body []byte) bool {
	if a.publicKey == nil {
		return false
	}
	sig, err := hex.DecodeString(header.Get("X-Signature-Ed25519"))
	timestamp := header.Get("X-Signature-Timestamp")
	if err != nil || len(sig) != ed25519.SignatureSize || !fresh(timestamp, a.deps.Now()) {
		return false
	}
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(append(msg, timestamp...), body...)
	return ed25519.Verify(a.publicKey, msg, sig)
}

// fresh reports whether timestamp is Unix seconds, in decimal digits, within
// maxClockSkew of now.
func fresh(timestamp string, now time.Time) bool {
	if timestamp == "" || len(timestamp) > 12 || strings.Trim(timestamp, "0123456789") != "" {
		return false
	}
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	skew := now.Sub(time.Unix(secs, 0))
	return skew <= maxClockSkew && skew >= -maxClockSkew
}
