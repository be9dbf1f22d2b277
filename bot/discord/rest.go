package discord

import "github.com/bwmarrin/discordgo"

// restAPI is the part of Discord's REST API the adapter uses; every REST
// call goes through it. *discordgo.Session implements it; tests drive the
// real session against a local fake.
type restAPI interface {
	ApplicationCommandBulkOverwrite(appID, guildID string, commands []*discordgo.ApplicationCommand, options ...discordgo.RequestOption) ([]*discordgo.ApplicationCommand, error)
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	Channel(channelID string, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	ChannelEditComplex(channelID string, data *discordgo.ChannelEdit, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	ChannelMessageDelete(channelID, messageID string, options ...discordgo.RequestOption) error
	UserChannelCreate(recipientID string, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	InteractionRespond(interaction *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	FollowupMessageCreate(interaction *discordgo.Interaction, wait bool, data *discordgo.WebhookParams, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// gateway is the gateway connection: opened once, resumed by discordgo
// after a drop, closed at the end.
type gateway interface {
	Open() error
	Close() error
}

var (
	_ restAPI = (*discordgo.Session)(nil)
	_ gateway = (*discordgo.Session)(nil)
)
