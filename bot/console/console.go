// Package console is the admins' web console: try a question and see the
// reply as Slack and Discord show it, with why it was chosen; read the
// report of recorded conversations; and see the lint of the knowledge in
// use; browse and search the topics, each with the questions it answered.
// Pages are rendered on the server, with no external assets.
package console

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/localhost"
)

//go:embed templates/*.html
var templates embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"percent":       func(f float64) string { return strconv.FormatFloat(100*f, 'f', 1, 64) + "%" },
	"conf":          func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
	"slack":         slackHTML,
	"discord":       discordHTML,
	"stamp":         func(t time.Time) string { return t.Format("2006-01-02 15:04:05 MST") },
	"outcomesChart": outcomesChart,
	"fallbackChart": fallbackChart,
	"topicsChart":   topicsChart,
	"clustersChart": clustersChart,
}).ParseFS(templates, "templates/*.html"))

// Sources are what the console shows.
type Sources struct {
	Bot *bot.Bot
	// Store is the analytics store; nil when analytics are off.
	Store analytics.Store
	// Knowledge tells the knowledge checks page what answers, what is on
	// disk and what was refused; nil shows the knowledge answering, with
	// lint --quality's measurements only.
	Knowledge func() Versions
	Log       *slog.Logger
	// SlackPreview renders a reply as Slack shows it, block by block in
	// mrkdwn; nil shows no Slack preview.
	SlackPreview func(bot.Reply) bot.Preview
	// DiscordPreview renders a reply as Discord shows it, message by
	// message in Markdown; nil shows no Discord preview.
	DiscordPreview func(bot.Reply) bot.Preview
}

// Handler serves the console under /console/. With a token, every page
// needs it: once as ?token=... (which signs the browser in with a session
// cookie and redirects to the page without the token) or as a bearer
// token. Without a token, the console answers only to requests for
// localhost, so that no other site can reach it by DNS rebinding.
func Handler(src Sources, token string) http.Handler {
	if src.Log == nil {
		src.Log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /console/{$}", src.try)
	mux.HandleFunc("GET /console/report", src.report)
	mux.HandleFunc("GET /console/lint", src.checks)
	mux.HandleFunc("GET /console/topics", src.topics)
	mux.HandleFunc("GET /console/topics/{id}", src.topic)
	mux.HandleFunc("GET /console/diff", src.diff)
	var h http.Handler = mux
	if token == "" {
		h = localhost.Only(mux)
	} else {
		h = newSession(token).guard(mux)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// tryPage is what the question page shows.
type tryPage struct {
	Question string
	Asked    bool
	Reply    bot.Reply
	Slack    bot.Preview
	Discord  bot.Preview
	Why      string
	Version  string
	// Known, Unknown and Common are the question's words as written: those
	// the knowledge uses, those it never uses, and the common words
	// matching ignores.
	Known, Unknown, Common []string
}

func (s Sources) try(w http.ResponseWriter, r *http.Request) {
	p := tryPage{Question: strings.TrimSpace(r.URL.Query().Get("q")), Version: s.Bot.Knowledge().Version}
	if p.Question != "" {
		p.Asked = true
		p.Reply = s.Bot.Quiet().Answer(r.Context(), bot.Message{Text: p.Question, Adapter: "console"})
		if s.SlackPreview != nil {
			p.Slack = s.SlackPreview(p.Reply)
		}
		if s.DiscordPreview != nil {
			p.Discord = s.DiscordPreview(p.Reply)
		}
		p.Why = why(p.Reply)
		p.Known, p.Unknown, p.Common = s.words(p.Question, p.Reply)
	}
	s.render(w, "try.html", p)
}

// words sorts the question's words as the admin wrote them into those the
// knowledge knows (a misspelling or a synonym says so), those it never
// uses, and common words. A bot without an index (a matcher of its own)
// only has the reply's terms.
func (s Sources) words(question string, r bot.Reply) (known, unknown, common []string) {
	ix := s.Bot.Index()
	if ix == nil {
		return r.Terms, r.Unknown, nil
	}
	for _, w := range ix.Explain(question) {
		switch {
		case w.Stop:
			common = append(common, w.Text)
		case !w.Known:
			unknown = append(unknown, w.Text)
		case w.As != "" && w.As != w.Text:
			known = append(known, w.Text+" (read as "+w.As+")")
		case w.Typo:
			known = append(known, w.Text+" (misspelt)")
		default:
			known = append(known, w.Text)
		}
	}
	return known, unknown, common
}

// why explains in words the reason the bot gave for its reply.
func why(r bot.Reply) string {
	best := ""
	if len(r.Candidates) > 0 {
		best = r.Candidates[0].Intent
	}
	switch r.Reason {
	case bot.ReasonConfident:
		return "Answered: " + r.Intent + " was the clear best match."
	case bot.ReasonPicked:
		return "Answered: " + r.Intent + " was picked."
	case bot.ReasonTooClose:
		return "Asked which topic: the best candidates were too close to call."
	case bot.ReasonUnsureRunnersUp:
		return "Asked which topic: not sure of " + best + ", so it is offered with the runners-up."
	case bot.ReasonOutOfScope:
		return "Fell back: the message is closest to the out-of-scope examples."
	case bot.ReasonNoCandidates:
		return "Fell back: no word of the message is used by any topic."
	case bot.ReasonBelowClarify:
		return "Fell back: no topic was confident enough."
	case bot.ReasonUnsureNearOutOfScope:
		return "Fell back: not sure of any topic, and nearly as close to the out-of-scope examples."
	case bot.ReasonUnsureLoneSuggested:
		return "Fell back: not sure of " + best + ", so it is only suggested first."
	}
	return string(r.Outcome) + ": " + r.Reason.String() + "."
}

type reportPage struct {
	Enabled bool
	Since   string
	Report  analytics.Report
	Err     string
	// Standalone is a page saved to a file: no links to the console.
	Standalone bool
	Written    time.Time
}

func (s Sources) report(w http.ResponseWriter, r *http.Request) {
	p := reportPage{Enabled: s.Store != nil, Since: "7d"}
	if d := r.URL.Query().Get("since"); d == "24h" || d == "30d" {
		p.Since = d
	}
	if p.Enabled {
		window := map[string]time.Duration{"24h": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "30d": 30 * 24 * time.Hour}[p.Since]
		rep, err := analytics.BuildReport(r.Context(), s.Store, s.Bot.Matcher(), time.Now().Add(-window))
		if err != nil {
			s.Log.Error("console report failed", "err", err)
			p.Err = "The report could not be built; see the server log."
		}
		p.Report = rep
	}
	s.render(w, "report.html", p)
}

// WriteReport writes rep as the console's report page, standalone (no
// links to the console, no assets): a file to share. since names the
// period ("7d").
func WriteReport(w io.Writer, rep analytics.Report, since string, written time.Time) error {
	p := reportPage{Enabled: true, Since: since, Report: rep, Standalone: true, Written: written}
	if err := pages.ExecuteTemplate(w, "report.html", p); err != nil {
		return fmt.Errorf("console: write report: %w", err)
	}
	return nil
}

func (s Sources) render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		s.Log.Error("console page failed", "page", name, "err", err)
	}
}
