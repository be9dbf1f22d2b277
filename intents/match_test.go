package intents_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func smallIndex(t testing.TB) *intents.Index {
	t.Helper()
	k, err := intents.Load(os.DirFS("testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	return intents.NewIndex(k)
}

// noMatch is the confidence under which a best candidate means nothing:
// the default clarify threshold, under which the bot falls back.
const noMatch = 0.35

// best returns the top candidate's id, or "none" when the out-of-scope
// examples match better or nothing matches.
func best(m intents.Match) string {
	if len(m.Candidates) == 0 || m.OutOfScope >= m.Candidates[0].Confidence {
		return "none"
	}
	return m.Candidates[0].ID
}

// bestOrNone is best, with "none" also when the best candidate is under
// noMatch.
func bestOrNone(m intents.Match) string {
	if len(m.Candidates) > 0 && m.Candidates[0].Confidence < noMatch {
		return "none"
	}
	return best(m)
}

func TestMatchCopesWithHowPeopleWrite(t *testing.T) {
	ix := smallIndex(t)
	tests := []struct {
		name, message, want string
	}{
		{"exact example", "my selfie keeps failing", "selfie"},
		{"case and punctuation", "MY SELFIE... KEEPS FAILING?!", "selfie"},
		{"emoji", "selfie 😭😭 failing 🙏", "selfie"},
		{"contraction", "it won't take my selfie, I can't", "selfie"},
		{"curly apostrophe", "my ID’s photo wasn’t accepted", "government-id"},
		{"plural", "selfies fail", "selfie"},
		{"past tense", "the liveness check failed", "selfie"},
		{"gerund", "reflecting light on my card", "glare"},
		{"typo swapped letters", "slefie", "selfie"},
		{"typo swapped letters short word", "okat", "okta"},
		{"typo dropped letter", "passprt upload", "government-id"},
		{"typo doubled letter", "glaare on my card", "glare"},
		{"typo changed letter", "liveneas check", "selfie"},
		{"typo in keyword of four letters", "glaer", "glare"},
		{"synonym single word", "glare all over my licence", "glare"},
		{"synonym multi-word", "azure ad sent me here", "microsoft-entra"},
		{"synonym into keyword", "thx", "thanks"},
		{"one word", "entra", "microsoft-entra"},
		{"one word keyword", "okta", "okta"},
		{"long rambling message", "so I have been at this for ages, my company uses okta for everything and this morning when I signed in it told me I need to verify my identity with a photo and I have no clue what that is about", "okta"},
		{"thanks around a question", "thanks, but my selfie keeps failing", "selfie"},
		{"thanks alone", "thanks a lot!", "thanks"},
		{"thanks with little else", "that's great thanks", "thanks"},
		{"out-of-scope examples", "how much does a new passport cost", "none"},
		{"unrelated", "what's the weather like in paris", "none"},
		{"keyboard mash", "asdfghjkl", "none"},
		{"only stopwords", "and the of it is", "none"},
		{"numbers only", "123456 7890", "none"},
		{"empty", "", "none"},
		{"first letter differs is not a typo", "flight", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.Match(tt.message)
			got := best(m)
			if tt.want == "none" {
				got = bestOrNone(m)
			}
			if got != tt.want {
				t.Errorf("Match(%q) = %s, want %s (candidates %+v, oos %.2f, terms %v, unknown %v)",
					tt.message, got, tt.want, m.Candidates, m.OutOfScope, m.Terms, m.Unknown)
			}
		})
	}
}

func TestMatchConfidenceIsAProportion(t *testing.T) {
	ix := smallIndex(t)
	for _, msg := range []string{"selfie", "selfie selfie selfie", "okta okta entra", "glare dark reflection glare", "thanks"} {
		for _, c := range ix.Match(msg).Candidates {
			if c.Confidence <= 0 || c.Confidence > 1 {
				t.Errorf("Match(%q): %s confidence %v outside (0, 1]", msg, c.ID, c.Confidence)
			}
		}
	}
}

func TestMatchRanksBestFirstAndBoundsCandidates(t *testing.T) {
	ix := smallIndex(t)
	m := ix.Match("selfie glare passport okta entra thanks liveness dark")
	if len(m.Candidates) == 0 || len(m.Candidates) > intents.MaxCandidates {
		t.Fatalf("%d candidates", len(m.Candidates))
	}
	for i := 1; i < len(m.Candidates); i++ {
		if m.Candidates[i].Confidence > m.Candidates[i-1].Confidence {
			t.Fatalf("candidates not ranked: %+v", m.Candidates)
		}
	}
}

func TestMatchUnknownWordsLowerConfidence(t *testing.T) {
	ix := smallIndex(t)
	plain := ix.Match("selfie failing").Candidates[0].Confidence
	noisy := ix.Match("selfie failing zebra quantum violin").Candidates[0].Confidence
	if noisy >= plain {
		t.Fatalf("confidence with unknown words %.3f, without %.3f: unknown words should lower it", noisy, plain)
	}
	m := ix.Match("selfie failing zebra")
	if !reflect.DeepEqual(m.Unknown, []string{"zebra"}) {
		t.Errorf("Unknown = %v, want [zebra]", m.Unknown)
	}
}

func TestMatchIsDeterministic(t *testing.T) {
	ix := smallIndex(t)
	other := smallIndex(t)
	for _, msg := range []string{"photo", "sent me here", "verify", "licence", "my photo glare okta"} {
		a, b := ix.Match(msg), other.Match(msg)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Match(%q) differs between two indexes of the same knowledge:\n%+v\n%+v", msg, a, b)
		}
		if c := ix.Match(msg); !reflect.DeepEqual(a, c) {
			t.Errorf("Match(%q) differs between two calls", msg)
		}
	}
}

