package followup

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

// Step is one event told around the anchor: a quoted sentence, its date in
// words, its sources.
type Step struct {
	Words     string             `json:"words"`
	Text      string             `json:"text"`
	Citations []newsbot.Citation `json:"citations"`
}

// Around picks from tl the n events that come just after (Next) or just
// before (Before) the anchor, in the order they happened. The anchor is
// placed by the date its sentence gives, else by its article's publication
// date. A dated anchor is compared with dated events; an anchor dated only
// relative to an undated article's publication ("yesterday") with that
// article's other relative events. An event whose time overlaps the
// anchor's ("this year" around "yesterday") is neither before nor after
// it. ok is false when the anchor has no date to place it by.
func Around(tl *timeline.Timeline, anchor Event, kind Kind, n int) (steps []Step, ok bool) {
	if tl == nil || anchor.Citation == nil || n <= 0 {
		return nil, false
	}
	after := kind != Before
	var from, until time.Time
	switch d := anchor.Date; {
	case d != nil && d.Resolved():
		from, until = d.Begin, d.Until
		if !until.After(from) {
			until = timex.EndOf(from, d.Granularity)
		}
	case d != nil && d.Relative != nil && anchor.Citation.Published.IsZero():
		return aroundRelative(tl, anchor, *d.Relative, after, n), true
	case !anchor.Citation.Published.IsZero():
		from = anchor.Citation.Published
		until = from.AddDate(0, 0, 1)
	default:
		return nil, false
	}
	var picked []timeline.Event
	for _, e := range tl.Events {
		if same(e.Citations, anchor) && overlaps(e.Text, anchor.Sentence) {
			continue
		}
		eEnd := timex.EndOf(e.Begin, e.Granularity)
		if after && !e.Begin.Before(until) || !after && !eEnd.After(from) {
			picked = append(picked, e)
		}
	}
	// tl.Events are in date order: the nearest are first after, last before.
	if after {
		picked = picked[:min(n, len(picked))]
	} else {
		picked = picked[max(0, len(picked)-n):]
	}
	for _, e := range picked {
		steps = append(steps, Step{Words: e.Words, Text: e.Text, Citations: e.Citations})
	}
	return steps, true
}

// aroundRelative orders an undated article's events by their offsets from
// its publication.
func aroundRelative(tl *timeline.Timeline, anchor Event, at timex.Offset, after bool, n int) []Step {
	lo, hi := offsetDays(at)
	var picked []timeline.Undated
	for _, u := range tl.Undated {
		if u.Citation.Article != anchor.Citation.Article || same([]newsbot.Citation{u.Citation}, anchor) && overlaps(u.Text, anchor.Sentence) {
			continue
		}
		ulo, uhi := offsetDays(u.Offset)
		if after && ulo >= hi || !after && uhi <= lo {
			picked = append(picked, u)
		}
	}
	// tl.Undated are in offset order within an article.
	if after {
		picked = picked[:min(n, len(picked))]
	} else {
		picked = picked[max(0, len(picked)-n):]
	}
	var steps []Step
	for _, u := range picked {
		steps = append(steps, Step{Words: u.Relative, Text: u.Text, Citations: []newsbot.Citation{u.Citation}})
	}
	return steps
}

// offsetDays is the span of days, relative to publication, that an offset
// covers: "yesterday" is [-1, 0), "last week" [-10.5, -3.5), "this year"
// [-182.5, 182.5).
func offsetDays(o timex.Offset) (float64, float64) {
	span := map[timex.Granularity]float64{timex.Minute: 1.0 / 1440, timex.Day: 1, timex.Week: 7, timex.Month: 30.4,
		timex.Quarter: 91, timex.Season: 91, timex.Half: 182.5, timex.Year: 365, timex.Decade: 3652, timex.Century: 36524}[o.Unit]
	if span == 0 {
		span = 1
	}
	if o.Unit == timex.Day || o.Unit == timex.Minute {
		return float64(o.N) * span, float64(o.N+1) * span
	}
	c := float64(o.N) * span
	return c - span/2, c + span/2
}

