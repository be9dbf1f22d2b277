package console

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// The report's pictures are inline SVG drawn here, on the server: no
// script, no external asset, readable in a saved copy of the page. Every
// mark has a <title> (a tooltip, and what a screen reader says), and every
// chart sits beside its table.

// Colours of the outcomes, the same in every chart.
const (
	colourAnswered = "#2a9d8f"
	colourClarify  = "#e9c46a"
	colourFallback = "#d1495b"
	colourBar      = "#457b9d"
	colourAxis     = "#6b7280"
)

// chart sizes, in the SVG's own units (it scales to the card's width, and
// the cards of the timeline and the topics are half the page wide).
const (
	chartWidth  = 400
	chartHeight = 170
	chartLeft   = 40 // room for the value axis
	chartBottom = 22 // room for the time axis
	chartTop    = 10 // room for the value axis's top label
)

// svgText escapes s for an SVG text node or attribute in an HTML page.
func svgText(s string) string { return template.HTMLEscapeString(s) }

// bucketLabel names a timeline bucket for people.
func bucketLabel(b analytics.Bucket, step string) string {
	if step == "hour" {
		return b.Start.Format("Jan 2 15:04")
	}
	return b.Start.Format("Mon Jan 2")
}

// axisLabel is the short form under the time axis.
func axisLabel(t time.Time, step string) string {
	if step == "hour" {
		return t.Format("15:04")
	}
	return t.Format("Jan 2")
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten, so the
// axis reads well.
func niceMax(v int64) int64 {
	if v <= 0 {
		return 1
	}
	p := int64(1)
	for {
		for _, m := range []int64{1, 2, 5} {
			if v <= m*p {
				return m * p
			}
		}
		p *= 10
	}
}

// outcomesChart draws the questions of each bucket as a bar stacked by
// outcome: answered at the bottom, then clarify, then fallback.
func outcomesChart(rep analytics.Report) template.HTML {
	tl := rep.Timeline
	if len(tl) == 0 {
		return ""
	}
	var top int64
	for _, b := range tl {
		top = max(top, b.Total())
	}
	top = niceMax(top)
	plotW := float64(chartWidth - chartLeft)
	plotH := float64(chartHeight - chartBottom - chartTop)
	slot := plotW / float64(len(tl))
	barW := max(1, slot*0.8)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" id="chart-outcomes" viewBox="0 0 %d %d" role="img" aria-label="Questions per %s by outcome" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, chartHeight, svgText(rep.TimelineStep))
	valueAxis(&sb, top, plotH)
	y := func(v int64) float64 { return chartTop + plotH*(1-float64(v)/float64(top)) }
	for i, b := range tl {
		x := float64(chartLeft) + float64(i)*slot + (slot-barW)/2
		base := int64(0)
		for _, part := range []struct {
			n      int64
			colour string
			name   string
		}{{b.Answered, colourAnswered, "answered"}, {b.Clarify, colourClarify, "asked to choose"}, {b.Fallback, colourFallback, "fell back"}} {
			if part.n == 0 {
				continue
			}
			fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %d %s</title></rect>`,
				x, y(base+part.n), barW, y(base)-y(base+part.n), part.colour, svgText(bucketLabel(b, rep.TimelineStep)), part.n, part.name)
			base += part.n
		}
	}
	timeAxis(&sb, tl, rep.TimelineStep, slot, plotH)
	sb.WriteString(`</svg>`)
	sb.WriteString(legend([]legendItem{{colourAnswered, "answered"}, {colourClarify, "asked to choose"}, {colourFallback, "fell back"}}))
	return template.HTML(sb.String())
}

// fallbackChart draws the share of each bucket's questions that fell back,
// as a line; buckets with no questions leave a gap.
func fallbackChart(rep analytics.Report) template.HTML {
	tl := rep.Timeline
	if len(tl) == 0 {
		return ""
	}
	plotW := float64(chartWidth - chartLeft)
	plotH := float64(chartHeight - chartBottom - chartTop)
	slot := plotW / float64(len(tl))
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" id="chart-fallback" viewBox="0 0 %d %d" role="img" aria-label="Share of questions that fell back, per %s" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, chartHeight, svgText(rep.TimelineStep))
	for _, pct := range []int{0, 50, 100} {
		yy := chartTop + plotH*(1-float64(pct)/100)
		fmt.Fprintf(&sb, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e7eb"/><text x="%d" y="%.1f" font-size="11" fill="%s" text-anchor="end">%d%%</text>`,
			chartLeft, yy, chartWidth, yy, chartLeft-4, yy+4, colourAxis, pct)
	}
	var path []string
	flush := func() {
		if len(path) > 1 {
			fmt.Fprintf(&sb, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, colourFallback, strings.Join(path, " "))
		}
		path = path[:0]
	}
	for i, b := range tl {
		if b.Total() == 0 {
			flush()
			continue
		}
		x := float64(chartLeft) + (float64(i)+0.5)*slot
		yy := chartTop + plotH*(1-b.FallbackRate())
		path = append(path, fmt.Sprintf("%.1f,%.1f", x, yy))
		fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s: %.0f%% fell back (%d of %d)</title></circle>`,
			x, yy, colourFallback, svgText(bucketLabel(b, rep.TimelineStep)), 100*b.FallbackRate(), b.Fallback, b.Total())
	}
	flush()
	timeAxis(&sb, tl, rep.TimelineStep, slot, plotH)
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// barItem is one bar of a horizontal bar chart.
type barItem struct {
	Label string
	N     int64
}

// maxBars is the most bars a horizontal bar chart draws.
const maxBars = 10

// barsChart draws items as horizontal bars, longest first as given, at
// most maxBars of them, in a chart width wide with labelW of it for the
// labels.
func barsChart(id, label string, items []barItem, width, labelW int) template.HTML {
	if len(items) == 0 {
		return ""
	}
	items = items[:min(len(items), maxBars)]
	var top int64
	for _, it := range items {
		top = max(top, it.N)
	}
	const rowH = 22
	h := rowH * len(items)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" id="%s" viewBox="0 0 %d %d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		svgText(id), width, h, svgText(label))
	for i, it := range items {
		y := i * rowH
		w := float64(width-labelW-50) * float64(it.N) / float64(max(1, top))
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="12" fill="#1d2433" text-anchor="end">%s</text>`, labelW-6, y+15, svgText(shorten(it.Label, labelW/7)))
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %d</title></rect>`, labelW, y+4, max(1, w), rowH-8, colourBar, svgText(it.Label), it.N)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="12" fill="%s">%d</text>`, float64(labelW)+max(1, w)+4, y+15, colourAxis, it.N)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// topicsChart is the topics answered most.
func topicsChart(rep analytics.Report) template.HTML {
	items := make([]barItem, 0, len(rep.ByIntent))
	for _, c := range rep.ByIntent {
		items = append(items, barItem{Label: c.Name, N: c.N})
	}
	return barsChart("chart-topics", "Questions per topic", items, chartWidth, 150)
}

// clustersChart is the largest groups of unanswered questions, each named
// by its first example.
func clustersChart(rep analytics.Report) template.HTML {
	items := make([]barItem, 0, len(rep.Unanswered))
	for _, c := range rep.Unanswered {
		label := c.Closest
		if len(c.Examples) > 0 {
			label = c.Examples[0]
		}
		items = append(items, barItem{Label: label, N: int64(c.Size)})
	}
	return barsChart("chart-clusters", "Unanswered questions by group", items, 2*chartWidth, 300)
}

// valueAxis draws the horizontal grid at 0, half and top.
func valueAxis(sb *strings.Builder, top int64, plotH float64) {
	for _, v := range []int64{0, top / 2, top} {
		yy := chartTop + plotH*(1-float64(v)/float64(top))
		fmt.Fprintf(sb, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e7eb"/><text x="%d" y="%.1f" font-size="11" fill="%s" text-anchor="end">%d</text>`,
			chartLeft, yy, chartWidth, yy, chartLeft-4, yy+4, colourAxis, v)
	}
}

// timeAxis labels the first, middle and last buckets.
func timeAxis(sb *strings.Builder, tl []analytics.Bucket, step string, slot, plotH float64) {
	seen := map[int]bool{}
	for _, i := range []int{0, len(tl) / 2, len(tl) - 1} {
		if seen[i] {
			continue
		}
		seen[i] = true
		anchor := "middle"
		switch i {
		case 0:
			anchor = "start"
		case len(tl) - 1:
			anchor = "end"
		}
		x := float64(chartLeft) + (float64(i)+0.5)*slot
		if anchor == "start" {
			x = float64(chartLeft) + float64(i)*slot
		} else if anchor == "end" {
			x = float64(chartLeft) + float64(i+1)*slot
		}
		fmt.Fprintf(sb, `<text x="%.1f" y="%.1f" font-size="11" fill="%s" text-anchor="%s">%s</text>`,
			x, chartTop+plotH+16, colourAxis, anchor, svgText(axisLabel(tl[i].Start, step)))
	}
}

type legendItem struct{ colour, name string }

// legend is a line of coloured squares and names, in HTML.
func legend(items []legendItem) string {
	var sb strings.Builder
	sb.WriteString(`<p class="legend">`)
	for _, it := range items {
		fmt.Fprintf(&sb, `<span><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="%s"/></svg> %s</span> `, it.colour, svgText(it.name))
	}
	sb.WriteString(`</p>`)
	return sb.String()
}

// shorten cuts s to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
