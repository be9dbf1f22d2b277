package intents_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// secret is what a file outside the knowledge folder holds; it must never
// reach the loaded knowledge.
const secret = "HELPDESK_API_TOKEN=s3cr3t"

// copyFolder copies the small test knowledge into dir/kb, next to a file
// dir/secret.md that holds secret, and returns dir/kb.
func copyFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	kb := filepath.Join(dir, "kb")
	err := filepath.WalkDir("testdata/small", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/small", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(kb, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(kb, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.md"), []byte("---\nid: secret\ntitle: Secret\nexamples: [a, b, c]\n---\n"+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "outside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "outside", "passwd.md"), []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return kb
}

// symlink replaces kb/name with a link to target.
func symlink(t *testing.T, kb, target, name string) {
	t.Helper()
	p := filepath.Join(kb, name)
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// parseWithin parses fsys, failing the test if that takes longer than a
// few seconds (a named pipe opened for reading waits for a writer).
func parseWithin(t *testing.T, fsys fs.FS) (*intents.Knowledge, intents.Problems) {
	t.Helper()
	type parsed struct {
		k        *intents.Knowledge
		problems intents.Problems
	}
	done := make(chan parsed, 1)
	go func() {
		k, problems := intents.Parse(fsys)
		done <- parsed{k, problems}
	}()
	select {
	case p := <-done:
		return p.k, p.problems
	case <-time.After(10 * time.Second):
		t.Fatal("Parse did not return within 10s")
		return nil, nil
	}
}

// knowledgeText is every text of k that a reply can carry.
func knowledgeText(k *intents.Knowledge) string {
	var b strings.Builder
	b.WriteString(k.Guidance + k.Fallback + k.Clarify)
	for _, in := range k.Intents {
		b.WriteString(in.Title + in.Answer + in.Contact + strings.Join(in.Examples, " "))
	}
	if k.OutOfScope != nil {
		b.WriteString(k.OutOfScope.Answer)
	}
	for _, s := range k.Synonyms {
		b.WriteString(s.Variant + s.Canonical)
	}
	return b.String()
}

func TestParseRefusesFilesOutsideTheFolder(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, kb string)
		want  string // one of the problems, as printed
	}{
		{"guidance to /proc/self/environ", func(t *testing.T, kb string) {
			symlink(t, kb, "/proc/self/environ", "_guidance.md")
		}, "_guidance.md:1: symlink points outside the knowledge folder"},
		{"absolute link to a file outside", func(t *testing.T, kb string) {
			symlink(t, kb, filepath.Join(filepath.Dir(kb), "secret.md"), "passwd.md")
		}, "passwd.md:1: symlink points outside the knowledge folder"},
		{"relative link up and out", func(t *testing.T, kb string) {
			symlink(t, kb, "../../secret.md", "capture/selfie.md")
		}, "capture/selfie.md:1: symlink points outside the knowledge folder"},
		{"fallback through a chain of links", func(t *testing.T, kb string) {
			symlink(t, kb, "capture/hop.md", "_fallback.md")
			symlink(t, kb, "../../secret.md", "capture/hop.md")
		}, "_fallback.md:1: symlink points outside the knowledge folder"},
		{"through a linked folder", func(t *testing.T, kb string) {
			symlink(t, kb, "../outside", "docs")
			symlink(t, kb, "docs/passwd.md", "passwd.md")
		}, "passwd.md:1: symlink points outside the knowledge folder"},
		{"linked folder", func(t *testing.T, kb string) {
			symlink(t, kb, "../outside", "docs")
		}, "docs:1: symlink points outside the knowledge folder"},
		{"synonyms", func(t *testing.T, kb string) {
			symlink(t, kb, "../secret.md", "_synonyms.yaml")
		}, "_synonyms.yaml:1: symlink points outside the knowledge folder"},
		{"regression tests", func(t *testing.T, kb string) {
			symlink(t, kb, "/proc/self/environ", "_tests.tsv")
		}, "_tests.tsv:1: symlink points outside the knowledge folder"},
		{"link to itself", func(t *testing.T, kb string) {
			symlink(t, kb, "loop.md", "loop.md")
		}, "loop.md:1: too many levels of symbolic links"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := copyFolder(t)
			tt.setup(t, kb)
			for _, fsys := range []struct {
				name string
				fsys fs.FS
			}{{"os.DirFS", os.DirFS(kb)}, {"intents.Dir", intents.Dir(kb)}} {
				t.Run(fsys.name, func(t *testing.T) {
					k, problems := parseWithin(t, fsys.fsys)
					if !strings.Contains(problems.Error()+"\n", tt.want+"\n") {
						t.Errorf("problems:\n%s\nwant one line %q", problems.Error(), tt.want)
					}
					if !problems.HasErrors() {
						t.Error("HasErrors() = false")
					}
					if strings.Contains(knowledgeText(k), "s3cr3t") {
						t.Error("the knowledge holds text from outside the folder")
					}
				})
			}
		})
	}
}

