// Package slack connects the bot to Slack: the Events API over HTTP or
// Socket Mode (mentions, direct messages, help channels, the App Home),
// the slash command, the message shortcut, buttons and menus, and replies
// in Block Kit.
//
// Answering happens after Slack's request is acknowledged, on a bounded pool
// of workers, so a slow Web API never makes Slack retry; retried events are
// answered once.
package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Config configures the Slack adapter with plain values; its dependencies
// (HTTP client, dialer, metrics, drain timeout) are Options of New.
type Config struct {
	// BotToken is the bot's OAuth token (xoxb-...). The adapter is off without it.
	BotToken string
	// SigningSecret verifies requests to the HTTP endpoints.
	SigningSecret string
	// AppToken (xapp-...) turns on Socket Mode.
	AppToken string
	// APIURL is the Web API base URL; empty means Slack's.
	APIURL string
	// Command is the slash command, "/verifyhelp" by default.
	Command string
	// Workers answer events after they are acknowledged; Queue bounds the
	// events waiting for a worker.
	Workers, Queue int
	// HandoffUsergroup is the id of a user group (S...) mentioned once in
	// a channel thread where a person is asked for; HandoffChannel is the
	// id of a channel where a link to that thread is posted instead. With
	// neither, the bot says it cannot call anyone from here. Direct
	// messages never hand off: nobody else can join them.
	HandoffUsergroup, HandoffChannel string
	// HandoffMessage is the text that calls the person; empty means
	// DefaultHandoffMessage.
	HandoffMessage string
	// HelpChannelIDs are channels (C... or G...) where every top-level
	// message is answered in a thread under it without a mention; a reply
	// in a thread there is answered when the bot answered in that thread
	// (and still remembers it) or mentions the bot.
	HelpChannelIDs []string
	// ShortcutPrivate makes the message shortcut "Ask helpdeskbot" answer
	// privately, to the person who used it, instead of in the message's
	// thread.
	ShortcutPrivate bool
	// Channels are the settings of single channels: public or private
	// replies, auto-answer or mentions only, the handoff target and the
	// topics answered there.
	Channels []Channel
}

// Defaults for Config.
const (
	DefaultHandoffMessage = "A person from the support team is asked to join this conversation."

	DefaultCommand = "/verifyhelp"
	DefaultWorkers = 8
	DefaultQueue   = 1024
)

// Enabled reports whether any Slack setting is present.
func (c Config) Enabled() bool {
	return c.BotToken != "" || c.SigningSecret != "" || c.AppToken != ""
}

// SocketMode reports whether the adapter connects over Socket Mode.
func (c Config) SocketMode() bool { return c.AppToken != "" }

// Validate reports the first problem, naming the configuration key.
func (c Config) Validate() error {
	switch {
	case c.BotToken == "":
		return errors.New("bot_token: required when any Slack setting is given")
	case c.SigningSecret == "" && c.AppToken == "":
		return errors.New("signing_secret: required for the HTTP endpoints (or set app_token for Socket Mode)")
	case c.AppToken != "" && !strings.HasPrefix(c.AppToken, "xapp-"):
		return errors.New("app_token: an app-level token starts with xapp-")
	case c.Command != "" && (!strings.HasPrefix(c.Command, "/") || strings.ContainsAny(c.Command, " \t")):
		return fmt.Errorf("command: %q is not a slash command like /verifyhelp", c.Command)
	case c.Workers < 0 || c.Queue < 0:
		return errors.New("workers: must not be negative")
	}
	for _, id := range c.HelpChannelIDs {
		if !channelID(id) {
			return fmt.Errorf("help_channel_ids: %q is not a channel id like C0123ABCD", id)
		}
	}
	if err := validateChannels(c.Channels); err != nil {
		return err
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("api_url: %q is not an http(s) URL", c.APIURL)
		}
	}
	return nil
}

// channelID reports whether id looks like a public (C...) or private
// (G...) channel id.
func channelID(id string) bool {
	if len(id) < 2 || (id[0] != 'C' && id[0] != 'G') {
		return false
	}
	for _, r := range id[1:] {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func (c Config) withDefaults() Config {
	if c.Command == "" {
		c.Command = DefaultCommand
	}
	if c.HandoffMessage == "" {
		c.HandoffMessage = DefaultHandoffMessage
	}
	if c.Workers == 0 {
		c.Workers = DefaultWorkers
	}
	if c.Queue == 0 {
		c.Queue = DefaultQueue
	}
	if c.APIURL != "" && !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/" // slack-go joins method names to it
	}
	return c
}
