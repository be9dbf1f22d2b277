package intents_test

import (
	"os"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// TestExplainShowsTheWordsAsWritten: explanations list the person's
// words, not the stems the matcher compares ("fail", "fac").
func TestExplainShowsTheWordsAsWritten(t *testing.T) {
	k, err := intents.Load(os.DirFS("testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	ix := intents.NewIndex(k)
	tests := []struct {
		message string
		want    []intents.Word
	}{
		{"my selfie keeps failing, face not found", []intents.Word{
			{Text: "my", Stop: true}, {Text: "selfie", Known: true}, {Text: "keeps", Stop: true},
			{Text: "failing", Known: true}, {Text: "face", Known: true}, {Text: "not", Stop: true}, {Text: "found", Known: true},
		}},
		{"glaer on my licence", []intents.Word{
			{Text: "glaer", Known: true, Typo: true}, {Text: "on", Stop: true}, {Text: "my", Stop: true},
			{Text: "licence", Known: true, As: "license"},
		}},
		{"azure ad order 12345 zebra", []intents.Word{
			{Text: "azure ad", Known: true, As: "entra"}, {Text: "order"}, {Text: "zebra"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			got := ix.Explain(tt.message)
			if len(got) != len(tt.want) {
				t.Fatalf("words %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("word %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}
