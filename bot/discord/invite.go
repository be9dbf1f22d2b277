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

// InviteURL is the OAuth2 URL that adds the bot to a server, with the bot
// and applications.commands scopes and exactly the permissions the bot
// needs: view channels, send messages (also in threads) and read message
// history, plus manage messages when deleteMessages, for DeletePersonalData.
func InviteURL(applicationID string, deleteMessages bool) string {
	perms := int64(permissions)
	if deleteMessages {
		perms |= manageMessages
	}
	q := url.Values{}
	q.Set("client_id", applicationID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(perms, 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}
