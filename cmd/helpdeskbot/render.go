package main

import (
	"fmt"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/internal/markdown"
)

// renderTerminal renders a reply as plain text for a terminal, the way a
// person reads it: Markdown emphasis removed, links spelled out, the
// choices and related topics numbered so they can be picked by number,
// then the links, the contact line and, last, the guidance.
func renderTerminal(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(markdown.Plain(r.Body))
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
		b.WriteString("\n\n" + markdown.Plain(r.Contact))
	}
	b.WriteString("\n\n" + markdown.Plain(r.Guidance))
	return b.String()
}
