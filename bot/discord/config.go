// Package discord connects the bot to Discord: mentions, direct messages,
// help channels and forum channels (posts answered, tagged and marked
// solved) over the gateway, the /verifyhelp command with fuzzy
// autocomplete and the "Ask helpdeskbot" message command (both
// user-installable), buttons, and an HTTP interactions endpoint verified
// with Ed25519 that needs no gateway connection.
package discord

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Config configures the Discord adapter with plain values; its
// dependencies (HTTP client, dialer, metrics, drain timeout) are Options of
// New.
type Config struct {
	// Token is the bot token. It is needed for the gateway and to register
	// the slash command.
	Token string
	// ApplicationID is the application's id.
	ApplicationID string
	// PublicKey is the application's Ed25519 public key, in hex, for the
	// HTTP interactions endpoint.
	PublicKey string
	// GuildIDs, when set, register the command in these guilds only (it
	// appears at once) instead of globally.
	GuildIDs []string
	// HelpChannelIDs are channels where every message is answered, not only
	// mentions. Reading them needs MessageContent.
	HelpChannelIDs []string
	// ForumChannelIDs are forum channels whose new posts are answered
	// inside the post, which is then a conversation with its author.
	// Reading the posts needs MessageContent.
	ForumChannelIDs []string
	// ForumTags name the forum tags the adapter applies to posts.
	ForumTags ForumTags
	// MessageContent says the privileged message content intent is granted.
	MessageContent bool
	// APIURL is the REST base URL including the API version; empty means
	// Discord's. The gateway URL comes from its gateway route.
	APIURL string
	// HTTPOnly turns the gateway off: the adapter serves the HTTP
	// interactions endpoint alone. Without a token the gateway is off
	// anyway.
	HTTPOnly bool
	// Public makes /verifyhelp answers visible to the channel; by default
	// they are ephemeral (only the person who asked sees them).
	Public bool
	// DeletePersonalData deletes a channel message that looks like it holds
	// personal data, after warning its author privately. It needs the
	// Manage Messages permission.
	DeletePersonalData bool
	// Workers answer messages after they arrive; Queue bounds the messages
	// waiting for a worker.
	Workers, Queue int
	// HandoffRole is the id of a role mentioned once in the thread or
	// channel where a person is asked for (allowed to ping that role
	// only); HandoffChannel is the id of a channel where a link to the
	// message is posted instead. With neither, the bot says it cannot call
	// anyone from here. Direct messages never hand off: nobody else can
	// join them.
	HandoffRole, HandoffChannel string
	// HandoffMessage is the text that calls the person; empty means
	// DefaultHandoffMessage.
	HandoffMessage string
	// Channels are the settings of single channels: public or private
	// replies, auto-answer or mentions only, the handoff target and the
	// topics answered there.
	Channels []Channel
}

// ForumTags are names of tags of the forum channels (looked up, without
// regard to case, in each forum's available tags); empty applies none.
type ForumTags struct {
	// Answered is applied to a post once the bot has answered it.
	Answered string
	// Solved is applied by the Solved button, which also closes the post.
	Solved string
}

// Defaults.
const (
	DefaultHandoffMessage = "A person from the support team is asked to join this conversation."

	DefaultAPIURL  = "https://discord.com/api/v9/"
	DefaultWorkers = 8
	DefaultQueue   = 1024
	// maxTagName is the longest name Discord allows a forum tag.
	maxTagName = 20
	// CommandName is the slash command the adapter registers and answers.
	CommandName = "verifyhelp"
)

// Enabled reports whether the adapter has something to run: a token or a
// public key. An application id alone is enough for the invite URL.
func (c Config) Enabled() bool {
	return c.Token != "" || c.PublicKey != ""
}

// GatewayOn reports whether the adapter connects to the gateway.
func (c Config) GatewayOn() bool { return !c.HTTPOnly && c.Token != "" }

// Validate reports the first problem, naming the configuration key.
func (c Config) Validate() error {
	switch {
	case c.ApplicationID == "":
		return errors.New("application_id: required with a token or public key")
	case !c.GatewayOn() && c.PublicKey == "":
		return errors.New("public_key: required for the HTTP interactions endpoint when the gateway is off")
	case len(c.HelpChannelIDs) > 0 && !c.MessageContent:
		return errors.New("help_channel_ids: reading messages that do not mention the bot needs message_content: true (a privileged intent)")
	case len(c.ForumChannelIDs) > 0 && !c.GatewayOn():
		return errors.New("forum_channel_ids: new forum posts arrive over the gateway, which needs a token and gateway on")
	case len(c.ForumChannelIDs) > 0 && !c.MessageContent:
		return errors.New("forum_channel_ids: reading forum posts, which do not mention the bot, needs message_content: true (a privileged intent)")
	case len([]rune(c.ForumTags.Answered)) > maxTagName:
		return fmt.Errorf("forum_tags.answered: %q is longer than a forum tag's %d characters", c.ForumTags.Answered, maxTagName)
	case len([]rune(c.ForumTags.Solved)) > maxTagName:
		return fmt.Errorf("forum_tags.solved: %q is longer than a forum tag's %d characters", c.ForumTags.Solved, maxTagName)
	case c.Workers < 0 || c.Queue < 0:
		return errors.New("workers: must not be negative")
	}
	for _, id := range c.ForumChannelIDs {
		if id == "" || strings.Trim(id, "0123456789") != "" {
			return fmt.Errorf("forum_channel_ids: %q is not a channel id (digits)", id)
		}
	}
	if err := validateChannels(c.Channels, c.MessageContent); err != nil {
		return err
	}
	if c.PublicKey != "" {
		if key, err := hex.DecodeString(c.PublicKey); err != nil || len(key) != 32 {
			return errors.New("public_key: must be the 64 hex digits of an Ed25519 public key")
		}
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("api_url: %q is not an http(s) URL", c.APIURL)
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/"
	}
	if c.Workers == 0 {
		c.Workers = DefaultWorkers
	}
	if c.HandoffMessage == "" {
		c.HandoffMessage = DefaultHandoffMessage
	}
	if c.Queue == 0 {
		c.Queue = DefaultQueue
	}
	return c
}
