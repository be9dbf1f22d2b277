package bot

import (
	"path"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// MatcherOf returns ix as a Matcher.
func MatcherOf(ix *intents.Index) Matcher { return indexMatcher{ix} }

type indexMatcher struct{ ix *intents.Index }

func (im indexMatcher) Match(text string) Match { return fromMatch(im.ix.Match(text)) }

func (im indexMatcher) MatchIn(text, lang string) Match { return fromMatch(im.ix.MatchIn(text, lang)) }

func (im indexMatcher) Languages() []string { return im.ix.Languages() }

func (im indexMatcher) Language(text string) string { return im.ix.Language(text) }

func fromMatch(m intents.Match) Match {
	out := Match{OutOfScope: m.OutOfScope, Terms: m.Terms, Unknown: m.Unknown}
	if len(m.Candidates) > 0 {
		out.Candidates = make([]Candidate, len(m.Candidates))
		for i, c := range m.Candidates {
			out.Candidates[i] = Candidate{Intent: c.ID, Confidence: c.Confidence, Among: c.Among, Example: c.Example}
		}
	}
	return out
}

// KnowledgeOf returns the texts a bot replies with from a loaded
// knowledge folder.
func KnowledgeOf(k *intents.Knowledge) *Knowledge {
	out := &Knowledge{
		Version: k.Version, Guidance: k.Guidance, GuidanceShort: k.GuidanceShort, Fallback: k.Fallback,
		FallbackTopics: k.FallbackTopics, Clarify: k.Clarify,
		Topics: make([]Topic, len(k.Intents)),
	}
	if k.OutOfScope != nil {
		out.OutOfScope = k.OutOfScope.Answer
	}
	if len(k.Languages) > 1 {
		out.Languages = k.Languages
		out.Langs = make(map[string]Texts, len(k.Texts))
		for _, lang := range k.Languages[1:] {
			t := k.Texts[lang]
			lt := Texts{Guidance: t.Guidance, GuidanceShort: t.GuidanceShort, Fallback: t.Fallback, Clarify: t.Clarify, Note: t.Note}
			if k.OutOfScope != nil {
				lt.OutOfScope = k.OutOfScope.Langs[lang].Answer
			}
			out.Langs[lang] = lt
		}
	}
	for i, in := range k.Intents {
		out.Topics[i] = Topic{ID: in.ID, Title: in.Title, Answer: in.Answer, Contact: in.Contact, Related: in.Related, ReviewBy: in.ReviewBy, DiscordTag: in.DiscordTag, Folder: folderOf(in.File)}
		for _, l := range in.Links {
			out.Topics[i].Links = append(out.Topics[i].Links, Link{Title: l.Title, URL: l.URL})
		}
		for lang, t := range in.Langs {
			if out.Topics[i].Langs == nil {
				out.Topics[i].Langs = map[string]TopicText{}
			}
			out.Topics[i].Langs[lang] = TopicText{Title: t.Title, Answer: t.Answer}
		}
		for _, f := range in.FollowUps {
			out.Topics[i].FollowUps = append(out.Topics[i].FollowUps, FollowUp{Examples: f.Examples, Answer: f.Answer})
		}
	}
	return out
}

// folderOf is the sub-folder of a file's path in the knowledge folder:
// "" at its top.
func folderOf(file string) string {
	if d := path.Dir(file); d != "." && d != "/" {
		return d
	}
	return ""
}