func TestMatchTruncatesLongMessages(t *testing.T) {
	ix := smallIndex(t)
	long := "okta " + strings.Repeat("selfie ", 2000) // 14,000 bytes
	m := ix.Match(long)
	if best(m) != "okta" && best(m) != "selfie" {
		t.Fatalf("long message matched %s", best(m))
	}
	// Words after the first MaxMessageLen bytes are not read.
	tail := strings.Repeat("x ", intents.MaxMessageLen) + "okta"
	if got := best(ix.Match(tail)); got != "none" {
		t.Fatalf("a word past the limit was read: got %s", got)
	}
	// A multi-byte character at the cut is not split into invalid text.
	cut := strings.Repeat("é", intents.MaxMessageLen)
	for _, w := range ix.Match(cut).Unknown {
		if !strings.HasPrefix(w, "é") || strings.ContainsRune(w, '\uFFFD') {
			t.Fatalf("bad word %q", w)
		}
	}
}

func TestSuggestTitles(t *testing.T) {
	ix := smallIndex(t)
	tests := []struct {
		query string
		want  string
	}{
		{"slf", "selfie"},
		{"glare", "glare"},
		{"okta", "okta"},
		{"entr", "microsoft-entra"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := ix.SuggestTitles(tt.query, 3)
			if len(got) == 0 || got[0].ID != tt.want {
				t.Fatalf("SuggestTitles(%q) = %+v, want %s first", tt.query, got, tt.want)
			}
		})
	}
	if got := ix.SuggestTitles("", 2); len(got) != 2 {
		t.Errorf("empty query gives %d suggestions, want the first 2 topics", len(got))
	}
	if got := ix.SuggestTitles("zzzzqqq", 3); len(got) != 0 {
		t.Errorf("nonsense query gives %+v", got)
	}
}

// TestMatchScalesToLargeKnowledge checks that the index stays accurate on a
// generated folder of 2,000 intents, where common words have long postings.
func TestMatchScalesToLargeKnowledge(t *testing.T) {
	t.Parallel() // builds its own 2,000-intent index
	if testing.Short() {
		t.Skip("builds a 2,000-intent folder")
	}
	fsys, msgs := generatedKnowledge(2000, 8)
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix := intents.NewIndex(k)
	total, correct := 0, 0
	for _, m := range msgs {
		if m.intent == "none" {
			continue
		}
		total++
		if c := ix.Match(m.message).Candidates; len(c) > 0 && c[0].ID == m.intent {
			correct++
		}
	}
	if acc := float64(correct) / float64(total); acc < 0.95 {
		t.Fatalf("top-1 accuracy %.3f on %d generated messages, want >= 0.95", acc, total)
	}
}

func TestMatchNamesTheClosestExample(t *testing.T) {
	ix := smallIndex(t)
	m := ix.Match("the liveness check failed again")
	if len(m.Candidates) == 0 || m.Candidates[0].ID != "selfie" || m.Candidates[0].Example != "the liveness check fails" {
		t.Fatalf("candidates %+v", m.Candidates)
	}
}

