package intents_test

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestLinksAndFollowUpsAreRead(t *testing.T) {
	k, err := intents.Load(os.DirFS("testdata/followups-links"))
	if err != nil {
		t.Fatal(err)
	}
	in, _ := k.Intent("selfie")
	if len(in.Links) != 1 || in.Links[0].Title != "Verification tips" || in.Links[0].URL != "https://help.example.com/tips" || in.Links[0].Line != 6 {
		t.Errorf("links = %+v", in.Links)
	}
	if len(in.FollowUps) != 2 {
		t.Fatalf("followups = %+v", in.FollowUps)
	}
	f := in.FollowUps[0]
	if len(f.Examples) != 2 || f.Examples[1] != "cannot find my face" || f.Answer != "Keep your whole face inside the outline." || f.Line != 9 {
		t.Errorf("first follow-up = %+v", f)
	}
	if g := in.FollowUps[1]; len(g.Examples) != 1 || g.Answer != "The organization decides." {
		t.Errorf("second follow-up = %+v", g)
	}
}

func TestBadLinksAndFollowUpsAreRefusedWithTheirLine(t *testing.T) {
	_, problems := intents.Parse(os.DirFS("testdata/broken/followups-links"))
	assertProblems(t, problems, []string{
		`a.md:7: link url "http://example.com/tips" must start with https://`,
		`a.md:9: link url "javascript:alert(1)" must start with https://`,
		`a.md:10: a link needs both a title and a url`,
		`a.md:11: expected an entry of "key: value" lines, found text`,
		`a.md:14: unknown key "colour" in an entry (known: title, url)`,
		`a.md:16: a follow-up needs examples and an answer`,
		`a.md:17: a follow-up needs examples and an answer`,
		`a.md:18: a follow-up needs at least one example`,
		`a.md:21: follow-up answer is empty`,
		`b.md:5: expected a list of entries ("- key: value" lines)`,
		`b.md:6: expected an entry of "key: value" lines, found text`,
		`b.md:6: expected an entry of "key: value" lines, found text`,
	})
}

func TestShortGuidance(t *testing.T) {
	tests := []struct {
		name     string
		guidance string
		short    string
		problems []string
	}{
		{"read", "---\nshort: Contact them.\n---\nContact the organization that asked you to verify.\n", "Contact them.", nil},
		{"empty", "---\nshort: \"\"\n---\nContact them.\n", "", []string{`_guidance.md:2: short: the short guidance is empty; remove the key or write it`}},
		{"not shorter", "---\nshort: Contact the organization, please.\n---\nContact them.\n", "Contact the organization, please.", []string{`_guidance.md:2: warning: short: the short guidance is not shorter than the guidance`}},
		{"unknown key", "---\nbrief: x\n---\nContact them.\n", "", []string{`_guidance.md:2: unknown front-matter key "brief" (known: short, lang, language)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"_guidance.md": {Data: []byte(tt.guidance)},
				"_fallback.md": {Data: []byte("Sorry.\n")},
				"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\n---\nAnswer.\n")},
			}
			k, problems := intents.Parse(fsys)
			assertProblems(t, problems, tt.problems)
			if k.GuidanceShort != tt.short {
				t.Errorf("short = %q, want %q", k.GuidanceShort, tt.short)
			}
		})
	}
}
