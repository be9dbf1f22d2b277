package bot

import "strings"

// Scope is the part of the knowledge a channel answers: its topics by id,
// and the topics of its knowledge sub-folders. The zero Scope answers
// every topic. A message outside the scope falls back, as a message no
// topic answers does; the handoff topic is always in scope, so that
// asking for a person works everywhere.
type Scope struct {
	// Topics are topic ids.
	Topics []string
	// Folders are knowledge sub-folders ("platforms"): the topics defined
	// in one, or in a folder under it, are in scope.
	Folders []string
}

// All reports whether the scope answers every topic.
func (sc Scope) All() bool { return len(sc.Topics) == 0 && len(sc.Folders) == 0 }

// Allows reports whether a topic is in the scope.
func (sc Scope) Allows(t Topic) bool {
	if sc.All() || t.ID == HandoffTopic {
		return true
	}
	for _, id := range sc.Topics {
		if id == t.ID {
			return true
		}
	}
	for _, f := range sc.Folders {
		f = strings.Trim(f, "/")
		if t.Folder == f || strings.HasPrefix(t.Folder, f+"/") {
			return true
		}
	}
	return false
}

// within is s answering only the topics of sc: a shallow copy, s itself
// for the zero Scope.
func (s *source) within(sc Scope) *source {
	if sc.All() {
		return s
	}
	c := *s
	c.scope = sc
	return &c
}

// inScope reports whether the topic with an id is one s answers.
func (s *source) inScope(id string) bool {
	t, ok := s.topic(id)
	return ok && s.scope.Allows(t)
}

// scoped is m with only the candidates s answers, in their order: the
// matcher reads the message against every topic, and the decision sees
// only the channel's. A message closer to a topic outside the scope than
// to the out-of-scope examples is one the knowledge answers, elsewhere:
// it gets the fallback with the channel's topics, not the out-of-scope
// text, which would say the bot does not help with it at all.
func (s *source) scoped(m Match) Match {
	if s.scope.All() {
		return m
	}
	if len(m.Candidates) > 0 && !s.inScope(m.Candidates[0].Intent) && m.Candidates[0].Confidence > m.OutOfScope {
		m.OutOfScope = 0
	}
	kept := make([]Candidate, 0, len(m.Candidates))
	for _, c := range m.Candidates {
		if s.inScope(c.Intent) {
			kept = append(kept, c)
		}
	}
	m.Candidates = kept
	return m
}
