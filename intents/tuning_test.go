package intents

// A parameter sweep for the scoring constants, run only on request:
//
//	HELPDESK_TUNE=1 go test ./intents -run TestTune -v
//
// It scores the shipped knowledge on the evaluation sets with the bot's
// default decision rule, for each combination, and prints the best.

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

type tuneCase struct{ intent, msg string }

func readTune(t *testing.T, path string) []tuneCase {
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var out []tuneCase
	sc := bufio.NewScanner(f)
	sc.Scan()
	for sc.Scan() {
		a, b, _ := strings.Cut(sc.Text(), "\t")
		out = append(out, tuneCase{a, b})
	}
	return out
}

func TestTune(t *testing.T) {
	if os.Getenv("HELPDESK_TUNE") == "" {
		t.Skip("set HELPDESK_TUNE=1 to run the parameter sweep")
	}
	k, err := Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]tuneCase{
		"dev":  readTune(t, "../testdata/eval/dev.tsv"),
		"chat": readTune(t, "../testdata/eval/chat.tsv"),
	}
	type row struct {
		score float64
		desc  string
	}
	var rows []row
	for _, other := range []float32{0.5, 0.7, 0.9} {
		for _, unk := range []float32{0.3, 0.4, 0.5, 0.7} {
			for _, pow := range []float64{0.5, 0.6, 0.75, 1} {
				for _, prior := range []float32{1, 1.5, 2} {
					for _, exm := range []float32{0.25, 0.5, 1} {
						ix := NewIndex(k)
						ix.scoring = scoring{otherIntents: other, unknown: unk, unknownPower: pow, prior: prior, typo: 0.85, exampleMissing: exm}
						for _, ans := range []float64{0.45, 0.5, 0.55} {
							for _, cl := range []float64{0.3, 0.35, 0.4, 0.45} {
								if cl > ans {
									continue
								}
								desc := fmt.Sprintf("other=%.1f unk=%.1f pow=%.2f prior=%.1f exm=%.2f answer=%.2f clarify=%.2f", other, unk, pow, prior, exm, ans, cl)
								total := 0.0
								for _, name := range []string{"dev", "chat"} {
									in, inOK, out, outOK := 0, 0, 0, 0
									for _, c := range sets[name] {
										m := ix.Match(c.msg)
										got := "none"
										if len(m.Candidates) > 0 && m.Candidates[0].Confidence >= cl && m.OutOfScope < m.Candidates[0].Confidence && (len(m.Candidates) > 1 && m.Candidates[1].Confidence >= cl/2 || m.Candidates[0].Confidence >= cl+0.25*(ans-cl)) {
											got = m.Candidates[0].ID
										}
										if c.intent == "none" {
											out++
											if got == "none" {
												outOK++
											}
										} else {
											in++
											if got == c.intent {
												inOK++
											}
										}
									}
									a, r := float64(inOK)/float64(in), float64(outOK)/float64(out)
									desc += fmt.Sprintf(" | %s in=%.3f out=%.3f", name, a, r)
									total += min(a, r) + a + r
								}
								rows = append(rows, row{total, desc})
							}
						}
					}
				}
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].score > rows[j].score })
	for _, r := range rows[:15] {
		t.Logf("%.3f %s", r.score, r.desc)
	}
}
