package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

func (a *app) knowledgeCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "knowledge",
		Short:   "Knowledge folder helpers",
		Example: "  helpdeskbot knowledge export ./knowledge",
	}
	var force bool
	export := &cobra.Command{
		Use:   "export DIR",
		Short: "Write the built-in knowledge folder to DIR, to edit and serve with --knowledge DIR",
		Long: "export writes the knowledge built into the binary (its topics, special files and\n" +
			"README.md, the guide to editing them) to DIR, which it creates. It refuses a DIR\n" +
			"that is not empty unless --force, which writes over the files of the same names\n" +
			"and leaves the others.",
		Example: "  helpdeskbot knowledge export ./knowledge\n" +
			"  helpdeskbot lint ./knowledge\n" +
			"  helpdeskbot serve --knowledge ./knowledge",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: folders,
		RunE: func(_ *cobra.Command, args []string) error {
			dir := args[0]
			entries, err := os.ReadDir(dir)
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				return exitError{code: exitFailure, err: fmt.Errorf("knowledge export: %w", err)}
			case len(entries) > 0 && !force:
				return exitError{code: exitUsage, err: fmt.Errorf("knowledge export: %s is not empty; give --force to write over the files of the same names", dir)}
			}
			n, err := exportFS(knowledge.FS, dir)
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("knowledge export: %w", err)}
			}
			k, _ := intents.Parse(intents.Dir(dir))
			fmt.Fprintf(a.stderr, "wrote %d files of the built-in knowledge (version %s) to %s; check it with \"%s\"\n", n, k.Version, dir, lintCommandFor(dir))
			return nil
		},
	}
	export.Flags().BoolVar(&force, "force", false, "write into a folder that is not empty, over files of the same names")
	cmd.AddCommand(export)
	return cmd
}

// exportFS writes the files of a knowledge folder in fsys to dir (but
// the Go file that embeds it), and returns how many it wrote.
func exportFS(fsys fs.FS, dir string) (int, error) {
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if path.Ext(p) == ".go" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}
