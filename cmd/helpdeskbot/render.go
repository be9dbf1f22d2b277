package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// renderTerminal renders a reply as plain text for a terminal, the way a
// person reads it: Markdown emphasis removed, links spelled out, the
// choices and related topics numbered so they can be picked by number,
// then the links, the contact line and, last, the guidance.
func renderTerminal(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(plainMarkdown(r.Body))
	for i, c := range r.Choices {
		if i == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\n  %d. %s", i+1, c.Title)
	}
	if len(r.Related) > 0 {
		b.WriteString("\n\nRelated topics:")
		for i, c := range r.Related {
			fmt.Fprintf(&b, "\n  %d. %s", len(r.Choices)+i+1, c.Title)
		}
	}
	for i, l := range r.Links {
		if i == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\n  • %s: %s", l.Title, l.URL)
	}
	if r.Contact != "" {
		b.WriteString("\n\n" + plainMarkdown(r.Contact))
	}
	b.WriteString("\n\n" + plainMarkdown(r.Guidance))
	return b.String()
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdStrong = regexp.MustCompile(`(\*\*|__)(.+?)(\*\*|__)`)
	mdBullet = regexp.MustCompile(`(?m)^(\s*)[-*+] `)
)

// plainMarkdown turns the Markdown of answers into readable plain text.
func plainMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1 ($2)")
	s = mdStrong.ReplaceAllString(s, "$2")
	return mdBullet.ReplaceAllString(s, "$1• ")
}
