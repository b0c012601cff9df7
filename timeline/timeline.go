// Package timeline summarises a topic as the days that mattered, in order,
// each told once in a sentence quoted from the corpus, with every source
// that tells it.
//
// It follows the date-wise approach to timeline summarisation (Tran et al.
// 2015; Ghalandari and Ifrim 2020, "DATEWISE"): first the days are chosen
// by how much of the topic's coverage points at them, then each chosen day
// is told in its most central sentence. It knows nothing of Discord or the
// terminal.
package timeline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// DefaultLimit is how many events a timeline shows unless told otherwise.
const DefaultLimit = 15

// MaxLimit caps the events of one timeline: a larger limit is taken as
// this one, so that what one request reads stays bounded (a timeline of
// the whole corpus reads the passages of two days per event asked for).
const MaxLimit = 500

// Source is what a timeline is built from: an index that can gather the
// whole coverage of a topic, not only its best passages.
type Source interface {
	// QueryTerms analyses free text into its distinct index terms.
	QueryTerms(text string) []string
	// Terms analyses text into its index terms, repeats kept.
	Terms(text string) []string
	// DocFreqs returns how many paragraphs there are, and how many hold
	// each term.
	DocFreqs(ctx context.Context, terms []string) (int, []int, error)
	// TermVariants returns the terms within maxEdits edits of term.
	TermVariants(ctx context.Context, term string, maxEdits int) ([]newsbot.TermCount, error)
	// Gather returns every paragraph a request matches, with its text,
	// dates and citation.
	Gather(ctx context.Context, req newsbot.GatherRequest) ([]newsbot.Hit, error)
	// DayCounts returns how many paragraphs have an event on each day from
	// from to to.
	DayCounts(ctx context.Context, from, to time.Time) (map[time.Time]int, error)
	// PeriodCounts returns how many paragraphs mention a week, month, year
	// or longer period starting on each day from from to to.
	PeriodCounts(ctx context.Context, from, to time.Time) (map[time.Time]int, error)
	// List returns the articles, without their paragraphs.
	List() []newsbot.Article
}

// Request asks for the timeline of a topic.
type Request struct {
	// Topic is free text; empty summarises the whole corpus.
	Topic string
	// From and To keep events dated in [From, To); zero means open.
	From, To time.Time
	// Limit caps the events (dated and undated together); 0 means
	// DefaultLimit, and more than MaxLimit means MaxLimit.
	Limit int
	// KeepPeriods keeps a week, month or year event even when a day of it
	// is chosen; otherwise it stands only when none is.
	KeepPeriods bool
}

// Event is one dated happening, told in one sentence.
type Event struct {
	// Words is the date for a reader ("21 February 2026", "2018").
	Words string
	// Value is the TimeML value ("2026-02-21", "2018", "2026-W09").
	Value       string
	Granularity timex.Granularity
	Begin       time.Time
	// Text is the sentence, quoted verbatim.
	Text string
	// Citations are the paragraphs that tell it: the quoted one first.
	Citations []newsbot.Citation
	// Sources is how many distinct articles tell it.
	Sources int
	// FromPublication marks a sentence that names no date, from the start
	// of an article published that day: it is dated by its article.
	FromPublication bool
	// Score is how much of the coverage points at the event's day or
	// period.
	Score float64
}

// Undated is an event of an article without a publication date: its date
// is only known relative to the article's.
type Undated struct {
	// Relative says how it relates to publication ("the day before
	// publication").
	Relative string
	Offset   timex.Offset
	Text     string
	// Citation is the paragraph quoted.
	Citation newsbot.Citation
	// Others are the paragraphs of other undated articles that tell the
	// same sentence at the same offset: copies of a syndicated story.
	Others []newsbot.Citation
	// Sources is how many articles tell it.
	Sources int
	weight  float64
}

// Timeline is the answer to a Request: dated events in chronological
// order, then undated ones per article in their order.
type Timeline struct {
	Topic   string
	Events  []Event
	Undated []Undated
	// Passages is how many passages the timeline was made from: those
	// about the topic, or for the whole corpus those of the days looked at.
	Passages int
	// First and Last are the first and last days the topic's passages date
	// outside the requested range, when the range left out everything
	// dated; zero otherwise.
	First, Last           time.Time
	firstWords, lastWords string
}

// RangeExcludes reports whether the date range, not the topic, is what left
// the timeline empty: passages speak of the topic, dated outside the range.
func (tl *Timeline) RangeExcludes() bool {
	return tl.Topic != "" && len(tl.Events)+len(tl.Undated) == 0 && !tl.First.IsZero()
}

// RangeNote says, for a timeline the range left empty, that the range is
// what excludes everything, and when the topic's passages are dated.
func (tl *Timeline) RangeNote(from, to time.Time) string {
	const layout = "2 January 2006"
	span := "in the dates asked for"
	switch {
	case !from.IsZero() && !to.IsZero():
		span = "between " + from.Format(layout) + " and " + to.AddDate(0, 0, -1).Format(layout)
	case !from.IsZero():
		span = "on or after " + from.Format(layout)
	case !to.IsZero():
		span = "on or before " + to.AddDate(0, 0, -1).Format(layout)
	}
	when := tl.firstWords
	if tl.lastWords != tl.firstWords {
		when = "from " + tl.firstWords + " to " + tl.lastWords
	}
	return fmt.Sprintf("Nothing about %q is dated %s; its passages are dated %s.", tl.Topic, span, when)
}

// maxPassages bounds the coverage gathered for a topic: the best by BM25
// over the topic's terms are kept.
const maxPassages = 5000

// Build makes the timeline of req.Topic from src.
func Build(ctx context.Context, src Source, req Request) (*Timeline, error) {
	if req.Limit <= 0 {
		req.Limit = DefaultLimit
	}
	req.Limit = min(req.Limit, MaxLimit)
	topic := strings.TrimSpace(strings.ToValidUTF8(req.Topic, ""))
	tl := &Timeline{Topic: topic}
	var passages []*passage
	var q *topicQuery
	if topic == "" {
		var err error
		if passages, err = wholeCorpus(ctx, src, req); err != nil {
			return nil, fmt.Errorf("timeline of the corpus: %w", err)
		}
	} else {
		var err error
		if q, err = expandTopic(ctx, src, topic); err != nil {
			return nil, fmt.Errorf("timeline of %q: %w", topic, err)
		}
		if q == nil {
			return tl, nil
		}
		hits, err := src.Gather(ctx, newsbot.GatherRequest{Clauses: q.clauses(), Max: maxPassages})
		if err != nil {
			return nil, fmt.Errorf("timeline of %q: %w", topic, err)
		}
		passages = q.coverage(hits)
	}
	tl.Passages = len(passages)
	b := newBuilder(src, q, req)
	b.collect(passages)
	events, err := b.choose(ctx)
	if err != nil {
		return nil, fmt.Errorf("timeline of %q: %w", topic, err)
	}
	tl.Events = events
	tl.Undated = b.undatedEvents(req.Limit - len(events))
	if len(tl.Events)+len(tl.Undated) == 0 {
		tl.First, tl.Last = b.outsideFirst.begin, b.outsideLast.begin
		tl.firstWords, tl.lastWords = b.outsideFirst.words(), b.outsideLast.words()
	}
	return tl, nil
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
