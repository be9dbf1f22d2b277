package intents

// Knowledge is a loaded knowledge folder: the intents plus the special files
// that shape every reply.
type Knowledge struct {
	// Intents in the order of their files' paths.
	Intents []Intent
	// Guidance is the contact guidance appended to every reply (_guidance.md).
	Guidance string
	// GuidanceShort is a short form of Guidance (the "short" key of
	// _guidance.md's front matter), for the later turns of a conversation;
	// empty when there is none. It must still tell the person to contact
	// the organization that asked them to verify.
	GuidanceShort string
	// Fallback is the answer when nothing matches (_fallback.md).
	Fallback string
	// FallbackTopics are intent ids suggested with the fallback answer, from the
	// optional "topics" key of _fallback.md's front matter.
	FallbackTopics []string
	// Clarify is the question asked when several intents are close (_clarify.md).
	// Empty when the folder has no _clarify.md.
	Clarify string
	// OutOfScope holds examples and keywords of questions the bot should not
	// answer (_out-of-scope.md); nil when the folder has none. When it is the
	// best match for a message, the reply is the fallback. Its Answer, when
	// not empty, replaces the fallback text for those messages.
	OutOfScope *Intent
	// NoBackground turns off the built-in background sentences
	// (background: false in _out-of-scope.md), for a folder whose topics
	// are the everyday questions they stand for.
	NoBackground bool
	// Synonyms map a variant word or phrase to its canonical form (_synonyms.yaml).
	Synonyms []Synonym
	// DefaultLanguage is the language of the unmarked content.
	DefaultLanguage string
	// Languages are every language the folder has content in: the default
	// first, then the others in order.
	Languages []string
	// Texts are the special files' texts in the other languages, by code.
	Texts map[string]Texts
	// LangSynonyms are the synonyms of the other languages
	// (_synonyms.CODE.yaml), by code.
	LangSynonyms map[string][]Synonym
	// Version is a short content hash of every file that was loaded.
	Version string
	// reviewLines locates each file's review_by, for lint.
	reviewLines map[string]int
}

// Synonym rewrites Variant to Canonical before matching. Both may be several words.
type Synonym struct {
	Variant   string
	Canonical string
	// Line is where the synonym is defined in _synonyms.yaml.
	Line int
}

// Intent returns the intent with the given id, and whether it exists.
func (k *Knowledge) Intent(id string) (Intent, bool) {
	for _, in := range k.Intents {
		if in.ID == id {
			return in, true
		}
	}
	return Intent{}, false
}
