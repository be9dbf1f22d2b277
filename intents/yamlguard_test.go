package intents_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// folderWith is a small valid folder with extra files.
func folderWith(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact them.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\n---\nAnswer.\n")},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func lines(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// TestParseRefusesHostileYAML feeds front matter and synonyms that make the
// YAML parser take hundreds of megabytes to gigabytes (a 200 KB nested list
// is an out-of-memory crash). Each is refused before it reaches the parser,
// with its line, and loading stays within a few megabytes.
func TestParseRefusesHostileYAML(t *testing.T) {
	const limit = 16 << 20 // bytes allocated by one Parse
	tests := []struct {
		name string
		file string
		data string
		want string
	}{
		{"nested lists 200 KB", "deep.md",
			"---\nid: deep\ntitle: Deep\nexamples: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n---\nAnswer.\n",
			"deep.md:4: front matter is larger than 64 KiB: a topic needs far less"},
		{"nested lists 20 KB", "deep.md",
			"---\nid: deep\ntitle: Deep\nexamples: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n---\nAnswer.\n",
			"deep.md:4: front matter nests lists and mappings more than 20 levels deep"},
		{"nested mappings over lines", "deep.md",
			"---\nid: deep\ntitle: Deep\nexamples:\n" + lines(2000, func(i int) string { return strings.Repeat(" ", 2+i%8) + "{a: [\n" }) + "---\nAnswer.\n",
			"deep.md:14: front matter nests lists and mappings more than 20 levels deep"},
		{"nested block lists", "deep.md",
			"---\nid: deep\ntitle: Deep\nexamples:\n" + strings.Repeat("- ", 30_000) + "x\n---\nAnswer.\n",
			"deep.md:5: front matter nests lists and mappings more than 20 levels deep"},
		{"indented block mappings", "deep.md",
			"---\nid: deep\ntitle: Deep\nexamples:\n" + lines(300, func(i int) string { return strings.Repeat(" ", i+1) + "k:\n" }) + "---\nAnswer.\n",
			"deep.md:24: front matter nests lists and mappings more than 20 levels deep"},
		{"many keys", "keys.md",
			"---\nid: keys\n" + lines(5000, func(i int) string { return fmt.Sprintf("k%d: v\n", i) }) + "---\nAnswer.\n",
			"keys.md:1002: front matter has more than 1000 keys (\":\")"},
		{"many list items", "items.md",
			"---\nid: items\ntitle: Items\nexamples:\n" + lines(20_000, func(i int) string { return "- x\n" }) + "---\nAnswer.\n",
			"items.md:1005: front matter has more than 1000 list items (\"- \")"},
		{"many flow lists", "flow.md",
			"---\nid: flow\ntitle: Flow\nexamples: [" + strings.Repeat("[a], ", 10_000) + "]\n---\nAnswer.\n",
			"flow.md:4: front matter has more than 1000 lists and mappings (\"[\" and \"{\")"},
		{"quoted text hides nothing", "quoted.md",
			"---\nid: q\ntitle: Q\nexamples: [a 'b, " + strings.Repeat("[", 5_000) + strings.Repeat("]", 5_000) + "]\n---\nAnswer.\n",
			"quoted.md:4: front matter nests lists and mappings more than 20 levels deep"},
		{"deep synonyms", "_synonyms.yaml",
			"pic: photo\nx: " + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + "\n",
			"_synonyms.yaml:2: YAML nests lists and mappings more than 20 levels deep"},
		{"many synonyms", "_synonyms.yaml",
			lines(20_000, func(i int) string { return fmt.Sprintf("w%d: v\n", i) }),
			"_synonyms.yaml:1001: YAML has more than 1000 keys (\":\")"},
		{"large synonyms", "_synonyms.yaml",
			"pic: " + strings.Repeat("photo ", 20_000) + "\n",
			"_synonyms.yaml:1: YAML is larger than 64 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := folderWith(map[string]string{tt.file: tt.data})
			var problems intents.Problems
			n := allocated(func() { _, problems = intents.Parse(fsys) })
			t.Logf("Parse allocated %.1f MB", float64(n)/(1<<20))
			if !strings.Contains(problems.Error()+"\n", tt.want+"\n") {
				t.Errorf("problems:\n%.2000s\nwant one line %q", problems.Error(), tt.want)
			}
			if n > limit {
				t.Errorf("Parse allocated %d MB, want at most %d MB", n>>20, limit>>20)
			}
		})
	}
}

// TestYAMLWithinTheLimitsStaysSmall parses YAML just inside every limit:
// the limits are low enough that the parser stays small.
func TestYAMLWithinTheLimitsStaysSmall(t *testing.T) {
	const limit = 48 << 20
	tests := []struct {
		name string
		file string
		data string
	}{
		{"long flow list", "a.md", "---\nid: a\ntitle: A\nexamples: [" + strings.Repeat("apple pie, ", 5_800) + "apple tart]\n---\nAnswer.\n"},
		{"20 levels", "a.md", "---\nid: a\ntitle: A\nexamples: " + strings.Repeat("[", 19) + strings.Repeat("]", 19) + "\n---\nAnswer.\n"},
		{"1000 synonyms", "_synonyms.yaml", lines(1000, func(i int) string { return fmt.Sprintf("word%d: canonical form\n", i) })},
		{"1000 examples", "a.md", "---\nid: a\ntitle: A\nexamples:\n" + lines(997, func(i int) string { return fmt.Sprintf("  - apple %d\n", i) }) + "---\nAnswer.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := folderWith(map[string]string{tt.file: tt.data})
			var problems intents.Problems
			n := allocated(func() { _, problems = intents.Parse(fsys) })
			t.Logf("Parse allocated %.1f MB", float64(n)/(1<<20))
			for _, p := range problems {
				if strings.Contains(p.Message, "KiB") || strings.Contains(p.Message, "more than") {
					t.Errorf("refused: %s", p)
				}
			}
			if n > limit {
				t.Errorf("Parse allocated %d MB, want at most %d MB", n>>20, limit>>20)
			}
		})
	}
}