func TestLongMessagesAreReadBySentence(t *testing.T) {
	ix := smallIndex(t)
	tests := []struct{ name, message, want string }{
		{"sentences", "hi there, sorry to bother you all. so last week my bank told me I had to do some online thing and I went through all of it, the forms and everything. anyway, now the liveness check fails every single time, what do I do?", "selfie"},
		{"clauses, no full stop", "hi there sorry to bother you all, so last week my bank told me I had to do some online thing and I went through all of it, the forms and everything, anyway now the liveness check fails every single time, what do I do", "selfie"},
		{"question first", "okta keeps asking me to verify who I am, and I have no idea why, it never did that before and my manager is on holiday so I cannot ask her", "okta"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.Match(tt.message)
			if best(m) != tt.want || m.Candidates[0].Confidence < 0.5 {
				t.Errorf("Match = %+v, want %s with confidence 0.5 or more", m.Candidates, tt.want)
			}
		})
	}
}

// TestAnAddedExampleIsLearned is the admin's promise: when the bot misses a
// way people ask, adding that message as an example makes it match.
func TestAnAddedExampleIsLearned(t *testing.T) {
	const missed = "cheers mate, sorted"
	fsys := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS("testdata/small"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("testdata/small", p))
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	match := func() intents.Match {
		k, err := intents.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return intents.NewIndex(k).Match(missed)
	}
	if got := bestOrNone(match()); got == "thanks" {
		t.Fatalf("%q already matches thanks: the test needs a missed message", missed)
	}
	thanks := string(fsys["thanks.md"].Data)
	fsys["thanks.md"].Data = []byte(strings.Replace(thanks, "examples:\n", "examples:\n  - "+missed+"\n", 1))
	m := match()
	if best(m) != "thanks" || m.Candidates[0].Confidence < 0.5 {
		t.Fatalf("after adding it as an example, %q matches %+v, want thanks with confidence 0.5 or more", missed, m.Candidates)
	}
}

// TestTheBackgroundYieldsToTheKnowledge: a folder whose topics are everyday
// questions keeps them; the built-in background does not take them.
func TestTheBackgroundYieldsToTheKnowledge(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Ask at the front desk.\n")},
		"_fallback.md": {Data: []byte("Sorry, I do not know.\n")},
		"weather.md":   {Data: []byte("---\nid: weather\ntitle: Weather\nexamples:\n  - what's the weather today\n  - will it rain tomorrow\n  - is it going to be sunny this weekend\n  - weather forecast for tonight\n---\nLook outside.\n")},
		"recipes.md":   {Data: []byte("---\nid: recipes\ntitle: Recipes\nexamples:\n  - how do I make pancakes\n  - a good recipe for dinner\n  - what can I cook with eggs and rice\n  - easy pasta recipe\n---\nTry an omelette.\n")},
		// One of the background's own sentences, word for word.
		"spelling.md": {Data: []byte("---\nid: spelling\ntitle: Spelling\nexamples:\n  - how do you spell necessary\n  - how to spell a word\n  - the right spelling of a word\n---\nUse a dictionary.\n")},
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix := intents.NewIndex(k)
	for msg, want := range map[string]string{
		"what's the weather like in paris": "weather",
		"any recipe ideas for pancakes":    "recipes",
		"how do you spell necessary":       "spelling",
	} {
		if m := ix.Match(msg); bestOrNone(m) != want || m.Candidates[0].Confidence < 0.5 {
			t.Errorf("%q matches %+v (out of scope %.2f), want %s with confidence 0.5 or more", msg, m.Candidates, m.OutOfScope, want)
		}
	}
}

// TestATinyFolderStillKnowsEverydayTalk: a folder of a few examples trains
// on a sample of the background only, and everyday messages still get no
// confident topic.
func TestATinyFolderStillKnowsEverydayTalk(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Ask at the front desk.\n")},
		"_fallback.md": {Data: []byte("Sorry, I do not know.\n")},
		"nfc.md":       {Data: []byte("---\nid: nfc\ntitle: NFC chip\nexamples:\n  - the nfc chip will not read\n  - scan the chip of my passport\n  - where do I hold the passport for nfc\n---\nHold it still.\n")},
		"selfie.md":    {Data: []byte("---\nid: selfie\ntitle: Selfie\nexamples:\n  - my selfie keeps failing\n  - face not detected\n  - the liveness check failed\n---\nFace the light.\n")},
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix := intents.NewIndex(k)
	for _, msg := range []string{"what's the weather like tomorrow", "tell me a joke", "how do I make pancakes", "who won the game last night"} {
		if m := ix.Match(msg); len(m.Candidates) > 0 && m.Candidates[0].Confidence >= 0.5 {
			t.Errorf("%q matches %+v, want no candidate at 0.5 or more", msg, m.Candidates)
		}
	}
	if m := ix.Match("my selfie failed again"); bestOrNone(m) != "selfie" || m.Candidates[0].Confidence < 0.5 {
		t.Errorf("selfie message matches %+v", m.Candidates)
	}
}

