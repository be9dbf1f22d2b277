// Package reload keeps a bot's knowledge current while it runs: it watches
// the knowledge folder, and on a change (or on request) builds a new index
// off the hot path, checks it, and swaps it in. An edit that fails a check
// leaves the last good knowledge answering.
package reload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// Config configures reloading.
type Config struct {
	// Dir is the knowledge folder.
	Dir string
	// Debounce is how long the folder must stay quiet before a reload, so
	// that an editor's burst of writes makes one reload.
	Debounce time.Duration
	// MinAccuracy is the least share of the lines of the folder's _tests.tsv
	// that the new knowledge must get right.
	MinAccuracy float64
	// Gate, when set, checks a new version that passed every other check
	// (see ChangeGate).
	Gate Gate
	// Problems are the problems lint found in the knowledge the bot answers
	// with when New is called (its warnings), for Status.
	Problems intents.Problems
}

// DefaultDebounce is the quiet time before a reload.
const DefaultDebounce = 500 * time.Millisecond

// Hooks are told about reloads, for metrics (and tests).
type Hooks struct {
	// Loaded is called with each version put in use.
	Loaded func(k *intents.Knowledge)
	// Failed is called after each refused reload.
	Failed func()
	// Watching is called once Run watches the folder.
	Watching func()
}

// Reloader reloads a bot's knowledge from a folder.
type Reloader struct {
	cfg   Config
	bot   *bot.Bot
	log   *slog.Logger
	hooks Hooks
	now   func() time.Time
	mu    sync.Mutex // one reload at a time
	// status is what Status returns; guarded by statusMu, so that Status
	// does not wait for a reload under way.
	statusMu sync.Mutex
	status   Status
	// refusedLast says the last reload was refused.
	refusedLast bool
}

// New returns a Reloader for b's knowledge in cfg.Dir.
func New(cfg Config, b *bot.Bot, log *slog.Logger, hooks Hooks) *Reloader {
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Reloader{cfg: cfg, bot: b, log: log, hooks: hooks, now: time.Now}
	r.status = Status{Since: r.now(), Problems: cfg.Problems}
	if k := b.Knowledge(); k != nil {
		r.status.Version = k.Version
	}
	return r
}

// Outcome is what a reload did.
type Outcome string

// The outcomes of a reload.
const (
	// Accepted: the folder passed every check and its version answers now.
	Accepted Outcome = "accepted"
	// Unchanged: the folder holds the version that answers already.
	Unchanged Outcome = "unchanged"
	// Refused: a check failed, and the version answering stays.
	Refused Outcome = "refused"
)

// Result is what one reload did.
type Result struct {
	// At is when the reload ran.
	At      time.Time
	Outcome Outcome
	// Version is the version found in the folder; Previous the one
	// answering before the reload, and Answering the one after.
	Version, Previous, Answering string
	// Problems are, for a refusal, every reason for it (errors; knock-on
	// errors marked), and otherwise the warnings of the version checked.
	Problems intents.Problems
	// AfterRefusal says an accepted or unchanged reload follows a refused
	// one: the edit that was refused has been fixed (or undone).
	AfterRefusal bool
}

// Err is the *Error of a refused reload, or nil.
func (res Result) Err() error {
	if res.Outcome != Refused {
		return nil
	}
	return &Error{Problems: res.Problems}
}

// Status is what the Reloader knows of the knowledge: the version
// answering and the last refused reload.
type Status struct {
	// Version is the version answering, put in use at Since; Problems are
	// the warnings lint found in it then.
	Version  string
	Since    time.Time
	Problems intents.Problems
	// Refused is the last refused reload; nil when none was. It stays
	// after a later reload is accepted or finds the edit undone: Current
	// says whether it is still the last word on the folder.
	Refused *Result
	// Current says the last reload was the refusal in Refused: the folder
	// on disk is still the refused version (or a later edit not yet
	// reloaded).
	Current bool
}

// Status returns what the Reloader knows of the knowledge now.
func (r *Reloader) Status() Status {
	r.statusMu.Lock()
	defer r.statusMu.Unlock()
	st := r.status
	st.Current = r.refusedLast
	return st
}

