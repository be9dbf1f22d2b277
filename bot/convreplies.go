package bot

import (
	"context"
	"time"
)

// quietReply is the silence after a handoff: a person was called and the
// bot was not mentioned.
func quietReply(s *source) Reply {
	r := base(s, Quiet, ReasonQuietAfterHandoff, Match{})
	r.Silent = true
	return r
}

// handoffReply is the reply to the "Talk to a person" choice, before the
// handoff adds what was done: the HandoffTopic's answer when the knowledge
// has it.
func handoffReply(s *source) Reply {
	if _, ok := s.topic(HandoffTopic); ok {
		return answerReply(s, HandoffTopic, 1, ReasonPicked, Match{})
	}
	r := base(s, Answered, ReasonPicked, Match{})
	r.Body = textsIn(s.lang).HandoffBody
	r.Confidence = 1
	return r
}

// followUpReply answers a follow-up of topic t: its follow-up answer when
// one fits, else the topic's related topics and an offer of a person;
// never the same full answer again.
func followUpReply(s *source, t Topic, f FollowUp, specific bool, m Message, match Match) Reply {
	r := base(s, Answered, ReasonFollowUp, match)
	r.Intent, r.Title, r.Contact, r.Confidence = t.ID, t.Title, t.Contact, 1
	for _, id := range t.Related {
		if rel, ok := s.topic(id); ok && s.scope.Allows(rel) {
			r.Related = append(r.Related, Choice{ID: rel.ID, Title: rel.Title})
		}
	}
	if specific {
		r.Body, r.Links = f.Answer, t.Links
		return r
	}
	r.Outcome, r.Reason = Clarify, ReasonFollowUpNoAnswer
	r.Choices, r.Related = r.Related, nil
	if m.CanHandOff {
		r.Choices = append(r.Choices, handoffChoice)
	}
	texts := textsIn(s.lang)
	r.Body = texts.FollowUpGeneric
	if len(r.Choices) == 0 {
		r.Body = joinParagraphs(texts.FollowUpNoTopic, texts.NoHandoff)
	}
	return r
}

// notHelpfulReply answers "that didn't help": it records the vote against
// the topic last answered, as a 👎 would, and offers the other close
// candidates of that message (or the fallback's topics) and a person.
func (b *Bot) notHelpfulReply(ctx context.Context, s *source, st *ConversationState, m Message, now time.Time) Reply {
	if st.Last != "" {
		err := b.feedback.RecordFeedback(ctx, Feedback{Adapter: m.Adapter, User: m.User, Channel: m.Channel, Intent: st.Last, Helpful: false, Time: now})
		if err != nil {
			b.logError("conversation: record feedback", err)
		}
	}
	r := base(s, Clarify, ReasonNotHelpful, Match{})
	for _, id := range st.Runners {
		if t, ok := s.topic(id); ok {
			r.Choices = append(r.Choices, Choice{ID: t.ID, Title: t.Title})
		}
	}
	r.Body = textsIn(s.lang).NotHelpful
	if len(r.Choices) == 0 {
		fb := fallbackReply(s, Match{}, false, ReasonNotHelpful)
		for _, c := range fb.Choices {
			if c.ID != st.Last {
				r.Choices = append(r.Choices, c)
			}
		}
		r.Body = textsIn(s.lang).NotHelpfulNone
	}
	if len(r.Choices) > 0 {
		r.Intent = r.Choices[0].ID
	}
	if m.CanHandOff {
		r.Choices = append(r.Choices, handoffChoice)
	}
	return r
}
