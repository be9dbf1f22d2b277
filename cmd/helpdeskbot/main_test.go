package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// result is what one helpdeskbot run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, args, strings.NewReader(stdin), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update if the change is intended):\n%s", path, got)
	}
}

func TestAsk(t *testing.T) {
	r := runCLI(t, "", "ask", "stuck on selfie")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "ask-selfie.golden", r.stdout)
}

func TestAskJSON(t *testing.T) {
	r := runCLI(t, "", "ask", "--json", "glaer", "on", "my", "licence")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var d askDetails
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	if d.Message != "glaer on my licence" || d.Intent != "lighting-glare" || len(d.Candidates) == 0 {
		t.Fatalf("details = %+v", d)
	}
	if !strings.Contains(strings.Join(d.Terms, " "), "licens") {
		t.Errorf("terms %v: the synonym licence -> license was not applied", d.Terms)
	}
}

func TestAskJSONShowsOutOfScope(t *testing.T) {
	r := runCLI(t, "", "ask", "--json", "passport renewal fees")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var d askDetails
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	if d.Intent != "none" || d.OutOfScope <= 0 {
		t.Fatalf("intent %q, out_of_scope %v: want none and a positive closeness", d.Intent, d.OutOfScope)
	}
	if d.Reason != bot.ReasonOutOfScope {
		t.Errorf("reason %q, want %q", d.Reason, bot.ReasonOutOfScope)
	}
}

func TestChatTranscript(t *testing.T) {
	input := strings.Join([]string{
		"hi",
		"2",                       // pick the second related topic
		"verify linkedin account", // clarify
		"1",                       // pick the first choice
		"/topics",                 //
		"9",                       // a topic from the list
		"what's the weather like",
		"/quit",
		"never read",
	}, "\n")
	r := runCLI(t, input, "chat")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "chat.golden", r.stdout)
	if strings.Contains(r.stdout, "never read") {
		t.Error("chat kept reading after /quit")
	}
}

func TestChatEndsAtEndOfInput(t *testing.T) {
	r := runCLI(t, "nfc", "chat")
	if r.code != 0 || !strings.Contains(r.stdout, "NFC") {
		t.Fatalf("exit %d, output:\n%s", r.code, r.stdout)
	}
}

func TestLint(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // lines that must appear
		stderrOK string
	}{
		{"shipped folder", []string{"lint", "../../knowledge"}, 0, nil, "ok (0 warnings)"},
		{"built-in knowledge", []string{"lint"}, 0, nil, "built-in knowledge: 17 intents"},
		{"broken folder", []string{"lint", "../../intents/testdata/broken/bad-yaml"}, 1,
			[]string{`../../intents/testdata/broken/bad-yaml/a.md:4: bad YAML: sequence end token ']' not found`}, "1 errors, 0 warnings"},
		{"warnings pass", []string{"lint", "../../intents/testdata/broken/warnings-only"}, 0,
			[]string{"../../intents/testdata/broken/warnings-only/a.md:7: warning: example \"A one!\" is repeated"}, "ok (6 warnings)"},
		{"not a folder", []string{"lint", "no/such/dir"}, 2, nil, "not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, line := range tt.stdout {
				if !strings.Contains(r.stdout, line+"\n") {
					t.Errorf("stdout lacks %q:\n%s", line, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tt.stderrOK) {
				t.Errorf("stderr lacks %q: %s", tt.stderrOK, r.stderr)
			}
		})
	}
}

func TestBrokenKnowledgeStopsCommands(t *testing.T) {
	r := runCLI(t, "", "ask", "--knowledge", "../../intents/testdata/broken/bad-yaml", "selfie")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "bad-yaml/a.md:4: bad YAML") {
		t.Errorf("stderr does not locate the problem:\n%s", r.stderr)
	}
}

