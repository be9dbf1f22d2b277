package analytics

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// HashUser is a keyed hash of a person's id on a platform: stable for one
// key, and the id cannot be read back from it.
func HashUser(key []byte, adapter, user string) string {
	if user == "" {
		return ""
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(adapter + "\x00" + user))
	return hex.EncodeToString(mac.Sum(nil))[:16]
}

// Recorder records every turn and feedback click in a Store without ever
// slowing answering: records go to a bounded queue and are written in
// batches; when the queue is full they are dropped and counted. It is a
// bot.Observer and a bot.FeedbackRecorder.
type Recorder struct {
	store   Store
	key     []byte
	log     *slog.Logger
	dropped func()
	queue   chan any // Turn or Feedback
}

// Batching of writes.
const (
	queueSize  = 8192
	batchSize  = 2048
	flushEvery = time.Second
)

// NewRecorder records into store, hashing user ids with key. dropped, if
// set, counts records dropped because the queue was full.
func NewRecorder(store Store, key []byte, log *slog.Logger, dropped func()) *Recorder {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dropped == nil {
		dropped = func() {}
	}
	return &Recorder{store: store, key: key, log: log, dropped: dropped, queue: make(chan any, queueSize)}
}

// ObserveTurn queues a turn, its text redacted.
func (r *Recorder) ObserveTurn(_ context.Context, t bot.Turn) {
	runnerUp := ""
	if len(t.Reply.Candidates) > 1 {
		runnerUp = t.Reply.Candidates[1].Intent
	}
	intent := t.Reply.Label()
	text := redact.Text(t.Message.Text)
	if t.Topic != "" {
		text = "[topic " + t.Topic + "]"
	}
	turn := Turn{
		Time: time.Now().UTC(), Adapter: t.Message.Adapter, User: HashUser(r.key, t.Message.Adapter, t.Message.User),
		Text: text, Intent: intent, Outcome: string(t.Reply.Outcome), Confidence: t.Reply.Confidence,
		RunnerUp: runnerUp, Latency: t.Latency, Knowledge: t.Reply.KnowledgeVersion,
	}
	if h := t.Reply.Handoff; h != nil && h.First {
		turn.Handoff, turn.HandoffTopic = string(h.Reason), h.Topic
	}
	r.enqueue(turn)
}

// RecordFeedback queues a feedback click.
func (r *Recorder) RecordFeedback(_ context.Context, f bot.Feedback) error {
	at := f.Time
	if at.IsZero() {
		at = time.Now()
	}
	r.enqueue(Feedback{Time: at.UTC(), Adapter: f.Adapter, User: HashUser(r.key, f.Adapter, f.User), Intent: f.Intent, Helpful: f.Helpful})
	return nil
}

func (r *Recorder) enqueue(v any) {
	select {
	case r.queue <- v:
	default:
		r.dropped()
	}
}

// Run writes queued records in batches until ctx ends, then writes what is
// left.
func (r *Recorder) Run(ctx context.Context) {
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	var turns []Turn
	var feedback []Feedback
	flush := func(ctx context.Context) {
		if err := r.store.AddTurns(ctx, turns); err != nil {
			r.log.Error("record turns failed", "n", len(turns), "err", err)
		}
		if err := r.store.AddFeedback(ctx, feedback); err != nil {
			r.log.Error("record feedback failed", "n", len(feedback), "err", err)
		}
		turns, feedback = turns[:0], feedback[:0]
	}
	take := func(v any) {
		switch rec := v.(type) {
		case Turn:
			turns = append(turns, rec)
		case Feedback:
			feedback = append(feedback, rec)
		}
	}
	for {
		select {
		case v := <-r.queue:
			take(v)
			if len(turns)+len(feedback) >= batchSize {
				flush(ctx)
			}
		case <-tick.C:
			flush(ctx)
		case <-ctx.Done():
		drain:
			for {
				select {
				case v := <-r.queue:
					take(v)
				default:
					break drain
				}
			}
			flush(context.WithoutCancel(ctx))
			return
		}
	}
}
