// Package timeline summarises a topic as dated events in order, each a
// sentence quoted from the corpus with its citations. It works on any
// newsbot.Searcher and knows nothing of Discord or the terminal.
package timeline

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// DefaultLimit is how many events a timeline shows unless told otherwise.
const DefaultLimit = 15

// candidates is how many paragraphs a topic search looks at.
const candidates = 200

// Request asks for the timeline of a topic.
type Request struct {
	// Topic is free text; empty means every dated event.
	Topic string
	// From and To keep events dated in [From, To); zero means open.
	From, To time.Time
	// Limit caps the events (dated and undated together), chosen by
	// relevance; 0 means DefaultLimit.
	Limit int
}

// Event is one dated happening: a sentence that holds a date.
type Event struct {
	// Words is the date for a reader ("21 February 2026", "2018").
	Words string
	// Value is the TimeML value ("2026-02-21", "2018", "2026-W09").
	Value       string
	Granularity timex.Granularity
	Begin       time.Time
	// Text is the sentence, quoted verbatim.
	Text      string
	Citations []newsbot.Citation
	// FromPublication marks the lede of a dated article that names no date:
	// it is dated by its article's publication date.
	FromPublication bool
	relevance       float64
	terms           map[string]bool
}

// Undated is an event of an article without a publication date: its date
// is only known relative to the article's.
type Undated struct {
	// Relative says how it relates to publication ("the day before
	// publication").
	Relative  string
	Offset    timex.Offset
	Text      string
	Citation  newsbot.Citation
	relevance float64
}

// Timeline is the answer to a Request: dated events in chronological
// order, then undated ones per article in their order.
type Timeline struct {
	Topic   string
	Events  []Event
	Undated []Undated
}

// Build makes the timeline of req.Topic from what s finds.
func Build(ctx context.Context, s newsbot.Searcher, req Request) (*Timeline, error) {
	if req.Limit <= 0 {
		req.Limit = DefaultLimit
	}
	topic := strings.TrimSpace(strings.ToValidUTF8(req.Topic, ""))
	sreq := newsbot.SearchRequest{Text: topic, Limit: candidates, From: req.From, To: req.To, Dated: topic == "", WithDates: true}
	if topic == "" {
		sreq.Limit = 10 * candidates
	}
	res, err := s.Search(ctx, sreq)
	if err != nil {
		return nil, fmt.Errorf("timeline of %q: %w", topic, err)
	}
	tl := &Timeline{Topic: topic}
	var events []Event
	var undated []Undated
	top := 0.0
	for _, h := range res.Hits {
		top = max(top, h.Score)
	}
	for _, h := range res.Hits {
		rel := 1.0
		if top > 0 {
			rel = h.Score / top
		}
		bytes := timex.ByteSpans(h.Text, h.Dates)
		if e, ok := ledeEvent(h, topic == "" || aboutTopic(h, res.Terms), rel); ok && inRange(e.Begin, req.From, req.To) {
			events = append(events, e)
		}
		for k, e := range h.Dates {
			if e.Type != timex.Date && e.Type != timex.Time {
				continue
			}
			sentence, termsInSentence := sentenceAt(h, bytes[k][0])
			if sentence == "" || topic != "" && !aboutTopic(h, res.Terms) {
				continue
			}
			score := rel * (1 + float64(termsInSentence))
			switch {
			case e.Resolved():
				if !inRange(e.Begin, req.From, req.To) {
					continue
				}
				events = append(events, Event{
					Words: timex.Describe(e, h.Citation.Published), Value: e.Value, Granularity: e.Granularity,
					Begin: e.Begin, Text: sentence, Citations: []newsbot.Citation{h.Citation},
					relevance: score, terms: wordSet(sentence),
				})
			case e.Relative != nil && h.Citation.Published.IsZero() && req.From.IsZero() && req.To.IsZero():
				undated = append(undated, Undated{Relative: timex.Describe(e, time.Time{}), Offset: *e.Relative,
					Text: sentence, Citation: h.Citation, relevance: score})
			}
		}
	}
	events = merge(events)
	// Choose by relevance, then order by date.
	sort.SliceStable(events, func(i, j int) bool { return events[i].relevance > events[j].relevance })
	sort.SliceStable(undated, func(i, j int) bool { return undated[i].relevance > undated[j].relevance })
	for len(tl.Events)+len(tl.Undated) < req.Limit && (len(events) > 0 || len(undated) > 0) {
		if len(undated) == 0 || len(events) > 0 && events[0].relevance >= undated[0].relevance {
			tl.Events = append(tl.Events, events[0])
			events = events[1:]
		} else {
			tl.Undated = append(tl.Undated, undated[0])
			undated = undated[1:]
		}
	}
	sort.SliceStable(tl.Events, func(i, j int) bool {
		a, b := tl.Events[i], tl.Events[j]
		if !a.Begin.Equal(b.Begin) {
			return a.Begin.Before(b.Begin)
		}
		if a.Granularity != b.Granularity {
			return span(a) > span(b) // the year before its days
		}
		return citeLess(a.Citations[0], b.Citations[0])
	})
	sort.SliceStable(tl.Undated, func(i, j int) bool {
		a, b := tl.Undated[i], tl.Undated[j]
		if a.Citation.Article != b.Citation.Article {
			return a.Citation.Article < b.Citation.Article
		}
		if da, db := approxDays(a.Offset), approxDays(b.Offset); da != db {
			return da < db
		}
		return a.Citation.Paragraph < b.Citation.Paragraph
	})
	return tl, nil
}

