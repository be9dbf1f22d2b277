package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// secretKeys are the settings config check never prints.
var secretKeys = []string{"api_token", "metrics.token", "log.user_hash_key", "analytics.postgres_url", "state.postgres_url", "slack.bot_token", "slack.signing_secret", "slack.app_token", "discord.token"}

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Configuration helpers",
		Example: "  helpdeskbot --config helpdeskbot.yaml config check"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Validate the configuration and print it, secrets masked",
		Long: "check reads the configuration file (--config), the environment (HELPDESK_*) and the\n" +
			"flags as every command does, and checks what serve checks before it starts (the\n" +
			"channels' topics and sub-folders against the knowledge included). It exits\n" +
			"2 with a one-line message naming the key on a bad value, an unknown key or a\n" +
			"HELPDESK_ variable that sets no key, and otherwise prints the effective\n" +
			"configuration with secrets masked.",
		Example: "  helpdeskbot --config helpdeskbot.yaml config check\n" +
			"  HELPDESK_HTTP_ADDR=0.0.0.0:8080 helpdeskbot config check",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := a.cfg.ValidateServe(); err != nil {
				return configError{err}
			}
			if err := a.checkChannelsKnowledge(); err != nil {
				return err
			}
			cfg := a.cfg
			for _, s := range settings(&cfg) {
				fmt.Fprintf(a.stdout, "%s: %s\n", s.key, display(s))
			}
			return nil
		},
	})
	return cmd
}

// display shows a setting's value as YAML would, masking secrets.
func display(s setting) string {
	shown := s.value.show()
	if slices.Contains(secretKeys, s.key) && shown != `""` {
		return `"********"`
	}
	return shown
}

// checkChannelsKnowledge reads the knowledge, when the channels list
// names topics or sub-folders, and checks they are there.
func (a *app) checkChannelsKnowledge() error {
	if !slices.ContainsFunc(a.cfg.Channels, func(c ChannelConfig) bool { return len(c.Topics) > 0 || c.Folder != "" }) {
		return nil
	}
	fsys, name := a.knowledgeFS()
	k, err := intents.Load(fsys)
	if err != nil {
		return exitError{code: exitFailure, err: fmt.Errorf("%s has errors; run \"%s\" for details", name, lintCommandFor(a.cfg.Knowledge))}
	}
	if err := checkChannels(a.cfg.Channels, bot.KnowledgeOf(k)); err != nil {
		return configError{err}
	}
	return nil
}
