package intents

import "strings"

// Language returns the language of message among the folder's languages:
// the most likely by the folder's own text in each. A folder in one
// language, or a message with no letters, gives the default language.
// Short messages say little: callers keep the conversation's language for
// them (see bot).
func (ix *Index) Language(message string) string {
	if ix.langs == nil {
		return ix.knowledge.DefaultLanguage
	}
	lang, _ := ix.langs.detect(message)
	return lang
}

// Languages returns the folder's languages, the default first.
func (ix *Index) Languages() []string { return ix.knowledge.Languages }

// MatchIn is Match for a message written in lang, one of Languages: its
// words are normalized as lang's are. A lang the folder does not have is
// told from the message, as Match does.
func (ix *Index) MatchIn(message, lang string) Match {
	return ix.matchIn(message, lang)
}

// exampleLang is the language a default-language example is read in: in
// a folder of several languages, the one Language tells, as for a message
// of as many words, so that an example in another language written among
// the default ones ("el selfie no funciona") is read as the same message
// would be. Shorter examples, and folders in one language, are in the
// default language.
func (ix *Index) exampleLang(example string) string {
	if ix.langs == nil || len(strings.Fields(example)) < minLanguageWords {
		return ix.knowledge.DefaultLanguage
	}
	return ix.Language(example)
}

// minLanguageWords is the fewest words of a text whose language is told
// from it; bot keeps the conversation's language for shorter messages.
const minLanguageWords = 3
