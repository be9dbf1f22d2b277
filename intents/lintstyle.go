package intents

import (
	"fmt"
	"regexp"
	"strings"
)

// MaxAnswerWords is the length above which lint warns that an answer is
// too long for a chat reply.
const MaxAnswerWords = 150

// MaxAnswerBullets is the most bullet points lint accepts in an answer
// without a warning.
const MaxAnswerBullets = 6

var (
	bulletLine      = regexp.MustCompile(`(?m)^\s*([-*+]|\d+[.)])\s`)
	linkPlaceholder = regexp.MustCompile(`(?i)\(\s*ask [^()]*\bfor the (link|url|address)\b[^()]*\)`)
)

// styleProblems are the warnings of the answers' style guide: short
// answers, few bullets (in every language), and no "ask your help desk
// for the link" to a person already talking to the help desk.
func styleProblems(in Intent) []Problem {
	var out []Problem
	warn := func(format string, args ...any) {
		out = append(out, Problem{File: in.File, Severity: Warning, Message: fmt.Sprintf(format, args...)})
	}
	if n := len(strings.Fields(in.Answer)); n > MaxAnswerWords {
		warn("the answer of %s has %d words; chat answers read best under %d: lead with the fix, one idea per bullet", in.ID, n, MaxAnswerWords)
	}
	if n := len(bulletLine.FindAllString(in.Answer, -1)); n > MaxAnswerBullets {
		warn("the answer of %s has %d bullets; keep at most %d, or split the topic", in.ID, n, MaxAnswerBullets)
	}
	if m := linkPlaceholder.FindString(in.Answer); m != "" {
		warn("the answer of %s says %q to someone already talking to the help desk: name the resource and add its address under links:", in.ID, m)
	}
	for _, code := range sortedLangs(in.Langs) {
		answer := in.Langs[code].Answer
		if n := len(strings.Fields(answer)); n > MaxAnswerWords {
			warn("the %s answer of %s has %d words; chat answers read best under %d: lead with the fix, one idea per bullet", code, in.ID, n, MaxAnswerWords)
		}
		if n := len(bulletLine.FindAllString(answer, -1)); n > MaxAnswerBullets {
			warn("the %s answer of %s has %d bullets; keep at most %d, or split the topic", code, in.ID, n, MaxAnswerBullets)
		}
	}
	return out
}
