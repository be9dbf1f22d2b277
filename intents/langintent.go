package intents

import (
	"slices"
	"strings"
)

// translations reads an intent's other languages from its lang: blocks
// and the parts of its body after lang markers. A language with examples
// but no answer is an error, an answer without examples a warning (the
// answer is given only when the message is matched by the other
// languages' examples). The out-of-scope file needs no answers.
func (l *loader) translations(p, id string, blocks map[string]langBlock, bodies map[string]bodyPart, outOfScope bool) (map[string]Translation, bool) {
	codes := make([]string, 0, len(blocks)+len(bodies))
	for c := range blocks {
		codes = append(codes, c)
	}
	for c := range bodies {
		if _, ok := blocks[c]; !ok {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return nil, true
	}
	slices.Sort(codes)
	valid := true
	out := make(map[string]Translation, len(codes))
	for _, code := range codes {
		b, hasBlock := blocks[code]
		body, hasBody := bodies[code]
		t := Translation{Answer: body.text, Line: body.line}
		if hasBlock {
			t.Line = b.line
		}
		if v, ok := b.pairs["title"]; ok {
			title, ok := l.text(p, v)
			t.Title = strings.TrimSpace(title)
			switch {
			case !ok:
				valid = false
			case t.Title == "":
				l.add(p, v.line, Error, "lang: %s: title is empty; remove the key or write it", code)
				valid = false
			case len([]rune(t.Title)) > maxTitle:
				l.add(p, v.line, Warning, "lang: %s: title is longer than %d characters; buttons and menus will cut it", code, maxTitle)
			}
		}
		if v, ok := b.pairs["examples"]; ok {
			items, ok := l.list(p, v)
			var good bool
			t.Examples, t.ExampleLines, good = l.examples(p, id, items)
			valid = valid && ok && good
		}
		if v, ok := b.pairs["keywords"]; ok {
			var good bool
			t.Keywords, good = l.keywords(p, v)
			valid = valid && good
		}
		switch {
		case outOfScope:
		case hasBody && t.Answer == "":
			l.add(p, body.line, Error, "lang: %s: the answer after the marker is empty", code)
			valid = false
		case len(t.Examples) > 0 && !hasBody:
			l.add(p, b.line, Error, "lang: %s has examples but no answer: add the answer after a line <!-- lang: %s --> in the body", code, code)
			valid = false
		case hasBody && len(t.Examples) == 0:
			l.add(p, t.Line, Warning, "lang: %s has an answer but no examples: add examples under lang: %s: examples:, or messages in %s match only through the other languages' examples", code, code, code)
		}
		out[code] = t
	}
	return out, valid
}
