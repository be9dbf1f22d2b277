package console

import (
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

// The previews are HTML built from escaped parts: links are cut out of the
// text first and replaced by a placeholder, the rest is escaped, formatting
// tags are added around escaped text, and the links, built from their
// escaped target and label, are put back. Only http, https and mailto
// targets become links; anything else stays text.
var (
	slackControl = regexp.MustCompile(`<([^<>]*)>`)
	slackBold    = regexp.MustCompile(`\*([^*\n]+)\*`)
	slackItalic  = regexp.MustCompile(`(^|[\s(])_([^_\n]+)_`)
	mdLink       = regexp.MustCompile(`\[([^\]]+)\]\(((?:https?://|mailto:)[^)\s]+)\)`)
	mdBold       = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	mdItalic     = regexp.MustCompile(`(^|[\s(])\*([^*\n]+)\*`)
	linkTarget   = regexp.MustCompile(`^(?:https?://|mailto:)\S+$`)
	placeholder  = regexp.MustCompile("\x00([0-9]+)\x00")
)

// slackUnescape reads Slack's three entities, the only escaping in mrkdwn.
var slackUnescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// slackHTML shows Slack mrkdwn as Slack displays it: <url|label> as a link,
// *bold* and _italic_, and everything else as text.
func slackHTML(mrkdwn string) template.HTML {
	var links links
	s := slackControl.ReplaceAllStringFunc(strings.ReplaceAll(mrkdwn, "\x00", ""), func(m string) string {
		target, label, ok := strings.Cut(m[1:len(m)-1], "|")
		target, label = slackUnescape.Replace(target), slackUnescape.Replace(label)
		if !ok || label == "" || !linkTarget.MatchString(target) {
			return m
		}
		return links.add(target, label)
	})
	s = html.EscapeString(slackUnescape.Replace(s))
	s = slackBold.ReplaceAllString(s, "<b>$1</b>")
	s = slackItalic.ReplaceAllString(s, "$1<i>$2</i>")
	return links.restore(s)
}

// discordHTML shows Discord Markdown as Discord displays it: [label](url)
// as a link, **bold** and *italic*, and everything else as text.
func discordHTML(markdown string) template.HTML {
	var links links
	s := mdLink.ReplaceAllStringFunc(strings.ReplaceAll(markdown, "\x00", ""), func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		return links.add(sub[2], sub[1])
	})
	s = html.EscapeString(s)
	s = mdBold.ReplaceAllString(s, "<b>$1</b>")
	s = mdItalic.ReplaceAllString(s, "$1<i>$2</i>")
	return links.restore(s)
}

// links holds the links cut out of a text, as escaped HTML.
type links []string

// add keeps a link and returns the placeholder that stands for it.
func (l *links) add(target, label string) string {
	*l = append(*l, `<a href="`+html.EscapeString(target)+`">`+html.EscapeString(label)+`</a>`)
	return "\x00" + strconv.Itoa(len(*l)-1) + "\x00"
}

// restore puts the links back into escaped text.
func (l links) restore(escaped string) template.HTML {
	return template.HTML(placeholder.ReplaceAllStringFunc(escaped, func(m string) string {
		i, err := strconv.Atoi(m[1 : len(m)-1])
		if err != nil || i >= len(l) {
			return ""
		}
		return l[i]
	}))
}
