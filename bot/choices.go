package bot

import (
	"strconv"
	"strings"
)

// maxChoiceWords is the most words, fillers aside, of a message that picks
// a choice by its title; a longer one is a new question.
const maxChoiceWords = 3

// pickChoice reads a message as the pick of one of the offered choices:
// its number ("2", "option 2", "#2"), or its title or a close misspelling
// of it ("the selfie one", "selfy step"). notOffered is set when the
// message is a number that names no offered choice.
func pickChoice(text string, offered []Choice) (c Choice, ok, notOffered bool) {
	if len(offered) == 0 {
		return Choice{}, false, false
	}
	ws := words(text)
	rest := without(ws, fillers)
	if len(rest) == 1 {
		if n, err := strconv.Atoi(rest[0]); err == nil {
			if n >= 1 && n <= len(offered) {
				return offered[n-1], true, false
			}
			return Choice{}, false, true
		}
	}
	if len(rest) == 0 || len(rest) > maxChoiceWords {
		return Choice{}, false, false
	}
	found := -1
	for i, o := range offered {
		if titleMatches(rest, words(o.Title)) {
			if found >= 0 {
				return Choice{}, false, false // two titles fit: not a pick
			}
			found = i
		}
	}
	if found < 0 {
		return Choice{}, false, false
	}
	return offered[found], true, false
}

// titleMatches reports whether every word of ws is a word of the title,
// allowing a typo.
func titleMatches(ws, title []string) bool {
	for _, w := range ws {
		hit := false
		for _, t := range title {
			if sameWord(w, t) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// notOfferedReply says which numbers can be picked, and offers the same
// choices again.
func notOfferedReply(s *source, offered []Choice) Reply {
	r := base(s, Clarify, ReasonNumberNotOffered, Match{})
	r.Body = textsIn(s.lang).notAChoice(len(offered))
	r.Choices = append([]Choice(nil), offered...)
	if len(offered) > 0 {
		r.Intent = offered[0].ID
	}
	return r
}

// choiceList lists choices' titles for a sentence: "A, B or C".
func choiceList(cs []Choice) string {
	titles := make([]string, len(cs))
	for i, c := range cs {
		titles[i] = c.Title
	}
	if len(titles) < 2 {
		return strings.Join(titles, "")
	}
	return strings.Join(titles[:len(titles)-1], ", ") + " or " + titles[len(titles)-1]
}
