package console

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// The topics pages are the knowledge as an admin works on it: every topic
// with who keeps it and how often it answered, a search over topics and
// examples, and each topic's page with its answer as people see it, its
// examples, and the recorded questions it answered or nearly answered.

// topicsPeriod is how far back the topics pages count and list questions.
const topicsPeriod = 7 * 24 * time.Hour

// maxQuestionsRead bounds the recorded questions a topics page reads.
const maxQuestionsRead = 2000

// maxQuestionsShown is the most questions a topic's page lists per kind.
const maxQuestionsShown = 20

// topicRow is one line of the topics list.
type topicRow struct {
	ID, Title, Owner, File string
	ReviewBy               string
	PastReview             bool
	Examples               int
	Answered               int64
	// Matches are the topic's examples that hold the searched words.
	Matches []string
}

type topicsPage struct {
	Query     string
	Version   string
	Rows      []topicRow
	Analytics bool
	Err       string
}

func (s Sources) topics(w http.ResponseWriter, r *http.Request) {
	k := s.Bot.Index().Knowledge()
	p := topicsPage{Query: strings.TrimSpace(r.URL.Query().Get("q")), Version: k.Version, Analytics: s.Store != nil}
	answered := map[string]int64{}
	if s.Store != nil {
		counts, err := s.Store.Volume(r.Context(), time.Now().Add(-topicsPeriod))
		if err != nil {
			s.Log.Error("console topics failed", "err", err)
			p.Err = "The counts could not be read; see the server log."
		}
		for _, c := range counts {
			if c.Outcome == string(bot.Answered) {
				answered[c.Intent] += c.N
			}
		}
	}
	words := searchWords(p.Query)
	now := time.Now()
	for _, in := range k.Intents {
		row := topicRow{ID: in.ID, Title: in.Title, Owner: in.Owner, File: in.File, Examples: len(in.Examples),
			Answered: answered[in.ID], PastReview: in.PastReview(now)}
		if !in.ReviewBy.IsZero() {
			row.ReviewBy = in.ReviewBy.Format(time.DateOnly)
		}
		if len(words) > 0 {
			inTopic := containsAll(strings.ToLower(in.ID+" "+in.Title+" "+in.Answer+" "+strings.Join(in.Keywords, " ")), words)
			for _, ex := range in.Examples {
				if containsAll(strings.ToLower(ex), words) {
					row.Matches = append(row.Matches, ex)
				}
			}
			if !inTopic && len(row.Matches) == 0 {
				continue
			}
		}
		p.Rows = append(p.Rows, row)
	}
	s.render(w, "topics.html", p)
}

// searchWords are the lowercased words of a search.
func searchWords(q string) []string { return strings.Fields(strings.ToLower(q)) }

// containsAll reports whether text holds every word.
func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

type topicPage struct {
	Intent    intents.Intent
	ReviewBy  string
	Past      bool
	Slack     bot.Preview
	Discord   bot.Preview
	Analytics bool
	Err       string
	// Matched are recent questions this topic answered or offered first;
	// Elsewhere are recent ones it came second for, that another topic
	// took or that fell back.
	Matched, Elsewhere []analytics.Turn
}

func (s Sources) topic(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	k := s.Bot.Index().Knowledge()
	i := slices.IndexFunc(k.Intents, func(in intents.Intent) bool { return in.ID == id })
	if i < 0 {
		w.WriteHeader(http.StatusNotFound)
		s.render(w, "notfound.html", id)
		return
	}
	p := topicPage{Intent: k.Intents[i], Past: k.Intents[i].PastReview(time.Now()), Analytics: s.Store != nil}
	if !p.Intent.ReviewBy.IsZero() {
		p.ReviewBy = p.Intent.ReviewBy.Format(time.DateOnly)
	}
	reply := s.Bot.Quiet().AnswerIntent(r.Context(), id)
	if s.SlackPreview != nil {
		p.Slack = s.SlackPreview(reply)
	}
	if s.DiscordPreview != nil {
		p.Discord = s.DiscordPreview(reply)
	}
	if lister, ok := s.Store.(analytics.QuestionLister); ok {
		turns, err := lister.Questions(r.Context(), time.Now().Add(-topicsPeriod), maxQuestionsRead)
		if err != nil {
			s.Log.Error("console topic failed", "err", err)
			p.Err = "The recorded questions could not be read; see the server log."
		}
		for _, t := range turns {
			switch {
			case t.Intent == id && len(p.Matched) < maxQuestionsShown:
				p.Matched = append(p.Matched, t)
			case t.Intent != id && t.RunnerUp == id && len(p.Elsewhere) < maxQuestionsShown:
				p.Elsewhere = append(p.Elsewhere, t)
			}
		}
	}
	s.render(w, "topic.html", p)
}
