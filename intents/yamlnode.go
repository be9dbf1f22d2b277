package intents

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// yamlMapping parses src as a YAML mapping. lineOffset is added to every line
// number so that positions point into the enclosing file. An empty document
// gives an empty mapping. YAML beyond the limits of checkYAML is refused
// without being parsed; what names it in the message.
func yamlMapping(src []byte, lineOffset int, what string) (pairs []*ast.MappingValueNode, loc *located) {
	if loc := checkYAML(src, lineOffset, what); loc != nil {
		return nil, loc
	}
	defer func() {
		// The YAML parser is not ours: whatever it does, a bad file must
		// give a problem, not take the process down.
		if recover() != nil {
			pairs, loc = nil, &located{line: lineOffset + 1, msg: "bad YAML: the parser could not read it"}
		}
	}()
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, yamlErrorAt(err, lineOffset)
	}
	if len(f.Docs) == 0 || f.Docs[0] == nil || f.Docs[0].Body == nil {
		return nil, nil
	}
	if len(f.Docs) > 1 {
		return nil, &located{line: lineOffset + 1, msg: "more than one YAML document"}
	}
	switch body := f.Docs[0].Body.(type) {
	case *ast.MappingNode:
		return body.Values, nil
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{body}, nil
	case *ast.NullNode:
		return nil, nil
	default:
		return nil, &located{line: nodeLine(body, lineOffset), msg: "expected \"key: value\" lines"}
	}
}

// located is a message at a line, before the file name is known.
type located struct {
	line int
	msg  string
}

func yamlErrorAt(err error, lineOffset int) *located {
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		line := lineOffset + 1
		if tok := yerr.GetToken(); tok != nil && tok.Position != nil {
			line = lineOffset + tok.Position.Line
		}
		return &located{line: line, msg: yamlMessage(yerr.GetMessage())}
	}
	return &located{line: lineOffset + 1, msg: yamlMessage(err.Error())}
}

// yamlMessage is the parser's message as a problem: control characters
// shown as escapes (a tab as \t), with a hint for tabs, which YAML never
// allows for indenting.
func yamlMessage(parser string) string {
	msg := "bad YAML: " + escapeControl(parser)
	if strings.Contains(parser, "\t") {
		msg += " (indent with spaces: YAML does not allow tabs there)"
	}
	return msg
}

func nodeLine(n ast.Node, lineOffset int) int {
	if n == nil {
		return lineOffset
	}
	tok := n.GetToken()
	if tok == nil || tok.Position == nil {
		return lineOffset
	}
	return lineOffset + tok.Position.Line
}

// yamlText returns a scalar node's text.
func yamlText(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case nil:
		return "", true
	case *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case ast.ScalarNode:
		return fmt.Sprint(v.GetValue()), true
	default:
		return "", false
	}
}

// yamlItem is one entry of a YAML list with its line.
type yamlItem struct {
	text string
	line int
}

// yamlList returns the items of a sequence node. ok is false when n is not a
// list of scalars; bad then points at the offending node.
func yamlList(n ast.Node, lineOffset int) (items []yamlItem, bad ast.Node, ok bool) {
	switch v := n.(type) {
	case nil, *ast.NullNode:
		return nil, nil, true
	case *ast.SequenceNode:
		for _, item := range v.Values {
			s, ok := yamlText(item)
			if !ok {
				return nil, item, false
			}
			items = append(items, yamlItem{text: s, line: nodeLine(item, lineOffset)})
		}
		return items, nil, true
	default:
		return nil, n, false
	}
}

func keyText(kv *ast.MappingValueNode) string {
	if kv.Key == nil {
		return ""
	}
	s, _ := yamlText(kv.Key)
	return s
}
