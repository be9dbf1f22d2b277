package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) completionCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "Print the shell completion script for bash, zsh or fish",
		Long: "completion prints a script that completes helpdeskbot's commands, flags and\n" +
			"folders in bash, zsh or fish. Load it in the current shell, or install it where\n" +
			"the shell reads completions when it starts.",
		Example: "  source <(helpdeskbot completion bash)\n" +
			"  helpdeskbot completion bash > /etc/bash_completion.d/helpdeskbot\n" +
			"  helpdeskbot completion zsh > \"${fpath[1]}/_helpdeskbot\"\n" +
			"  helpdeskbot completion fish > ~/.config/fish/completions/helpdeskbot.fish",
		ValidArgs: []string{"bash", "zsh", "fish"},
		Args:      cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		// A completion script needs no configuration: one that does not
		// load must not keep it from being written.
		PersistentPreRunE: func(*cobra.Command, []string) error { return nil },
		RunE: func(_ *cobra.Command, args []string) error {
			var err error
			switch args[0] {
			case "bash":
				err = root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				err = root.GenZshCompletion(a.stdout)
			case "fish":
				err = root.GenFishCompletion(a.stdout, true)
			}
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("completion: %w", err)}
			}
			return nil
		},
	}
}

// folders completes a command's folder argument: the shell lists folders.
func folders(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}
