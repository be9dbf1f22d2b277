package intents

import (
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// DefaultLanguage is the language of a folder's unmarked content when its
// _guidance.md names none (see LanguageKey).
const DefaultLanguage = "en"

// langCode is a language code as a folder writes it: a lowercase primary
// tag of two or three letters, optionally a region ("es", "pt-BR").
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-([A-Z]{2}|[0-9]{3}))?$`)

// ValidLanguage reports whether code is a language code a knowledge folder
// may use: "es", "fr", "pt-BR".
func ValidLanguage(code string) bool { return langCode.MatchString(code) }

// langMarker is a body line that starts the answer in another language.
var langMarker = regexp.MustCompile(`^<!--\s*lang:\s*(\S*)\s*-->$`)

// Translation is a topic's text in one language other than the folder's
// default: the lang: block of its front matter and its part of the body.
// Empty fields fall back to the default language's.
type Translation struct {
	// Title is the title in this language.
	Title string
	// Examples are things people write in this language.
	Examples []string
	// ExampleLines are the lines of Examples in the file.
	ExampleLines []int
	// Keywords are single words that signal the topic in this language.
	Keywords []string
	// Answer is the reply in this language, in Markdown.
	Answer string
	// Line is where the language's front-matter block starts, or its
	// answer when it has no block.
	Line int
}

// Texts are a folder's special texts in one language other than the
// default: the parts of _guidance.md, _fallback.md, _clarify.md and
// _out-of-scope.md after their lang markers.
type Texts struct {
	Guidance      string
	GuidanceShort string
	Fallback      string
	Clarify       string
	// OutOfScope is the out-of-scope answer in this language.
	OutOfScope string
	// Note is the line that says an answer is given in the default
	// language because this one lacks it (note: in _fallback.md's lang
	// block).
	Note string
}

// bodyPart is the part of a body in one language, with the line it
// starts on.
type bodyPart struct {
	lang string
	text string
	line int
}

// splitBody splits a body at lines that are exactly <!-- lang: CODE -->.
// The part before the first marker has lang "" (the default language).
// A marker whose code is not valid is reported in bad with its line.
func splitBody(body string, firstLine int) (parts []bodyPart, bad []located) {
	lines := strings.SplitAfter(body, "\n")
	cur := bodyPart{line: firstLine}
	var b strings.Builder
	for i, l := range lines {
		m := langMarker.FindStringSubmatch(strings.TrimRight(l, " \t\r\n"))
		if m == nil {
			b.WriteString(l)
			continue
		}
		cur.text = b.String()
		parts = append(parts, cur)
		b.Reset()
		cur = bodyPart{lang: m[1], line: firstLine + i}
		if !ValidLanguage(m[1]) {
			bad = append(bad, located{line: firstLine + i, msg: "lang marker: \"" + m[1] + "\" is not a language code like es, fr or pt-BR"})
		}
	}
	cur.text = b.String()
	parts = append(parts, cur)
	return parts, bad
}

// bodyParts reads the body of p by language: the default language's text,
// and the others' by code. Bad or repeated markers are reported.
func (l *loader) bodyParts(p string, doc document) (string, map[string]bodyPart) {
	parts, bad := splitBody(doc.body, doc.bodyLine)
	for _, b := range bad {
		l.add(p, b.line, Error, "%s", b.msg)
	}
	var others map[string]bodyPart
	for _, part := range parts[1:] {
		if !ValidLanguage(part.lang) {
			continue
		}
		if part.lang == l.k.DefaultLanguage {
			l.add(p, part.line, Error, "lang marker: %s is the folder's default language: its text goes before the first marker", part.lang)
			continue
		}
		if prev, ok := others[part.lang]; ok {
			l.add(p, part.line, Error, "lang marker: %s is repeated (first on line %d)", part.lang, prev.line)
			continue
		}
		if others == nil {
			others = map[string]bodyPart{}
		}
		part.text = strings.TrimSpace(part.text)
		others[part.lang] = part
		l.uses(part.lang)
	}
	return strings.TrimSpace(parts[0].text), others
}

// uses records a language the folder has content in.
func (l *loader) uses(lang string) {
	if !slices.Contains(l.k.Languages, lang) {
		l.k.Languages = append(l.k.Languages, lang)
	}
}

// langBlock is one language of a front matter's lang: block: its keys.
type langBlock struct {
	line  int
	pairs map[string]frontValue
}

// langBlocks reads a front matter's lang: value: a mapping of language
// codes to mappings of the allowed keys. Each problem is reported at its
// line; ok is false when there was one.
func (l *loader) langBlocks(p string, v frontValue, allowed []string) (map[string]langBlock, bool) {
	pairs, isMap := mappingPairs(v.node)
	if !isMap {
		l.add(p, v.line, Error, "lang: expected language codes, each with %s", strings.Join(allowed, ", "))
		return nil, false
	}
	out := map[string]langBlock{}
	ok := true
	for _, kv := range pairs {
		code := strings.TrimSpace(keyText(kv))
		line := nodeLine(kv.Key, v.off)
		switch {
		case !ValidLanguage(code):
			l.add(p, line, Error, "lang: %q is not a language code like es, fr or pt-BR", code)
			ok = false
			continue
		case code == l.k.DefaultLanguage:
			l.add(p, line, Error, "lang: %s is the folder's default language: write its text outside the lang: block", code)
			ok = false
			continue
		case out[code].line > 0:
			l.add(p, line, Error, "lang: %s is repeated (first on line %d)", code, out[code].line)
			ok = false
			continue
		}
		inner, isMap := mappingPairs(kv.Value)
		if !isMap {
			l.add(p, line, Error, "lang: %s: expected %s", code, strings.Join(allowed, ", "))
			ok = false
			continue
		}
		b := langBlock{line: line, pairs: map[string]frontValue{}}
		for _, ikv := range inner {
			key := keyText(ikv)
			kline := nodeLine(ikv.Key, v.off)
			switch {
			case !slices.Contains(allowed, key):
				l.add(p, kline, Error, "lang: %s: unknown key %q (known: %s)", code, key, strings.Join(allowed, ", "))
				ok = false
			case b.pairs[key].line > 0:
				l.add(p, kline, Error, "lang: %s: key %q is repeated (first on line %d)", code, key, b.pairs[key].line)
				ok = false
			default:
				b.pairs[key] = frontValue{node: ikv.Value, line: kline, off: v.off}
			}
		}
		out[code] = b
		l.uses(code)
	}
	return out, ok
}

// mappingPairs returns the pairs of a mapping node; a null node is an
// empty mapping.
func mappingPairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

// synonymsLang reads the language code of a synonyms file of another
// language: "_synonyms.es.yaml" gives "es".
func synonymsLang(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, "_synonyms.")
	if !ok {
		return "", false
	}
	code, ok := strings.CutSuffix(rest, ".yaml")
	return code, ok && code != ""
}

// langSynonyms reads _synonyms.CODE.yaml.
func (l *loader) langSynonyms(p, code string) {
	switch {
	case !ValidLanguage(code):
		l.add(p, 0, Error, "%q is not a language code like es, fr or pt-BR: name the file _synonyms.CODE.yaml", code)
		return
	case code == l.k.DefaultLanguage:
		l.add(p, 0, Error, "%s is the folder's default language: its synonyms go in %s", code, SynonymsFile)
		return
	}
	syns := l.synonyms(p)
	if l.k.LangSynonyms == nil {
		l.k.LangSynonyms = map[string][]Synonym{}
	}
	l.k.LangSynonyms[code] = syns
	l.uses(code)
}

// checkLanguages puts the folder's languages in order and checks that
// every one has the guidance (every reply ends with it, in the reply's
// language), and that a language most topics have is in every topic.
func (l *loader) checkLanguages() {
	slices.Sort(l.k.Languages[1:])
	if l.seenGuidance && l.guidanceLangs != nil {
		for _, code := range l.k.Languages[1:] {
			if !l.guidanceLangs[code] {
				l.add(GuidanceFile, 0, Error, "missing the guidance in %s: every reply ends with the guidance in its language; add it after a line <!-- lang: %s -->", code, code)
			}
		}
	}
	if l.seenFallback {
		for _, code := range l.k.Languages[1:] {
			if l.k.Texts[code].Note == "" {
				l.add(FallbackFile, 0, Warning, "lang: %s has no note: answers a topic lacks in %s are given in %s without a line that says why; add lang: %s: note: to the front matter", code, code, l.k.DefaultLanguage, code)
			}
		}
	}
	if len(l.k.Intents) == 0 {
		return
	}
	for _, code := range l.k.Languages[1:] {
		var lacking []Intent
		for _, in := range l.k.Intents {
			if _, ok := in.Langs[code]; !ok {
				lacking = append(lacking, in)
			}
		}
		// A language that covers fewer than half of the topics is being
		// added: its missing topics are the work left, not mistakes.
		if 2*(len(l.k.Intents)-len(lacking)) < len(l.k.Intents) {
			continue
		}
		for _, in := range lacking {
			l.add(in.File, 1, Warning, "lacks language %s, which %d of %d topics have: messages in %s get the %s answer", code, len(l.k.Intents)-len(lacking), len(l.k.Intents), code, l.k.DefaultLanguage)
		}
	}
}
