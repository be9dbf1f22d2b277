package bot

import "time"

// base is a reply's common part: the outcome and why, the knowledge's
// guidance and version, and the evidence of the match behind it.
func base(s *source, outcome Outcome, reason Reason, m Match) Reply {
	k := s.knowledge
	r := Reply{
		Outcome: outcome, Reason: reason, Guidance: k.Guidance, KnowledgeVersion: k.Version, Language: s.lang,
		Candidates: m.Candidates, OutOfScope: m.OutOfScope, Terms: m.Terms, Unknown: m.Unknown,
	}
	if r.Guidance == "" {
		r.Guidance = defaultGuidance
	}
	if len(m.Candidates) > 0 {
		r.Confidence = m.Candidates[0].Confidence
	}
	return r
}

func answerReply(s *source, id string, confidence float64, reason Reason, m Match) Reply {
	in, _ := s.topic(id)
	r := base(s, Answered, reason, m)
	r.Intent, r.Title, r.Confidence = id, in.Title, confidence
	r.Body, r.Contact = in.Answer, in.Contact
	r.Links = in.Links
	r.PastReview = in.PastReview(time.Now())
	for _, id := range in.Related {
		if rel, ok := s.topic(id); ok && s.scope.Allows(rel) {
			r.Related = append(r.Related, Choice{ID: rel.ID, Title: rel.Title})
		}
	}
	return r
}

func clarifyReply(s *source, m Match, n int, reason Reason) Reply {
	r := base(s, Clarify, reason, m)
	r.Intent = m.Candidates[0].Intent
	r.Body = s.knowledge.Clarify
	if r.Body == "" {
		r.Body = defaultClarify
	}
	for _, c := range m.Candidates[:n] {
		r.Choices = append(r.Choices, Choice{ID: c.Intent, Title: s.title(c.Intent)})
	}
	return r
}

// fallbackReply suggests the best candidate, when there is a plausible one,
// then the fallback topics of the knowledge (or its first topics), up to
// maxFallbackTopics in all.
func fallbackReply(s *source, m Match, suggest bool, reason Reason) Reply {
	k := s.knowledge
	r := base(s, Fallback, reason, m)
	r.Body = k.Fallback
	add := func(id, title string) {
		for _, c := range r.Choices {
			if c.ID == id {
				return
			}
		}
		if len(r.Choices) < maxFallbackTopics {
			r.Choices = append(r.Choices, Choice{ID: id, Title: title})
		}
	}
	if suggest && len(m.Candidates) > 0 {
		id := m.Candidates[0].Intent
		add(id, s.title(id))
	}
	for _, id := range k.FallbackTopics {
		if t, ok := s.topic(id); ok && s.scope.Allows(t) {
			add(t.ID, t.Title)
		}
	}
	if len(k.FallbackTopics) == 0 || !s.scope.All() {
		// A channel's fallback offers its own topics after the
		// knowledge's fallback topics it answers.
		for _, t := range k.Topics {
			if s.scope.Allows(t) {
				add(t.ID, t.Title)
			}
		}
	}
	return r
}

func failedReply(s *source, reason Reason) Reply {
	r := Reply{Outcome: Failed, Reason: reason, Body: textsIn("").Failed, Guidance: defaultGuidance}
	if s != nil {
		r.Body = textsIn(s.lang).Failed
	}
	if s != nil && s.knowledge != nil && s.knowledge.Guidance != "" {
		r.Guidance, r.KnowledgeVersion = s.knowledge.Guidance, s.knowledge.Version
	}
	return r
}
