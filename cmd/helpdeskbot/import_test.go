package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// importedFolder is what a test expects of an imported knowledge folder.
type importedFolder struct {
	examples   map[string][]string // intent id -> examples, in order
	titles     map[string]string   // intent id -> title
	outOfScope []string
	tests      string // the whole _tests.tsv; empty when none is written
}

var parcelAndAddress = map[string][]string{
	"parcel-arrival": {"when does my parcel arrive", "where is my parcel", "tracking number for my parcel"},
	"change-address": {"change my delivery address", "I moved and need a new address", "update the address on my order"},
}

var smallTalkOutOfScope = []string{"what's the weather today", "tell me a joke", "who won the football"}

func TestImport(t *testing.T) {
	tests := []struct {
		name   string
		from   string
		file   string
		want   importedFolder
		stdout []string
	}{
		{
			name: "csv text,category", from: "csv", file: "labels.csv",
			want: importedFolder{
				examples: map[string][]string{
					"parcel-arrival": {"when does my parcel arrive", "where is my parcel, it is late", "tracking number for my parcel", "my parcel: still not here #help"},
					"change-address": {"change my delivery address", "I moved and need a new address", "- update the address on my order", "yes"},
				},
				titles:     map[string]string{"parcel-arrival": "Parcel arrival", "change-address": "Change address"},
				outOfScope: append(slices.Clone(smallTalkOutOfScope), "book me a taxi"),
			},
			stdout: []string{
				"2 topics, 8 examples; 4 out-of-scope examples (none)",
				"1 sentence under two or more intents, left out of all of them:",
				`"I need help with my order" (parcel_arrival, change_address)`,
				"2 intents with fewer than 3 distinct training examples left out: opening_hours (2), cancel_order (1)",
				"1 sentence repeated under the same intent, kept once",
				"lint: the folder loads; 2 placeholder answers to write",
			},
		},
		{
			name: "csv intent,text with other columns", from: "csv", file: "intent-first.csv",
			want:   importedFolder{examples: parcelAndAddress},
			stdout: []string{"2 topics, 6 examples; no out-of-scope examples"},
		},
		{
			name: "json SIGDIAL 2017", from: "json", file: "sigdial.json",
			want: importedFolder{
				examples:   map[string][]string{"parcel-arrival": parcelAndAddress["parcel-arrival"], "change-address": parcelAndAddress["change-address"]},
				titles:     map[string]string{"parcel-arrival": "Parcel arrival", "change-address": "Change address"},
				outOfScope: smallTalkOutOfScope,
				tests:      "intent\tmessage\nparcel-arrival\tmy parcel has not come yet\nchange-address\tsend it to my new address\nnone\tbook me a taxi\n",
			},
			stdout: []string{
				"3 held-out sentences written as tests to",
				"1 intent with fewer than 3 distinct training examples left out: CancelOrder (1)",
				"1 held-out sentence of those intents left out of the tests",
			},
		},
		{
			name: "json CLINC150", from: "json", file: "clinc.json",
			want: importedFolder{
				examples:   parcelAndAddress,
				outOfScope: smallTalkOutOfScope,
				tests:      "intent\tmessage\nparcel-arrival\tmy parcel has not come yet\nchange-address\tsend it to my new address\nnone\tbook me a taxi\n",
			},
			stdout: []string{"2 validation sentences not used"},
		},
		{
			name: "json array", from: "json", file: "plain.json",
			want: importedFolder{examples: parcelAndAddress, titles: map[string]string{"parcel-arrival": "Parcel arrival"}},
		},
		{
			name: "rasa nlu.yml", from: "rasa", file: "nlu.yml",
			want: importedFolder{
				examples: map[string][]string{
					"parcel-arrival": {"when does my parcel arrive", "where is my parcel sent from Berlin", "tracking number for my parcel"},
					"change-address": {"change my delivery address", "I moved to Paris and need a new address", "update the address on my order"},
				},
				outOfScope: smallTalkOutOfScope,
			},
			stdout: []string{"note: 1 synonym entries: not intents; ignored"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "kb")
			r := runCLI(t, "", "import", "--from", tt.from, filepath.Join("testdata", "import", tt.file), dir)
			if r.code != 0 {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, r.stdout)
				}
			}
			checkImportedFolder(t, dir, tt.want)
		})
	}
}

