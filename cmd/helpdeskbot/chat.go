package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

const chatIntro = `Ask me about an identity verification you're stuck on.
Type a number to pick one of the offered topics, /topics to list every topic, /quit to leave.`

func (a *app) chatCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "chat",
		Short: "Talk to the bot in the terminal",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := a.newBot()
			if err != nil {
				return err
			}
			return a.chat(cmd, b)
		},
	}
}

// chat runs a conversation on stdin and stdout until /quit or end of input.
func (a *app) chat(cmd *cobra.Command, b *bot.Bot) error {
	ctx := cmd.Context()
	fmt.Fprintln(a.stdout, chatIntro)
	in := bufio.NewScanner(a.stdin)
	in.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var offered []bot.Choice // the numbered topics of the last reply
	for {
		fmt.Fprint(a.stdout, "\nyou> ")
		if !in.Scan() {
			fmt.Fprintln(a.stdout)
			return in.Err()
		}
		text := strings.TrimSpace(in.Text())
		var r bot.Reply
		switch {
		case text == "":
			continue
		case text == "/quit" || text == "/exit":
			return nil
		case text == "/topics":
			offered = b.Topics()
			fmt.Fprintln(a.stdout)
			for i, t := range offered {
				fmt.Fprintf(a.stdout, "  %d. %s\n", i+1, t.Title)
			}
			continue
		default:
			if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(offered) {
				r = b.AnswerIntent(ctx, offered[n-1].ID)
			} else {
				r = b.Answer(ctx, bot.Message{Text: text, User: "terminal", Adapter: "cli"})
			}
		}
		offered = append(append([]bot.Choice(nil), r.Choices...), r.Related...)
		fmt.Fprintf(a.stdout, "\nbot> %s\n", indent(renderTerminal(r), "     "))
		if ctx.Err() != nil {
			return nil
		}
	}
}

// indent prefixes every line but the first.
func indent(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
