package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// writeReportCSV writes the report as rows of section, name, value and
// detail, every cell inert in a spreadsheet.
func writeReportCSV(w io.Writer, r analytics.Report) error {
	cw := csv.NewWriter(w)
	rows := [][]string{{"section", "name", "value", "detail"},
		{"total", "turns", strconv.FormatInt(r.Turns, 10), ""},
		{"total", "fallback", strconv.FormatInt(r.Fallback, 10), strconv.FormatFloat(r.FallbackRate, 'f', 4, 64)}}
	for _, c := range r.ByIntent {
		rows = append(rows, []string{"intent", c.Name, strconv.FormatInt(c.N, 10), ""})
	}
	for _, c := range r.ByAdapter {
		rows = append(rows, []string{"adapter", c.Name, strconv.FormatInt(c.N, 10), ""})
	}
	for _, c := range r.Unanswered {
		rows = append(rows, []string{"unanswered", c.Closest, strconv.Itoa(c.Size), strings.Join(c.Examples, " | ")})
	}
	if c := r.ClusterCaps; c != nil {
		if c.Grouped > 0 {
			rows = append(rows, []string{"cap", "grouped_turns", strconv.Itoa(c.Grouped), "of " + strconv.FormatInt(c.Of, 10)})
		}
		if c.Cut > 0 {
			rows = append(rows, []string{"cap", "question_chars", strconv.Itoa(c.QuestionChars), strconv.Itoa(c.Cut) + " questions cut"})
		}
		if c.Crowded > 0 {
			rows = append(rows, []string{"cap", "compared_groups", strconv.Itoa(c.Compared), strconv.Itoa(c.Crowded) + " questions crowded"})
		}
	}
	for _, v := range r.Disliked {
		rows = append(rows, []string{"disliked", v.Intent, strconv.FormatInt(v.Down, 10), strconv.FormatInt(v.Up, 10)})
	}
	for _, t := range r.DislikedTurns {
		rows = append(rows, []string{"disliked_turn", t.Intent, strconv.FormatFloat(t.Confidence, 'f', 4, 64), t.Text})
	}
	for _, t := range r.LowConfidence {
		rows = append(rows, []string{"low_confidence", t.Intent, strconv.FormatFloat(t.Confidence, 'f', 4, 64), t.Text})
	}
	for _, h := range r.Handoffs {
		rows = append(rows, []string{"handoff", h.Topic, strconv.FormatInt(h.N, 10), h.Reason})
	}
	for _, row := range rows {
		for i, cell := range row {
			row[i] = inertCell(cell)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return exitError{code: exitFailure, err: err}
	}
	return nil
}

// inertCell keeps a spreadsheet from reading cell as a formula: anything
// starting with = + - @, a tab or a carriage return gets a leading ', as
// OWASP advises against CSV injection. Stored questions are whatever
// people typed.
func inertCell(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