// checkImportedFolder loads dir and compares it with want.
func checkImportedFolder(t *testing.T, dir string, want importedFolder) {
	t.Helper()
	k, problems := intents.Lint(os.DirFS(dir), time.Now())
	if problems.HasErrors() {
		t.Fatalf("the imported folder does not load:\n%v", problems)
	}
	placeholders := 0
	for _, p := range problems {
		if strings.Contains(p.Message, intents.PlaceholderAnswer) {
			placeholders++
		}
	}
	if placeholders != len(k.Intents) {
		t.Errorf("lint flags %d placeholder answers, want one per intent (%d):\n%v", placeholders, len(k.Intents), problems)
	}
	got := map[string][]string{}
	for _, in := range k.Intents {
		got[in.ID] = in.Examples
		if want.titles != nil && want.titles[in.ID] != "" && in.Title != want.titles[in.ID] {
			t.Errorf("%s: title %q, want %q", in.ID, in.Title, want.titles[in.ID])
		}
		if in.File != in.ID+".md" {
			t.Errorf("%s: file %s, want %s.md", in.ID, in.File, in.ID)
		}
	}
	for id, exs := range want.examples {
		if !slices.Equal(got[id], exs) {
			t.Errorf("%s: examples %q, want %q", id, got[id], exs)
		}
	}
	if len(got) != len(want.examples) {
		t.Errorf("intents %v, want those of %v", got, want.examples)
	}
	var oos []string
	if k.OutOfScope != nil {
		oos = k.OutOfScope.Examples
	}
	if !slices.Equal(oos, want.outOfScope) {
		t.Errorf("out-of-scope examples %q, want %q", oos, want.outOfScope)
	}
	data, err := os.ReadFile(filepath.Join(dir, intents.TestsFile))
	if want.tests == "" {
		if err == nil {
			t.Errorf("a %s was written with no held-out sentences:\n%s", intents.TestsFile, data)
		}
	} else if string(data) != want.tests {
		t.Errorf("%s:\n%s\nwant:\n%s", intents.TestsFile, data, want.tests)
	}
}

func TestImportSplitAllAndTestsElsewhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kb")
	r := runCLI(t, "", "import", "--from", "json", "--split", "all", "testdata/import/clinc.json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	checkImportedFolder(t, dir, importedFolder{
		examples: map[string][]string{
			"parcel-arrival": append(slices.Clone(parcelAndAddress["parcel-arrival"]), "is my parcel lost", "my parcel has not come yet"),
			"change-address": append(slices.Clone(parcelAndAddress["change-address"]), "send it to my new address"),
		},
		outOfScope: append(slices.Clone(smallTalkOutOfScope), "play some music", "book me a taxi"),
	})

	dir = filepath.Join(t.TempDir(), "kb")
	tests := filepath.Join(t.TempDir(), "held-out.tsv")
	r = runCLI(t, "", "import", "--from", "json", "--tests", tests, "testdata/import/sigdial.json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, intents.TestsFile)); err == nil {
		t.Errorf("--tests %s, yet %s was written", tests, intents.TestsFile)
	}
	if data, err := os.ReadFile(tests); err != nil || !strings.HasPrefix(string(data), "intent\tmessage\nparcel-arrival\t") {
		t.Errorf("tests file: %v\n%s", err, data)
	}
}

