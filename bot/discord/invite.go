package discord

import (
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// permissions is exactly what the bot needs in a server: see channels, send
// messages (also in threads) and read message history, which replying to a
// message requires.
const permissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads | discordgo.PermissionReadMessageHistory

// manageMessages is the one more permission DeletePersonalData needs.
const manageMessages = discordgo.PermissionManageMessages

// manageThreads is the one more permission forum channels need: to apply
// tags to other people's posts and close them.
const manageThreads = discordgo.PermissionManageThreads

// Permissions is exactly what the bot needs in a server configured with
// c: view channels, send messages (also in threads) and read message
// history, plus manage messages with DeletePersonalData and manage threads
// with forum channels.
func Permissions(c Config) int64 {
	perms := int64(permissions)
	if c.DeletePersonalData {
		perms |= manageMessages
	}
	if len(c.ForumChannelIDs) > 0 {
		perms |= manageThreads
	}
	return perms
}

// InviteURL is the OAuth2 URL that adds the bot to a server, with the bot
// and applications.commands scopes and exactly the permissions the bot
// needs: view channels, send messages (also in threads) and read message
// history, plus manage messages when deleteMessages, for DeletePersonalData.
func InviteURL(applicationID string, deleteMessages bool) string {
	return ServerInstallURL(Config{ApplicationID: applicationID, DeletePersonalData: deleteMessages})
}

// ServerInstallURL is the OAuth2 URL that adds the bot to a server (a
// guild install), with the bot and applications.commands scopes and
// Permissions(c).
func ServerInstallURL(c Config) string {
	q := url.Values{}
	q.Set("client_id", c.ApplicationID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(Permissions(c), 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// UserInstallURL is the OAuth2 URL that adds the application's commands to
// a person's account (a user install): /verifyhelp and "Ask helpdeskbot"
// then work in any server and in direct and group messages, answered
// through interactions alone. The application must allow user installs.
func UserInstallURL(applicationID string) string {
	q := url.Values{}
	q.Set("client_id", applicationID)
	q.Set("integration_type", strconv.Itoa(int(discordgo.ApplicationIntegrationUserInstall)))
	q.Set("scope", "applications.commands")
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// installedIn is the guild of i when the bot is installed there, else
// empty: a command used through a person's install in a server the bot is
// not in can call nobody there.
func installedIn(i *discordgo.Interaction) string {
	if i.GuildID == "" || len(i.AuthorizingIntegrationOwners) == 0 {
		return i.GuildID // older payloads name no owners: the bot's own server
	}
	if i.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall] == i.GuildID {
		return i.GuildID
	}
	return ""
}

// everywhere makes cmd user-installable and usable in servers, in direct
// messages with the bot and in private channels; Discord takes these on
// global commands only.
func everywhere(cmd *discordgo.ApplicationCommand) *discordgo.ApplicationCommand {
	types := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
	contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
	cmd.IntegrationTypes, cmd.Contexts = &types, &contexts
	return cmd
}

// commands are the application commands the adapter registers: globally
// (guild "") user-installable and usable everywhere.
func commands(guild string) []*discordgo.ApplicationCommand {
	cmds := []*discordgo.ApplicationCommand{command(), messageCommand()}
	if guild == "" {
		for _, c := range cmds {
			everywhere(c)
		}
	}
	return cmds
}
