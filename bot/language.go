package bot

import "slices"

// LanguageMatcher is a Matcher for a knowledge in several languages: it
// tells the language of a message and reads a message in a given one.
// MatcherOf's matchers are LanguageMatchers.
type LanguageMatcher interface {
	Matcher
	// Languages are the knowledge's languages, the default first.
	Languages() []string
	// Language is the most likely language of text among Languages.
	Language(text string) string
	// MatchIn reads text as written in lang, one of Languages.
	MatchIn(text, lang string) Match
}

// minLanguageWords is the fewest words of a message whose language is
// told from its text: "nfc", "ok thanks" and "2" say nothing of it, and
// keep the conversation's language.
const minLanguageWords = 3

// language returns the language of a message, and remembers it in st
// when the message tells it: a message of minLanguageWords words or more
// is in the language the matcher reads in it; a shorter one in the
// conversation's language, else the knowledge's default one. A matcher
// in one language (or none) gives "".
func (s *source) language(st *ConversationState, text string) string {
	lm, ok := s.matcher.(LanguageMatcher)
	if !ok {
		return ""
	}
	langs := lm.Languages()
	if len(langs) < 2 {
		return ""
	}
	if len(words(text)) >= minLanguageWords {
		lang := lm.Language(text)
		st.Language = lang
		return lang
	}
	if slices.Contains(langs, st.Language) {
		return st.Language
	}
	return langs[0]
}

// textLanguage is the language of text alone, with no conversation: of
// a message of minLanguageWords words or more in a knowledge of several
// languages, else "" (the default one). The replies made before a
// conversation is read (the guard's, the rate limit's) use it.
func (s *source) textLanguage(text string) string {
	lm, ok := s.matcher.(LanguageMatcher)
	if !ok || len(lm.Languages()) < 2 || len(words(text)) < minLanguageWords {
		return ""
	}
	return lm.Language(text)
}

// match reads text in lang, or as the matcher reads any message when
// lang is "".
func (s *source) match(text, lang string) Match {
	if lm, ok := s.matcher.(LanguageMatcher); ok && lang != "" {
		return lm.MatchIn(text, lang)
	}
	return s.matcher.Match(text)
}
