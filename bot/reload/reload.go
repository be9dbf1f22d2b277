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
	mu    sync.Mutex // one reload at a time
}

// New returns a Reloader for b's knowledge in cfg.Dir.
func New(cfg Config, b *bot.Bot, log *slog.Logger, hooks Hooks) *Reloader {
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reloader{cfg: cfg, bot: b, log: log, hooks: hooks}
}

// Error is why a reload was refused: every problem found.
type Error struct {
	Problems []string
}

func (e *Error) Error() string {
	return fmt.Sprintf("reload refused: %d problems, first: %s", len(e.Problems), e.Problems[0])
}

// Reload loads the folder and puts it in use if it passes every check:
// no lint errors; every example that matched its own intent before still
// does; the folder's _tests.tsv, if any, is answered at least at
// MinAccuracy; and the Gate, if any, lets it through. On failure the knowledge in use stays and the returned
// *Error lists every problem, for the caller to log (see Log).
func (r *Reloader) Reload(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	fsys := intents.Dir(r.cfg.Dir)
	k, problems := intents.Lint(fsys, time.Now())
	var refused []string
	for _, p := range problems {
		if p.Severity == intents.Error {
			refused = append(refused, p.String())
		}
	}
	var next *intents.Index
	if len(refused) == 0 {
		next = intents.NewIndex(k)
		refused = append(refused, stolenExamples(ctx, r.bot, next)...)
		refused = append(refused, r.regressions(ctx, fsys, next)...)
		if len(refused) == 0 && r.cfg.Gate != nil && r.bot.Knowledge().Version != k.Version {
			refused = r.cfg.Gate(ctx, r.bot, next)
		}
	}
	if len(refused) > 0 {
		if r.hooks.Failed != nil {
			r.hooks.Failed()
		}
		return &Error{Problems: refused}
	}
	if old := r.bot.Knowledge(); old.Version == k.Version {
		return nil // nothing changed
	}
	r.bot.SetIndex(next)
	r.log.Info("knowledge reloaded", "version", k.Version, "intents", len(k.Intents))
	if r.hooks.Loaded != nil {
		r.hooks.Loaded(k)
	}
	return nil
}

// Log logs the result of a reload that failed, once, at the edge that
// asked for it: each problem of a refusal on its own line, or the error.
// A nil err logs nothing.
func Log(log *slog.Logger, err error) {
	var refused *Error
	switch {
	case err == nil:
	case errors.As(err, &refused):
		for _, p := range refused.Problems {
			log.Error("knowledge reload refused", "problem", p)
		}
	default:
		log.Error("knowledge reload failed", "err", err)
	}
}

// stolenExamples lists the examples that matched their own intent with the
// knowledge in use and no longer do with next, naming the intent that took
// each.
func stolenExamples(ctx context.Context, current *bot.Bot, next *intents.Index) []string {
	trial, before := current.Trial(next), current.Quiet()
	var out []string
	for _, in := range next.Knowledge().Intents {
		for _, ex := range in.Examples {
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
			out = append(out, fmt.Sprintf("%s: example %q of %s now matches %s", in.File, ex, in.ID, took))
		}
	}
	return out
}

// regressions checks next against the folder's _tests.tsv.
func (r *Reloader) regressions(ctx context.Context, fsys fs.FS, next *intents.Index) []string {
	data, err := intents.ReadFile(fsys, intents.TestsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return []string{err.Error()}
	}
	cases, err := bot.ReadCases(bytes.NewReader(data), intents.TestsFile)
	if err != nil {
		return []string{err.Error()}
	}
	rep := bot.Evaluate(ctx, r.bot.Trial(next), cases)
	total := rep.InScope + rep.OutOfScope
	correct := rep.InScopeCorrect + rep.Rejected
	if total == 0 || float64(correct)/float64(total) >= r.cfg.MinAccuracy {
		return nil
	}
	out := []string{fmt.Sprintf("%s: accuracy %.1f%% is below the minimum %.1f%%", intents.TestsFile, 100*float64(correct)/float64(total), 100*r.cfg.MinAccuracy)}
	for _, w := range rep.Wrong() {
		out = append(out, fmt.Sprintf("%s:%d: expected %s, got %s: %s", intents.TestsFile, w.Line, w.Intent, w.Got, w.Message))
	}
	return out
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
			Log(r.log, r.Reload(ctx)) // a refusal is counted too; keep watching
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
