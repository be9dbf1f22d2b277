package main

import (
	"errors"
	"fmt"
	"io"
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
// Nobody can be called from a terminal. In a terminal, lines are edited
// (arrow keys, Ctrl-A/E, history kept under the user's state directory)
// and replies wrap to its width.
func (a *app) chat(cmd *cobra.Command, b *bot.Bot) error {
	ctx := cmd.Context()
	tty := newChatIO(a.stdin, a.stdout, historyPath())
	defer tty.Close()
	fmt.Fprintln(tty, fitTo(tty, chatIntro))
	session := fmt.Sprintf("cli:%d:%d", os.Getpid(), time.Now().UnixNano())
	var listed []bot.Choice // the topics /topics listed, until the next message
	for {
		line, err := tty.ReadLine()
		if err != nil {
			if errors.Is(err, errEOF) {
				return nil
			}
			return err
		}
		text := strings.TrimSpace(line)
		m := bot.Message{Text: text, User: "terminal", Adapter: "cli", Conversation: session}
		switch {
		case text == "":
			continue
		case text == "/quit" || text == "/exit":
			return nil
		case text == "/topics":
			listed = b.Topics()
			fmt.Fprintln(tty)
			for i, t := range listed {
				fmt.Fprintf(tty, "  %d. %s\n", i+1, t.Title)
			}
			continue
		default:
			if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(listed) {
				m.Choice = listed[n-1].ID
			}
		}
		listed = nil
		r := b.Answer(ctx, m)
		fmt.Fprintf(tty, "\n%s\n", fitTo(tty, "bot> "+indent(renderTerminal(r), "     ")))
		if ctx.Err() != nil {
			return nil
		}
	}
}

// fitTo wraps s to the terminal's width, when it is a terminal.
func fitTo(tty chatIO, s string) string {
	if w := tty.Width(); w > 0 {
		return wrap(s, w-1)
	}
	return s
}

// errEOF ends the chat: the end of input, or Ctrl-D.
var errEOF = io.EOF

// indent prefixes every line but the first.
func indent(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
