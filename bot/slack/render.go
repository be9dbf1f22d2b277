package slack

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
	"github.com/helpdeskbot/helpdeskbot/internal/markdown"
)

// Action ids of the buttons and menus the adapter renders. Topic buttons
// carry the intent id after the prefix, since action ids must be unique in
// a block.
const (
	actionTopic    = "topic:"
	actionTopics   = "topics"
	actionFeedback = "feedback:"
)

// maxTextFallback bounds the plain text Slack shows in notifications.
const maxTextFallback = 3000

// message is a reply rendered for Slack: Block Kit blocks and the plain text
// shown in notifications.
type message struct {
	blocks []slack.Block
	text   string
}

// render turns a reply into Block Kit: the answer as mrkdwn sections (split
// at Slack's section limit), the choices as buttons, the links, the contact line, the
// related topics and the feedback buttons, and the contact guidance as the
// final block. question, when set, is the person's own words, quoted (and
// escaped) at the top: ephemeral replies have no message above them.
func render(r bot.Reply, question string) message {
	var blocks []slack.Block
	if question != "" {
		blocks = append(blocks, slack.NewContextBlock("question",
			slack.NewTextBlockObject(slack.MarkdownType, "> "+escape(split.Truncate(question, 200)), false, true)))
	}
	for _, part := range split.Text(mrkdwn(r.Body), maxSection) {
		blocks = append(blocks, section(part))
	}
	if len(r.Choices) > 0 {
		blocks = append(blocks, topicButtons("choices", r.Choices))
	}
	if links := linkList(r.Links); links != "" {
		blocks = append(blocks, section(links))
	}
	if r.Contact != "" {
		for _, part := range split.Text(mrkdwn(r.Contact), maxSection) {
			blocks = append(blocks, section(part))
		}
	}
	if len(r.Related) > 0 {
		blocks = append(blocks,
			slack.NewContextBlock("related-label", slack.NewTextBlockObject(slack.PlainTextType, "Related topics", false, false)),
			topicButtons("related", r.Related))
	}
	if r.Outcome == bot.Answered && r.Intent != "" {
		blocks = append(blocks, slack.NewActionBlock("feedback",
			button(actionFeedback+"up", "up:"+r.Intent, "👍 Helpful"),
			button(actionFeedback+"down", "down:"+r.Intent, "👎 Not helpful")))
	}
	for _, part := range split.Text(mrkdwn(r.Guidance), maxSection) {
		blocks = append(blocks, section(part))
	}
	return message{blocks: blocks, text: textFallback(r)}
}

// linkList is the links as a mrkdwn list of links; a link whose address
// would break out of Slack's link syntax is left out.
func linkList(links []bot.Link) string {
	var b strings.Builder
	for _, l := range links {
		if !strings.HasPrefix(l.URL, "https://") || strings.ContainsAny(l.URL, "<>| \t\n") {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("• <" + l.URL + "|" + escape(strings.ReplaceAll(split.Truncate(l.Title, 200), "|", "-")) + ">")
	}
	return split.Truncate(b.String(), maxSection)
}

// renderTopics lists every topic in a menu, for the slash command alone.
func renderTopics(topics []bot.Choice, guidance, command string) message {
	var options []*slack.OptionBlockObject
	for i, t := range topics {
		if i == 100 { // Slack's limit for one menu
			break
		}
		options = append(options, slack.NewOptionBlockObject(t.ID,
			slack.NewTextBlockObject(slack.PlainTextType, split.Truncate(t.Title, 75), false, false), nil))
	}
	menu := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic,
		slack.NewTextBlockObject(slack.PlainTextType, "Pick a topic", false, false), actionTopics, options...)
	intro := "Here are the topics I can help with. Pick one, or ask a question: `" + escape(command) + " my selfie keeps failing`."
	blocks := []slack.Block{section(intro), slack.NewActionBlock("topics", menu)}
	for _, part := range split.Text(mrkdwn(guidance), maxSection) {
		blocks = append(blocks, section(part))
	}
	var text strings.Builder
	text.WriteString("Topics I can help with:")
	for _, t := range topics {
		text.WriteString("\n• " + t.Title)
	}
	return message{blocks: blocks, text: split.Truncate(text.String(), maxTextFallback)}
}

func section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, true), nil, nil)
}

func topicButtons(blockID string, choices []bot.Choice) *slack.ActionBlock {
	var buttons []slack.BlockElement
	for i, c := range choices {
		if i == 25 { // Slack's limit for one actions block
			break
		}
		buttons = append(buttons, button(actionTopic+c.ID, c.ID, c.Title))
	}
	return slack.NewActionBlock(blockID, buttons...)
}

func button(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value,
		slack.NewTextBlockObject(slack.PlainTextType, split.Truncate(label, 75), true, false))
}

// textFallback is the reply as plain text, for notifications and clients
// that cannot show blocks. It always ends with the guidance.
func textFallback(r bot.Reply) string {
	guidance := markdown.Plain(r.Guidance)
	body := markdown.Plain(r.Body)
	room := maxTextFallback - len([]rune(guidance)) - 2
	return escape(split.Truncate(body, max(room, 0)) + "\n\n" + guidance)
}
