package eval

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// EventDateReport measures how well time expressions are resolved on the
// SemEval-2015 Task 4 articles. Their Track A TimeML files carry no TIMEX3
// but the publication date, so the gold values are the dates the gold
// timelines give their events: a dated event's sentence is scored when
// newsbot resolves at least one expression in it to a calendar date, and
// counted right when one of them is the event's gold date at the gold's
// precision (a day, a month or a year).
type EventDateReport struct {
	// Events counts the distinct (sentence, gold date) pairs of dated
	// events; Scored, those whose sentence holds a resolved expression;
	// Agree, those where one of the sentence's expressions is the gold date.
	Events, Scored, Agree int
	Accuracy              float64
	// Wrong lists the scored pairs that no expression agrees with.
	Wrong []string
}

// RunEventDates scores the expressions stored with the corpora's paragraphs
// (found by LoadSemEval against each article's publication date) against
// the dates of the gold timelines' events.
func RunEventDates(corpora []SemEvalCorpus) *EventDateReport {
	r := &EventDateReport{}
	for _, c := range corpora {
		type at struct{ a, p int }
		where := map[string]at{}
		for ai, a := range c.Articles {
			for pi, p := range a.Paragraphs {
				// Paragraph n is sentence n+1: sentence 0 is the title, 1 the date line.
				where[a.ID+"-"+strconv.Itoa(p.N+1)] = at{ai, pi}
			}
		}
		seen := map[GoldEvent]bool{}
		var events []GoldEvent
		for _, g := range c.Timelines {
			for _, e := range g.Events {
				if !seen[e] {
					seen[e] = true
					events = append(events, e)
				}
			}
		}
		sort.Slice(events, func(i, j int) bool {
			if events[i].Place != events[j].Place {
				return events[i].Place < events[j].Place
			}
			return events[i].Date < events[j].Date
		})
		for _, e := range events {
			r.Events++
			loc, ok := where[e.Place]
			if !ok {
				continue
			}
			p := c.Articles[loc.a].Paragraphs[loc.p]
			var found []string
			agree := false
			for _, d := range p.Dates {
				if !d.Resolved() {
					continue
				}
				v := semevalDate(d.Value)
				if v == "" {
					continue
				}
				found = append(found, fmt.Sprintf("%q=%s", d.Text, d.Value))
				agree = agree || v == e.Date
			}
			if len(found) == 0 {
				continue
			}
			r.Scored++
			if agree {
				r.Agree++
			} else {
				r.Wrong = append(r.Wrong, fmt.Sprintf("%s (published %s): gold %s, found %s: %s", e.Place,
					c.Articles[loc.a].Published.Format("2006-01-02"), e.Date, strings.Join(found, ", "), p.Text))
			}
		}
	}
	if r.Scored > 0 {
		r.Accuracy = float64(r.Agree) / float64(r.Scored)
	}
	return r
}

// goldDate writes a gold timeline date at day length: 2008 → 2008-XX-XX,
// 2008-03 → 2008-03-XX.
func goldDate(d string) string {
	switch len(d) {
	case 4:
		return d + "-XX-XX"
	case 7:
		return d + "-XX"
	}
	return d
}

// WriteTable prints the report as a Markdown table.
func (r *EventDateReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| dated events | with a resolved expression | agreeing | value accuracy |\n|---:|---:|---:|---:|\n| %d | %d | %d | %.3f |\n",
		r.Events, r.Scored, r.Agree, r.Accuracy)
	return err
}
