package bot

// Matcher reads a message against a knowledge's topics: the ranked
// candidates and the evidence the bot decides on. It must be safe for
// concurrent use, and the same message must always give the same Match.
type Matcher interface {
	Match(text string) Match
}

// MatcherFunc lets an ordinary function be a Matcher.
type MatcherFunc func(text string) Match

// Match calls f.
func (f MatcherFunc) Match(text string) Match { return f(text) }

// Match is a matcher's reading of one message.
type Match struct {
	// Candidates are the topics that may answer, best first, named by the
	// ids of the Knowledge's topics.
	Candidates []Candidate
	// OutOfScope is the confidence that the message is one the knowledge
	// should not answer, on the candidates' scale; 0 when it cannot tell.
	OutOfScope float64
	// Terms are the message's words the knowledge knows (after stemming,
	// typo correction and synonyms).
	Terms []string
	// Unknown are the message's words the knowledge never uses.
	Unknown []string
}

// Candidate is a ranked topic behind a reply.
type Candidate struct {
	// Intent is the topic's id.
	Intent string `json:"intent"`
	// Confidence in [0, 1] that this topic is the right one.
	Confidence float64 `json:"confidence"`
	// Among is the confidence that the right topic is this one or one
	// ranked above it: what offering them all as choices is worth.
	Among float64 `json:"among,omitempty"`
	// Example is the topic's example closest to the message.
	Example string `json:"example,omitempty"`
}
