package discord

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// checkChannels asks Discord about each channel of Config.Channels (GET
// /channels/{id}), remembers those the bot cannot see (not found, or no
// access) and logs them in one line. A channel Discord could not be asked
// about is logged on its own and not counted: the bot may well see it.
// Without a token nothing can be asked.
func (a *Adapter) checkChannels(ctx context.Context) {
	if len(a.cfg.Channels) == 0 || a.cfg.Token == "" {
		return
	}
	unseen := []string{}
	for _, c := range a.cfg.Channels {
		_, err := a.rest.Channel(c.ID, discordgo.WithContext(ctx))
		var re *discordgo.RESTError
		if ctx.Err() != nil {
			return // stopping: the check is left unfinished, nil
		}
		switch {
		case err == nil:
		case errors.As(err, &re) && re.Response != nil && (re.Response.StatusCode == http.StatusNotFound || re.Response.StatusCode == http.StatusForbidden):
			unseen = append(unseen, c.ID)
		default:
			a.log.Warn("cannot check a configured channel", "channel", c.ID, "code", deliveryCode(err), "err", err)
		}
	}
	a.unseen.Store(&unseen)
	if len(unseen) > 0 {
		a.log.Warn("configured channels the bot cannot see", "channels", strings.Join(unseen, ","))
	}
}

// UnseenChannels are the ids of the channels of Config.Channels Discord
// said the bot cannot see, once checked at start; nil before.
func (a *Adapter) UnseenChannels() []string {
	if p := a.unseen.Load(); p != nil {
		return *p
	}
	return nil
}
