package bot

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// defaultGuidance is used only when no knowledge is loaded, so that even
// that reply points to the organization that asked for the verification.
const defaultGuidance = "Please contact the company or organization that asked you to verify. They decide what is required and can help with your specific case."

// defaultClarify is the question asked when the knowledge has no _clarify.md.
const defaultClarify = "Which of these is closest to what you need?"

// maxChoices is the most topics a clarifying question offers.
const maxChoices = 3

// maxFallbackTopics is the most topics a fallback reply suggests.
const maxFallbackTopics = 4

// ErrNoKnowledge is returned by New when it is given no index, and by
// NewFrom when it is given no matcher or no knowledge.
var ErrNoKnowledge = errors.New("bot: no knowledge index")

// Bot answers messages from a matcher and the knowledge whose topics it
// names. They can be replaced while the bot runs; each answer uses the ones
// current when it started. A Bot is safe for concurrent use.
type Bot struct {
	source     atomic.Pointer[source]
	thresholds Thresholds
	observers  []Observer
	// personLimit bounds each person's messages (or an address's, without
	// a user id); none when not valid.
	personLimit RateLimit
	// addrLimit bounds the messages with a user id from one address.
	addrLimit RateLimit
	// rateLimits holds the buckets of both limits.
	rateLimits RateLimits
	log        *slog.Logger
	// conversations remembers conversations for conversationTTL; nil
	// means every message stands alone.
	conversations   ConversationStore
	conversationTTL time.Duration
	handoffQuiet    time.Duration
	feedback        FeedbackRecorder
	now             func() time.Time
	// images says where attached images are guarded.
	images ImageGuard
}

// New returns a bot answering from ix with the given thresholds.
func New(ix *intents.Index, t Thresholds, opts ...Option) (*Bot, error) {
	if ix == nil {
		return nil, ErrNoKnowledge
	}
	return newBot(indexSource(ix), t, opts)
}

// NewFrom returns a bot answering with m's matches from k's texts, with
// the given thresholds. m's candidates must name k's topics. Its Index is
// nil.
func NewFrom(m Matcher, k *Knowledge, t Thresholds, opts ...Option) (*Bot, error) {
	if m == nil || k == nil {
		return nil, ErrNoKnowledge
	}
	return newBot(newSource(m, k, nil), t, opts)
}

func newBot(s *source, t Thresholds, opts []Option) (*Bot, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	b := &Bot{thresholds: t, conversationTTL: DefaultConversationTTL, handoffQuiet: DefaultHandoffQuiet, feedback: DiscardFeedback, now: time.Now, images: DefaultImageGuard()}
	for _, o := range opts {
		o(b)
	}
	if b.rateLimits == nil {
		b.rateLimits = NewMemoryRateLimits(nil)
	}
	b.source.Store(s)
	return b, nil
}

// SetIndex swaps in a new knowledge index. Answers already under way finish
// with the index they started with.
func (b *Bot) SetIndex(ix *intents.Index) {
	if ix != nil {
		b.source.Store(indexSource(ix))
	}
}

// Trial returns a bot like b, with the same thresholds, answering from ix
// and telling no observer: for checking knowledge before putting it in use.
func (b *Bot) Trial(ix *intents.Index) *Bot {
	t := &Bot{thresholds: b.thresholds, log: b.log, handoffQuiet: b.handoffQuiet, feedback: DiscardFeedback, now: b.now, images: b.images}
	if ix != nil {
		t.source.Store(indexSource(ix))
	}
	return t
}

// Index returns the knowledge index in use; nil for a bot made by NewFrom
// (or none at all).
func (b *Bot) Index() *intents.Index {
	if s := b.source.Load(); s != nil {
		return s.index
	}
	return nil
}

// Matcher returns the matcher in use; nil for a bot made by neither New
// nor NewFrom.
func (b *Bot) Matcher() Matcher {
	if s := b.source.Load(); s != nil {
		return s.matcher
	}
	return nil
}

// Knowledge returns the knowledge in use; nil for a bot made by neither
// New nor NewFrom.
func (b *Bot) Knowledge() *Knowledge {
	if s := b.source.Load(); s != nil {
		return s.knowledge
	}
	return nil
}

// Quiet returns a bot like b, with the same thresholds, matcher and
// knowledge, telling no observer and limiting no one: for trying
// questions without counting them.
func (b *Bot) Quiet() *Bot {
	q := &Bot{thresholds: b.thresholds, log: b.log, handoffQuiet: b.handoffQuiet, feedback: DiscardFeedback, now: b.now}
	q.source.Store(b.source.Load())
	return q
}

