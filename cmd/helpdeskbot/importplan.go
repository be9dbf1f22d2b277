package main

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// importMinExamples is the fewest examples the knowledge loader accepts for
// an intent; the written folder is loaded at the end, which would catch a
// change of the loader's rule.
const importMinExamples = 3

// maxImportTitle is the longest title the loader accepts without a warning.
const maxImportTitle = 60

// topic is one intent to write.
type topic struct {
	Label, ID, Title string
	Examples         []string
}

// sharedSentence is a sentence found under two or more labels.
type sharedSentence struct {
	Text   string
	Labels []string
}

// tooFew is a label left out because it has too few examples.
type tooFew struct {
	Label    string
	Examples int
}

// importPlan is the knowledge folder to write, and what was left out.
type importPlan struct {
	Topics []topic
	// OutOfScope are the examples of _out-of-scope.md.
	OutOfScope []string
	// OutOfScopeLabels are the labels read as out of scope.
	OutOfScopeLabels []string
	// Tests are the held-out sentences, labelled with intent ids or
	// bot.OutOfScope.
	Tests []bot.Case
	// Shared are the training sentences found under several labels; they
	// are left out of every intent.
	Shared []sharedSentence
	// TooFew are the labels left out for having too few examples, and
	// DroppedTests the held-out sentences of those labels.
	TooFew       []tooFew
	DroppedTests int
	// NoWords counts sentences with no label or no letter or digit, left out.
	NoWords int
	// Repeated counts training sentences repeated under their label, kept once.
	Repeated int
	// TooFewOutOfScope counts the out-of-scope examples when they are too
	// few for an _out-of-scope.md, which is then not written.
	TooFewOutOfScope int
	// Unused counts validation sentences left out by --split train.
	Unused int
	// Examples counts the examples written, out-of-scope ones included.
	Examples int
}

// isOutOfScopeLabel reports whether a label names out-of-scope sentences:
// none, oos, None, out_of_scope and the like.
func isOutOfScopeLabel(label string) bool {
	switch strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, label) {
	case "none", "oos", "outofscope":
		return true
	}
	return false
}

