package slack

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// actionHomeTopic prefixes the action ids of the App Home's topic buttons,
// whose answers go to the person's Messages tab.
const actionHomeTopic = "home-topic:"

// Slack's limits for the App Home: 25 buttons per actions block, 100
// blocks per view.
const (
	maxButtons    = 25
	maxHomeTopics = 75
)

// homeView is what the App Home shows: what the bot helps with, the topics
// as buttons (answered privately, in the Messages tab), how to ask, and the
// contact guidance last. helpChannels are named as places to ask.
func homeView(topics []bot.Choice, guidance, command string, helpChannels []string) []slack.Block {
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "Help with identity verification", false, false)),
		section("I answer questions about the steps of an identity verification: what a step asks for, and what to try when it fails. " +
			"I cannot see or change anyone's verification."),
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "Topics", false, false)),
		slack.NewContextBlock("topics-hint", slack.NewTextBlockObject(slack.PlainTextType,
			"Pick one: the answer comes to you privately, in the Messages tab.", false, false)),
	}
	shown := topics[:min(len(topics), maxHomeTopics)]
	for i := 0; i < len(shown); i += maxButtons {
		var buttons []slack.BlockElement
		for _, t := range shown[i:min(i+maxButtons, len(shown))] {
			buttons = append(buttons, button(actionHomeTopic+t.ID, t.ID, t.Title))
		}
		blocks = append(blocks, slack.NewActionBlock("home-topics-"+string(rune('a'+i/maxButtons)), buttons...))
	}
	if len(topics) > len(shown) {
		blocks = append(blocks, slack.NewContextBlock("topics-more", slack.NewTextBlockObject(slack.MarkdownType,
			"More topics: `"+escape(command)+"` lists them all.", false, false)))
	}
	ways := []string{
		"• Write to me in the *Messages* tab.",
		"• Mention me in a channel I am in; I answer in a thread.",
		"• Type `" + escape(command) + " your question` anywhere; only you see the answer.",
	}
	for _, id := range helpChannels {
		ways = append(ways, "• Ask in <#"+id+">: every question there is answered in a thread.")
	}
	ways = append(ways, "Never post ID numbers or photos of your documents in a chat.")
	blocks = append(blocks,
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "How to ask", false, false)),
		section(strings.Join(ways, "\n")))
	for _, part := range split.Text(mrkdwn(guidance), maxSection) {
		blocks = append(blocks, section(part))
	}
	return blocks
}
