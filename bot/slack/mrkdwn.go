package slack

import (
	"regexp"
	"strings"
)

// escape makes text safe to show in Slack: &, < and > are the only
// characters Slack reads as markup, so escaping them means "<!channel>" or
// "<@U123>" typed by someone shows as text and pings nobody.
func escape(s string) string {
	return htmlish.Replace(s)
}

var htmlish = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

var (
	mdHeading = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*#*$`)
	mdBullet  = regexp.MustCompile(`(?m)^(\s*)[-*+]\s+`)
	mdLink    = regexp.MustCompile(`\[([^\]]+)\]\((https?://[^)\s|>]+|mailto:[^)\s|>]+)\)`)
	mdStrong  = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmStar  = regexp.MustCompile(`(^|[^*\w])\*(\S(?:[^*]*?\S)?)\*([^*\w]|$)`)
)

// boldMark stands for a bold marker while italics are converted.
const boldMark = "\x00"

// mrkdwn converts CommonMark to Slack's mrkdwn: **bold** to *bold*, *italic*
// and _italic_ to _italic_, [text](url) to <url|text>, headings to bold
// lines and list bullets to "•". Text is escaped first, so nothing in it can
// become a Slack mention or link by accident.
func mrkdwn(md string) string {
	s := escape(md)
	s = mdHeading.ReplaceAllString(s, boldMark+"$1"+boldMark)
	s = mdBullet.ReplaceAllString(s, "$1• ")
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		return "<" + sub[2] + "|" + strings.ReplaceAll(sub[1], "|", "¦") + ">"
	})
	s = mdStrong.ReplaceAllString(s, boldMark+"$2"+boldMark)
	s = mdEmStar.ReplaceAllString(s, "${1}_${2}_$3")
	return strings.ReplaceAll(s, boldMark, "*")
}

var (
	slackMention = regexp.MustCompile(`<[@!][^>]*>`)
	slackChannel = regexp.MustCompile(`<#[A-Z0-9]+(?:\|([^>]*))?>`)
	slackLink    = regexp.MustCompile(`<([^>|]+)(?:\|([^>]*))?>`)
)

// plainIncoming turns the text of a Slack message into what the person
// typed: mentions of people and of the bot removed, channel links as
// "#name", links as their text, and entities unescaped.
func plainIncoming(text string) string {
	s := slackMention.ReplaceAllString(text, " ")
	s = slackChannel.ReplaceAllStringFunc(s, func(m string) string {
		if name := slackChannel.FindStringSubmatch(m)[1]; name != "" {
			return "#" + name
		}
		return " "
	})
	s = slackLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := slackLink.FindStringSubmatch(m)
		if sub[2] != "" {
			return sub[2]
		}
		return strings.TrimPrefix(sub[1], "mailto:")
	})
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// maxSection is the most characters Slack shows in one section block.
const maxSection = 3000