// aboutTopic reports whether the paragraph speaks of the topic: it holds
// at least half the topic's terms.
func aboutTopic(h newsbot.Hit, terms []newsbot.QueryTerm) bool {
	if len(terms) == 0 {
		return true
	}
	in := make(map[string]bool)
	for _, m := range h.Matches {
		in[m.Term] = true
	}
	have := 0
	for _, t := range terms {
		if in[t.Term] {
			have++
		}
	}
	return 2*have >= len(terms)
}

func inRange(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// ledeEvent dates the lede of a dated article by its publication date when
// the lede names no date itself, as a news dateline does: "SEOUL, 21
// February - North Korea reopened..." The event says so in its words.
func ledeEvent(h newsbot.Hit, onTopic bool, rel float64) (Event, bool) {
	pub := h.Citation.Published
	if h.Citation.Paragraph != 1 || pub.IsZero() || !onTopic {
		return Event{}, false
	}
	for _, e := range h.Dates {
		if e.Resolved() && (e.Type == timex.Date || e.Type == timex.Time) {
			return Event{}, false // the text dates itself
		}
	}
	sentence, terms := sentenceAt(h, 0)
	if sentence == "" {
		return Event{}, false
	}
	return Event{
		Words: pub.Format("2 January 2006") + " (publication date)", Value: pub.Format(time.DateOnly), Granularity: timex.Day,
		Begin: pub, Text: sentence, Citations: []newsbot.Citation{h.Citation}, FromPublication: true,
		relevance: rel * (1 + float64(terms)), terms: wordSet(sentence),
	}, true
}

// span is how long an event's granularity lasts, in days.
func span(e Event) int { return approxDays(timex.Offset{Unit: e.Granularity, N: 1}) }

// approxDays places an offset on a day scale, to order undated events.
func approxDays(o timex.Offset) int {
	per := map[timex.Granularity]int{timex.Minute: 0, timex.Day: 1, timex.Week: 7, timex.Month: 30, timex.Quarter: 91,
		timex.Season: 91, timex.Half: 182, timex.Year: 365, timex.Decade: 3650, timex.Century: 36500}[o.Unit]
	return o.N * per
}

func citeLess(a, b newsbot.Citation) bool {
	if a.Article != b.Article {
		return a.Article < b.Article
	}
	return a.Paragraph < b.Paragraph
}

// sentenceAt returns the sentence of h's text around byte offset at, and how
// many question-term matches it holds.
func sentenceAt(h newsbot.Hit, at int) (string, int) {
	start, end := 0, len(h.Text)
	for i := at - 1; i > 0; i-- {
		if isSentenceEnd(h.Text, i) {
			start = i + 1
			break
		}
	}
	for i := at; i < len(h.Text); i++ {
		if isSentenceEnd(h.Text, i) {
			end = i + 1
			break
		}
	}
	terms := 0
	for _, m := range h.Matches {
		if m.Start >= start && m.End <= end {
			terms++
		}
	}
	return strings.TrimSpace(h.Text[start:end]), terms
}

// isSentenceEnd reports whether text[i] ends a sentence: . ! or ? before a
// space and an upper-case letter or a quote, or a line break.
func isSentenceEnd(text string, i int) bool {
	switch text[i] {
	case '\n':
		return true
	case '.', '!', '?':
		if i+2 >= len(text) || text[i+1] != ' ' {
			return false
		}
		r := rune(text[i+2])
		return unicode.IsUpper(r) || r == '"' || r == '\''
	}
	return false
}

// merge joins events that tell the same thing on the same date, from
// several articles or paragraphs, keeping every citation.
func merge(events []Event) []Event {
	var out []Event
	for _, e := range events {
		joined := false
		for i := range out {
			o := &out[i]
			if o.Value == e.Value && similar(o.terms, e.terms) {
				for _, c := range e.Citations {
					if !cited(o.Citations, c) {
						o.Citations = append(o.Citations, c)
					}
				}
				o.relevance = max(o.relevance, e.relevance)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, e)
		}
	}
	return out
}

func cited(cs []newsbot.Citation, c newsbot.Citation) bool {
	for _, x := range cs {
		if x.Article == c.Article && x.Paragraph == c.Paragraph {
			return true
		}
	}
	return false
}

// similar reports whether two sentences share most of their words.
func similar(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	return float64(common)/float64(min(len(a), len(b))) >= 0.6
}

func wordSet(s string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) > 3 {
			set[w] = true
		}
	}
	return set
}

// ParseBound reads a date bound written YYYY, YYYY-MM or YYYY-MM-DD and
// returns the start of that period and the start of the next, so that a
// "to" bound can include the period it names; both zero for "".
func ParseBound(s string) (time.Time, time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, time.Time{}, nil
	}
	for _, f := range []struct {
		layout              string
		years, months, days int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return t, t.AddDate(f.years, f.months, f.days), nil
		}
	}
	if r := []rune(s); len(r) > 20 {
		s = string(r[:20]) + "…"
	}
	return time.Time{}, time.Time{}, fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
}
