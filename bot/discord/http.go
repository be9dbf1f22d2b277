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

	"github.com/helpdeskbot/helpdeskbot/bot/internal/httpbody"
)

// maxBody is the largest interaction body accepted.
const maxBody = 1 << 20

// serveInteractions is Discord's "interactions endpoint URL": every request
// must carry a valid Ed25519 signature of its timestamp and raw body (401
// otherwise, logged at most once per badSignatureLogEvery). It answers in
// the HTTP response, statelessly, well inside Discord's three seconds; the
// rest of a long answer follows over REST.
func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request) {
	body, ok := httpbody.Read(w, r, maxBody)
	if !ok {
		return
	}
	if !a.signed(r.Header, body) {
		if ok, suppressed := a.badSignatures.Allow(); ok {
			a.log.Warn("interaction with a bad signature refused", "suppressed", suppressed)
		}
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "cannot parse interaction", http.StatusBadRequest)
		return
	}
	resp, more := a.respond(r.Context(), &i)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
	if len(more.parts) > 0 {
		a.work.Submit(func(ctx context.Context) { a.followUp(ctx, &i, resp, more) })
	}
}

// badSignatureLogEvery is how often a refused signature is logged at most;
// the line counts those held back since the previous one.
const badSignatureLogEvery = time.Minute

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
	if err != nil || len(sig) != ed25519.SignatureSize || !fresh(timestamp, a.cfg.Now()) {
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