func TestParseFollowsLinksInsideTheFolder(t *testing.T) {
	kb := copyFolder(t)
	if err := os.Rename(filepath.Join(kb, "_guidance.md"), filepath.Join(kb, "capture", "contact.txt")); err != nil {
		t.Fatal(err)
	}
	symlink(t, kb, "capture/contact.txt", "_guidance.md")
	symlink(t, kb, "capture", "shortcut")
	for _, fsys := range []fs.FS{os.DirFS(kb), intents.Dir(kb)} {
		k, problems := parseWithin(t, fsys)
		if problems.HasErrors() {
			t.Fatalf("problems:\n%s", problems.Error())
		}
		if !strings.Contains(k.Guidance, "organization that asked you to verify") {
			t.Errorf("guidance = %q", k.Guidance)
		}
	}
}

func TestParseRefusesLargeFiles(t *testing.T) {
	big := "---\nid: big\ntitle: Big\nexamples: [one, two, three]\n---\n" + strings.Repeat("an answer that goes on\n", 1<<20/23+1)
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact them.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\n---\nAnswer.\n")},
		"big.md":       {Data: []byte(big)},
	}
	_, problems := intents.Parse(fsys)
	assertProblems(t, problems, []string{
		fmt.Sprintf("big.md:1: the file is larger than 1 MiB (%d bytes): split it into smaller topics", len(big)),
	})
}

// TestDirCannotLeaveTheFolder reads through intents.Dir directly, as when
// a name is changed into a link after the loader checked it: the read
// fails where os.DirFS would follow the link.
func TestDirCannotLeaveTheFolder(t *testing.T) {
	kb := copyFolder(t)
	symlink(t, kb, filepath.Join(filepath.Dir(kb), "secret.md"), "absolute.md")
	symlink(t, kb, "../secret.md", "relative.md")
	symlink(t, kb, "../outside", "docs")
	symlink(t, kb, "capture/glare.md", "inside.md")
	for _, name := range []string{"absolute.md", "relative.md", "docs/passwd.md", "../secret.md"} {
		t.Run(name, func(t *testing.T) {
			if data, err := fs.ReadFile(intents.Dir(kb), name); err == nil {
				t.Errorf("read %q through intents.Dir: %.40q", name, data)
			}
		})
	}
	if data, err := fs.ReadFile(intents.Dir(kb), "inside.md"); err != nil || !strings.Contains(string(data), "id: glare") {
		t.Errorf("a link inside the folder: %v", err)
	}
}

func TestReadFileChecksLikeParse(t *testing.T) {
	kb := copyFolder(t)
	symlink(t, kb, "/proc/self/environ", "_tests.tsv")
	for _, fsys := range []fs.FS{os.DirFS(kb), intents.Dir(kb)} {
		data, err := intents.ReadFile(fsys, "_tests.tsv")
		if err == nil || err.Error() != "_tests.tsv: symlink points outside the knowledge folder" {
			t.Errorf("ReadFile = %.40q, %v", data, err)
		}
	}
	if _, err := intents.ReadFile(intents.Dir(kb), "nope.tsv"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v, want fs.ErrNotExist", err)
	}
}
