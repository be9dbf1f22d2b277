package intents

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Severity says whether a Problem stops a knowledge folder from loading.
type Severity int

const (
	// Error problems make the knowledge folder unusable: Load refuses it.
	Error Severity = iota
	// Warning problems are worth fixing but do not stop loading.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with a knowledge folder, located at a file and line.
type Problem struct {
	File     string
	Line     int
	Severity Severity
	Message  string
	// KnockOn, when not empty, is the file whose own error causes this
	// problem, such as a related id that is missing because the file
	// with that id did not load: fixing that file fixes this problem.
	KnockOn string
}

// String formats the problem as "file:line: message", the form editors and CI logs understand.
// Warnings carry a "warning: " prefix before the message.
func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	msg := escapeControl(p.Message)
	if p.KnockOn != "" {
		msg += " (knock-on error: " + p.KnockOn + " did not load)"
	}
	if p.Severity == Warning {
		return loc + ": warning: " + msg
	}
	return loc + ": " + msg
}

// escapeControl shows the control characters of s as Go escapes (\t, \n,
// \x1b), so that a problem stays on one line and shows what is there.
func escapeControl(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// Problems is the error Load returns when a knowledge folder has errors.
// It lists every problem found, warnings included, in file order.
type Problems []Problem

// sortProblems puts problems in file order, then line order, keeping the
// order they were found in within a line.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
}

// Error joins the problems one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any problem has Error severity.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// RootCauses returns the errors that are not knock-on errors of others,
// in order.
func (ps Problems) RootCauses() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Error && p.KnockOn == "" {
			out = append(out, p)
		}
	}
	return out
}
