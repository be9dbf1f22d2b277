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
		Short:   "Print the URL that adds the bot to a Discord server",
		Example: "  HELPDESK_DISCORD_APPLICATION_ID=123456789012345678 helpdeskbot discord invite-url",
		Long: "invite-url prints the OAuth2 URL with the bot and applications.commands scopes and\n" +
			"exactly the permissions the bot needs (view channels, send messages, send messages\n" +
			"in threads, read message history), for discord.application_id.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if a.cfg.Discord.ApplicationID == "" {
				return configError{errors.New("discord.application_id: required (HELPDESK_DISCORD_APPLICATION_ID)")}
			}
			fmt.Fprintln(a.stdout, discord.InviteURL(a.cfg.Discord.ApplicationID, a.cfg.Discord.DeletePersonalData))
			return nil
		},
	})
	return cmd
}