// A word that is its own stem is read as a word, even when a stopword
// stems to it: "real" is not "really", "final" not "finally", "cam" not
// "came".
func TestWordsAStopwordStemsToAreRead(t *testing.T) {
	ix := smallIndex(t)
	tests := []struct{ message, word string }{
		{"is this real", "real"},
		{"is that final", "final"},
		{"web cam is blurry", "cam"},
		{"so mad right now", "mad"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			m := ix.Match(tt.message)
			if !slices.Contains(m.Terms, tt.word) && !slices.Contains(m.Unknown, tt.word) {
				t.Errorf("Match(%q): %q is neither a term (%v) nor unknown (%v): read as a stopword", tt.message, tt.word, m.Terms, m.Unknown)
			}
		})
	}
}

// TestASentenceOfSmallTalkIsNotTheQuestion: the thanks closing a long
// message about something else is not what the message asks.
func TestASentenceOfSmallTalkIsNotTheQuestion(t *testing.T) {
	fsys := fstest.MapFS{
		"thanks.md":    {Data: []byte("---\nid: thanks\ntitle: Thanks\nexamples:\n  - thanks\n  - thank you\n  - thx\n  - cheers\n  - thanks a lot\n  - that fixed it, thanks\n---\nYou're welcome!\n")},
		"selfie.md":    {Data: []byte("---\nid: selfie\ntitle: Selfie step\nexamples:\n  - my selfie keeps failing\n  - the face scan will not accept my face\n  - liveness check stuck\n---\nFace the light.\n")},
		"_guidance.md": {Data: []byte("Contact the organization that asked you to verify.\n")},
		"_fallback.md": {Data: []byte("I'm not sure I understood.\n")},
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix := intents.NewIndex(k)
	tests := []struct{ name, message, want string }{
		{"thanks closing a story about something else", "Hi there, hope you're well! I need ideas for a birthday party for my daughter next month, nothing too expensive and indoors because of the weather. Thank you so much, you would be saving me here.", "none"},
		{"thanks alone", "thanks a lot", "thanks"},
		{"thanks closing a question the folder knows", "hi, sorry to bother you all. my bank sent me to this page last week and the liveness check keeps failing every time. thank you so much in advance", "selfie"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.Match(tt.message)
			got := best(m)
			if len(m.Candidates) > 0 && m.Candidates[0].Confidence < 0.5 {
				got = "none"
			}
			if got != tt.want {
				t.Errorf("Match = %+v (out of scope %.2f), want %s", m.Candidates, m.OutOfScope, tt.want)
			}
		})
	}
}

// TestSynonymsDoNotDependOnTheirOrder: a longer variant that starts with a
// shorter one's word applies whichever comes first in _synonyms.yaml.
func TestSynonymsDoNotDependOnTheirOrder(t *testing.T) {
	for _, order := range [][]string{
		{"liveliness: liveness", "liveliness check: liveness"},
		{"liveliness check: liveness", "liveliness: liveness"},
	} {
		t.Run(order[0]+" first", func(t *testing.T) {
			fsys := fstest.MapFS{
				"selfie.md":      {Data: []byte("---\nid: selfie\ntitle: Selfie step\nexamples:\n  - liveness failed\n  - the liveness step\n  - my selfie\n---\nFace the light.\n")},
				"_guidance.md":   {Data: []byte("Contact the organization that asked you to verify.\n")},
				"_fallback.md":   {Data: []byte("I'm not sure I understood.\n")},
				"_synonyms.yaml": {Data: []byte(strings.Join(order, "\n") + "\n")},
			}
			k, err := intents.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			m := intents.NewIndex(k).Match("liveliness check failed")
			if slices.Contains(m.Terms, "check") {
				t.Errorf("terms %v: \"liveliness check\" was not read as one synonym", m.Terms)
			}
		})
	}
}
