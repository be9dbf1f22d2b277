package intents

import "strings"

// FollowUp is a short answer to a question that comes after an intent's
// answer, from the "followups" front-matter key: the bot gives it when a
// message right after the intent's answer is like one of its examples.
type FollowUp struct {
	Examples []string
	Answer   string
	// Line is where the entry starts in its file.
	Line int
}

// maxFollowUpAnswer is the most characters of a follow-up answer, which is
// meant to be short.
const maxFollowUpAnswer = 600

// followUps reads the "followups" key: a list of entries with examples
// (at least one) and an answer.
func (l *loader) followUps(p string, v frontValue) ([]FollowUp, bool) {
	recs, ok := l.records(p, v, "examples", "answer")
	var out []FollowUp
	for _, r := range recs {
		f := FollowUp{Line: r.line}
		exs, hasExamples := r.pairs["examples"]
		ans, hasAnswer := r.pairs["answer"]
		if !hasExamples || !hasAnswer {
			l.add(p, r.line, Error, "a follow-up needs examples and an answer")
			ok = false
			continue
		}
		items, good := l.list(p, exs)
		if !good {
			ok = false
			continue
		}
		for _, it := range items {
			if ex := strings.TrimSpace(it.text); ex == "" {
				l.add(p, it.line, Error, "empty follow-up example")
				ok = false
			} else {
				f.Examples = append(f.Examples, ex)
			}
		}
		if len(f.Examples) == 0 {
			l.add(p, exs.line, Error, "a follow-up needs at least one example")
			ok = false
			continue
		}
		text, good := l.text(p, ans)
		if !good {
			ok = false
			continue
		}
		if f.Answer = strings.TrimSpace(text); f.Answer == "" {
			l.add(p, ans.line, Error, "follow-up answer is empty")
			ok = false
			continue
		}
		if n := len([]rune(f.Answer)); n > maxFollowUpAnswer {
			l.add(p, ans.line, Warning, "follow-up answer has %d characters; keep it under %d, it comes after the full answer", n, maxFollowUpAnswer)
		}
		out = append(out, f)
	}
	return out, ok
}
