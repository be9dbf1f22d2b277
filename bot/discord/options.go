package discord

import "github.com/bwmarrin/discordgo"

// commandData is the data of a command or autocomplete interaction; ok is
// false when the interaction carries no such data (a malformed request).
func commandData(i *discordgo.Interaction) (data discordgo.ApplicationCommandInteractionData, ok bool) {
	if i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		return data, false
	}
	data, ok = i.Data.(discordgo.ApplicationCommandInteractionData)
	return data, ok
}

// componentData is the data of a click; ok is false when the interaction
// carries none.
func componentData(i *discordgo.Interaction) (data discordgo.MessageComponentInteractionData, ok bool) {
	if i.Type != discordgo.InteractionMessageComponent {
		return data, false
	}
	data, ok = i.Data.(discordgo.MessageComponentInteractionData)
	return data, ok
}

// stringOption is the value of a string option; ok is false for an option
// of another type or without a string value, which the adapter ignores
// (discordgo's StringValue panics on them).
func stringOption(opt *discordgo.ApplicationCommandInteractionDataOption) (value string, ok bool) {
	if opt == nil || opt.Type != discordgo.ApplicationCommandOptionString {
		return "", false
	}
	value, ok = opt.Value.(string)
	return value, ok
}