// planImport groups the sentences into topics. With split "train", only
// training sentences become examples and the held-out ones become tests;
// with "all", every sentence is an example.
func planImport(ds dataset, split string) importPlan {
	var p importPlan
	type group struct {
		label    string
		oos      bool
		examples []string
		keys     []string
	}
	var groups []*group
	byLabel := map[string]*group{}
	labelsOf := map[string][]string{} // example key -> labels, in order
	firstText := map[string]string{}
	var tests []sentence
	for _, s := range ds.Sentences {
		text := strings.Join(strings.Fields(s.Text), " ")
		label := strings.TrimSpace(s.Label)
		key := exampleKey(text)
		if key == "" || label == "" {
			p.NoWords++
			continue
		}
		if split != "all" && s.Part == partTest {
			tests = append(tests, sentence{Text: text, Label: label})
			continue
		}
		if split != "all" && s.Part == partVal {
			p.Unused++
			continue
		}
		oos := isOutOfScopeLabel(label)
		gkey := label
		if oos {
			gkey = "\x00out of scope"
		}
		g := byLabel[gkey]
		if g == nil {
			g = &group{label: label, oos: oos}
			byLabel[gkey] = g
			groups = append(groups, g)
		}
		if oos && !slices.Contains(p.OutOfScopeLabels, label) {
			p.OutOfScopeLabels = append(p.OutOfScopeLabels, label)
		}
		if ls := labelsOf[key]; slices.Contains(ls, gkey) {
			p.Repeated++
			continue
		}
		labelsOf[key] = append(labelsOf[key], gkey)
		if _, ok := firstText[key]; !ok {
			firstText[key] = text
		}
		g.examples = append(g.examples, text)
		g.keys = append(g.keys, key)
	}
	sharedKeys := map[string]bool{}
	for _, g := range groups {
		for _, key := range g.keys {
			if ls := labelsOf[key]; len(ls) > 1 && !sharedKeys[key] {
				sharedKeys[key] = true
				names := make([]string, len(ls))
				for i, l := range ls {
					names[i] = byLabel[l].label
					if byLabel[l].oos {
						names[i] = bot.OutOfScope
					}
				}
				p.Shared = append(p.Shared, sharedSentence{Text: firstText[key], Labels: names})
			}
		}
	}

	ids := map[string]string{} // label -> id
	taken := map[string]bool{intents.OutOfScopeID: true}
	for _, g := range groups {
		var kept []string
		for i, ex := range g.examples {
			if !sharedKeys[g.keys[i]] {
				kept = append(kept, ex)
			}
		}
		if g.oos {
			if len(kept) >= importMinExamples {
				p.OutOfScope = kept
				p.Examples += len(kept)
			} else {
				p.TooFewOutOfScope = len(kept)
			}
			continue
		}
		if len(kept) < importMinExamples {
			p.TooFew = append(p.TooFew, tooFew{Label: g.label, Examples: len(kept)})
			continue
		}
		id := uniqueID(intentID(g.label), taken)
		ids[g.label] = id
		p.Topics = append(p.Topics, topic{Label: g.label, ID: id, Title: intentTitle(g.label), Examples: kept})
		p.Examples += len(kept)
	}
	for _, s := range tests {
		var intent string
		switch {
		case isOutOfScopeLabel(s.Label):
			intent = bot.OutOfScope
		case ids[s.Label] != "":
			intent = ids[s.Label]
		default:
			if !slices.ContainsFunc(p.TooFew, func(t tooFew) bool { return t.Label == s.Label }) {
				p.TooFew = append(p.TooFew, tooFew{Label: s.Label})
			}
			p.DroppedTests++
			continue
		}
		p.Tests = append(p.Tests, bot.Case{Intent: intent, Message: s.Text})
	}
	return p
}

// exampleKey is the form in which the knowledge loader counts two examples
// as the same: lowercase words of letters and digits.
func exampleKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// labelWords splits an intent name into words: at spaces, punctuation and
// underscores, and where camelCase changes case ("FindConnection",
// "getATMLocation").
func labelWords(label string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(label)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if unicode.IsUpper(r) && len(cur) > 0 {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// intentID makes a kebab-case id from an intent name: "card_arrival" ->
// "card-arrival", "FindConnection" -> "find-connection". Letters outside
// a-z are dropped.
func intentID(label string) string {
	var parts []string
	for _, w := range labelWords(label) {
		w = strings.Map(func(r rune) rune {
			r = unicode.ToLower(r)
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				return r
			}
			return -1
		}, w)
		if w != "" {
			parts = append(parts, w)
		}
	}
	if len(parts) == 0 {
		return "intent"
	}
	return strings.Join(parts, "-")
}

// uniqueID returns id, or id-2, id-3... when it is taken, and takes it.
func uniqueID(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = id + "-" + strconv.Itoa(n)
	}
	taken[out] = true
	return out
}

// intentTitle makes a readable title from an intent name: "card_arrival" ->
// "Card arrival", "FindConnection" -> "Find connection"; acronyms stay.
func intentTitle(label string) string {
	words := labelWords(label)
	for i, w := range words {
		if len([]rune(w)) < 2 || strings.ToUpper(w) != w {
			words[i] = strings.ToLower(w)
		}
	}
	title := strings.Join(words, " ")
	if title == "" {
		title = strings.TrimSpace(label)
	}
	if rs := []rune(title); len(rs) > maxImportTitle {
		title = string(rs[:maxImportTitle])
		if i := strings.LastIndexByte(title, ' '); i > maxImportTitle/2 {
			title = title[:i]
		}
	}
	if rs := []rune(title); len(rs) > 0 {
		rs[0] = unicode.ToUpper(rs[0])
		title = string(rs)
	}
	return title
}