func TestEval(t *testing.T) {
	r := runCLI(t, "", "eval", "--data", "../../testdata/eval/dev.tsv")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"in-scope accuracy:", "out-of-scope rejected:", "intent ", "precision", "recall", "selfie "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestEvalReportsWrongLines(t *testing.T) {
	data := filepath.Join(t.TempDir(), "cases.tsv")
	content := "intent\tmessage\nnfc\tmy selfie keeps failing\nselfie\tmy selfie keeps failing\nnone\tnfc\n"
	if err := os.WriteFile(data, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "eval", "--data", data)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"in-scope accuracy:         50.0%  (1/2: the top candidate is the right topic)",
		"out-of-scope rejected:      0.0%  (0/1)",
		"line 2: expected nfc, got selfie",
		"line 4: expected none, got nfc",
		"1  nfc -> selfie",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestEvalBadData(t *testing.T) {
	data := filepath.Join(t.TempDir(), "bad.tsv")
	if err := os.WriteFile(data, []byte("intent\tmessage\nno tab here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "eval", "--data", data)
	if r.code != 1 || !strings.Contains(r.stderr, "bad.tsv:2: expected") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI(t, "", "eval"); r.code != 2 {
		t.Fatalf("eval without --data: exit %d", r.code)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"nosuchcommand"}, {"ask", "--nosuchflag", "x"}, {"ask"}} {
		r := runCLI(t, "", args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
		if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: error is not one line: %q", args, r.stderr)
		}
	}
}

func TestLintQualityAndStrict(t *testing.T) {
	r := runCLI(t, "", "lint", "--quality", "../../knowledge")
	if r.code != 0 || !strings.Contains(r.stderr, "quality:") || !strings.Contains(r.stderr, "misspelt examples matched") {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	r = runCLI(t, "", "lint", "--strict", "../../intents/testdata/broken/warnings-only")
	if r.code != exitFailure || strings.Contains(r.stdout, "warning:") {
		t.Fatalf("--strict: exit %d, stdout:\n%s", r.code, r.stdout)
	}
}

// TestChatConversationTranscript is a scripted 12-turn conversation in the
// terminal: the selfie answer, a follow-up, "still failing", "that didn't
// help", picks by number and by title, a number not offered, two
// fallbacks, and asking for a person where nobody can be called. Every
// reply must end with the guidance.
func TestChatConversationTranscript(t *testing.T) {
	input := strings.Join([]string{
		"hi",
		"my selfie keeps failing",
		"it says face not found",
		"still failing",
		"no that didnt help",
		"the id one",
		"9",
		"1",
		"what's the weather like",
		"who won the football",
		"can i talk to a real person",
		"thanks",
		"/quit",
	}, "\n")
	r := runCLI(t, input, "chat")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden(t, "chat-conversation.golden", r.stdout)
	// The first reply ends with the full guidance, the later ones with its
	// short form: both name the organization that asked for the
	// verification.
	guidance := "company or organization that asked you to verify"
	replies := strings.Split(r.stdout, "\nbot> ")[1:]
	if len(replies) != 12 {
		t.Fatalf("%d replies, want 12", len(replies))
	}
	for i, reply := range replies {
		reply = strings.TrimSuffix(reply, "\n\nyou> ")
		last := reply[strings.LastIndex(reply, "\n")+1:]
		if !strings.Contains(last, guidance) {
			t.Errorf("reply %d does not end with the guidance:\n%s", i+1, reply)
		}
		if full := strings.Contains(last, "Your best next step"); full != (i == 0) {
			t.Errorf("reply %d: full guidance %v, want it on the first reply only:\n%s", i+1, full, last)
		}
	}
	if n := strings.Count(r.stdout, "For the selfie step:"); n != 1 {
		t.Errorf("the full selfie answer was given %d times, want once", n)
	}
}

// TestBrokenKnowledgeNamesTheLintThatShowsIt: the hint at the end of a
// failed load lints the folder that failed, not the built-in one.
func TestBrokenKnowledgeNamesTheLintThatShowsIt(t *testing.T) {
	spaced := filepath.Join(t.TempDir(), "my knowledge")
	if err := os.CopyFS(spaced, os.DirFS("../../intents/testdata/broken/bad-yaml")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, want string
	}{
		{"plain path", "../../intents/testdata/broken/bad-yaml", `run "helpdeskbot lint ../../intents/testdata/broken/bad-yaml" for details`},
		{"path with a space", spaced, `run "helpdeskbot lint '` + spaced + `'" for details`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", "ask", "--knowledge", tt.dir, "stuck on selfie")
			if r.code != exitFailure {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if last := lines[len(lines)-1]; !strings.HasSuffix(last, tt.want) {
				t.Errorf("last line %q, want it to end with %q", last, tt.want)
			}
			// The command it names shows the problem.
			lint := runCLI(t, "", "lint", tt.dir)
			if lint.code != exitFailure || !strings.Contains(lint.stdout, "bad YAML") {
				t.Errorf("lint %s: exit %d, %s", tt.dir, lint.code, lint.stdout)
			}
		})
	}
}

// TestEveryCommandHasHelpWithAnExample: "--help" works on every command
// and shows at least one example of it.
func TestEveryCommandHasHelpWithAnExample(t *testing.T) {
	root := (&app{}).rootCommand()
	var walk func(c *cobra.Command)
	var paths [][]string
	walk = func(c *cobra.Command) {
		if c.Name() != "help" {
			paths = append(paths, strings.Fields(c.CommandPath())[1:])
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if len(paths) < 19 {
		t.Fatalf("found only %d commands: %v", len(paths), paths)
	}
	for _, path := range paths {
		t.Run(strings.Join(append([]string{"helpdeskbot"}, path...), " "), func(t *testing.T) {
			r := runCLI(t, "", append(path, "--help")...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			_, examples, ok := strings.Cut(r.stdout, "\nExamples:\n")
			if !ok {
				t.Fatalf("no examples:\n%s", r.stdout)
			}
			example, _, _ := strings.Cut(examples, "\n\n")
			if !strings.Contains(example, "helpdeskbot ") || !strings.Contains(example, " "+strings.Join(path, " ")) {
				t.Errorf("the examples do not show %v:\n%s", path, example)
			}
		})
	}
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		shell, want string
	}{
		{"bash", "complete -o default -F __start_helpdeskbot helpdeskbot"},
		{"zsh", "#compdef helpdeskbot"},
		{"fish", "complete -c helpdeskbot"},
	}
	for _, tt := range tests {
		t.Run(tt.shell, func(t *testing.T) {
			// A configuration that does not load does not stop it.
			t.Setenv("HELPDESK_NO_SUCH_KEY", "x")
			r := runCLI(t, "", "completion", tt.shell)
			if r.code != 0 || !strings.Contains(r.stdout, tt.want) {
				t.Fatalf("exit %d, stderr %q; script lacks %q", r.code, r.stderr, tt.want)
			}
		})
	}
	if r := runCLI(t, "", "completion", "powershell"); r.code != exitUsage {
		t.Errorf("powershell: exit %d, want 2", r.code)
	}
	// What the scripts ask the binary: the commands, then folders for lint.
	r := runCLI(t, "", "__complete", "kn")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "knowledge\t") {
		t.Errorf("completing kn: exit %d, %q", r.code, r.stdout)
	}
	r = runCLI(t, "", "__complete", "lint", "")
	if r.code != 0 || !strings.HasSuffix(strings.TrimSpace(r.stdout), ":16") {
		t.Errorf("completing lint's folder: exit %d, %q (want directive 16, folders)", r.code, r.stdout)
	}
}

func TestKnowledgeExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kb")
	r := runCLI(t, "", "knowledge", "export", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	builtIn := runCLI(t, "", "lint")
	exported := runCLI(t, "", "lint", dir)
	if exported.code != 0 {
		t.Fatalf("the export does not lint: %s%s", exported.stdout, exported.stderr)
	}
	// The same topics and the same version: the files are the built-in ones.
	version := regexp.MustCompile(`: (\d+ intents, \d+ synonyms, version \w+):`)
	if b, e := version.FindStringSubmatch(builtIn.stderr), version.FindStringSubmatch(exported.stderr); b == nil || e == nil || b[1] != e[1] {
		t.Errorf("built-in %q, exported %q", builtIn.stderr, exported.stderr)
	}
	if !strings.Contains(r.stderr, "helpdeskbot lint "+dir) {
		t.Errorf("no next step: %q", r.stderr)
	}
	for _, name := range []string{"README.md", "_guidance.md", "capture/selfie.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "embed.go")); err == nil {
		t.Error("the Go file was exported")
	}

	// A folder that is not empty is refused, unless --force.
	selfie := filepath.Join(dir, "capture", "selfie.md")
	os.WriteFile(selfie, []byte("edited"), 0o644)
	os.WriteFile(filepath.Join(dir, "mine.md"), []byte("mine"), 0o644)
	if r := runCLI(t, "", "knowledge", "export", dir); r.code != exitUsage || !strings.Contains(r.stderr, "is not empty; give --force") {
		t.Fatalf("non-empty: exit %d, %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(selfie); string(data) != "edited" {
		t.Error("a refused export wrote files")
	}
	if r := runCLI(t, "", "knowledge", "export", "--force", dir); r.code != 0 {
		t.Fatalf("--force: exit %d, %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(selfie); string(data) == "edited" {
		t.Error("--force did not write over selfie.md")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "mine.md")); string(data) != "mine" {
		t.Error("--force removed a file of the admin's")
	}
}
