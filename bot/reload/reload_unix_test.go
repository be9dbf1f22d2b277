//go:build unix

package reload_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/reload"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestReloadRefusesANamedPipe: reading a named pipe would wait for a
// writer and hold every later reload; it is refused instead.
func TestReloadRefusesANamedPipe(t *testing.T) {
	dir := folder(t)
	b := testkit.NewBot(t, os.DirFS(dir))
	before := b.Index().Knowledge().Version
	r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9}, b, nil, reload.Hooks{})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	err := reloadWithin(t, r).Err()
	var refused *reload.Error
	if !errors.As(err, &refused) || !strings.Contains(refused.Problems.Error(), "pipe.md:1: not a regular file (a named pipe)") {
		t.Fatalf("Reload = %v, want a refusal naming pipe.md", err)
	}
	if b.Index().Knowledge().Version != before {
		t.Error("a refused reload changed the knowledge in use")
	}
}
