package intents

import "strings"

// A long message often buries its question among greetings, apologies and
// a story ("hi, sorry to bother you. my bank sent me here last week and I
// did everything. now the selfie keeps failing, what can I do?"). When
// unsure of the whole message, Match also reads each of its sentences and
// clauses alone and keeps the reading it is surest of, so the story around
// the question does not dilute it.

// minSegmentWords is the fewest words of a message for its parts to be
// read alone: shorter messages are one question.
const minSegmentWords = 12

// maxSegments bounds the sentences read alone; the rest stay in the whole
// message's reading.
const maxSegments = 12

// minSegmentWordsAlone is the fewest words of a sentence or clause read
// alone: "anyway" or "thanks in advance" say nothing by themselves.
const minSegmentWordsAlone = 3

// segments splits message into its sentences and clauses (at . ! ? ; ,
// and line breaks), or returns nil when the message is short or has only
// one.
func segments(message string) []string {
	if len(strings.Fields(message)) < minSegmentWords {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i < len(message); i++ {
		switch message[i] {
		case '.', '!', '?', ';', ',', '\n':
			if s := strings.TrimSpace(message[start:i]); len(strings.Fields(s)) >= minSegmentWordsAlone {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(message[start:]); len(strings.Fields(s)) >= minSegmentWordsAlone {
		out = append(out, s)
	}
	if len(out) < 2 {
		return nil
	}
	if len(out) > maxSegments {
		out = out[:maxSegments]
	}
	return out
}
