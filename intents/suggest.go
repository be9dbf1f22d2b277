package intents

import (
	"strings"

	"github.com/sahilm/fuzzy"
)

// Suggestion is a topic offered while someone types, as in a chat
// platform's autocomplete.
type Suggestion struct {
	ID    string
	Title string
}

// titleSource lets sahilm/fuzzy search intent titles and ids together.
type titleSource []Intent

func (s titleSource) String(i int) string { return s[i].Title + " " + s[i].ID }
func (s titleSource) Len() int            { return len(s) }

// SuggestTitles returns up to n topics for a partly typed query. Titles are
// ranked by fuzzy subsequence matching, so "slf" finds "Selfie step"; when
// that finds fewer than n (a query typed as a sentence), the best matches of
// the query as a message fill the rest. An empty query gives the first n
// topics.
func (ix *Index) SuggestTitles(query string, n int) []Suggestion {
	in := ix.knowledge.Intents
	query = strings.TrimSpace(truncate(query, 100))
	var out []Suggestion
	seen := map[int]bool{}
	add := func(i int) {
		if !seen[i] && len(out) < n {
			seen[i] = true
			out = append(out, Suggestion{ID: in[i].ID, Title: in[i].Title})
		}
	}
	if query == "" {
		for i := range in {
			add(i)
		}
		return out
	}
	for _, m := range fuzzy.FindFrom(query, titleSource(in)) {
		add(m.Index)
	}
	for _, c := range ix.Match(query).Candidates {
		add(c.intent)
	}
	return out
}