// Error is why a reload was refused: every problem found.
type Error struct {
	Problems intents.Problems
}

func (e *Error) Error() string {
	return fmt.Sprintf("reload refused: %d problems, first: %s", len(e.Problems), firstCause(e.Problems))
}

// firstCause is the first problem that is not a knock-on error of another.
func firstCause(ps intents.Problems) intents.Problem {
	if roots := ps.RootCauses(); len(roots) > 0 {
		return roots[0]
	}
	return ps[0]
}

// Reload loads the folder and puts it in use if it passes every check:
// no lint errors; every example that matched its own intent before still
// does; the folder's _tests.tsv, if any, is answered at least at
// MinAccuracy; and the Gate, if any, lets it through. On a refusal the
// knowledge in use stays, and the Result lists every problem. Reload logs
// nothing: the caller logs the Result once (see Log).
func (r *Reloader) Reload(ctx context.Context) Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	fsys := intents.Dir(r.cfg.Dir)
	k, next, problems := intents.LintIndex(fsys, r.now())
	res := Result{At: r.now(), Version: k.Version}
	var refused, warnings intents.Problems
	for _, p := range problems {
		if p.Severity == intents.Error {
			refused = append(refused, p)
		} else {
			warnings = append(warnings, p)
		}
	}
	if len(refused) == 0 {
		refused = append(refused, stolenExamples(ctx, r.bot, next)...)
		refused = append(refused, r.regressions(ctx, fsys, next)...)
		if len(refused) == 0 && r.cfg.Gate != nil && r.bot.Knowledge().Version != k.Version {
			for _, msg := range r.cfg.Gate(ctx, r.bot, next) {
				refused = append(refused, intents.Problem{Severity: intents.Error, Message: msg})
			}
		}
	}
	r.statusMu.Lock()
	defer r.statusMu.Unlock()
	res.Previous = r.status.Version
	res.AfterRefusal = r.refusedLast
	r.refusedLast = len(refused) > 0
	switch {
	case len(refused) > 0:
		res.Outcome, res.Answering, res.Problems = Refused, res.Previous, refused
		r.status.Refused = &res
		if r.hooks.Failed != nil {
			r.hooks.Failed()
		}
		return res
	case r.bot.Knowledge().Version == k.Version:
		res.Outcome, res.Answering, res.Problems = Unchanged, k.Version, warnings
	default:
		r.bot.SetIndex(next)
		res.Outcome, res.Answering, res.Problems = Accepted, k.Version, warnings
		r.status.Since = res.At
		if r.hooks.Loaded != nil {
			r.hooks.Loaded(k)
		}
	}
	r.status.Version, r.status.Problems = res.Answering, warnings
	return res
}

// Log logs the result of a reload once, at the edge that asked for it
// (trigger says what: "watch", "SIGHUP"): one summary line with the
// versions, the outcome, and for a refusal the first problem that is not
// a knock-on error of another and how many others there are; then each
// problem at debug level.
func Log(log *slog.Logger, trigger string, res Result) {
	attrs := []any{"trigger", trigger, "version", res.Version, "answering", res.Answering}
	switch res.Outcome {
	case Refused:
		first := firstCause(res.Problems)
		knockOn := 0
		for _, p := range res.Problems {
			if p.KnockOn != "" {
				knockOn++
			}
		}
		attrs = append(attrs, "problem", first.String(), "others", len(res.Problems)-1, "knock_on", knockOn)
		log.Error("knowledge reload refused", attrs...)
	case Accepted:
		attrs = append(attrs, "previous", res.Previous, "warnings", len(res.Problems))
		if res.AfterRefusal {
			attrs = append(attrs, "after_refusal", true)
		}
		log.Info("knowledge reload accepted", attrs...)
	default:
		attrs = append(attrs, "warnings", len(res.Problems))
		if res.AfterRefusal {
			// The refused edit was undone: say so, as the refusal was said.
			log.Info("knowledge reload accepted", append(attrs, "after_refusal", true, "unchanged", true)...)
		} else {
			log.Info("knowledge reload unchanged", attrs...)
		}
	}
	for _, p := range res.Problems {
		log.Debug("knowledge reload problem", "version", res.Version, "problem", p.String(), "knock_on", p.KnockOn != "")
	}
}

