package main

import (
	"fmt"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// renderTerminal renders a reply for a terminal: the Markdown as written,
// choices and related topics numbered so they can be picked by number.
func renderTerminal(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Body)
	for i, c := range r.Choices {
		if i == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\n  %d. %s", i+1, c.Title)
	}
	if r.Contact != "" {
		b.WriteString("\n\n" + r.Contact)
	}
	b.WriteString("\n\n" + r.Guidance)
	if len(r.Related) > 0 {
		b.WriteString("\n\nRelated:")
		for i, c := range r.Related {
			fmt.Fprintf(&b, "\n  %d. %s", len(r.Choices)+i+1, c.Title)
		}
	}
	return b.String()
}
