package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// chatIO is where chat reads the person's lines and writes the bot's.
type chatIO interface {
	// ReadLine shows the prompt and returns the next line, io.EOF at the
	// end of input.
	ReadLine() (string, error)
	io.Writer
	// Width is the terminal's width in columns, 0 when it is not a terminal.
	Width() int
	// Close gives the terminal back as it was.
	Close() error
}

// chatPrompt is the prompt of the person's lines.
const chatPrompt = "you> "

// newChatIO is a line editor with history when stdin and stdout are a
// terminal, else plain lines.
func newChatIO(stdin io.Reader, stdout io.Writer, historyPath string) chatIO {
	in, inOK := stdin.(*os.File)
	out, outOK := stdout.(*os.File)
	if inOK && outOK && term.IsTerminal(int(in.Fd())) && term.IsTerminal(int(out.Fd())) {
		if t, err := newTerminalIO(in, out, historyPath); err == nil {
			return t
		}
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	return &plainIO{in: sc, out: stdout}
}

// plainIO reads lines from a pipe or file.
type plainIO struct {
	in  *bufio.Scanner
	out io.Writer
}

func (p *plainIO) ReadLine() (string, error) {
	fmt.Fprint(p.out, "\n"+chatPrompt)
	if !p.in.Scan() {
		fmt.Fprintln(p.out)
		if err := p.in.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	return p.in.Text(), nil
}

func (p *plainIO) Write(b []byte) (int, error) { return p.out.Write(b) }
func (p *plainIO) Width() int                  { return 0 }
func (p *plainIO) Close() error                { return nil }

// terminalIO edits lines in a raw terminal: arrow keys, Home/End and
// Ctrl-A/E, Ctrl-U/K/W, and a history kept in a file.
type terminalIO struct {
	t     *term.Terminal
	fd    int
	state *term.State
	out   *os.File
}

func newTerminalIO(in, out *os.File, historyPath string) (*terminalIO, error) {
	state, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return nil, fmt.Errorf("chat: raw terminal: %w", err)
	}
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, out}, chatPrompt)
	t.History = loadHistory(historyPath)
	return &terminalIO{t: t, fd: int(in.Fd()), state: state, out: out}, nil
}

func (t *terminalIO) ReadLine() (string, error) {
	fmt.Fprint(t.t, "\n")
	if w, _, err := term.GetSize(int(t.out.Fd())); err == nil {
		t.t.SetSize(w, 0)
	}
	return t.t.ReadLine()
}

func (t *terminalIO) Write(b []byte) (int, error) { return t.t.Write(b) }

func (t *terminalIO) Width() int {
	w, _, err := term.GetSize(int(t.out.Fd()))
	if err != nil {
		return 0
	}
	return w
}

func (t *terminalIO) Close() error { return term.Restore(t.fd, t.state) }

// maxHistory is the most lines the history file keeps.
const maxHistory = 500

// fileHistory is term.Terminal's history, appended to a file as lines are
// added. Lines are masked with redact before they are kept, so an ID
// number typed in the chat is not written to disk.
type fileHistory struct {
	lines []string // oldest first
	path  string
}

// historyPath is the chat history file under the user's state directory
// ($XDG_STATE_HOME, else ~/.local/state), or "" when there is none.
func historyPath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "helpdeskbot", "chat_history")
}

// loadHistory reads the history at path (none when path is "" or the file
// cannot be read: a history is a convenience, never a reason to fail).
func loadHistory(path string) *fileHistory {
	h := &fileHistory{path: path}
	if path == "" {
		return h
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return h
	}
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			h.lines = append(h.lines, l)
		}
	}
	if len(h.lines) > maxHistory {
		h.lines = h.lines[len(h.lines)-maxHistory:]
	}
	return h
}

// Add keeps entry, masked, unless it is empty or repeats the last one.
func (h *fileHistory) Add(entry string) {
	entry = strings.TrimSpace(redact.Text(entry))
	if entry == "" || strings.ContainsAny(entry, "\r\n") || (len(h.lines) > 0 && h.lines[len(h.lines)-1] == entry) {
		return
	}
	h.lines = append(h.lines, entry)
	if len(h.lines) > maxHistory {
		h.lines = h.lines[len(h.lines)-maxHistory:]
	}
	h.save()
}

// save writes the history file, readable by its owner only.
func (h *fileHistory) save() {
	if h.path == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return
	}
	tmp := h.path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(h.lines, "\n")+"\n"), 0o600); err != nil {
		return
	}
	os.Rename(tmp, h.path)
}

// Len is the number of lines kept.
func (h *fileHistory) Len() int { return len(h.lines) }

// At is a line, 0 the most recent.
func (h *fileHistory) At(i int) string { return h.lines[len(h.lines)-1-i] }
