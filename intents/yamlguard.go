package intents

import (
	"bytes"
	"fmt"
)

// Limits on the YAML the loader parses (front matter, _synonyms.yaml). The
// YAML parser has no limits of its own: nesting makes it use memory
// quadratically (a 200 KB nested list is gigabytes) and so do many keys in
// one mapping. Within these limits it stays within a few tens of megabytes;
// a topic uses a few kilobytes, two levels and a dozen keys.
const (
	maxYAMLBytes = 64 << 10
	maxYAMLDepth = 20
	// maxYAMLCount bounds the characters that open a key (":"), a block
	// list item ("- ") or a flow list or mapping ("[", "{"), wherever they
	// are. It caps the parser's work even where the depth scan would read
	// the text differently from the parser.
	maxYAMLCount = 1000
)

// checkYAML scans src, YAML whose line n is file line lineOffset+n, and
// refuses it before it reaches the parser when it is too large, nests too
// deep, or has too many keys, list items or flow collections. what names
// the text in the message ("front matter", "YAML").
func checkYAML(src []byte, lineOffset int, what string) *located {
	s := yamlScan{scalarCol: -1}
	size, keys, items, flows := 0, 0, 0, 0
	for n, rest := 1, src; len(rest) > 0; n++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		rest = after
		at := lineOffset + n
		if size += len(line) + 1; size > maxYAMLBytes {
			msg := what + " is larger than 64 KiB"
			if what == "front matter" {
				msg += ": a topic needs far less"
			}
			return &located{line: at, msg: msg}
		}
		if s.scan(line) > maxYAMLDepth {
			return &located{line: at, msg: fmt.Sprintf("%s nests lists and mappings more than %d levels deep", what, maxYAMLDepth)}
		}
		for i, c := range line {
			switch c {
			case ':':
				keys++
			case '[', '{':
				flows++
			case '-':
				if i+1 == len(line) || isYAMLSpace(line[i+1]) {
					items++
				}
			}
		}
		switch {
		case keys > maxYAMLCount:
			return &located{line: at, msg: fmt.Sprintf("%s has more than %d keys (\":\")", what, maxYAMLCount)}
		case items > maxYAMLCount:
			return &located{line: at, msg: fmt.Sprintf("%s has more than %d list items (\"- \")", what, maxYAMLCount)}
		case flows > maxYAMLCount:
			return &located{line: at, msg: fmt.Sprintf("%s has more than %d lists and mappings (\"[\" and \"{\")", what, maxYAMLCount)}
		}
	}
	return nil
}

func isYAMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r'
}

// yamlScan follows YAML line by line closely enough to tell how deep its
// collections nest: block collections by their columns, flow collections
// by their brackets, skipping quoted text, comments and block scalars. It
// errs towards counting more levels than there are.
type yamlScan struct {
	stack     []int // columns of the open block collections
	flow      int   // open flow collections
	quote     byte  // the quote of a quoted scalar that goes on to the next line
	scalarCol int   // >= 0: in a block scalar (| or >) whose parent is at this column
	node      bool  // the next token starts a node
}

// scan reads one line and returns the deepest nesting on it.
func (s *yamlScan) scan(line []byte) int {
	line = bytes.TrimSuffix(line, []byte("\r"))
	indent := 0
	for indent < len(line) && (line[indent] == ' ' || line[indent] == '\t') {
		indent++
	}
	blank := indent == len(line)
	if s.scalarCol >= 0 {
		if blank || indent > s.scalarCol {
			return len(s.stack) + s.flow
		}
		s.scalarCol = -1
	}
	i, parent, start := 0, 0, 0
	if s.quote == 0 && s.flow == 0 {
		if blank || line[indent] == '#' {
			return len(s.stack)
		}
		for len(s.stack) > 0 && s.stack[len(s.stack)-1] >= indent {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.stack = append(s.stack, indent)
		i, parent = indent, indent
		// Compact block indicators: "- - x", "? x", ": x".
		for i < len(line) && (line[i] == '-' || line[i] == '?' || line[i] == ':') && (i+1 == len(line) || isYAMLSpace(line[i+1])) {
			parent = i
			i++
			for i < len(line) && isYAMLSpace(line[i]) {
				i++
			}
			if i < len(line) && line[i] != '#' {
				s.stack = append(s.stack, i)
			}
		}
		s.node = true
	}
	deepest := len(s.stack) + s.flow
	adjacent := false // just after a quoted scalar or a flow collection: ":" needs no space
	for ; i < len(line); i++ {
		c := line[i]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote && s.quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
				i++
			case c == s.quote:
				s.quote, s.node, adjacent = 0, false, true
			}
			continue
		}
		if c == ' ' || c == '\t' {
			continue
		}
		if c == '#' && (i == 0 || isYAMLSpace(line[i-1])) {
			break // a comment
		}
		if s.node {
			switch c {
			case '\'', '"':
				s.quote, s.node, start = c, false, i
				continue
			case '[', '{':
				s.flow++
				deepest = max(deepest, len(s.stack)+s.flow)
				continue
			case '|', '>':
				if s.flow == 0 {
					s.scalarCol = parent
					return deepest
				}
			case '!', '&':
				// A tag or an anchor: the node follows it.
				for i+1 < len(line) && !isYAMLSpace(line[i+1]) && (s.flow == 0 || !isFlowIndicator(line[i+1])) {
					i++
				}
				continue
			}
			s.node, start = false, i // a plain scalar, an alias, or an indicator below
		}
		switch {
		case c == ':' && (adjacent || i+1 == len(line) || isYAMLSpace(line[i+1]) || (s.flow > 0 && isFlowIndicator(line[i+1]))):
			s.node = true
			if s.flow == 0 {
				parent = start // a block key: its mapping's column
			}
		case s.flow > 0 && c == ',':
			s.node = true
		case s.flow > 0 && (c == '[' || c == '{'):
			s.flow++
			s.node = true
			deepest = max(deepest, len(s.stack)+s.flow)
		case s.flow > 0 && (c == ']' || c == '}'):
			s.flow--
			adjacent = true
			continue
		}
		adjacent = false
	}
	return deepest
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}
