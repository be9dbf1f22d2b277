package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKnowledgeLinkedOutsideIsRefused: a knowledge folder whose guidance is
// a link to the process environment is refused by lint and by the commands
// that answer, and nothing of the environment is printed.
func TestKnowledgeLinkedOutsideIsRefused(t *testing.T) {
	t.Setenv("HELPDESK_TEST_SECRET", "s3cr3t-from-the-environment")
	dir := copyKnowledge(t)
	guidance := filepath.Join(dir, "_guidance.md")
	if err := os.Remove(guidance); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/proc/self/environ", guidance); err != nil {
		t.Fatal(err)
	}
	want := guidance + ":1: symlink points outside the knowledge folder"
	tests := []struct {
		name string
		args []string
		out  func(r result) string // where the problem is printed
	}{
		{"lint", []string{"lint", dir}, func(r result) string { return r.stdout }},
		{"ask", []string{"ask", "--knowledge", dir, "my selfie keeps failing"}, func(r result) string { return r.stderr }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1; stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(tt.out(r), want+"\n") {
				t.Errorf("output lacks %q:\n%s", want, tt.out(r))
			}
			if strings.Contains(r.stdout+r.stderr, "s3cr3t") {
				t.Error("the environment was printed")
			}
		})
	}
}
