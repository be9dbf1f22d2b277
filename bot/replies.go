package bot

import (
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func base(ix *intents.Index, outcome Outcome, cands []intents.Candidate) Reply {
	k := ix.Knowledge()
	r := Reply{Outcome: outcome, Guidance: k.Guidance, KnowledgeVersion: k.Version}
	if r.Guidance == "" {
		r.Guidance = defaultGuidance
	}
	for _, c := range cands {
		r.Candidates = append(r.Candidates, Candidate{Intent: c.ID, Confidence: c.Confidence, Example: c.Example})
	}
	if len(cands) > 0 {
		r.Confidence = cands[0].Confidence
	}
	return r
}

func answerReply(ix *intents.Index, i int, confidence float64, cands []intents.Candidate) Reply {
	k := ix.Knowledge()
	in := k.Intents[i]
	r := base(ix, Answered, cands)
	r.Intent, r.Title, r.Confidence = in.ID, in.Title, confidence
	r.Body, r.Contact = in.Answer, in.Contact
	r.PastReview = in.PastReview(time.Now())
	for _, id := range in.Related {
		if rel, ok := k.Intent(id); ok {
			r.Related = append(r.Related, Choice{ID: rel.ID, Title: rel.Title})
		}
	}
	return r
}

func clarifyReply(ix *intents.Index, cands []intents.Candidate, n int) Reply {
	k := ix.Knowledge()
	r := base(ix, Clarify, cands)
	r.Intent = cands[0].ID
	r.Body = k.Clarify
	if r.Body == "" {
		r.Body = defaultClarify
	}
	for _, c := range cands[:n] {
		r.Choices = append(r.Choices, Choice{ID: c.ID, Title: k.Intents[c.Intent].Title})
	}
	return r
}

// fallbackReply suggests the best candidate, when there is a plausible one,
// then the fallback topics of the knowledge (or its first intents), up to
// maxFallbackTopics in all.
func fallbackReply(ix *intents.Index, cands []intents.Candidate, suggest bool) Reply {
	k := ix.Knowledge()
	r := base(ix, Fallback, cands)
	r.Body = k.Fallback
	add := func(in intents.Intent) {
		for _, c := range r.Choices {
			if c.ID == in.ID {
				return
			}
		}
		if len(r.Choices) < maxFallbackTopics {
			r.Choices = append(r.Choices, Choice{ID: in.ID, Title: in.Title})
		}
	}
	if suggest && len(cands) > 0 {
		add(k.Intents[cands[0].Intent])
	}
	for _, id := range k.FallbackTopics {
		if in, ok := k.Intent(id); ok {
			add(in)
		}
	}
	if len(k.FallbackTopics) == 0 {
		for _, in := range k.Intents {
			add(in)
		}
	}
	return r
}

func failedReply(ix *intents.Index) Reply {
	r := Reply{Outcome: Failed, Body: failedBody, Guidance: defaultGuidance}
	if ix != nil {
		if k := ix.Knowledge(); k != nil && k.Guidance != "" {
			r.Guidance, r.KnowledgeVersion = k.Guidance, k.Version
		}
	}
	return r
}
