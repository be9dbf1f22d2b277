package intents

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
