package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/bot/reload"
)

// reloadGate is the gate of reload.max_changed_share: nil when the key is
// 0, or when analytics is off (there are no recorded questions to compare
// on; that is logged once).
func reloadGate(cfg Config, rec *recording, log *slog.Logger) reload.Gate {
	share := cfg.Reload.MaxChangedShare
	if share <= 0 {
		return nil
	}
	var lister analytics.QuestionLister
	if rec != nil {
		lister, _ = rec.store.(analytics.QuestionLister)
	}
	if lister == nil {
		log.Warn("reload.max_changed_share is set, but no analytics store records questions: the gate is off")
		return nil
	}
	questions := func(ctx context.Context, since time.Time) ([]string, error) {
		turns, err := lister.Questions(ctx, since, impact.DefaultRecent)
		if err != nil {
			return nil, err
		}
		return impact.QuestionsOf(turns), nil
	}
	return reload.ChangeGate(share, reload.ChangeWindow, questions, time.Now)
}
