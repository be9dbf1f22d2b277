package console

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

var (
	slackLink   = regexp.MustCompile(`<(https?://[^|>]+|mailto:[^|>]+)\|([^>]+)>`)
	slackBold   = regexp.MustCompile(`\*([^*\n]+)\*`)
	slackItalic = regexp.MustCompile(`(^|[\s(])_([^_\n]+)_`)
	mdLink      = regexp.MustCompile(`\[([^\]]+)\]\((https?://[^)\s]+|mailto:[^)\s]+)\)`)
	mdBold      = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	mdItalic    = regexp.MustCompile(`(^|[\s(])\*([^*\n]+)\*`)
)

// slackHTML shows Slack mrkdwn as Slack displays it. The text is already
// escaped for Slack (&amp;, &lt;, &gt;), which HTML reads the same way.
func slackHTML(mrkdwn string) template.HTML {
	s := strings.ReplaceAll(mrkdwn, `"`, "&quot;")
	s = slackLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := slackLink.FindStringSubmatch(m)
		return `<a href="` + sub[1] + `">` + sub[2] + `</a>`
	})
	s = slackBold.ReplaceAllString(s, "<b>$1</b>")
	s = slackItalic.ReplaceAllString(s, "$1<i>$2</i>")
	return template.HTML(s)
}

// discordHTML shows Discord Markdown as Discord displays it.
func discordHTML(markdown string) template.HTML {
	s := html.EscapeString(markdown)
	s = mdLink.ReplaceAllString(s, `<a href="$2">$1</a>`)
	s = mdBold.ReplaceAllString(s, "<b>$1</b>")
	s = mdItalic.ReplaceAllString(s, "$1<i>$2</i>")
	return template.HTML(s)
}
