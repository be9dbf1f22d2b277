package console_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// editedSources answers from the shipped knowledge, with a copy of it on
// disk edited by edit.
func editedSources(t *testing.T, edit func(dir string)) console.Sources {
	t.Helper()
	src := sources(t)
	answering, answeringProblems := shippedLint()
	dir := testkit.CopyDir(t, "../../knowledge")
	edit(dir)
	disk, diskProblems := intents.Lint(intents.Dir(dir), time.Now())
	v := console.Versions{Answering: answering, AnsweringProblems: answeringProblems, Since: time.Now().Add(-time.Hour),
		Folder: dir, Disk: disk, DiskProblems: diskProblems}
	src.Knowledge = func() console.Versions { return v }
	return src
}

func appendExamples(t *testing.T, file string, examples ...string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := "examples:\n"
	for _, ex := range examples {
		lines += "  - " + ex + "\n"
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), "examples:\n", lines, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEditImpactPage(t *testing.T) {
	tests := []struct {
		name string
		src  func(t *testing.T) console.Sources
		want []string
	}{
		{"built-in knowledge", func(t *testing.T) console.Sources { return sources(t) }, []string{"there is no folder to edit"}},
		{"no edit", func(t *testing.T) console.Sources { return editedSources(t, func(string) {}) }, []string{"there is no edit to compare yet"}},
		{"a broken edit", func(t *testing.T) console.Sources {
			return editedSources(t, func(dir string) {
				os.WriteFile(filepath.Join(dir, "capture", "nfc.md"), []byte("---\nid: [\n---\n"), 0o644)
			})
		}, []string{"The folder on disk has errors"}},
		{"an edit that takes questions from the selfie topic", func(t *testing.T) console.Sources {
			return editedSources(t, func(dir string) {
				appendExamples(t, filepath.Join(dir, "capture", "lighting-glare.md"),
					"stuck on selfie", "stuck on the selfie", "selfie stuck", "i am stuck on selfie again", "still stuck on selfie")
			})
		}, []string{`id="disk-version"`, "<code>capture/lighting-glare.md:", "1 of 4 questions would change (25.0%)",
			"<td>answered selfie</td><td>answered lighting-glare</td><td>stuck on selfie</td>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, console.Handler(tt.src(t), ""), "/console/diff")
			if code != 200 {
				t.Fatalf("status %d", code)
			}
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("the page lacks %q:\n%s", want, body)

				}
			}
		})
	}
}
