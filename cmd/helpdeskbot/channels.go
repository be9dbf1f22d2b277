package main

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cast"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// ChannelConfig is one entry of the channels list: the settings of one
// Slack or Discord channel, by its id. Every setting is optional; an
// unset one keeps the adapter's behaviour there.
type ChannelConfig struct {
	// Platform is "slack" or "discord".
	Platform string
	// ID is the channel's id (C... or G... on Slack, digits on Discord).
	ID string
	// Reply is "public" (in the channel, as usual) or "private" (only the
	// person who asked sees it: ephemeral on Slack, a direct message on
	// Discord).
	Reply string
	// Answer is "auto" (every top-level message answered, as in a help
	// channel) or "mention" (only messages that mention the bot).
	Answer string
	// Handoff is the channel's handoff target instead of the global one:
	// "usergroup:S...", "role:ID" or "channel:ID".
	Handoff string
	// Topics are the topic ids the channel answers; Folder is a knowledge
	// sub-folder whose topics it answers. Other topics fall back.
	Topics []string
	Folder string
	// unknown are the entry's keys that are none of the above.
	unknown []string
}

// channelKeys are the keys of a channels entry.
var channelKeys = []string{"platform", "id", "reply", "answer", "handoff", "topics", "folder"}

// channelsValue reads the channels list from YAML: a sequence of
// mappings. The environment and flags cannot set it.
func channelsValue(p *[]ChannelConfig) field {
	return value[[]ChannelConfig]{p: p, def: func([]ChannelConfig) any { return nil },
		parse: parseChannels, format: formatChannels}
}

func parseChannels(val any) ([]ChannelConfig, error) {
	if val == nil {
		return nil, nil
	}
	if s, ok := val.(string); ok {
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		return nil, errors.New("a list of channels is set in the configuration file only")
	}
	items, ok := val.([]any)
	if !ok {
		return nil, fmt.Errorf("must be a list of channels, not %T", val)
	}
	out := make([]ChannelConfig, len(items))
	for i, item := range items {
		entry, err := cast.ToStringMapE(item)
		if err != nil {
			return nil, fmt.Errorf("[%d]: must be a mapping like {platform: slack, id: C0123ABCD}", i)
		}
		c := &out[i]
		for key, v := range entry {
			s := strings.TrimSpace(cast.ToString(v))
			switch strings.ToLower(key) {
			case "platform":
				c.Platform = strings.ToLower(s)
			case "id":
				c.ID = s
			case "reply":
				c.Reply = strings.ToLower(s)
			case "answer":
				c.Answer = strings.ToLower(s)
			case "handoff":
				c.Handoff = s
			case "topics":
				c.Topics = listOf(v)
			case "folder":
				c.Folder = strings.Trim(s, "/")
			default:
				c.unknown = append(c.unknown, key)
			}
		}
		sort.Strings(c.unknown)
	}
	return out, nil
}

func formatChannels(cs []ChannelConfig) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		fields := []string{"platform: " + c.Platform, fmt.Sprintf("id: %q", c.ID)}
		add := func(key, v string) {
			if v != "" {
				fields = append(fields, key+": "+v)
			}
		}
		add("reply", c.Reply)
		add("answer", c.Answer)
		if c.Handoff != "" {
			fields = append(fields, fmt.Sprintf("handoff: %q", c.Handoff))
		}
		if len(c.Topics) > 0 {
			fields = append(fields, "topics: ["+strings.Join(c.Topics, ", ")+"]")
		}
		add("folder", c.Folder)
		parts[i] = "{" + strings.Join(fields, ", ") + "}"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// validateChannels reports the first invalid entry of the channels list,