// same reports whether cs cite the anchor's paragraph.
func same(cs []newsbot.Citation, anchor Event) bool {
	for _, c := range cs {
		if c.Article == anchor.Citation.Article && c.Paragraph == anchor.Citation.Paragraph {
			return true
		}
	}
	return false
}

// overlaps reports whether two sentences share most of their words: the
// same sentence, cut by two splitters.
func overlaps(a, b string) bool {
	wa, wb := map[string]bool{}, tokenize(b)
	for _, w := range tokenize(a) {
		wa[w.lower] = true
	}
	if len(wb) == 0 {
		return false
	}
	common := 0
	for _, w := range wb {
		if wa[w.lower] {
			common++
		}
	}
	return 2*common >= len(wb)
}

// maxTopics bounds the timelines built to find what came around an event.
const maxTopics = 3

// Topics are what to build timelines of to find the events around an
// anchor: the conversation's subject, then the names the anchor's sentence
// mentions ("Acme" in "The European Commission fined Acme…"), each once,
// at most three in all. A story's next step often names only one of them.
func Topics(subject string, anchor Event) []string {
	var out []string
	seen := map[string]bool{}
	names := []string{subject}
	if ws := tokenize(anchor.Object); len(ws) > 0 && ws[0].capitalized() {
		names = append(names, anchor.Object)
	}
	for _, t := range append(names, entities(withoutDateline(anchor.Sentence))...) {
		k := strings.ToLower(strings.TrimSpace(t))
		if k == "" || seen[k] || len(out) == maxTopics {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	if len(out) == 0 && anchor.Sentence != "" {
		out = append(out, shorten(anchor.Sentence, 200))
	}
	return out
}

// Merge joins the timelines of several topics: every event once (the same
// date of the same sentence of the same paragraph), dated events in date order, undated ones
// by article and offset, as Around expects.
func Merge(tls ...*timeline.Timeline) *timeline.Timeline {
	out := &timeline.Timeline{}
	seen := map[string]bool{}
	key := func(text string, c newsbot.Citation) string {
		return c.Article + "#" + strconv.Itoa(c.Paragraph) + "#" + text
	}
	for _, tl := range tls {
		if tl == nil {
			continue
		}
		for _, e := range tl.Events {
			if k := e.Value + "#" + key(e.Text, e.Citations[0]); !seen[k] {
				seen[k] = true
				out.Events = append(out.Events, e)
			}
		}
		for _, u := range tl.Undated {
			if k := u.Relative + "#" + key(u.Text, u.Citation); !seen[k] {
				seen[k] = true
				out.Undated = append(out.Undated, u)
			}
		}
	}
	sortTimeline(out)
	return out
}

// withoutDateline drops a wire dateline ("BRUSSELS (Reuters) - March 3,
// 2025 - ") from the start of a sentence: its place and agency are not what
// the story is about.
func withoutDateline(s string) string {
	ws := tokenize(s)
	if len(ws) == 0 || strings.ToUpper(ws[0].text) != ws[0].text || len(ws[0].text) < 2 {
		return s
	}
	head := s[:min(len(s), 80)]
	if i := strings.LastIndex(head, " - "); i > 0 {
		return s[i+3:]
	}
	if i := strings.LastIndex(head, " — "); i > 0 {
		return s[i+len(" — "):]
	}
	return s
}

// sortTimeline puts a merged timeline's events in date order and its
// undated events by article, then by their offset from publication.
func sortTimeline(t *timeline.Timeline) {
	sort.SliceStable(t.Events, func(i, j int) bool { return t.Events[i].Begin.Before(t.Events[j].Begin) })
	sort.SliceStable(t.Undated, func(i, j int) bool {
		a, b := t.Undated[i], t.Undated[j]
		if a.Citation.Article != b.Citation.Article {
			return a.Citation.Article < b.Citation.Article
		}
		alo, _ := offsetDays(a.Offset)
		blo, _ := offsetDays(b.Offset)
		return alo < blo
	})
}
