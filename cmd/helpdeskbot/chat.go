package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

const chatIntro = `Ask me about an identity verification you're stuck on.
Type a number to pick one of the offered topics, /topics to list every topic, /quit to leave.`

func (a *app) chatCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "chat",
		Short: "Talk to the bot in the terminal",
		Example: "  helpdeskbot chat\n" +
			"  helpdeskbot chat --knowledge ./knowledge",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := a.newBot(bot.WithConversations(bot.NewMemoryConversations(1, nil), a.cfg.Conversation.TTL),
				bot.WithHandoffQuiet(a.cfg.Handoff.Quiet))
			if err != nil {
				return err
			}
			return a.chat(cmd, b)
		},
	}
}

// chat runs a conversation on stdin and stdout until /quit or end of input.
// The whole session is one conversation: the bot remembers the topics it
// answered and the choices it offered, so a number or a title picks a
// choice and follow-ups are read against the topic just answered.
// Nobody can be called from a terminal.
func (a *app) chat(cmd *cobra.Command, b *bot.Bot) error {
	ctx := cmd.Context()
	fmt.Fprintln(a.stdout, chatIntro)
	in := bufio.NewScanner(a.stdin)
	in.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	session := fmt.Sprintf("cli:%d:%d", os.Getpid(), time.Now().UnixNano())
	var listed []bot.Choice // the topics /topics listed, until the next message
	for {
		fmt.Fprint(a.stdout, "\nyou> ")
		if !in.Scan() {
			fmt.Fprintln(a.stdout)
			return in.Err()
		}
		text := strings.TrimSpace(in.Text())
		m := bot.Message{Text: text, User: "terminal", Adapter: "cli", Conversation: session}
		switch {
		case text == "":
			continue
		case text == "/quit" || text == "/exit":
			return nil
		case text == "/topics":
			listed = b.Topics()
			fmt.Fprintln(a.stdout)
			for i, t := range listed {
				fmt.Fprintf(a.stdout, "  %d. %s\n", i+1, t.Title)
			}
			continue
		default:
			if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(listed) {
				m.Choice = listed[n-1].ID
			}
		}
		listed = nil
		r := b.Answer(ctx, m)
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
