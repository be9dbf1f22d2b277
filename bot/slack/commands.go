package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// serveCommands answers the slash command in the HTTP response itself:
// answering takes microseconds, well inside Slack's three seconds.
func (a *Adapter) serveCommands(w http.ResponseWriter, r *http.Request, _ []byte) {
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "cannot parse command", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(a.commandResponse(r.Context(), cmd))
}

// commandResponse answers the slash command privately (ephemeral): the
// topics when it comes alone, the answer to its text otherwise.
func (a *Adapter) commandResponse(ctx context.Context, cmd slack.SlashCommand) responseMessage {
	if cmd.Command != a.cfg.Command {
		return responseMessage{ResponseType: "ephemeral", Text: "Sorry, I only know " + escape(a.cfg.Command) + "."}
	}
	question := strings.TrimSpace(plainIncoming(cmd.Text))
	if question == "" {
		return ephemeral(renderTopics(a.bot.Topics(), a.bot.Guidance(), a.cfg.Command))
	}
	reply := a.bot.Answer(ctx, bot.Message{Text: question, User: cmd.UserID, Channel: cmd.ChannelID, Adapter: adapterName,
		Scope: a.channel(cmd.ChannelID).Scope})
	return ephemeral(render(reply, question))
}
