//go:build unix

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptyOutput collects what chat writes to a pseudo-terminal.
type ptyOutput struct {
	mu  sync.Mutex
	buf strings.Builder
	new chan struct{}
}

func (o *ptyOutput) read(r io.Reader) {
	b := make([]byte, 4096)
	for {
		n, err := r.Read(b)
		o.mu.Lock()
		o.buf.Write(b[:n])
		o.mu.Unlock()
		select {
		case o.new <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

func (o *ptyOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitFor waits until the output holds n matches of re, or fails.
func (o *ptyOutput) waitFor(t *testing.T, re *regexp.Regexp, n int) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for len(re.FindAllStringIndex(o.String(), -1)) < n {
		select {
		case <-o.new:
		case <-time.After(50 * time.Millisecond): // a write may come between the check and the wait
		case <-deadline:
			t.Fatalf("no %d× %s in the terminal output:\n%s", n, re, o.String())
		}
	}
}

// escapes are the terminal's control sequences.
var escapes = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// TestChatInATerminal drives chat in a pseudo-terminal: lines are edited
// (Ctrl-A, the up arrow recalls the history), replies wrap to the
// terminal's width, and the history file under the state directory keeps
// the lines, masked.
func TestChatInATerminal(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	const cols = 60
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: cols, Rows: 50}); err != nil {
		t.Fatal(err)
	}
	out := &ptyOutput{new: make(chan struct{}, 1)}
	go out.read(ptmx)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"chat"}, tty, tty, io.Discard) }()

	prompt := regexp.MustCompile(regexp.QuoteMeta(chatPrompt))
	out.waitFor(t, prompt, 1)
	// "elfie fails", Ctrl-A, "s": the line is "selfie fails".
	ptmx.WriteString("elfie fails\x01s\r")
	selfie := regexp.MustCompile(`For the selfie step`)
	out.waitFor(t, selfie, 1)
	out.waitFor(t, prompt, 2)
	ptmx.WriteString("my ssn is 123-45-6789\r")
	out.waitFor(t, prompt, 3)
	// Up twice, then Enter: the selfie line again, from the history.
	ptmx.WriteString("\x1b[A\x1b[A\r")
	out.waitFor(t, regexp.MustCompile(`When it can't find your face|For the selfie step|Sorry the steps above`), 2)
	out.waitFor(t, prompt, 4)
	ptmx.WriteString("/quit\r")
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("chat exit %d", c)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("chat did not end after /quit")
	}

	text := escapes.ReplaceAllString(out.String(), "")
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		if n := len([]rune(line)); n > cols {
			t.Errorf("a line of %d columns in a terminal of %d: %q", n, cols, line)
		}
	}
	history, err := os.ReadFile(filepath.Join(state, "helpdeskbot", "chat_history"))
	if err != nil {
		t.Fatal(err)
	}
	h := string(history)
	if !strings.Contains(h, "selfie fails\n") || !strings.Contains(h, "/quit\n") {
		t.Errorf("history file:\n%s", h)
	}
	if strings.Contains(h, "6789") {
		t.Errorf("the history keeps an SSN:\n%s", h)
	}
	if info, err := os.Stat(filepath.Join(state, "helpdeskbot", "chat_history")); err == nil && info.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", info.Mode().Perm())
	}
}
