package intents

import "github.com/goccy/go-yaml/ast"

// record is one mapping of a list of mappings ("- title: ...\n  url: ..."),
// with the line of its first key.
type record struct {
	pairs map[string]frontValue
	line  int
}

// records reads a front-matter value that must be a list of mappings whose
// keys are among allowed. Problems go to the file p; ok is false after one.
func (l *loader) records(p string, v frontValue, allowed ...string) ([]record, bool) {
	var seq []ast.Node
	switch n := v.node.(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.SequenceNode:
		seq = n.Values
	default:
		l.add(p, v.line, Error, "expected a list of entries (\"- key: value\" lines)")
		return nil, false
	}
	var out []record
	ok := true
	for _, item := range seq {
		var kvs []*ast.MappingValueNode
		switch m := item.(type) {
		case *ast.MappingNode:
			kvs = m.Values
		case *ast.MappingValueNode:
			kvs = []*ast.MappingValueNode{m}
		default:
			l.add(p, nodeLine(item, v.off), Error, "expected an entry of \"key: value\" lines, found text")
			ok = false
			continue
		}
		r := record{pairs: map[string]frontValue{}, line: nodeLine(item, v.off)}
		for _, kv := range kvs {
			key, line := keyText(kv), nodeLine(kv.Key, v.off)
			if r.line == v.off {
				r.line = line
			}
			known := false
			for _, a := range allowed {
				known = known || a == key
			}
			switch {
			case !known:
				l.add(p, line, Error, "unknown key %q in an entry (known: %s)", key, joinKeys(allowed))
				ok = false
			case r.pairs[key].line > 0:
				l.add(p, line, Error, "key %q is repeated in an entry", key)
				ok = false
			default:
				r.pairs[key] = frontValue{node: kv.Value, line: line, off: v.off}
			}
		}
		out = append(out, r)
	}
	return out, ok
}

func joinKeys(keys []string) string {
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += k
	}
	return s
}