// Answer replies to a message. It never fails: whatever happens, the reply
// ends with the contact guidance.
func (b *Bot) Answer(ctx context.Context, m Message) (r Reply) {
	start := time.Now()
	s := b.source.Load()
	defer b.observe(ctx, Turn{Message: m}, &r, start)
	defer b.recoverInto(&r, s)
	if err := ctx.Err(); err != nil {
		return failedReply(s, ReasonCanceled)
	}
	if r, ok := b.limited(ctx, s, m); ok {
		return r
	}
	if r, ok := b.guarded(s, m); ok {
		return r
	}
	return b.converse(ctx, s, m)
}

// AnswerIntent replies with one intent's answer, as when a person picks a
// topic from a button or menu. An unknown id gives the fallback reply.
func (b *Bot) AnswerIntent(ctx context.Context, id string) (r Reply) {
	start := time.Now()
	s := b.source.Load()
	defer b.observe(ctx, Turn{Topic: id}, &r, start)
	defer b.recoverInto(&r, s)
	if err := ctx.Err(); err != nil {
		return failedReply(s, ReasonCanceled)
	}
	if _, ok := s.topic(id); ok {
		return answerReply(s, id, 1, ReasonPicked, Match{})
	}
	return fallbackReply(s, Match{}, false, ReasonUnknownTopic)
}

// Guidance is the contact guidance that ends every reply.
func (b *Bot) Guidance() string {
	if g := b.source.Load().knowledge.Guidance; g != "" {
		return g
	}
	return defaultGuidance
}

// Topics lists every intent as a choice, in folder order.
func (b *Bot) Topics() []Choice {
	k := b.source.Load().knowledge
	out := make([]Choice, len(k.Topics))
	for i, t := range k.Topics {
		out[i] = Choice{ID: t.ID, Title: t.Title}
	}
	return out
}

// unsureOutOfScopeRatio is how close, relative to the best topic, a
// message must be to the out-of-scope examples for an unsure match (below
// the answer threshold) to fall back rather than guess.
const unsureOutOfScopeRatio = 0.7

// decide turns a match into a reply, and says why: it is the one place
// where the outcome is chosen.
func (b *Bot) decide(s *source, m Match) Reply {
	t := b.thresholds
	cands := m.Candidates
	if m.OutOfScope > 0 && (len(cands) == 0 || m.OutOfScope >= cands[0].Confidence) {
		r := fallbackReply(s, m, false, ReasonOutOfScope)
		if oos := s.knowledge.OutOfScope; oos != "" {
			r.Body = oos
		}
		return r
	}
	if len(cands) == 0 {
		return fallbackReply(s, m, false, ReasonNoCandidates)
	}
	best := cands[0].Confidence
	// Two or three topics too close to call, and the right one likely
	// among them: ask which.
	if n := closeCandidates(cands, 0, best*t.Margin); n >= 2 && cands[n-1].Among >= t.Clarify {
		return clarifyReply(s, m, n, ReasonTooClose)
	}
	if best < t.Clarify {
		return fallbackReply(s, m, false, ReasonBelowClarify)
	}
	// Unsure of every topic, and nearly as close to an out-of-scope
	// example: an off-topic look-alike ("how to get a passport").
	if best < t.Answer && m.OutOfScope >= best*unsureOutOfScopeRatio {
		return fallbackReply(s, m, false, ReasonUnsureNearOutOfScope)
	}
	if best >= t.Answer {
		return answerReply(s, cands[0].Intent, best, ReasonConfident, m)
	}
	// Unsure: offer the runners-up that are at least half plausible. With
	// none, the lone candidate is only suggested first among the
	// fallback's topics: under the answer threshold, the calibrated
	// confidence says it is more likely wrong than right.
	if n := closeCandidates(cands, t.Clarify/2, t.Clarify/2); n >= 2 {
		return clarifyReply(s, m, n, ReasonUnsureRunnersUp)
	}
	return fallbackReply(s, m, true, ReasonUnsureLoneSuggested)
}

// closeCandidates counts the leading candidates, at most maxChoices, whose
// confidence is at least floor and at least near.
func closeCandidates(cands []Candidate, floor, near float64) int {
	n := 1
	for n < len(cands) && n < maxChoices && cands[n].Confidence >= floor && cands[n].Confidence >= near {
		n++
	}
	return n
}

// observe tells the observers about a finished turn; an observer that
// panics loses its turn, never the reply.
func (b *Bot) observe(ctx context.Context, t Turn, r *Reply, start time.Time) {
	if len(b.observers) == 0 {
		return
	}
	t.Reply, t.Latency = *r, time.Since(start)
	for _, o := range b.observers {
		func() {
			defer func() { recover() }()
			o.ObserveTurn(ctx, t)
		}()
	}
}

// recoverInto turns a panic while answering into the failed reply, which
// still carries the guidance, and logs it with its stack.
func (b *Bot) recoverInto(r *Reply, s *source) {
	if v := recover(); v != nil {
		*r = failedReply(s, ReasonInternalError)
		if b.log != nil {
			b.log.Error("answering panicked", "panic", v, "stack", string(debug.Stack()))
		}
	}
}
