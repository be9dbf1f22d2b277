package intents_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// withDistractors is the shipped knowledge plus n generated intents made of
// common English words, as a very large folder's unrelated topics would
// be: each has three topic words of its own and eight examples mixing them
// with words shared across intents (Zipf-distributed) and stopwords.
func withDistractors(tb testing.TB, n int) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(knowledge.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(knowledge.FS, path)
		fsys[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	words, err := os.ReadFile("english/words.txt")
	if err != nil {
		tb.Fatal(err)
	}
	vocab := strings.Fields(string(words))
	rng := rand.New(rand.NewPCG(3, 4))
	rng.Shuffle(len(vocab), func(i, j int) { vocab[i], vocab[j] = vocab[j], vocab[i] })
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(vocab)-1))
	stop := []string{"my", "the", "is", "it", "and", "to", "a", "not", "i", "can't", "why", "how", "do", "where"}
	seen := map[string]bool{}
	for i := range n {
		topic := []string{vocab[rng.IntN(len(vocab))], vocab[rng.IntN(len(vocab))], vocab[rng.IntN(len(vocab))]}
		var ex strings.Builder
		for range 8 {
			var ws []string
			for range 3 + rng.IntN(6) {
				switch r := rng.IntN(10); {
				case r < 4:
					ws = append(ws, topic[rng.IntN(len(topic))])
				case r < 7:
					ws = append(ws, vocab[zipf.Uint64()])
				default:
					ws = append(ws, stop[rng.IntN(len(stop))])
				}
			}
			if sentence := strings.Join(ws, " "); !seen[sentence] {
				seen[sentence] = true
				fmt.Fprintf(&ex, "  - %q\n", sentence)
			}
		}
		fsys[fmt.Sprintf("distractors/%03d/d-%05d.md", i/100, i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\nid: d-%05d\ntitle: %q\nexamples:\n%s---\nAnswer %d.\n", i, topic[0]+" "+topic[1], ex.String(), i))}
	}
	return fsys
}

// heldOutInScope is the in-scope lines of the held-out chat sets.
func heldOutInScope(tb testing.TB) [][2]string {
	tb.Helper()
	var out [][2]string
	for _, name := range []string{"heldout-a", "heldout-b", "heldout-c"} {
		f, err := os.Open("../testdata/eval/" + name + ".tsv")
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			intent, msg, ok := strings.Cut(sc.Text(), "\t")
			if ok && intent != "none" {
				out = append(out, [2]string{intent, msg})
			}
		}
		f.Close()
	}
	return out
}

// topRight is the share of lines whose top candidate is their intent.
func topRight(ix *intents.Index, lines [][2]string) float64 {
	right := 0
	for _, l := range lines {
		if c := ix.Match(l[1]).Candidates; len(c) > 0 && c[0].ID == l[0] {
			right++
		}
	}
	return 100 * float64(right) / float64(len(lines))
}

// BenchmarkDistractors10k measures in-scope accuracy (top candidate right)
// on the held-out chat sets' in-scope lines with the shipped knowledge
// alone and with 10,000 generated distractor intents added, and the time
// per match with them:
//
//	go test ./intents -run '^$' -bench Distractors -benchtime 1x -cpu 1
func BenchmarkDistractors10k(b *testing.B) {
	lines := heldOutInScope(b)
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		b.Fatal(err)
	}
	alone := topRight(intents.NewIndex(k), lines)
	big, err := intents.Load(withDistractors(b, 10000))
	if err != nil {
		b.Fatal(err)
	}
	ix := intents.NewIndex(big)
	b.ResetTimer()
	var with float64
	for b.Loop() {
		with = topRight(ix, lines)
	}
	b.ReportMetric(alone, "top%-alone")
	b.ReportMetric(with, "top%-with-10k")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(lines)), "µs/match")
}
