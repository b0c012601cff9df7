package followup

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

// Articles reads an article back from the corpus, its paragraphs' dates
// as the index reads them (corpus.FindDates): found is false when it is
// not there (any more).
type Articles interface {
	Article(ctx context.Context, id string) (a newsbot.Article, found bool, err error)
}

// How much of a story is read.
const (
	// maxTellers bounds the articles read for the story of one event: the
	// anchor's own, those that tell the same sentence, the conversation's.
	maxTellers = 4
	// maxToldSentences bounds the dated sentences taken from one article.
	maxToldSentences = 400
	// ledeSentences is how many sentences of an article's first paragraph
	// tell its publication day when they name no date, as in a timeline.
	ledeSentences = 2
	// alike is the share of each sentence's words the other must hold for
	// two sentences of different articles, on the same date, to be one
	// event (a wire story re-sent with a small update).
	alike = 0.8
)

// Story adds to tl the events told by the articles that tell the anchor
// event: every sentence of theirs that gives a date, placed by that date as
// the article reads it ("The next day, troops withdrew." counts from the
// day named before it, even in an earlier paragraph), and the opening
// sentences of a dated article, placed on its publication day. A story's
// next step is often told later in the same article without the names a
// topic's timeline is built from. The same sentence found both ways is one
// event that cites every source. The anchor is returned placed the same
// way, by its sentence as its article reads it. also are more articles of
// the story (Conversation.StoryArticles), read after the anchor's own and
// those that tell its sentence, maxTellers in all. tl is not changed.
func Story(ctx context.Context, src Articles, tl *timeline.Timeline, anchor Event, also ...string) (*timeline.Timeline, Event, error) {
	out := &timeline.Timeline{}
	if tl != nil {
		*out = *tl
		out.Events = slices.Clone(tl.Events)
		out.Undated = slices.Clone(tl.Undated)
	}
	if src == nil || anchor.Citation == nil {
		return out, anchor, nil
	}
	for _, id := range tellers(out, anchor, also) {
		if err := ctx.Err(); err != nil {
			return nil, anchor, fmt.Errorf("the story of %q: %w", id, err)
		}
		a, found, err := src.Article(ctx, id)
		if err != nil {
			return nil, anchor, fmt.Errorf("the story of %q: %w", id, err)
		}
		if !found {
			continue
		}
		told := toldIn(a)
		if id == anchor.Citation.Article {
			anchor = placed(anchor, told)
		}
		for _, t := range told {
			if t.expr.Resolved() {
				addDated(out, t)
			} else {
				addUndated(out, t)
			}
		}
	}
	sortTimeline(out)
	return out, anchor, nil
}

