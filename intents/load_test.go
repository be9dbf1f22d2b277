package intents_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestParseBrokenFolders(t *testing.T) {
	tests := []struct {
		dir  string
		want []string // every problem, as printed, in order
	}{
		{"bad-yaml", []string{"a.md:4: bad YAML: sequence end token ']' not found"}},
		{"missing-keys", []string{
			`a.md:1: missing required front-matter key "id"`,
			`a.md:1: missing required front-matter key "title"`,
			`a.md:1: missing required front-matter key "examples"`,
		}},
		{"no-answer", []string{"a.md:9: missing answer: write the reply in Markdown after the closing ---"}},
		{"shared-example", []string{`b.md:6: the same example is under "selfie" (a.md:5); an example may belong to one intent only`}},
		{"unknown-key", []string{`a.md:8: unknown front-matter key "tags" (known: id, title, examples, keywords, contact, related, owner, review_by, links, followups, discord_tag, lang)`}},
		{"unknown-related", []string{`a.md:8: "nope" is not the id of any intent`}},
		{"few-examples", []string{"a.md:4: examples: need at least 3, found 2"}},
		{"bad-id", []string{`a.md:2: id "Selfie_Step" must be kebab-case: lowercase letters and digits joined by single hyphens`}},
		{"no-front-matter", []string{`a.md:1: missing front matter: an intent file starts with a line "---", then id, title and examples, then "---"`}},
		{"unclosed-front-matter", []string{"a.md:1: front matter starts with --- but never ends with a --- line"}},
		{"keyword-phrase", []string{`a.md:8: keyword "face scan" must be a single word; put phrases in examples or synonyms`}},
		{"bad-synonyms", []string{`_synonyms.yaml:3: bad YAML: mapping key "pic" already defined at [1:1]`}},
		{"examples-not-list", []string{`a.md:4: expected a list ("- item" lines or [a, b])`}},
		{"empty-guidance", []string{"_guidance.md:1: the file is empty: it needs text"}},
		{"missing-special", []string{
			"_fallback.md: missing: the answer given when nothing matches",
			"_guidance.md: missing: every reply ends with this contact guidance, so the folder needs it",
		}},
		{"empty-folder", []string{".: no intents: add at least one Markdown file with front matter"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			_, problems := intents.Parse(os.DirFS(filepath.Join("testdata", "broken", tt.dir)))
			assertProblems(t, problems, tt.want)
			if !problems.HasErrors() {
				t.Error("HasErrors() = false, want true")
			}
		})
	}
}

func TestParseWarningsDoNotFail(t *testing.T) {
	k, problems := intents.Parse(os.DirFS("testdata/broken/warnings-only"))
	assertProblems(t, problems, []string{
		"_notes.md: warning: unknown special file; known: _guidance.md, _fallback.md, _clarify.md, _synonyms.yaml, _out-of-scope.md, _tests.tsv",
		"a.md:3: warning: title is longer than 60 characters; buttons and menus will cut it",
		`a.md:7: warning: example "A one!" is repeated`,
		"a.md:8: warning: an intent lists itself as related",
		"extra.txt: warning: ignored: intents are Markdown files ending in .md",
	})
	if problems.HasErrors() {
		t.Fatal("HasErrors() = true for warnings only")
	}
	if len(k.Intents) != 1 || len(k.Intents[0].Examples) != 2 {
		t.Fatalf("got %d intents, want 1 with the repeated example dropped: %+v", len(k.Intents), k.Intents)
	}
}

func TestLoadFailsWithProblems(t *testing.T) {
	_, err := intents.Load(os.DirFS("testdata/broken/bad-yaml"))
	var problems intents.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("Load error = %v, want intents.Problems", err)
	}
	if len(problems) != 1 || problems[0].File != "a.md" || problems[0].Line != 4 {
		t.Fatalf("problems = %v", problems)
	}
}

