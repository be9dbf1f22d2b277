//go:build unix

package intents_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestParseRefusesWhatIsNotARegularFile(t *testing.T) {
	kb := copyFolder(t)
	for _, name := range []string{"pipe.md", "_clarify.md"} {
		if err := syscall.Mkfifo(filepath.Join(kb, name), 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	symlink(t, kb, "pipe.md", "link-to-pipe.md")
	want := []string{
		"_clarify.md:1: not a regular file (a named pipe): only files and links to files in the folder are read",
		"link-to-pipe.md:1: not a regular file (a named pipe): only files and links to files in the folder are read",
		"pipe.md:1: not a regular file (a named pipe): only files and links to files in the folder are read",
	}
	for _, fsys := range []fs.FS{os.DirFS(kb), intents.Dir(kb)} {
		_, problems := parseWithin(t, fsys)
		assertProblems(t, problems, want)
	}
}

// TestDirDoesNotWaitOnANamedPipe opens a named pipe through intents.Dir, as
// when a file is replaced by one after the loader checked it.
func TestDirDoesNotWaitOnANamedPipe(t *testing.T) {
	kb := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(kb, "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := intents.Dir(kb).Open("pipe.md")
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("open: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opening a named pipe waited for a writer")
	}
}
