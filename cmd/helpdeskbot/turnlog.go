package main

import (
	"context"
	"crypto/rand"
	"log/slog"
	"math"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// turnLog writes one log line per conversation turn: adapter, hashed user
// id, intent, outcome, confidence and latency, and the message text only as
// log.message_text allows.
type turnLog struct {
	log  *slog.Logger
	text string // off, redacted or full
	key  []byte
}

func newTurnLog(log *slog.Logger, c LogConfig) *turnLog {
	key := []byte(c.UserHashKey)
	if len(key) == 0 {
		key = make([]byte, 32)
		rand.Read(key)
	}
	return &turnLog{log: log, text: c.MessageText, key: key}
}

// ObserveTurn logs the turn.
func (l *turnLog) ObserveTurn(ctx context.Context, t bot.Turn) {
	attrs := []slog.Attr{
		slog.String("adapter", t.Message.Adapter),
		slog.String("user", l.hashUser(t.Message.Adapter, t.Message.User)),
		slog.String("intent", t.Reply.Intent),
		slog.String("outcome", string(t.Reply.Outcome)),
		slog.Float64("confidence", math.Round(t.Reply.Confidence*1000)/1000),
		slog.Duration("latency", t.Latency),
	}
	if t.Topic != "" {
		attrs = append(attrs, slog.String("topic", t.Topic))
	}
	switch l.text {
	case "redacted":
		attrs = append(attrs, slog.String("text", redact.Text(t.Message.Text)))
	case "full":
		attrs = append(attrs, slog.String("text", t.Message.Text))
	}
	l.log.LogAttrs(ctx, slog.LevelInfo, "turn", attrs...)
}

// hashUser is a keyed hash of a user id: the same person gets the same
// hash within the key's life, and the id cannot be read back.
func (l *turnLog) hashUser(adapter, user string) string {
	return analytics.HashUser(l.key, adapter, user)
}