func TestLoadReadsEveryPart(t *testing.T) {
	k, err := intents.Load(os.DirFS("testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	selfie, ok := k.Intent("selfie")
	if !ok {
		t.Fatal("no selfie intent")
	}
	if selfie.Title != "Selfie step" || selfie.File != "capture/selfie.md" {
		t.Errorf("selfie = %q from %q", selfie.Title, selfie.File)
	}
	if got := strings.Join(selfie.Keywords, ","); got != "selfie,liveness,face" {
		t.Errorf("keywords = %q", got)
	}
	if got := strings.Join(selfie.Related, ","); got != "glare" {
		t.Errorf("related = %q", got)
	}
	if !strings.HasPrefix(selfie.Answer, "Face a bright light") {
		t.Errorf("answer = %q", selfie.Answer)
	}
	if selfie.Contact != "" {
		t.Errorf("contact = %q, want empty", selfie.Contact)
	}
	okta, _ := k.Intent("okta")
	if okta.Contact == "" {
		t.Error("okta has no contact line")
	}
	if !strings.Contains(k.Guidance, "organization that asked you to verify") {
		t.Errorf("guidance = %q", k.Guidance)
	}
	if k.Fallback == "" || len(k.FallbackTopics) != 2 {
		t.Errorf("fallback = %q, topics %v", k.Fallback, k.FallbackTopics)
	}
	if len(k.Synonyms) == 0 || k.Synonyms[0].Variant != "azure ad" || k.Synonyms[0].Canonical != "entra" {
		t.Errorf("synonyms = %+v", k.Synonyms)
	}
	if k.OutOfScope == nil || len(k.OutOfScope.Examples) < 3 {
		t.Errorf("out of scope = %+v", k.OutOfScope)
	}
	if len(k.Version) != 12 {
		t.Errorf("version = %q", k.Version)
	}
}

func TestVersionFollowsContent(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact them.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [one, two, three]\n---\nAnswer.\n")},
	}
	k1, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := intents.Load(fsys)
	if k1.Version != k2.Version {
		t.Fatalf("same content, versions %s and %s", k1.Version, k2.Version)
	}
	fsys["a.md"] = &fstest.MapFile{Data: []byte("---\nid: a\ntitle: A\nexamples: [one, two, three]\n---\nAnother answer.\n")}
	k3, _ := intents.Load(fsys)
	if k3.Version == k1.Version {
		t.Fatal("changed answer kept the same version")
	}
}

func TestParseHandlesCRLFAndBOM(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact them.\r\n")},
		"_fallback.md": {Data: []byte("Sorry.\r\n")},
		"a.md":         {Data: []byte("\xef\xbb\xbf---\r\nid: a\r\ntitle: A\r\nexamples:\r\n  - one\r\n  - two\r\n  - three\r\n---\r\nAnswer.\r\n")},
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Intents) != 1 || k.Intents[0].Answer != "Answer." || len(k.Intents[0].Examples) != 3 {
		t.Fatalf("intents = %+v", k.Intents)
	}
}

func assertProblems(t *testing.T, got intents.Problems, want []string) {
	t.Helper()
	lines := make([]string, len(got))
	for i, p := range got {
		lines[i] = p.String()
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestLintWarnsAboutWhatOnlyTheMatcherSees(t *testing.T) {
	_, problems := intents.Lint(os.DirFS("testdata/broken/lint-warnings"), time.Now())
	assertProblems(t, problems, []string{
		`a.md: warning: keyword "photo" is not distinctive: the examples of 3 other intents use it (b, c, d)`,
		`a.md:6: warning: example "and then it is the same again" has only common words the matcher ignores; it can never match`,
	})
}

func TestOwnerAndReviewBy(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact them.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\nowner: identity team\nreview_by: 2026-06-30\n---\nAnswer.\n")},
		"b.md":         {Data: []byte("---\nid: b\ntitle: B\nexamples: [banana bread, banana split, banana cake]\nreview_by: 2027-01-01\n---\nAnswer.\n")},
	}
	k, problems := intents.Lint(fsys, time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC))
	assertProblems(t, problems, []string{
		"a.md:6: warning: review_by 2026-06-30 has passed: check the answer of a and set a new date (owner: identity team)",
	})
	a, _ := k.Intent("a")
	if a.Owner != "identity team" || a.ReviewBy.Format(time.DateOnly) != "2026-06-30" {
		t.Fatalf("owner %q, review_by %v", a.Owner, a.ReviewBy)
	}
	if a.PastReview(time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC)) {
		t.Error("past review during its last day")
	}
	if _, problems := intents.Lint(fsys, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); len(problems) != 0 {
		t.Errorf("before the date: %v", problems)
	}
	fsys["a.md"] = &fstest.MapFile{Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\nreview_by: next week\n---\nAnswer.\n")}
	_, problems = intents.Parse(fsys)
	assertProblems(t, problems, []string{`a.md:5: review_by: "next week" is not a date like 2027-03-31`})
}

