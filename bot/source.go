package bot

import "github.com/helpdeskbot/helpdeskbot/intents"

// source is what a bot answers from: a matcher and the knowledge whose
// topics it names, swapped together.
type source struct {
	matcher   Matcher
	knowledge *Knowledge
	// topics maps a topic id to its position in knowledge.Topics.
	topics map[string]int
	// index is the intents index behind matcher and knowledge; nil when
	// the bot was given them directly.
	index *intents.Index
	// lang is the language the source replies in; "" for a knowledge in
	// one language.
	lang string
	// views are the sources that reply in the knowledge's other
	// languages, by code (see in).
	views map[string]*source
	// scope is the part of the knowledge the message's channel answers
	// (see within); the zero Scope answers every topic.
	scope Scope
}

func newSource(m Matcher, k *Knowledge, ix *intents.Index) *source {
	s := &source{matcher: m, knowledge: k, index: ix, topics: make(map[string]int, len(k.Topics))}
	for i, t := range k.Topics {
		if _, dup := s.topics[t.ID]; !dup {
			s.topics[t.ID] = i
		}
	}
	s.localize()
	return s
}

func indexSource(ix *intents.Index) *source {
	return newSource(MatcherOf(ix), KnowledgeOf(ix.Knowledge()), ix)
}

// topic returns the topic with an id, and whether there is one.
func (s *source) topic(id string) (Topic, bool) {
	i, ok := s.topics[id]
	if !ok {
		return Topic{}, false
	}
	return s.knowledge.Topics[i], true
}

// title is a topic's title, or its id when the knowledge lacks it.
func (s *source) title(id string) string {
	if t, ok := s.topic(id); ok {
		return t.Title
	}
	return id
}
