package impact

import (
	"cmp"
	"slices"
)

// MoveSample is how many questions a Move keeps as examples.
const MoveSample = 3

// Summary sums up the changes of a Result.
type Summary struct {
	// The changed questions (repeats included) of each class.
	Moved            int `json:"moved"`
	NewlyAnswered    int `json:"newly_answered"`
	NewlyFallingBack int `json:"newly_falling_back"`
	OutcomeChanged   int `json:"outcome_changed"`
	// Moves group the changes by old and new outcome, most questions
	// first.
	Moves []Move `json:"moves"`
	// Topics count, per topic, the questions it gains and loses, most
	// changed first.
	Topics []TopicChange `json:"topics"`
	// Sample are some of the changes, the most asked first.
	Sample []Change `json:"sample"`
}

// Move is the questions that went from one outcome to another.
type Move struct {
	Old   Outcome `json:"old"`
	New   Outcome `json:"new"`
	Class Class   `json:"class"`
	// Count counts the questions, repeats included.
	Count int `json:"count"`
	// Sample are up to MoveSample of the questions, the most asked first.
	Sample []string `json:"sample"`
}

// TopicChange counts the changed questions of one topic: those it gains
// and loses to other topics, those it now answers that got no topic, those
// it answered that now get none, and those it keeps in another way.
type TopicChange struct {
	Topic            string `json:"topic"`
	MovedIn          int    `json:"moved_in"`
	MovedOut         int    `json:"moved_out"`
	NewlyAnswered    int    `json:"newly_answered"`
	NewlyFallingBack int    `json:"newly_falling_back"`
	OutcomeChanged   int    `json:"outcome_changed"`
}

// Total is the questions of the topic that change in any way.
func (t TopicChange) Total() int {
	return t.MovedIn + t.MovedOut + t.NewlyAnswered + t.NewlyFallingBack + t.OutcomeChanged
}

// Summarize groups r's changes by class, by move and by topic, and keeps
// a sample of at most samples changes.
func Summarize(r Result, samples int) Summary {
	var s Summary
	changes := slices.Clone(r.Changes)
	// The most asked first; ties in the order given.
	slices.SortStableFunc(changes, func(a, b Change) int { return b.Count - a.Count })
	moves := map[[2]Outcome]int{}
	topics := map[string]*TopicChange{}
	topic := func(id string) *TopicChange {
		t, ok := topics[id]
		if !ok {
			t = &TopicChange{Topic: id}
			topics[id] = t
		}
		return t
	}
	for _, c := range changes {
		class := c.Class()
		switch class {
		case Moved:
			s.Moved += c.Count
			topic(c.Old.Topic).MovedOut += c.Count
			topic(c.New.Topic).MovedIn += c.Count
		case NewlyAnswered:
			s.NewlyAnswered += c.Count
			topic(c.New.Topic).NewlyAnswered += c.Count
		case NewlyFallingBack:
			s.NewlyFallingBack += c.Count
			topic(c.Old.Topic).NewlyFallingBack += c.Count
		default:
			s.OutcomeChanged += c.Count
			if c.New.HasTopic() {
				topic(c.New.Topic).OutcomeChanged += c.Count
			}
		}
		key := [2]Outcome{c.Old, c.New}
		i, ok := moves[key]
		if !ok {
			i = len(s.Moves)
			moves[key] = i
			s.Moves = append(s.Moves, Move{Old: c.Old, New: c.New, Class: class})
		}
		m := &s.Moves[i]
		m.Count += c.Count
		if len(m.Sample) < MoveSample {
			m.Sample = append(m.Sample, c.Question)
		}
	}
	slices.SortStableFunc(s.Moves, func(a, b Move) int { return b.Count - a.Count })
	for _, t := range topics {
		s.Topics = append(s.Topics, *t)
	}
	slices.SortFunc(s.Topics, func(a, b TopicChange) int {
		return cmp.Or(b.Total()-a.Total(), cmp.Compare(a.Topic, b.Topic))
	})
	s.Sample = changes[:min(len(changes), max(samples, 0))]
	if s.Moves == nil {
		s.Moves = []Move{}
	}
	if s.Topics == nil {
		s.Topics = []TopicChange{}
	}
	if s.Sample == nil {
		s.Sample = []Change{}
	}
	return s
}
