// Command helpdeskbot answers people stuck in an identity verification flow,
// from a folder of Markdown knowledge. See "helpdeskbot help".
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // lint errors, knowledge that does not load, failed I/O
	exitUsage   = 2 // bad configuration or command line
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// app is what every command shares: its streams and, once loaded, the
// configuration.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	cfg            Config
}

// exitError carries an exit code up to run; its message, if any, has not
// been printed yet.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee exitError
	var ce configError
	switch {
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(stderr, "helpdeskbot:", ee.err)
		}
		return ee.code
	case errors.As(err, &ce):
		fmt.Fprintln(stderr, "helpdeskbot:", ce)
		return exitUsage
	default:
		// Cobra's own usage errors: unknown command or flag, wrong arguments.
		fmt.Fprintln(stderr, "helpdeskbot:", err)
		return exitUsage
	}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "helpdeskbot",
		Short: "Answers people stuck in an identity verification flow",
		Long:  "helpdeskbot answers people stuck in a Persona-powered identity verification flow, from a folder of Markdown knowledge, and always points them to the organization that asked them to verify.",
		Example: "  helpdeskbot ask \"stuck on the selfie step\"\n" +
			"  helpdeskbot knowledge export ./knowledge && helpdeskbot lint ./knowledge\n" +
			"  helpdeskbot serve --knowledge ./knowledge",
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd.Flags())
			if err != nil {
				return err
			}
			a.cfg = cfg
			return nil
		},
	}
	pf := root.PersistentFlags()
	pf.String("config", "", "configuration file (YAML)")
	pf.String("knowledge", "", "knowledge folder (default: the one built in)")
	pf.Float64("answer-threshold", 0, "least confidence to answer with one topic")
	pf.Float64("clarify-threshold", 0, "least confidence to offer a topic at all")
	pf.Float64("clarify-margin", 0, "candidates within this ratio of the best are offered as choices")
	pf.String("http-addr", "", "host:port that serve listens on (default 127.0.0.1:8080)")
	pf.String("log-format", "", "log format of serve: text or json")
	pf.String("log-level", "", "log level of serve: debug, info, warn or error")
	root.AddCommand(a.chatCommand(), a.askCommand(), a.matchCommand(), a.lintCommand(), a.evalCommand(), a.diffCommand(), a.serveCommand(), a.discordCommand(), a.configCommand(), a.reportCommand(), a.analyticsCommand(), a.importCommand(), a.benchPublicCommand(), a.redactCommand(), a.knowledgeCommand(), a.completionCommand(root))
	root.CompletionOptions.DisableDefaultCmd = true // completionCommand replaces it
	root.MarkPersistentFlagDirname("knowledge")
	root.MarkPersistentFlagFilename("config", "yaml", "yml")
	return root
}

// knowledgeFS returns the configured knowledge folder and its display name.
// A folder on disk is read through intents.Dir, which never leaves it.
func (a *app) knowledgeFS() (fs.FS, string) {
	if a.cfg.Knowledge == "" {
		return knowledge.FS, "built-in knowledge"
	}
	return intents.Dir(a.cfg.Knowledge), a.cfg.Knowledge
}

// newBot loads the configured knowledge. Problems are printed as
// "folder/file:line: problem", warnings included.
func (a *app) newBot(opts ...bot.Option) (*bot.Bot, error) {
	b, _, err := a.loadBot(func(fsys fs.FS) (*intents.Knowledge, *intents.Index, intents.Problems) {
		k, problems := intents.Parse(fsys)
		return k, nil, problems
	}, opts...)
	return b, err
}

// newLintedBot is newBot with every check of lint, whose warnings it
// returns: for serve, which shows them for the version answering. It
// answers with the index lint built.
func (a *app) newLintedBot(opts ...bot.Option) (*bot.Bot, intents.Problems, error) {
	return a.loadBot(func(fsys fs.FS) (*intents.Knowledge, *intents.Index, intents.Problems) {
		return lintIndex(fsys, time.Now())
	}, opts...)
}

// loadBot loads the configured knowledge with load, which may build the
// index, and returns the bot and the problems found.
func (a *app) loadBot(load func(fs.FS) (*intents.Knowledge, *intents.Index, intents.Problems), opts ...bot.Option) (*bot.Bot, intents.Problems, error) {
	fsys, name := a.knowledgeFS()
	k, ix, problems := load(fsys)
	if problems.HasErrors() {
		for _, p := range problems {
			fmt.Fprintln(a.stderr, prefixed(a.cfg.Knowledge, p))
		}
		return nil, nil, exitError{code: exitFailure, err: fmt.Errorf("%s has errors; run \"%s\" for details", name, lintCommandFor(a.cfg.Knowledge))}
	}
	if ix == nil {
		ix = newIndex(k)
	}
	b, err := bot.New(ix, a.cfg.Match, opts...)
	if err != nil {
		return nil, nil, configError{err}
	}
	return b, problems, nil
}

// lintCommandFor is the command line that lints dir (the built-in
// knowledge when empty), quoted for a shell when it needs to be.
func lintCommandFor(dir string) string {
	if dir == "" {
		return "helpdeskbot lint"
	}
	if strings.IndexFunc(dir, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@", r))
	}) >= 0 {
		dir = "'" + strings.ReplaceAll(dir, "'", `'\''`) + "'"
	}
	return "helpdeskbot lint " + dir
}

// prefixed renders a problem with the folder it was found in.
func prefixed(dir string, p intents.Problem) string {
	if dir != "" {
		p.File = filepath.Join(dir, p.File)
	}
	return p.String()
}
