package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// Placeholder texts of an imported folder's special files: neutral, so that
// the folder loads and answers, and meant to be rewritten.
const (
	importedGuidance = "If this did not answer your question, please contact our support team."
	importedFallback = "Sorry, I don't have an answer for that yet. Could you say it in other words?"
)

// errNotEmpty is returned when the import folder already holds files.
var errNotEmpty = errors.New("is not empty (use --force to write into it)")

// checkImportDir fails when dir holds anything, unless force.
func checkImportDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0 && !force:
		return errNotEmpty
	}
	return nil
}

// writeFolder writes the plan's knowledge folder into dir, and its tests to
// testsPath unless it is empty.
func writeFolder(p importPlan, dir, testsPath string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{
		intents.GuidanceFile: []byte(importedGuidance + "\n"),
		intents.FallbackFile: []byte(importedFallback + "\n"),
	}
	for _, t := range p.Topics {
		files[topicFileName(t.ID)] = topicFile(t)
	}
	if len(p.OutOfScope) > 0 {
		files[intents.OutOfScopeFile] = outOfScopeFile(p)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	if testsPath != "" && len(p.Tests) > 0 {
		var b bytes.Buffer
		writeTests(&b, p.Tests)
		if err := os.WriteFile(testsPath, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// topicFileName is the file of an intent: its id, which is safe in any file
// system, except that README.md files are documentation, not intents.
func topicFileName(id string) string {
	if strings.EqualFold(id, "readme") {
		return id + "-topic.md"
	}
	return id + ".md"
}

func topicFile(t topic) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "id: %s\n", t.ID)
	fmt.Fprintf(&b, "title: %s\n", yamlScalar(t.Title))
	if t.Label != t.ID {
		fmt.Fprintf(&b, "# imported from intent %s\n", yamlScalar(t.Label))
	}
	writeExamples(&b, t.Examples)
	b.WriteString("---\n")
	b.WriteString(intents.PlaceholderAnswer + "\n")
	return b.Bytes()
}

func outOfScopeFile(p importPlan) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# imported from the sentences labelled %s\n", strings.Join(p.OutOfScopeLabels, ", "))
	writeExamples(&b, p.OutOfScope)
	b.WriteString("---\n")
	return b.Bytes()
}

func writeExamples(b *bytes.Buffer, examples []string) {
	b.WriteString("examples:\n")
	for _, ex := range examples {
		fmt.Fprintf(b, "  - %s\n", yamlScalar(ex))
	}
}

// writeTests writes cases as a tests file: a header line, then
// intent<TAB>message lines.
func writeTests(w io.Writer, cases []bot.Case) {
	fmt.Fprintln(w, "intent\tmessage")
	for _, c := range cases {
		fmt.Fprintf(w, "%s\t%s\n", c.Intent, strings.Join(strings.Fields(c.Message), " "))
	}
}

// yamlScalar writes s as a YAML scalar: plain when that reads back as the
// same text, else double-quoted (a JSON string is a YAML double-quoted one).
func yamlScalar(s string) string {
	if plainYAML(s) {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// plainYAML reports whether s can be written unquoted: it starts with a
// letter, holds no character YAML could read as syntax, and is not a word
// YAML reads as a boolean or null.
func plainYAML(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	first := []rune(s)[0]
	if !(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z') {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune(" .,?!'()/-+$%_", r):
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return false
	}
	return true
}