// tellers are the articles to read the anchor event's story in: its own,
// then those the timeline cites for the anchor's sentence, then also, each
// once, at most maxTellers.
func tellers(tl *timeline.Timeline, anchor Event, also []string) []string {
	out := []string{anchor.Citation.Article}
	add := func(id string) {
		if len(out) < maxTellers && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, e := range tl.Events {
		if same(e.Citations, anchor) && overlaps(e.Text, anchor.Sentence) {
			for _, c := range e.Citations {
				add(c.Article)
			}
		}
	}
	for _, id := range also {
		add(id)
	}
	return out
}

// told is a sentence of an article that gives a date: the sentence as a
// timeline quotes it (its dateline left out), where it stands, the date
// that places it and every date it gives.
type told struct {
	text     string
	citation newsbot.Citation
	// expr places the sentence: the first date it gives after its
	// dateline (else the dateline's); for an article's opening sentence
	// that gives none, its publication day, and lede is set.
	expr timex.Expression
	lede bool
	// values are the days and periods the sentence's event may be placed
	// on, as a timeline names them ("2011-10-20", "2011-10"): those it
	// gives after its dateline, else its dateline's or publication's. A
	// dateline dates the report, not the event ("SIRTE, Libya, Oct 24
	// (Reuters) - … captured Sirte on Thursday").
	values []string
}

// toldIn reads the sentences of a that give a date, in reading order, by
// its paragraphs' dates as the index reads them: the article read as one
// text (corpus.FindDates).
func toldIn(a newsbot.Article) []told {
	pub := a.Published
	if !pub.IsZero() {
		pub = timex.StartOf(pub.UTC(), timex.Day)
	}
	var out []told
	for i, p := range a.Paragraphs {
		cite := newsbot.Citation{Article: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published, Paragraph: p.N, Copies: a.Copies}
		spans := timex.ByteSpans(p.Text, p.Dates)
		k := 0 // the next expression to read
		for si, s := range sentence.Split(p.Text) {
			raw := p.Text[s.Start:s.End]
			quote := raw
			if i == 0 && si == 0 {
				quote = withoutWireDateline(raw)
			}
			datelineEnd := s.Start + len(raw) - len(quote)
			var in []timex.Expression // the dates the sentence gives after its dateline
			var byDateline *timex.Expression
			for ; k < len(p.Dates) && spans[k][0] < s.End; k++ {
				e := p.Dates[k]
				if spans[k][0] < s.Start || e.Type != timex.Date && e.Type != timex.Time || !e.Resolved() && (e.Relative == nil || !pub.IsZero()) {
					continue // no date, or none to place it by
				}
				if spans[k][0] < datelineEnd {
					if byDateline == nil {
						byDateline = &e
					}
					continue
				}
				in = append(in, e)
			}
			if !timeline.Quotable(quote) || len(out) == maxToldSentences {
				continue
			}
			t := told{text: quote, citation: cite}
			switch {
			case len(in) > 0:
				t.expr = in[0]
			case byDateline != nil:
				t.expr = *byDateline
			case i == 0 && si < ledeSentences && !pub.IsZero():
				t.expr = timex.Expression{Type: timex.Date, Granularity: timex.Day, Value: pub.Format(time.DateOnly), Begin: pub}
				t.lede = true
			default:
				continue
			}
			if len(in) == 0 {
				in = []timex.Expression{t.expr}
			}
			for _, e := range in {
				if e.Resolved() {
					t.values = append(t.values, slotValue(e))
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// placed returns the anchor dated by its sentence as its article reads it,
// when the article tells that sentence with a date.
func placed(anchor Event, told []told) Event {
	for _, t := range told {
		if t.citation.Paragraph == anchor.Citation.Paragraph && !t.lede && overlaps(t.text, anchor.Sentence) && overlaps(anchor.Sentence, t.text) {
			d := t.expr
			anchor.Date = &d
			return anchor
		}
	}
	return anchor
}

// addDated adds a dated sentence to tl's events: into the event that
// quotes the same sentence, or the same sentence re-sent by another
// article on the same date, citing every source; else as an event of its
// own.
func addDated(tl *timeline.Timeline, t told) {
	value, begin, gran := slotValue(t.expr), slotBegin(t.expr), slotGran(t.expr)
	found := false
	for i := range tl.Events {
		e := &tl.Events[i]
		if cites(e.Citations, t.citation) && overlaps(e.Text, t.text) && overlaps(t.text, e.Text) {
			found = true
			e.Citations = withCitation(e.Citations, t.citation)
			e.Sources = articles(e.Citations)
			if !slices.Contains(t.values, e.Value) && !t.lede {
				// The timeline read the sentence's paragraph alone and
				// dated it otherwise ("the next day" from publication):
				// the article's reading stands.
				e.Value, e.Begin, e.Granularity, e.Words, e.FromPublication = value, begin, gran, words(t), false
			}
		}
	}
	if found {
		dedupe(tl)
		return
	}
	for i := range tl.Events {
		e := &tl.Events[i]
		if e.Value == value && share(e.Text, t.text) >= alike && share(t.text, e.Text) >= alike {
			e.Citations = withCitation(e.Citations, t.citation)
			e.Sources = articles(e.Citations)
			return
		}
	}
	tl.Events = append(tl.Events, timeline.Event{Words: words(t), Value: value, Granularity: gran, Begin: begin, Text: t.text,
		Citations: []newsbot.Citation{t.citation}, Sources: 1, FromPublication: t.lede})
}

// addUndated adds a sentence of an undated article, dated only relative to
// its publication, to tl's undated events, once.
func addUndated(tl *timeline.Timeline, t told) {
	for _, u := range tl.Undated {
		if u.Citation.Article == t.citation.Article && u.Citation.Paragraph == t.citation.Paragraph && overlaps(u.Text, t.text) && overlaps(t.text, u.Text) {
			return
		}
	}
	tl.Undated = append(tl.Undated, timeline.Undated{Relative: timex.Describe(t.expr, time.Time{}), Offset: *t.expr.Relative,
		Text: t.text, Citation: t.citation, Sources: 1})
}

// dedupe drops an event that repeats an earlier one: the same date told
// by the same sentence, which a re-dated event may have become.
func dedupe(tl *timeline.Timeline) {
	var kept []timeline.Event
	for _, e := range tl.Events {
		dup := false
		for i := range kept {
			k := &kept[i]
			if k.Value == e.Value && k.Text == e.Text {
				for _, c := range e.Citations {
					k.Citations = withCitation(k.Citations, c)
				}
				k.Sources = articles(k.Citations)
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, e)
		}
	}
	tl.Events = kept
}

// slotGran, slotBegin and slotValue place a date as a timeline does: a
// time of day on its day, a longer period as itself.
func slotGran(e timex.Expression) timex.Granularity {
	switch e.Granularity {
	case timex.Day, timex.Minute, "":
		return timex.Day
	}
	return e.Granularity
}

func slotBegin(e timex.Expression) time.Time {
	if slotGran(e) == timex.Day {
		return timex.StartOf(e.Begin.UTC(), timex.Day)
	}
	return e.Begin.UTC()
}

func slotValue(e timex.Expression) string {
	if slotGran(e) == timex.Day {
		return slotBegin(e).Format(time.DateOnly)
	}
	return e.Value
}

// words names a told sentence's date for a reader, as a timeline does.
func words(t told) string {
	if slotGran(t.expr) == timex.Day {
		w := slotBegin(t.expr).Format("2 January 2006")
		if t.lede {
			w += " (publication date)"
		}
		return w
	}
	return timex.Describe(t.expr, t.citation.Published)
}

// cites reports whether cs cite c's paragraph.
func cites(cs []newsbot.Citation, c newsbot.Citation) bool {
	for _, x := range cs {
		if x.Article == c.Article && x.Paragraph == c.Paragraph {
			return true
		}
	}
	return false
}

// withCitation returns cs with c added when it is not cited yet, leaving
// the slice cs was given in unchanged.
func withCitation(cs []newsbot.Citation, c newsbot.Citation) []newsbot.Citation {
	if cites(cs, c) {
		return cs
	}
	return append(slices.Clip(cs), c)
}

// articles counts the distinct articles cs cite.
func articles(cs []newsbot.Citation) int {
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.Article] = true
	}
	return len(seen)
}

// share is the share of b's words that a holds.
func share(a, b string) float64 {
	wa, wb := map[string]bool{}, tokenize(b)
	for _, w := range tokenize(a) {
		wa[w.lower] = true
	}
	if len(wb) == 0 {
		return 0
	}
	common := 0
	for _, w := range wb {
		if wa[w.lower] {
			common++
		}
	}
	return float64(common) / float64(len(wb))
}

// withoutWireDateline drops the dateline that opens an article's first
// sentence ("SIRTE, Libya, Oct 20 (Reuters) - ", "BRUSSELS (Reuters) -
// March 3, 2025 - "): a place in capitals, then only capitalized words,
// numbers and a bracketed agency, up to a dash. What follows must still
// read as a sentence.
func withoutWireDateline(s string) string {
	rest := withoutDateline(s)
	if rest == s || !timeline.Quotable(rest) {
		return s
	}
	for _, w := range tokenize(s[:len(s)-len(rest)]) {
		if r, _ := utf8.DecodeRuneInString(w.text); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return s
		}
	}
	return rest
}