// naming its key: what the list alone says, before the knowledge is read.
func validateChannels(cs []ChannelConfig, discordContent bool) error {
	first := map[string]int{}
	for i, c := range cs {
		key := func(k string) string { return fmt.Sprintf("channels[%d].%s", i, k) }
		if len(c.unknown) > 0 {
			return fmt.Errorf("%s: unknown key (known: %s)", key(c.unknown[0]), strings.Join(channelKeys, ", "))
		}
		var validID func(string) bool
		var idLike string
		switch c.Platform {
		case "slack":
			validID, idLike = func(s string) bool { return slackID(s, "CG") }, "a channel id like C0123ABCD"
		case "discord":
			validID, idLike = snowflake, "a channel id (digits)"
		case "":
			return fmt.Errorf("%s: required (slack or discord)", key("platform"))
		default:
			return fmt.Errorf("%s: %q is not slack or discord", key("platform"), c.Platform)
		}
		switch {
		case c.ID == "":
			return fmt.Errorf("%s: required", key("id"))
		case !validID(c.ID):
			return fmt.Errorf("%s: %q is not %s", key("id"), c.ID, idLike)
		case c.Reply != "" && c.Reply != "public" && c.Reply != "private":
			return fmt.Errorf("%s: %q is not public or private", key("reply"), c.Reply)
		case c.Answer != "" && c.Answer != "auto" && c.Answer != "mention":
			return fmt.Errorf("%s: %q is not auto or mention", key("answer"), c.Answer)
		case c.Platform == "discord" && c.Answer == "auto" && !discordContent:
			return fmt.Errorf("%s: auto reads messages that do not mention the bot, which needs discord.message_content: true", key("answer"))
		}
		if c.Handoff != "" {
			if _, _, err := handoffTarget(c.Platform, c.Handoff); err != nil {
				return fmt.Errorf("%s: %w", key("handoff"), err)
			}
		}
		for _, id := range c.Topics {
			if id == "" {
				return fmt.Errorf("%s: an empty topic id", key("topics"))
			}
		}
		if strings.Contains(c.Folder, "..") || strings.Contains(c.Folder, "\\") {
			return fmt.Errorf("%s: %q is not a sub-folder like platforms", key("folder"), c.Folder)
		}
		dup := c.Platform + ":" + c.ID
		if j, ok := first[dup]; ok {
			return fmt.Errorf("%s: %q is already channels[%d]", key("id"), c.ID, j)
		}
		first[dup] = i
	}
	return nil
}

// handoffTarget reads a channel's handoff: the kind ("usergroup", "role"
// or "channel") and the id, checked for the platform.
func handoffTarget(platform, s string) (kind, id string, err error) {
	kind, id, _ = strings.Cut(s, ":")
	switch {
	case platform == "slack" && kind == "usergroup" && slackID(id, "S"):
	case platform == "slack" && kind == "channel" && slackID(id, "CG"):
	case platform == "discord" && (kind == "role" || kind == "channel") && snowflake(id):
	case platform == "slack":
		return "", "", fmt.Errorf("%q is not usergroup:S0123ABCD or channel:C0123ABCD", s)
	default:
		return "", "", fmt.Errorf("%q is not role:ID or channel:ID (digits)", s)
	}
	return kind, id, nil
}

// checkChannels reports the first entry of the channels list naming a
// topic or a sub-folder k does not have.
func checkChannels(cs []ChannelConfig, k *bot.Knowledge) error {
	for i, c := range cs {
		for _, id := range c.Topics {
			if !slices.ContainsFunc(k.Topics, func(t bot.Topic) bool { return t.ID == id }) {
				return fmt.Errorf("channels[%d].topics: %q is not a topic", i, id)
			}
		}
		if c.Folder != "" && !slices.ContainsFunc(k.Topics, func(t bot.Topic) bool {
			return (bot.Scope{Folders: []string{c.Folder}}).Allows(t) && t.ID != bot.HandoffTopic
		}) {
			return fmt.Errorf("channels[%d].folder: %q is not a sub-folder of the knowledge with topics", i, c.Folder)
		}
	}
	return nil
}

// scope is the part of the knowledge the channel answers.
func (c ChannelConfig) scope() bot.Scope {
	sc := bot.Scope{Topics: c.Topics}
	if c.Folder != "" {
		sc.Folders = []string{c.Folder}
	}
	return sc
}

// slackChannels are the Slack entries of cs, as the Slack adapter takes
// them.
func slackChannels(cs []ChannelConfig) []slack.Channel {
	var out []slack.Channel
	for _, c := range cs {
		if c.Platform != "slack" {
			continue
		}
		sc := slack.Channel{ID: c.ID, Private: c.Reply == "private", Answer: bot.ChannelAnswer(c.Answer), Scope: c.scope()}
		if kind, id, err := handoffTarget(c.Platform, c.Handoff); c.Handoff != "" && err == nil {
			if kind == "usergroup" {
				sc.HandoffUsergroup = id
			} else {
				sc.HandoffChannel = id
			}
		}
		out = append(out, sc)
	}
	return out
}

// discordChannels are the Discord entries of cs, as the Discord adapter
// takes them.
func discordChannels(cs []ChannelConfig) []discord.Channel {
	var out []discord.Channel
	for _, c := range cs {
		if c.Platform != "discord" {
			continue
		}
		dc := discord.Channel{ID: c.ID, Reply: discord.Reply(c.Reply), Answer: bot.ChannelAnswer(c.Answer), Scope: c.scope()}
		if kind, id, err := handoffTarget(c.Platform, c.Handoff); c.Handoff != "" && err == nil {
			if kind == "role" {
				dc.HandoffRole = id
			} else {
				dc.HandoffChannel = id
			}
		}
		out = append(out, dc)
	}
	return out
}
