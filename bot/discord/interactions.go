package discord

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// maxChoices is Discord's limit of autocomplete choices.
const maxChoices = 25

// onInteraction answers interactions arriving over the gateway.
func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic.Interaction == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, more := a.respond(ctx, ic.Interaction)
	if err := a.rest.InteractionRespond(ic.Interaction, resp, discordgo.WithContext(ctx)); err != nil {
		a.logFailure("respond to interaction", err)
		return
	}
	a.followUp(ctx, ic.Interaction, resp, more)
}

// followUp sends the rest of a long answer after the interaction response,
// then runs what comes after it.
func (a *Adapter) followUp(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse, more message) {
	if more.then != nil {
		defer more.then(ctx)
	}
	for j, part := range more.parts {
		params := &discordgo.WebhookParams{Content: part, AllowedMentions: more.allowed(part)}
		if resp.Data != nil {
			params.Flags = resp.Data.Flags
		}
		if j == len(more.parts)-1 {
			params.Components = more.components
		}
		if _, err := a.rest.FollowupMessageCreate(i, false, params, discordgo.WithContext(ctx)); err != nil {
			a.logFailure("send follow-up", err)
			return
		}
	}
}

// respond builds the response to an interaction, over either transport:
// PONG to a ping, an answer to the command or to a click, choices to an
// autocomplete. When the answer is longer than one message, the rest comes
// back as more, to be sent as follow-ups.
func (a *Adapter) respond(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, more message) {
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, message{}
	case discordgo.InteractionApplicationCommandAutocomplete:
		return a.autocomplete(i), message{}
	case discordgo.InteractionApplicationCommand:
		return a.command(ctx, i)
	case discordgo.InteractionMessageComponent:
		return a.component(ctx, i)
	}
	return notice("Sorry, I can't handle that."), message{}
}

func (a *Adapter) command(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, message) {
	data, ok := commandData(i)
	if ok && data.CommandType == discordgo.MessageApplicationCommand && data.Name == MessageCommandName {
		return a.askMessage(ctx, i, data)
	}
	if !ok || data.Name != CommandName {
		return notice("Sorry, I only know /" + CommandName + "."), message{}
	}
	question := ""
	for _, opt := range data.Options {
		if v, ok := stringOption(opt); ok && opt.Name == "question" {
			question = strings.TrimSpace(plainIncoming(v))
		}
	}
	var msg message
	public := a.commandPublic(i.ChannelID)
	m := bot.Message{User: userOf(i), Channel: i.ChannelID, Adapter: adapterName, Public: public,
		Conversation: conversationKey(i.GuildID, i.ChannelID), Mentioned: true, CanHandOff: public && a.canHandOff(installedIn(i), i.ChannelID),
		Scope: a.channel(i.ChannelID).Scope}
	switch id, chosen := strings.CutPrefix(question, idTopic); {
	case question == "":
		msg = renderTopics(a.bot.Topics(), a.bot.Guidance())
	case chosen:
		m.Choice = id
		reply := a.bot.Answer(ctx, m)
		msg = a.render(reply, "", i.ChannelID)
		a.handOff(ctx, reply, installedIn(i), i.ChannelID, "")
	default:
		m.Text = question
		reply := a.bot.Answer(ctx, m)
		if reply.Silent {
			return notice("Please wait a moment before asking again."), message{}
		}
		if reply.Private {
			return withMessage(render(reply, ""), discordgo.MessageFlagsEphemeral) // never quote what was guarded
		}
		msg = a.render(reply, question, i.ChannelID)
		a.handOff(ctx, reply, installedIn(i), i.ChannelID, "")
	}
	var flags discordgo.MessageFlags
	if !public {
		flags = discordgo.MessageFlagsEphemeral
	}
	return withMessage(msg, flags)
}

