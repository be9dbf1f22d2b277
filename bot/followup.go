package bot

// followUpSure is the similarity to a follow-up example above which the
// follow-up is given even when the matcher is sure of another topic: the
// message is nearly the example.
const followUpSure = 0.8

// followUpMin is the least similarity between a message and one of a
// topic's follow-up examples for the follow-up's answer to be given.
const followUpMin = 0.5

// maxFollowUpWords is the most words of a message that continues the
// previous one ("still failing", "what if that doesn't work"); a longer
// one is a new question, read by the matcher.
const maxFollowUpWords = 8

// continuations are the phrases of a message that goes on about the
// previous answer without saying more.
var continuations = phrases("still", "didnt work", "did not work", "doesnt work", "does not work", "not working",
	"wont work", "what if", "what else", "anything else", "other ideas", "any ideas", "now what", "then what",
	"what next", "same problem", "same error", "same thing", "tried that", "tried everything", "tried all",
	"already tried", "already did", "did that", "doesnt change", "no luck", "no change")

// followUpScore is how alike a message and an example are: the Dice
// coefficient of their content words (stopwords dropped, a typo allowed),
// in [0, 1].
func followUpScore(msg, example []string) float64 {
	if len(msg) == 0 || len(example) == 0 {
		return 0
	}
	common := 0
	for _, e := range example {
		for _, w := range msg {
			if sameWord(w, e) {
				common++
				break
			}
		}
	}
	return 2 * float64(common) / float64(len(msg)+len(example))
}

// bestFollowUp returns the topic's follow-up whose example is most like
// the message, when one is at least followUpMin alike.
func bestFollowUp(t Topic, text string) (FollowUp, float64, bool) {
	msg := without(words(text), stopwords)
	var best FollowUp
	score := 0.0
	for _, f := range t.FollowUps {
		for _, ex := range f.Examples {
			if sc := followUpScore(msg, without(words(ex), stopwords)); sc > score {
				best, score = f, sc
			}
		}
	}
	return best, score, score >= followUpMin
}

// vague are the words that say something goes wrong without saying what.
var vague = set("fail", "failing", "fails", "failed", "work", "working", "works", "worked", "help", "helped",
	"error", "problem", "issue", "same", "step", "doesnt", "didnt", "wont", "not", "does", "did", "no", "then",
	"now", "happens", "happen", "next", "should", "could", "would", "can", "could", "ok", "okay", "hmm", "but",
	"else", "other", "ideas", "idea", "any", "anything", "tried", "try", "already", "all", "everything", "luck",
	"change", "changes", "there", "else", "do", "i", "what", "if", "that", "it", "this", "still", "thing",
	"dont", "get", "understand", "nothing")

// continues reports whether a short message goes on about the previous
// answer without saying more ("still failing", "what else can I do"):
// it holds a continuation phrase, and no word but vague ones.
func continues(text string) bool {
	ws := words(text)
	if len(ws) > maxFollowUpWords {
		return false
	}
	for _, p := range continuations {
		if containsPhrase(ws, p) {
			return len(without(without(ws, vague), stopwords)) == 0
		}
	}
	return false
}

// isFollowUp decides whether a message is a follow-up of topic last, the
// topic the previous turn answered, given the matcher's reading m of it:
//
//   - it is like one of last's follow-up examples (followUpMin), and the
//     matcher is not confident of another topic, or it is nearly the
//     example (followUpSure) whatever the matcher says; or
//   - the matcher's best candidate is last itself (at least at the clarify
//     threshold): the person is still talking about it, and the same full
//     answer would only repeat itself; or
//   - it is a short continuation: a phrase like "still", "didn't work",
//     "what if" and no word but vague ones ("still failing", "what if
//     that doesn't work"), whatever the matcher makes of it; or
//   - the matcher is unsure of every topic (under the answer threshold)
//     and last is among its three best candidates.
//
// Otherwise a message the matcher answers confidently with another topic
// is not a follow-up: the person moved on ("still stuck, now on nfc").
func isFollowUp(t Thresholds, last Topic, text string, m Match) (FollowUp, bool, bool) {
	f, score, like := bestFollowUp(last, text)
	var best Candidate
	if len(m.Candidates) > 0 {
		best = m.Candidates[0]
	}
	otherSure := best.Intent != last.ID && best.Confidence >= t.Answer
	switch {
	case like && (!otherSure || score >= followUpSure):
		return f, true, true
	case continues(text):
		return FollowUp{}, false, true
	case best.Intent == last.ID && best.Confidence >= t.Clarify:
		return FollowUp{}, false, true
	case otherSure:
		return FollowUp{}, false, false
	}
	for i, c := range m.Candidates {
		if i == maxChoices {
			break
		}
		if c.Intent == last.ID && c.Confidence >= t.Clarify/2 {
			return FollowUp{}, false, true
		}
	}
	return FollowUp{}, false, false
}
