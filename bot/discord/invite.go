package discord

import (
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// Permissions is exactly what the bot needs in a server: see channels, send
// messages (also in threads) and read message history, which replying to a
// message requires.
const Permissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads | discordgo.PermissionReadMessageHistory

// ManageMessages is the one more permission DeletePersonalData needs.
const ManageMessages = discordgo.PermissionManageMessages

// InviteURL is the OAuth2 URL that adds the bot to a server, with the bot
// and applications.commands scopes and Permissions (plus ManageMessages when
// deleteMessages, for DeletePersonalData).
func InviteURL(applicationID string, deleteMessages bool) string {
	perms := int64(Permissions)
	if deleteMessages {
		perms |= ManageMessages
	}
	q := url.Values{}
	q.Set("client_id", applicationID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(perms, 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}
