package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// askDetails is what "ask --json" prints: the reply and how it was chosen.
type askDetails struct {
	Message    string          `json:"message"`
	Intent     string          `json:"intent"`
	Outcome    bot.Outcome     `json:"outcome"`
	Reason     bot.Reason      `json:"reason"`
	Confidence float64         `json:"confidence"`
	Candidates []bot.Candidate `json:"candidates"`
	Terms      []string        `json:"terms"`
	Unknown    []string        `json:"unknown"`
	// OutOfScope is how close the message is to the knowledge's
	// out-of-scope examples, on the candidates' scale.
	OutOfScope float64      `json:"out_of_scope"`
	Choices    []bot.Choice `json:"choices"`
	Related    []bot.Choice `json:"related"`
	Knowledge  string       `json:"knowledge_version"`
	// Language is the language the reply is in, when the knowledge has
	// several.
	Language string `json:"language,omitempty"`
	Reply    string `json:"reply"`
}

func (a *app) askCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   `ask "MESSAGE"`,
		Short: "Print the bot's reply to one message",
		Example: "  helpdeskbot ask \"my selfie keeps failing\"\n" +
			"  helpdeskbot ask --json --knowledge ./knowledge \"glare on my licence\"",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := a.newBot()
			if err != nil {
				return err
			}
			msg := strings.Join(args, " ")
			r := b.Answer(cmd.Context(), bot.Message{Text: msg, Adapter: "cli"})
			if !asJSON {
				fmt.Fprintln(a.stdout, renderTerminal(r))
				return nil
			}
			d := askDetails{
				Message: msg, Intent: r.Label(), Outcome: r.Outcome, Reason: r.Reason, Confidence: r.Confidence,
				Candidates: nonNil(r.Candidates), Terms: nonNil(r.Terms), Unknown: nonNil(r.Unknown),
				OutOfScope: r.OutOfScope, Language: r.Language,
				Choices: nonNil(r.Choices), Related: nonNil(r.Related), Knowledge: r.KnowledgeVersion, Reply: r.Text(),
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(d)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the match details as JSON")
	return cmd
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