func TestImportRefusals(t *testing.T) {
	bad := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(bad, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	nonEmpty := t.TempDir()
	if err := os.WriteFile(filepath.Join(nonEmpty, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown format", []string{"--from", "xml", "testdata/import/labels.csv"}, exitUsage, "--from must be csv, json or rasa"},
		{"bad split", []string{"--from", "csv", "--split", "half", "testdata/import/labels.csv"}, exitUsage, "--split must be train or all"},
		{"no such file", []string{"--from", "csv", "testdata/import/nope.csv"}, exitFailure, "nope.csv"},
		{"csv without the columns", []string{"--from", "csv", write("cols.csv", "a,b\nx,y\n")}, exitFailure,
			`cols.csv: line 1: the header must name a text column (text, sentence, example, utterance, query) and an intent column (intent, category, label); found "a,b"`},
		{"csv short row", []string{"--from", "csv", write("short.csv", "intent,text\nx,y\nz\n")}, exitFailure, "short.csv: line 3: 1 fields, the header has 2"},
		{"broken json", []string{"--from", "json", write("broken.json", "{\n  \"train\": [\n    [\"a\", \"b\"],\n  ]\n}\n")}, exitFailure, "broken.json: line 4: invalid character"},
		{"json of another shape", []string{"--from", "json", write("other.json", `{"utterances": []}`)}, exitFailure, "unrecognized JSON"},
		{"not rasa", []string{"--from", "rasa", write("other.yml", "stories:\n- story: x\n")}, exitFailure, `no "nlu:" list`},
		{"too few examples anywhere", []string{"--from", "csv", write("few.csv", "text,label\na b,x\nc d,x\n")}, exitFailure, "no intent with at least 3 distinct examples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "kb")
			r := runCLI(t, "", append(append([]string{"import"}, tt.args...), out)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d (want %d), stderr %q, want it to contain %q", r.code, tt.code, r.stderr, tt.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused import created %s", out)
			}
		})
	}
	t.Run("non-empty folder", func(t *testing.T) {
		r := runCLI(t, "", "import", "--from", "csv", "testdata/import/labels.csv", nonEmpty)
		if r.code != exitUsage || !strings.Contains(r.stderr, "is not empty (use --force to write into it)") {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(nonEmpty, intents.GuidanceFile)); err == nil {
			t.Error("a refused import wrote into the folder")
		}
		r = runCLI(t, "", "import", "--force", "--from", "csv", "testdata/import/labels.csv", nonEmpty)
		if r.code != 0 {
			t.Fatalf("--force: exit %d: %s", r.code, r.stderr)
		}
		if data, err := os.ReadFile(filepath.Join(nonEmpty, "notes.txt")); err != nil || string(data) != "mine" {
			t.Errorf("--force lost a file it did not write: %v %q", err, data)
		}
	})
}

func TestIntentNames(t *testing.T) {
	tests := []struct{ label, id, title string }{
		{"card_arrival", "card-arrival", "Card arrival"},
		{"FindConnection", "find-connection", "Find connection"},
		{"Software Recommendation", "software-recommendation", "Software recommendation"},
		{"getATMLocation", "get-atm-location", "Get ATM location"},
		{"faq/ask_name", "faq-ask-name", "Faq ask name"},
		{"top_up_by_card_2", "top-up-by-card-2", "Top up by card 2"},
		{"Café crème", "caf-crme", "Café crème"},
		{"日本", "intent", "日本"},
		{strings.Repeat("very_", 20) + "long", strings.TrimSuffix(strings.Repeat("very-", 20), "-") + "-long", "Very" + strings.Repeat(" very", 11)},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := intentID(tt.label); got != tt.id {
				t.Errorf("id %q, want %q", got, tt.id)
			}
			if got := intentTitle(tt.label); got != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
		})
	}
}

func TestOutOfScopeLabels(t *testing.T) {
	for _, l := range []string{"none", "None", "NONE", "oos", "out_of_scope", "out-of-scope", "OutOfScope"} {
		if !isOutOfScopeLabel(l) {
			t.Errorf("%q is not read as out of scope", l)
		}
	}
	for _, l := range []string{"no", "nonexistent", "noneoftheabove", "oops"} {
		if isOutOfScopeLabel(l) {
			t.Errorf("%q is read as out of scope", l)
		}
	}
}

// TestImportedExamplesReadBackUnchanged writes sentences that YAML could
// misread and loads them back.
func TestImportedExamplesReadBackUnchanged(t *testing.T) {
	texts := []string{
		`"quoted" words`, `a: b`, `#hashtag only`, `word #not a comment`, `[x] in brackets`, `{y} in braces`,
		`null`, `123`, `1.5e3`, `yes`, `No`, `~ tilde`, `&anchor`, `*star`, `!bang`, `|pipe`, `>greater`, `%percent`,
		`@at`, "`tick`", `'single'`, `back\slash`, `ünïcödé`, `emoji 🙂`, `- dash`, `? question`, `it's: "both"`,
		`trailing colon:`, `ends with backslash \`, `<b>html</b> & more`, `--- three dashes`, `... dots`, `= equals`,
	}
	var ds dataset
	for i, text := range texts {
		ds.Sentences = append(ds.Sentences, sentence{Text: text, Label: []string{"first", "second", "third"}[i%3], Part: partTrain})
	}
	dir := t.TempDir()
	if err := writeFolder(planImport(ds, "train"), dir, ""); err != nil {
		t.Fatal(err)
	}
	k, err := intents.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("the folder does not load: %v", err)
	}
	var got []string
	for _, in := range k.Intents {
		got = append(got, in.Examples...)
	}
	slices.Sort(got)
	want := slices.Clone(texts)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("examples read back:\n%q\nwant:\n%q", got, want)
	}
}
