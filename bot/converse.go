package bot

import (
	"context"
	"time"
)

// converse answers a message in its conversation: it reads what the bot
// remembers there, answers, and remembers the turn. Without a store or a
// conversation key, the message stands alone (only a handoff can still
// happen, without memory). A store that fails loses the memory of the
// turn, never the reply.
func (b *Bot) converse(ctx context.Context, s *source, m Message) Reply {
	now := b.now()
	var st ConversationState
	remembered := b.conversations != nil && m.Conversation != ""
	if remembered {
		got, ok, err := b.conversations.Get(ctx, m.Conversation)
		switch {
		case err != nil:
			b.logError("conversation: get state", err)
		case ok:
			st = got
		}
		if b.quiet(st, m, now) {
			return quietReply(s)
		}
	}
	s = s.in(s.language(&st, m.Text)).within(m.Scope)
	r := b.turn(ctx, s, &st, m, now)
	if short := s.knowledge.GuidanceShort; remembered && st.Turns > 0 && short != "" && r.Guidance == s.knowledge.Guidance {
		// Later turns of a conversation end with the short guidance.
		r.Guidance = short
	}
	if remembered {
		st.Turns++
		// The quiet after a handoff outlives the conversation's ttl.
		ttl := b.conversationTTL
		if rest := st.HandoffAt.Add(b.handoffQuiet).Sub(now); st.HandedOff && rest > ttl {
			ttl = rest
		}
		if err := b.conversations.Put(ctx, m.Conversation, st, ttl); err != nil {
			b.logError("conversation: put state", err)
		}
	}
	return r
}

// turn answers one message and updates the conversation's state: the
// picks, votes and follow-ups first, then the matcher's reading; a
// handoff when the person asks for one, picks it, or the bot fell back
// twice in a row.
func (b *Bot) turn(ctx context.Context, s *source, st *ConversationState, m Message, now time.Time) Reply {
	offered := st.Offered
	var r Reply
	picked := m.Choice
	if picked == "" {
		c, ok, notOffered := pickChoice(m.Text, offered)
		switch {
		case notOffered:
			// Keep the state as it was: the same choices stand.
			return notOfferedReply(s, offered)
		case ok:
			picked = c.ID
		}
	}
	last, hasLast := s.topic(st.Last)
	var match Match
	switch {
	case picked == HandoffChoiceID:
		r = handoffReply(s)
		b.handOff(&r, st, m, HandoffChosen, now)
		b.remember(st, r, nil)
		return r
	case picked != "":
		if _, ok := s.topic(picked); ok {
			r = answerReply(s, picked, 1, ReasonPicked, Match{})
		} else {
			r = fallbackReply(s, Match{}, false, ReasonUnknownTopic)
		}
	case st.Turns > 0 && notHelpful(m.Text):
		r = b.notHelpfulReply(ctx, s, st, m, now)
		b.remember(st, r, nil)
		return r
	default:
		match = s.scoped(s.match(m.Text, s.lang))
		if hasLast {
			if f, specific, ok := isFollowUp(b.thresholds, last, m.Text, match); ok {
				r = followUpReply(s, last, f, specific, m, match)
				if last.ID == HandoffTopic {
					b.handOff(&r, st, m, HandoffAsked, now)
				}
				b.remember(st, r, nil)
				st.Last = last.ID // the topic stays the one followed up
				return r
			}
		}
		r = b.decide(s, match)
	}
	switch {
	case r.Outcome == Answered && r.Intent == HandoffTopic:
		b.handOff(&r, st, m, HandoffAsked, now)
	case r.Outcome == Fallback && st.Fallbacks+1 >= 2:
		b.handOff(&r, st, m, HandoffFallbacks, now)
	}
	b.remember(st, r, match.Candidates)
	return r
}

// remember records a reply in the state: the topic answered, the choices
// offered (numbered as the adapters number them: Choices, then Related),
// the fallbacks in a row.
func (b *Bot) remember(st *ConversationState, r Reply, cands []Candidate) {
	st.Offered = append(append([]Choice(nil), r.Choices...), r.Related...)
	st.Last, st.Runners = "", nil
	switch r.Outcome {
	case Answered:
		st.remember(r.Intent)
		st.Last = r.Intent
		for _, c := range cands {
			if c.Intent != r.Intent && len(st.Runners) < maxChoices-1 && c.Confidence >= b.thresholds.Clarify/4 {
				st.Runners = append(st.Runners, c.Intent)
			}
		}
	}
	if r.Outcome == Fallback {
		st.Fallbacks++
	} else {
		st.Fallbacks = 0
	}
	if r.Handoff != nil {
		st.Fallbacks = 0
	}
}

// logError logs a failure on the bot's side that costs no reply.
func (b *Bot) logError(msg string, err error) {
	if b.log != nil {
		b.log.Error(msg, "err", err)
	}
}
