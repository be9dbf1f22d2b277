package intents_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"
)

// generatedKnowledge builds a knowledge folder of n intents with the given
// number of examples each, from a synthetic vocabulary, deterministically.
// Each intent has a few topic words of its own; examples mix them with
// words shared across intents (drawn with a Zipf distribution, as in real
// text) and stopwords. It also returns messages written from the examples
// with typos and extra words, labelled with their intent, and unrelated
// ones labelled "none".
func generatedKnowledge(n, examples int) (fstest.MapFS, []labelled) {
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := []string{"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "pa", "qui", "dor", "fen", "gal", "hus", "jor", "bel", "cre", "dri", "ost"}
	word := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		return b.String()
	}
	shared := make([]string, 5000)
	for i := range shared {
		shared[i] = word()
	}
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(shared)-1))
	stop := []string{"my", "the", "is", "it", "and", "to", "a", "not", "i", "can't", "why", "how"}

	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact the organization that asked you to verify.\n")},
		"_fallback.md": {Data: []byte("Sorry, I did not understand.\n")},
	}
	var messages []labelled
	seen := map[string]bool{}
	for i := range n {
		topic := []string{word(), word(), word()}
		var ex strings.Builder
		for e := range examples {
			var words []string
			for range 3 + rng.IntN(5) {
				switch r := rng.IntN(10); {
				case r < 4:
					words = append(words, topic[rng.IntN(len(topic))])
				case r < 7:
					words = append(words, shared[zipf.Uint64()])
				default:
					words = append(words, stop[rng.IntN(len(stop))])
				}
			}
			sentence := strings.Join(words, " ") + fmt.Sprintf(" %s%d", topic[0], e)
			if seen[sentence] {
				continue
			}
			seen[sentence] = true
			fmt.Fprintf(&ex, "  - %s\n", sentence)
			if e == 0 {
				messages = append(messages, labelled{fmt.Sprintf("intent-%05d", i), typo(rng, sentence) + " " + shared[zipf.Uint64()]})
			}
		}
		fsys[fmt.Sprintf("topics/%03d/intent-%05d.md", i/100, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\nid: intent-%05d\ntitle: %s %s\nexamples:\n%skeywords: [%s, %s]\n---\nAnswer %d.\n",
			i, topic[0], topic[1], ex.String(), topic[1], topic[2], i))}
	}
	for range len(messages) / 4 {
		messages = append(messages, labelled{"none", word() + " " + word() + " " + word()})
	}
	rng.Shuffle(len(messages), func(i, j int) { messages[i], messages[j] = messages[j], messages[i] })
	return fsys, messages
}

// typo swaps two neighbouring letters in one word of s.
func typo(rng *rand.Rand, s string) string {
	words := strings.Fields(s)
	w := words[rng.IntN(len(words))]
	if len(w) < 5 {
		return s
	}
	i := 1 + rng.IntN(len(w)-2)
	b := []byte(w)
	b[i], b[i+1] = b[i+1], b[i]
	return strings.Replace(s, w, string(b), 1)
}

// labelled is a message with the intent it should match.
type labelled struct {
	intent, message string
}

func messagesOf(ls []labelled) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.message
	}
	return out
}
