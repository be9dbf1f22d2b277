package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
)

func (a *app) discordCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "discord",
		Short:   "Discord helpers",
		Example: "  HELPDESK_DISCORD_APPLICATION_ID=123456789012345678 helpdeskbot discord invite-url",
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "invite-url",
		Short:   "Print the URLs that add the bot to a Discord server or to a person's account",
		Example: "  HELPDESK_DISCORD_APPLICATION_ID=123456789012345678 helpdeskbot discord invite-url",
		Long: "invite-url prints two OAuth2 URLs for discord.application_id. \"server:\" adds the bot\n" +
			"to a server, with the bot and applications.commands scopes and exactly the permissions\n" +
			"the bot needs (view channels, send messages, send messages in threads, read message\n" +
			"history; manage messages with discord.delete_personal_data, manage threads with\n" +
			"discord.forum_channel_ids). \"user:\" adds /verifyhelp and \"Ask helpdeskbot\" to a\n" +
			"person's account, to use in any server and in direct and group messages (the\n" +
			"application must allow user installs, and the commands be registered globally).",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if a.cfg.Discord.ApplicationID == "" {
				return configError{errors.New("discord.application_id: required (HELPDESK_DISCORD_APPLICATION_ID)")}
			}
			fmt.Fprintln(a.stdout, "server: "+discord.ServerInstallURL(a.cfg.Discord))
			fmt.Fprintln(a.stdout, "user:   "+discord.UserInstallURL(a.cfg.Discord.ApplicationID))
			return nil
		},
	})
	return cmd
}