// stolenExamples lists the examples that matched their own intent with the
// knowledge in use and no longer do with next, naming the intent that took
// each.
func stolenExamples(ctx context.Context, current *bot.Bot, next *intents.Index) intents.Problems {
	trial, before := current.Trial(next), current.Quiet()
	var out intents.Problems
	for _, in := range next.Knowledge().Intents {
		for i, ex := range in.Examples {
			now := trial.Answer(ctx, bot.Message{Text: ex})
			if now.Label() == in.ID {
				continue
			}
			if was := before.Answer(ctx, bot.Message{Text: ex}); was.Label() != in.ID {
				continue // it did not match before either
			}
			took := now.Label()
			if took == bot.OutOfScope {
				took = "nothing (fallback)"
			}
			out = append(out, intents.Problem{File: in.File, Line: in.ExampleLines[i],
				Message: fmt.Sprintf("example %q of %s now matches %s", ex, in.ID, took)})
		}
	}
	return out
}

// regressions checks next against the folder's _tests.tsv.
func (r *Reloader) regressions(ctx context.Context, fsys fs.FS, next *intents.Index) intents.Problems {
	data, err := intents.ReadFile(fsys, intents.TestsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	problem := func(line int, format string, args ...any) intents.Problem {
		return intents.Problem{File: intents.TestsFile, Line: line, Message: fmt.Sprintf(format, args...)}
	}
	if err != nil {
		return intents.Problems{testsProblem(err)}
	}
	cases, err := bot.ReadCases(bytes.NewReader(data), intents.TestsFile)
	if err != nil {
		return intents.Problems{testsProblem(err)}
	}
	rep := bot.Evaluate(ctx, r.bot.Trial(next), cases)
	total := rep.InScope + rep.OutOfScope
	correct := rep.InScopeCorrect + rep.Rejected
	if total == 0 || float64(correct)/float64(total) >= r.cfg.MinAccuracy {
		return nil
	}
	out := intents.Problems{problem(0, "accuracy %.1f%% is below the minimum %.1f%%", 100*float64(correct)/float64(total), 100*r.cfg.MinAccuracy)}
	for _, w := range rep.Wrong() {
		out = append(out, problem(w.Line, "expected %s, got %s: %s", w.Intent, w.Got, w.Message))
	}
	return out
}

// testsProblem is an error reading _tests.tsv ("_tests.tsv:LINE: msg" or
// "_tests.tsv: msg") as a problem.
func testsProblem(err error) intents.Problem {
	p := intents.Problem{File: intents.TestsFile, Message: err.Error()}
	rest, ok := strings.CutPrefix(p.Message, intents.TestsFile+":")
	if !ok {
		return p
	}
	if n, msg, ok := strings.Cut(rest, ":"); ok {
		if line, err := strconv.Atoi(n); err == nil {
			p.Line, p.Message = line, strings.TrimSpace(msg)
			return p
		}
	}
	p.Message = strings.TrimSpace(rest)
	return p
}

// Run watches the folder until ctx ends, reloading after each burst of
// changes. Sub-folders are watched too, new ones included.
func (r *Reloader) Run(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("reload: watch: %w", err)
	}
	defer w.Close()
	if err := watchTree(w, r.cfg.Dir); err != nil {
		return err
	}
	if r.hooks.Watching != nil {
		r.hooks.Watching()
	}
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Op&fsnotify.Create != 0 {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					watchTree(w, ev.Name)
				}
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") {
				continue // editors' swap and lock files
			}
			if timer == nil {
				timer = time.NewTimer(r.cfg.Debounce)
			} else {
				timer.Reset(r.cfg.Debounce)
			}
			fire = timer.C
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			r.log.Warn("knowledge watch error", "err", err)
		case <-fire:
			fire = nil
			Log(r.log, "watch", r.Reload(ctx)) // a refusal is counted too; keep watching
		}
	}
}

func watchTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if err := w.Add(p); err != nil {
				return fmt.Errorf("reload: watch %s: %w", p, err)
			}
		}
		return nil
	})
}
