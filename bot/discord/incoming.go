package discord

import (
	"regexp"
	"strings"
)

var (
	discordMention = regexp.MustCompile(`<(?:@[!&]?|#)\d+>`)
	discordEmoji   = regexp.MustCompile(`<a?:(\w+):\d+>`)
	discordTime    = regexp.MustCompile(`<t:\d+(?::\w)?>`)
)

// plainIncoming turns Discord markup into what the person typed: mentions of
// people, roles, channels and the bot removed, custom emoji and timestamps
// dropped.
func plainIncoming(text string) string {
	s := discordMention.ReplaceAllString(text, " ")
	s = discordEmoji.ReplaceAllString(s, " ")
	s = discordTime.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}