func TestParseReportsInvalidUTF8(t *testing.T) {
	fsys := folderWith(map[string]string{
		"b.md":           "---\nid: b\ntitle: B\nexamples: [banana bread, banana split, banana cake]\n---\nAnswer\nwith \xff\xfe here.\n",
		"_clarify.md":    "Which \xc3 one?\n",
		"_synonyms.yaml": "pic: photo\nfoto: ph\xe9oto\n",
	})
	_, problems := intents.Parse(fsys)
	assertProblems(t, problems, []string{
		"_clarify.md:1: invalid UTF-8 (byte 0xc3 in column 7): save the file as UTF-8",
		"_synonyms.yaml:2: invalid UTF-8 (byte 0xe9 in column 9): save the file as UTF-8",
		"b.md:7: invalid UTF-8 (byte 0xff in column 6): save the file as UTF-8",
	})
}

func TestOutOfScopeCanTurnOffTheBackground(t *testing.T) {
	folder := func(oos string) fstest.MapFS {
		return fstest.MapFS{
			"_guidance.md":     {Data: []byte("Ask the organization.\n")},
			"_fallback.md":     {Data: []byte("Sorry.\n")},
			"a.md":             {Data: []byte("---\nid: a\ntitle: A\nexamples: [one thing, another thing, a third thing]\n---\nA.\n")},
			"_out-of-scope.md": {Data: []byte(oos)},
		}
	}
	tests := []struct {
		name, oos    string
		noBackground bool
		problem      string
	}{
		{"absent", "---\nexamples: [x y, y z, z w]\n---\n", false, ""},
		{"on", "---\nbackground: true\nexamples: [x y, y z, z w]\n---\n", false, ""},
		{"off", "---\nbackground: false\nexamples: [x y, y z, z w]\n---\n", true, ""},
		{"not a boolean", "---\nbackground: maybe\nexamples: [x y, y z, z w]\n---\n", false, `_out-of-scope.md:2: background: "maybe" is not true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ps := intents.Parse(folder(tt.oos))
			if tt.problem != "" {
				if !strings.Contains(ps.Error(), tt.problem) {
					t.Fatalf("problems %q, want %q", ps.Error(), tt.problem)
				}
				return
			}
			if ps.HasErrors() {
				t.Fatal(ps)
			}
			if k.NoBackground != tt.noBackground {
				t.Fatalf("NoBackground = %v, want %v", k.NoBackground, tt.noBackground)
			}
		})
	}
}

// TestKeywordsNotDistinctiveCountRealUse: another topic that mentions a
// keyword in one of its many examples ("okta wants a selfie") does not
// make it less distinctive; one that uses it in 5% of them does.
func TestKeywordsNotDistinctiveCountRealUse(t *testing.T) {
	topic := func(id, keyword string, examples []string) []byte {
		s := "---\nid: " + id + "\ntitle: " + id + "\nexamples:\n"
		for _, ex := range examples {
			s += "  - " + ex + "\n"
		}
		if keyword != "" {
			s += "keywords: [" + keyword + "]\n"
		}
		return []byte(s + "---\nAn answer.\n")
	}
	many := func(word string, uses int) []string {
		var out []string
		for i := range 40 {
			if i < uses {
				out = append(out, fmt.Sprintf("thing number %d with the %s", i, word))
			} else {
				out = append(out, fmt.Sprintf("thing number %d without it", i))
			}
		}
		return out
	}
	tests := []struct {
		name  string
		bUses int
		want  bool
	}{
		{"one of forty examples", 1, false},
		{"two of forty examples", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"_guidance.md": {Data: []byte("Contact them.\n")},
				"_fallback.md": {Data: []byte("Not sure.\n")},
				"a.md":         {Data: topic("a", "photo", []string{"my photo fails", "photo rejected", "bad photo again"})},
				"b.md":         {Data: topic("b", "", many("photo", tt.bUses))},
				"c.md":         {Data: topic("c", "", []string{"a photo of the card", "card trouble", "card again"})},
				"d.md":         {Data: topic("d", "", []string{"the photo is blurry", "blurry mess", "so blurry"})},
			}
			_, problems := intents.Lint(fsys, time.Now())
			got := false
			for _, p := range problems {
				if strings.Contains(p.Message, `keyword "photo" is not distinctive`) {
					got = true
				}
			}
			if got != tt.want {
				t.Errorf("warned %v, want %v: %v", got, tt.want, problems)
			}
		})
	}
}