// autocomplete offers the topics that best fit what has been typed so far,
// ranked by fuzzy matching of their titles ("slf" finds "Selfie step").
func (a *Adapter) autocomplete(i *discordgo.Interaction) *discordgo.InteractionResponse {
	typed := ""
	data, _ := commandData(i)
	for _, opt := range data.Options {
		if v, ok := stringOption(opt); ok && opt.Focused {
			typed = v
		}
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, s := range a.bot.Index().SuggestTitles(typed, maxChoices) {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: split.Truncate(s.Title, 100), Value: idTopic + s.ID})
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// component handles a click: a topic button or menu choice answers that
// topic (privately under a private message), a feedback button is recorded
// and acknowledged privately.
func (a *Adapter) component(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, message) {
	data, ok := componentData(i)
	if !ok {
		return notice("Sorry, that button no longer works."), message{}
	}
	var flags discordgo.MessageFlags
	if i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0 {
		flags = discordgo.MessageFlagsEphemeral
	}
	switch {
	case data.CustomID == idSolved:
		return a.solve(ctx, i)
	case strings.HasPrefix(data.CustomID, idTopic):
		return a.pick(ctx, i, strings.TrimPrefix(data.CustomID, idTopic), flags)
	case data.CustomID == idTopics && len(data.Values) > 0:
		return a.pick(ctx, i, data.Values[0], flags)
	case strings.HasPrefix(data.CustomID, idFeedback):
		vote, intent, _ := strings.Cut(strings.TrimPrefix(data.CustomID, idFeedback), ":")
		reply := ""
		if i.Message != nil {
			reply = i.Message.ID
		}
		record := func(ctx context.Context) error {
			return a.feedback.RecordFeedback(ctx, bot.Feedback{
				Adapter: adapterName, User: userOf(i), Channel: i.ChannelID, Reply: reply,
				Intent: intent, Helpful: vote == "up", Time: time.Now(),
			})
		}
		var err error
		if i.ID == "" {
			err = record(ctx)
		} else {
			// Claimed under the interaction's id, so that a click replayed
			// to two replicas sharing the claims is recorded once.
			var ran bool
			if ran, err = a.seen.Once(ctx, adapterName+":click:"+i.ID, record); !ran {
				a.deps.Metrics.Deduplicated(adapterName)
			}
		}
		if err != nil {
			a.log.Error("record feedback failed", "err", err)
		}
		return notice("Thanks for your feedback!"), message{}
	}
	return notice("Sorry, that button no longer works."), message{}
}

// pick answers a choice picked under a message, in that message's
// conversation: a topic's answer, or "Talk to a person" (which can call
// someone only under a message others see).
func (a *Adapter) pick(ctx context.Context, i *discordgo.Interaction, choice string, flags discordgo.MessageFlags) (*discordgo.InteractionResponse, message) {
	public := flags&discordgo.MessageFlagsEphemeral == 0
	reply := a.bot.Answer(ctx, bot.Message{User: userOf(i), Channel: i.ChannelID, Adapter: adapterName, Public: i.GuildID != "" && public,
		Choice: choice, Conversation: conversationKey(i.GuildID, i.ChannelID), Mentioned: true, CanHandOff: public && a.canHandOff(installedIn(i), i.ChannelID),
		Scope: a.channel(i.ChannelID).Scope})
	if reply.Silent {
		return notice("Please wait a moment before asking again."), message{}
	}
	msg := a.render(reply, "", i.ChannelID)
	messageID := ""
	if i.Message != nil {
		messageID = i.Message.ID
	}
	a.handOff(ctx, reply, installedIn(i), i.ChannelID, messageID)
	return withMessage(msg, flags)
}

// withMessage makes msg's first part the response; the rest is returned for
// follow-ups, with the components under the last part.
func withMessage(msg message, flags discordgo.MessageFlags) (*discordgo.InteractionResponse, message) {
	data := &discordgo.InteractionResponseData{Content: msg.parts[0], Flags: flags, AllowedMentions: msg.allowed(msg.parts[0])}
	more := message{parts: msg.parts[1:], components: msg.components, role: msg.role, then: msg.then}
	if len(more.parts) == 0 {
		data.Components = msg.components
		more.components = nil
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}, more
}

// notice is a short private response.
func notice(text string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions},
	}
}

func userOf(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
