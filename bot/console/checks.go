package console

import (
	"net/http"
	"sync"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// Versions are what the knowledge checks page compares: the knowledge
// answering, the folder on disk, and the last refused reload.
type Versions struct {
	// Answering is the knowledge answering, put in use at Since, and
	// AnsweringProblems what lint found in it then.
	Answering         *intents.Knowledge
	AnsweringProblems intents.Problems
	Since             time.Time
	// Folder is the knowledge folder; empty for the built-in knowledge,
	// which is then all there is.
	Folder string
	// Disk is the folder as it is now and DiskProblems what lint finds in
	// it; nil when Folder is empty.
	Disk         *intents.Knowledge
	DiskProblems intents.Problems
	// Refused is the last refused reload; nil when none was.
	Refused *Refusal
}

// Refusal is a reload that was refused.
type Refusal struct {
	At time.Time
	// Version is the version the folder held then.
	Version string
	// Problems are the reasons, knock-on errors marked.
	Problems intents.Problems
	// Current says no reload has run since: the version answering is still
	// older than the folder's.
	Current bool
}

// checksPage is what the knowledge checks page shows.
type checksPage struct {
	Folder    string
	Answering versionCard
	// Disk is nil for the built-in knowledge, and when the folder holds
	// the version answering (Same).
	Disk    *versionCard
	Same    bool
	Refused *refusalCard
}

// versionCard is one version with its lint and lint --quality results.
type versionCard struct {
	Version string
	Topics  int
	Since   time.Time
	// Errors and Warnings are lint's problems.
	Errors, Warnings intents.Problems
	// Quality is lint --quality's measurements, when there are no errors.
	Measured       bool
	QualitySummary string
	Quality        intents.Problems
}

// refusalCard is the last refused reload.
type refusalCard struct {
	Refusal
	// First is the first problem that is not a knock-on error, and Others
	// how many other problems there are.
	First  intents.Problem
	Others int
}

// qualityCache keeps lint --quality's results per knowledge version: they
// cost an index build, and a version's results never change, so one
// cache serves every console of the process.
var measured qualityCache

type qualityCache struct {
	mu   sync.Mutex
	byID map[string]qualityResult
}

type qualityResult struct {
	summary  string
	problems intents.Problems
}

// measure returns lint --quality's results for k, measuring once per
// version (the last few are kept).
func (c *qualityCache) measure(k *intents.Knowledge) qualityResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.byID[k.Version]; ok {
		return r
	}
	q := intents.CheckQuality(k)
	r := qualityResult{summary: q.Summary(), problems: q.Problems(k)}
	if c.byID == nil || len(c.byID) >= 4 {
		c.byID = map[string]qualityResult{}
	}
	c.byID[k.Version] = r
	return r
}

// card is k's version with its problems, measured when it has no errors.
func (s Sources) card(k *intents.Knowledge, problems intents.Problems, since time.Time) versionCard {
	c := versionCard{Version: k.Version, Topics: len(k.Intents), Since: since}
	for _, p := range problems {
		if p.Severity == intents.Error {
			c.Errors = append(c.Errors, p)
		} else {
			c.Warnings = append(c.Warnings, p)
		}
	}
	if len(c.Errors) == 0 && len(k.Intents) > 0 {
		q := measured.measure(k)
		c.Measured, c.QualitySummary, c.Quality = true, q.summary, q.problems
	}
	return c
}

func (s Sources) checks(w http.ResponseWriter, _ *http.Request) {
	var v Versions
	if s.Knowledge != nil {
		v = s.Knowledge()
	}
	if v.Answering == nil {
		if ix := s.Bot.Index(); ix != nil {
			v.Answering = ix.Knowledge()
		} else {
			v.Answering = &intents.Knowledge{Version: s.Bot.Knowledge().Version}
		}
	}
	p := checksPage{Folder: v.Folder, Answering: s.card(v.Answering, v.AnsweringProblems, v.Since)}
	if v.Disk != nil {
		if v.Disk.Version == v.Answering.Version && !v.DiskProblems.HasErrors() {
			p.Same = true
			// Time passes: lint on disk now (review dates) is the truth.
			p.Answering.Warnings = s.card(v.Disk, v.DiskProblems, time.Time{}).Warnings
		} else {
			d := s.card(v.Disk, v.DiskProblems, time.Time{})
			p.Disk = &d
		}
	}
	if r := v.Refused; r != nil && len(r.Problems) > 0 {
		rc := &refusalCard{Refusal: *r, First: r.Problems[0], Others: len(r.Problems) - 1}
		if roots := r.Problems.RootCauses(); len(roots) > 0 {
			rc.First = roots[0]
		}
		p.Refused = rc
	}
	s.render(w, "lint.html", p)
}
