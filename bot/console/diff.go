package console

import (
	"net/http"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// The edit page is `helpdeskbot diff` for the folder being edited: what
// the knowledge on disk would change, against the version answering,
// before a reload puts it in use. It compares only the configured folder,
// never a path from the request: the console must not read whatever
// folder the process can.

// diffSamples is the most changed questions the edit page lists.
const diffSamples = 20

type diffPage struct {
	// Why, when not empty, says why there is nothing to compare.
	Why                  string
	Folder               string
	Answering, Disk      string
	AnsweringProblems    int
	DiskProblems         int
	Examples             []impact.ExampleChange
	Analytics            bool
	Err                  string
	Recorded             *impact.Result
	Summary              impact.Summary
	RecordedShare        string
	RecordedAnsweredPart string
}

func (s Sources) diff(w http.ResponseWriter, r *http.Request) {
	var p diffPage
	var v Versions
	if s.Knowledge != nil {
		v = s.Knowledge()
	}
	p.Folder = v.Folder
	switch {
	case v.Folder == "" || v.Disk == nil || v.Answering == nil:
		p.Why = "The bot answers from its built-in knowledge: there is no folder to edit. Start one with helpdeskbot knowledge export DIR and set knowledge to it."
	case v.DiskProblems.HasErrors():
		p.Why = "The folder on disk has errors, so it cannot answer: see Knowledge checks for each one."
	case v.Disk.Version == v.Answering.Version:
		p.Why = "The folder on disk is the version answering: there is no edit to compare yet."
	}
	if p.Why != "" {
		s.render(w, "diff.html", p)
		return
	}
	p.Answering, p.Disk = v.Answering.Version, v.Disk.Version
	p.AnsweringProblems, p.DiskProblems = len(v.AnsweringProblems), len(v.DiskProblems)
	old := impact.Version{Knowledge: v.Answering, Bot: s.Bot.Quiet()}
	edited := impact.Version{Knowledge: v.Disk, Bot: s.Bot.Trial(intents.NewIndex(v.Disk))}
	p.Examples = impact.Examples(r.Context(), old, edited)
	if lister, ok := s.Store.(analytics.QuestionLister); ok {
		p.Analytics = true
		turns, err := lister.Questions(r.Context(), time.Now().Add(-topicsPeriod), impact.DefaultRecent)
		if err != nil {
			s.Log.Error("console edit page failed", "err", err)
			p.Err = "The recorded questions could not be read; see the server log."
		} else {
			res := impact.Compare(r.Context(), old.Bot, edited.Bot, impact.QuestionsOf(turns))
			p.Recorded = &res
			p.Summary = impact.Summarize(res, diffSamples)
		}
	}
	s.render(w, "diff.html", p)
}
