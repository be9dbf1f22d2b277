package bot

import "fmt"

// Thresholds decide between answering, clarifying and falling back.
type Thresholds struct {
	// Answer is the least confidence for answering with one intent.
	Answer float64
	// Clarify is the least confidence for an intent to be offered at all;
	// below it for every intent, the reply is the fallback.
	Clarify float64
	// Margin: candidates whose confidence is at least Margin times the best
	// one's are too close to call, and the reply asks which one is meant.
	Margin float64
}

// DefaultThresholds hold for any knowledge folder: confidences are
// calibrated per folder (the probability that the best candidate is right),
// so "answer above one half" means the same everywhere. A margin of 0.6
// asks when the second topic has at least 0.6 of the first one's
// probability.
func DefaultThresholds() Thresholds {
	return Thresholds{Answer: 0.5, Clarify: 0.35, Margin: 0.6}
}

// Validate reports the first threshold that is out of range, naming it as
// the configuration does.
func (t Thresholds) Validate() error {
	check := func(name string, v float64) error {
		if v < 0 || v > 1 || v != v {
			return fmt.Errorf("%s: %v is not between 0 and 1", name, v)
		}
		return nil
	}
	if err := check("answer_threshold", t.Answer); err != nil {
		return err
	}
	if err := check("clarify_threshold", t.Clarify); err != nil {
		return err
	}
	if err := check("clarify_margin", t.Margin); err != nil {
		return err
	}
	if t.Clarify > t.Answer {
		return fmt.Errorf("clarify_threshold: %v is above answer_threshold %v", t.Clarify, t.Answer)
	}
	return nil
}
