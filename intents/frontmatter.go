package intents

import (
	"bytes"
	"strings"
)

// document is a Markdown file split into its YAML front matter and its body.
type document struct {
	// front is the YAML between the "---" lines; frontLine is the file line
	// just before its first line, so YAML line n is file line frontLine+n.
	front     []byte
	frontLine int
	hasFront  bool
	// body is the Markdown after the front matter; bodyLine is its first line.
	body     string
	bodyLine int
}

// splitFrontMatter separates front matter from body. A file that does not
// start with "---" has no front matter and is all body. closed is false when
// the front matter never ends.
func splitFrontMatter(src []byte) (doc document, closed bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		return document{body: text, bodyLine: 1}, true
	}
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t\n")
		if l == "---" || l == "..." {
			return document{
				front:     []byte(strings.Join(lines[1:i], "")),
				frontLine: 1,
				hasFront:  true,
				body:      strings.Join(lines[i+1:], ""),
				bodyLine:  i + 2,
			}, true
		}
	}
	return document{front: []byte(strings.Join(lines[1:], "")), frontLine: 1, hasFront: true}, false
}

// textLine is the line to point at for text missing after the front
// matter: the body's first line, or the closing --- when the file ends
// there (so that the line exists).
func (d document) textLine() int {
	if d.body == "" && d.hasFront && d.bodyLine > 1 {
		return d.bodyLine - 1
	}
	return d.bodyLine
}
