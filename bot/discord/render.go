package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// maxContent is Discord's limit for one message's content.
const maxContent = 2000

// Custom ids of the buttons and menu the adapter renders.
const (
	idTopic    = "topic:"
	idTopics   = "topics"
	idFeedback = "feedback:"
)

// message is a reply rendered for Discord: the content in pieces of at most
// maxContent characters, and the components that go under the last piece.
type message struct {
	parts      []string
	components []discordgo.MessageComponent
	// role, when set, is the role the message mentions (once), which its
	// part holding the mention is allowed to ping.
	role string
	// then, when set, runs once the message has been sent.
	then func(context.Context)
}

// allowed is what the part of msg may ping: the mentioned role in the
// part that mentions it, nobody otherwise.
func (msg message) allowed(part string) *discordgo.MessageAllowedMentions {
	if msg.role != "" && strings.Contains(part, roleMention(msg.role)) {
		return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Roles: []string{msg.role}}
	}
	return noMentions
}

func roleMention(role string) string { return "<@&" + role + ">" }

// noMentions lets no reply ping anyone.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// render turns a reply into Discord content: the answer in Markdown, the
// links as a list, the contact line, and the contact guidance as the final paragraph; choices,
// related topics and feedback as buttons. question, when set, is the
// person's own words, quoted and escaped at the top.
func render(r bot.Reply, question string) message {
	return renderCalling(r, question, "")
}

// renderCalling is render with call, when set, as a paragraph of its own
// just before the contact line and guidance: the mention of a person.
func renderCalling(r bot.Reply, question, call string) message {
	var b strings.Builder
	if question != "" {
		b.WriteString("> " + escapeMarkdown(split.Truncate(question, 200)) + "\n\n")
	}
	b.WriteString(r.Body)
	listed := 0
	for _, l := range r.Links {
		if !strings.HasPrefix(l.URL, "https://") || strings.ContainsAny(l.URL, "()<> \t\n") {
			continue
		}
		if listed++; listed == 1 {
			b.WriteString("\n")
		}
		b.WriteString("\n- [" + escapeMarkdown(split.Truncate(l.Title, 200)) + "](<" + l.URL + ">)")
	}
	if call != "" {
		b.WriteString("\n\n" + call)
	}
	if r.Contact != "" {
		b.WriteString("\n\n" + r.Contact)
	}
	b.WriteString("\n\n" + r.Guidance)

	var rows []discordgo.MessageComponent
	rows = append(rows, buttonRows(r.Choices, discordgo.PrimaryButton)...)
	rows = append(rows, buttonRows(r.Related, discordgo.SecondaryButton)...)
	if r.Outcome == bot.Answered && r.Intent != "" && len(rows) < 5 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Helpful", Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: idFeedback + "up:" + r.Intent},
			discordgo.Button{Label: "Not helpful", Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: idFeedback + "down:" + r.Intent},
		}})
	}
	if len(rows) > 5 { // Discord's limit
		rows = rows[:5]
	}
	return message{parts: split.Text(b.String(), maxContent), components: rows}
}

// renderTopics lists the topics in a menu, for the command without a question.
func renderTopics(topics []bot.Choice, guidance string) message {
	var options []discordgo.SelectMenuOption
	for i, t := range topics {
		if i == 25 { // Discord's limit for one menu
			break
		}
		options = append(options, discordgo.SelectMenuOption{Label: split.Truncate(t.Title, 100), Value: t.ID})
	}
	menu := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: idTopics, Placeholder: "Pick a topic", Options: options},
	}}
	content := "Here are the topics I can help with. Pick one, or ask: `/" + CommandName + " question: my selfie keeps failing`.\n\n" + guidance
	return message{parts: split.Text(content, maxContent), components: []discordgo.MessageComponent{menu}}
}

// buttonRows puts choices on rows of at most five buttons.
func buttonRows(choices []bot.Choice, style discordgo.ButtonStyle) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	for start := 0; start < len(choices); start += 5 {
		var buttons []discordgo.MessageComponent
		for _, c := range choices[start:min(start+5, len(choices))] {
			buttons = append(buttons, discordgo.Button{Label: split.Truncate(c.Title, 80), Style: style, CustomID: idTopic + c.ID})
		}
		rows = append(rows, discordgo.ActionsRow{Components: buttons})
	}
	return rows
}

// escapeMarkdown makes user text inert in Discord Markdown: formatting
// characters are escaped and mentions broken with a zero-width space, so a
// quoted question can neither format nor ping (allowed mentions are empty
// as well).
func escapeMarkdown(s string) string {
	s = markdownEscaper.Replace(s)
	return strings.ReplaceAll(s, "@", "@\u200b")
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`, "#", `\#`, "-", `\-`, "[", `\[`, "]", `\]`, "<", `\<`,
)
