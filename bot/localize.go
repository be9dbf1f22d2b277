package bot

// TopicText is a topic's text in a language other than the knowledge's
// default.
type TopicText struct {
	// Title is the title in this language; empty means the default one.
	Title string
	// Answer is the answer in this language; empty means the default one,
	// after the language's note.
	Answer string
}

// Texts are the knowledge's own texts in a language other than the
// default; an empty one is given in the default language.
type Texts struct {
	Guidance, GuidanceShort, Fallback, Clarify, OutOfScope string
	// Note is the line put before an answer the topic lacks in this
	// language, given in the default one.
	Note string
}

// in returns the source that replies in lang: its knowledge's texts in
// that language where it has them. The default language, or one the
// knowledge does not have, is s itself.
func (s *source) in(lang string) *source {
	if v, ok := s.views[lang]; ok {
		return v
	}
	return s
}

// localize builds the sources of s in its knowledge's other languages.
func (s *source) localize() {
	k := s.knowledge
	if len(k.Languages) < 2 {
		return
	}
	s.lang = k.Languages[0]
	s.views = make(map[string]*source, len(k.Languages)-1)
	for _, lang := range k.Languages[1:] {
		lk := localized(k, lang)
		v := &source{matcher: s.matcher, knowledge: lk, topics: s.topics, index: s.index, lang: lang}
		s.views[lang] = v
	}
}

// localized is k in lang: every text it has in lang instead of the
// default one; answers it lacks keep the default one after the note.
func localized(k *Knowledge, lang string) *Knowledge {
	t := k.Langs[lang]
	out := *k
	out.Langs = nil
	pick := func(dst *string, s string) {
		if s != "" {
			*dst = s
		}
	}
	pick(&out.Guidance, t.Guidance)
	pick(&out.Fallback, t.Fallback)
	pick(&out.Clarify, t.Clarify)
	pick(&out.OutOfScope, t.OutOfScope)
	switch {
	case t.GuidanceShort != "":
		out.GuidanceShort = t.GuidanceShort
	case t.Guidance != "":
		// The default short form would end this language's replies in
		// another one.
		out.GuidanceShort = ""
	}
	out.Topics = make([]Topic, len(k.Topics))
	for i, topic := range k.Topics {
		tt := topic.Langs[lang]
		topic.Langs = nil
		pick(&topic.Title, tt.Title)
		switch {
		case tt.Answer != "":
			topic.Answer = tt.Answer
			// Follow-ups are in the default language only: not offered
			// with an answer in another.
			topic.FollowUps = nil
		case t.Note != "":
			topic.Answer = joinParagraphs(t.Note, topic.Answer)
		}
		out.Topics[i] = topic
	}
	return &out
}
