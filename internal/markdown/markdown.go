// Package markdown reads the CommonMark of answers as plain text, for the
// terminal and for chat notifications that cannot show formatting.
package markdown

import "regexp"

var (
	heading = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*#*$`)
	bullet  = regexp.MustCompile(`(?m)^(\s*)[-*+]\s+`)
	link    = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	strong  = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	emStar  = regexp.MustCompile(`(^|[^*\w])\*(\S(?:[^*]*?\S)?)\*([^*\w]|$)`)
)

// Plain is md as a person reads it without formatting: headings as lines,
// list bullets as "•", links as "text (url)", and emphasis markers removed.
func Plain(md string) string {
	s := heading.ReplaceAllString(md, "$1")
	s = bullet.ReplaceAllString(s, "$1• ")
	s = link.ReplaceAllString(s, "$1 ($2)")
	s = strong.ReplaceAllString(s, "$2")
	return emStar.ReplaceAllString(s, "$1$2$3")
}
