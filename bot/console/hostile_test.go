package console_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// hostileSources serves the knowledge of testdata/hostile, whose titles,
// answers, examples, contact lines and guidance carry HTML, and a store
// whose recorded questions do too.
func hostileSources(t *testing.T) console.Sources {
	t.Helper()
	fsys := os.DirFS("testdata/hostile")
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "turns.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	now := time.Now()
	turns := []analytics.Turn{
		{Time: now, Adapter: "slack", Text: `<script>alert("stored")</script> passport`, Intent: "none", Outcome: "fallback"},
		{Time: now, Adapter: "slack", Text: `<img src=x onerror=alert("stored")> passport`, Intent: "none", Outcome: "fallback"},
		{Time: now, Adapter: `<img src=x onerror=alert("adapter")>`, User: "u1", Text: `glare <img src=x onerror=alert("low")>`, Intent: "glare", Outcome: "answered", Confidence: 0.3},
		{Time: now, Adapter: "discord", User: "u2", Text: `glare <script>alert("disliked")</script>`, Intent: "glare", Outcome: "answered", Confidence: 0.9},
	}
	if err := store.AddTurns(context.Background(), turns); err != nil {
		t.Fatal(err)
	}
	if err := store.AddFeedback(context.Background(), []analytics.Feedback{{Time: now, Adapter: "discord", User: "u2", Intent: "glare", Helpful: false}}); err != nil {
		t.Fatal(err)
	}
	return console.Sources{Bot: b, Store: store, SlackPreview: slack.Preview, DiscordPreview: discord.Preview, Knowledge: func() console.Versions {
		k, ps := intents.Lint(fsys, now)
		return console.Versions{Answering: k, AnsweringProblems: ps}
	}}
}

// rawMarkup is HTML that only the knowledge or a user could have put there.
var rawMarkup = regexp.MustCompile(`(?i)<\s*(img|script|iframe)|href\s*=\s*"?\s*(javascript:|https://evil)`)

func TestHostileTextIsEscaped(t *testing.T) {
	h := console.Handler(hostileSources(t), "")
	tests := []struct {
		name, url string
		// want is escaped text the page must show, so that the check for raw
		// markup is not passed by a page that lost the text.
		want []string
	}{
		{"answered", "/console/?q=" + url.QueryEscape("the photo of my card has glare"), []string{
			`>Glare again &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &lt;https://evil.example|click me&gt;</button>`, `&lt;script&gt;alert(&#34;body&#34;)`,
			`&lt;img src=x onerror=alert(&#34;contact&#34;)&gt;`, `&lt;script&gt;alert(&#34;guidance&#34;)`}},
		{"closest example", "/console/?q=" + url.QueryEscape("glare on my card script alert example"), []string{`card &lt;script&gt;alert(&#34;example&#34;)`}},
		{"fallback with topics", "/console/?q=" + url.QueryEscape("zzzz qqqq"), []string{
			`>Glare &lt;img src=x onerror=alert(1)&gt;</button>`, `alert(&#34;fallback&#34;)`}},
		{"hostile question", "/console/?q=" + url.QueryEscape(`glare <img src=x onerror=alert("q")>`), []string{`alert(&#34;q&#34;)`}},
		{"report", "/console/report", []string{`&lt;script&gt;alert(&#34;stored&#34;)`, `alert(&#34;low&#34;)`, `alert(&#34;disliked&#34;)`}},
		{"lint", "/console/lint", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, h, tt.url)
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			if m := rawMarkup.FindAllStringIndex(body, -1); m != nil {
				for _, at := range m {
					t.Errorf("raw markup reaches the page: %q", body[max(0, at[0]-40):min(len(body), at[1]+40)])
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}
