// Package timex finds the time expressions in English news text ("February
// 21st, 2026", "last week", "two years ago", "the spring of 2019", "on
// Thursday"), classifies them as TimeML does (date, time, duration, set) and
// resolves them against an article's publication date.
//
// Finding is rule-based over a token stream, so a paragraph is read once and
// only the words that can start an expression (month and weekday names,
// numbers, a few dozen relative words) try the rules. Values use the TimeML
// forms: 2026-02-21, 2026-02, 2020-W25, 2009-Q4, 2019-SP, 2018, 199 (the
// 1990s), P3Y, PRESENT_REF. The package depends on nothing but the standard
// library.
package timex

import (
	"sync"
	"time"
	"unicode/utf8"
)

// Version names the rules. Change it whenever what Extract finds or how it
// resolves it changes: indexes built with other rules are rebuilt.
const Version = "5"

// Type is the TimeML class of an expression.
type Type string

// The TimeML expression types.
const (
	Date     Type = "DATE"
	Time     Type = "TIME"
	Duration Type = "DURATION"
	Set      Type = "SET"
)

// Granularity is the unit an expression is precise to.
type Granularity string

// The granularities, finest first. Reference expressions ("now", "recently")
// have none.
const (
	Minute  Granularity = "minute"
	Day     Granularity = "day"
	Week    Granularity = "week"
	Month   Granularity = "month"
	Quarter Granularity = "quarter"
	Season  Granularity = "season"
	Half    Granularity = "half"
	Year    Granularity = "year"
	Decade  Granularity = "decade"
	Century Granularity = "century"
)

// Expression is one time expression found in a text.
type Expression struct {
	// Start and End are rune offsets of the expression in the text, End
	// exclusive.
	Start, End int
	// Text is the expression as written.
	Text string
	// Type is the TimeML class.
	Type Type
	// Granularity is the unit the value is precise to.
	Granularity Granularity
	// Value is the TimeML value: 2026-02-21, 2018, 2020-W25, 2019-SP, 199,
	// P3Y, PAST_REF... It holds X for what is unknown (XXXX-02-21 for a
	// date without a year in an undated article) and is empty when a
	// relative expression has no date to be resolved against.
	Value string
	// Begin and End of the interval a date or time covers, End exclusive;
	// both zero when the expression names no calendar interval (durations,
	// sets, references, unresolved dates).
	Begin, Until time.Time
	// Relative, when set, says how the expression relates to the article's
	// "now" (yesterday: one day before). It is kept for undated articles, so
	// their events can still be ordered.
	Relative *Offset
}

// Resolved reports whether the expression names a calendar interval.
func (e Expression) Resolved() bool { return !e.Begin.IsZero() }

// Offset places a relative expression against the moment of writing: N
// units of Unit from it (negative: before). Around marks expressions that
// fall near that moment without a definite offset ("on Thursday").
type Offset struct {
	Unit   Granularity
	N      int
	Around bool
}

// Extract returns the time expressions of text in order. ref is the
// article's publication date (zero when unknown): relative expressions are
// resolved against it. The text is read alone: a date counted from another
// ("the next day") counts from one named in it, else from ref. To read an
// article's paragraphs as one text, use a Reader.
func Extract(text string, ref time.Time) []Expression {
	return extract(text, ref, nil)
}

// Reader reads the paragraphs of one article in order, as one text: a date
// counted from another ("the next day", "two days later", "a year
// earlier") counts from the last date named before it, in its own
// paragraph or an earlier one, as in the texts timex is measured on. Each
// paragraph's expressions are found in it alone, so none spans two
// paragraphs, and their offsets count from the paragraph's start. A Reader
// remembers a few dates, not the paragraphs read. It is not safe for
// concurrent use.
type Reader struct {
	ref    time.Time
	before earlier
}

// NewReader returns a Reader of an article published at ref (zero when
// unknown).
func NewReader(ref time.Time) *Reader { return &Reader{ref: ref} }

// Extract returns the time expressions of the article's next paragraph, as
// the package's Extract does, counting relative dates from the last date
// named in it or in the paragraphs read before.
func (r *Reader) Extract(paragraph string) []Expression {
	return extract(paragraph, r.ref, &r.before)
}

// extract is Extract, the text following the paragraphs whose dates
// before holds (nil: none), which then holds those of text too.
func extract(text string, ref time.Time, before *earlier) []Expression {
	buf := buffers.Get().(*buffer)
	defer buffers.Put(buf)
	buf.toks = lex(text, buf.toks)
	toks := buf.toks
	if len(toks) == 0 {
		return nil
	}
	p := parser{text: text, toks: toks, ref: ref}
	found, at := buf.found[:0], buf.at[:0] // at: the token each match starts at
	for i := 0; i < len(toks); {
		if !p.mayOpen(i) {
			i++
			continue
		}
		m, ok := p.longest(i)
		if !ok {
			i++
			continue
		}
		// A range of days writes its month once: "3-5 March", "March 3-5".
		if d, ok := p.rangeDay(m, i-2, i-1); ok && (len(found) == 0 || found[len(found)-1].next <= i-2) {
			found = append(found, d)
			at = append(at, i-2)
		}
		found = append(found, m)
		at = append(at, i)
		i = m.next
		if d, ok := p.rangeDay(m, i+1, i); ok {
			found = append(found, d)
			at = append(at, i+1)
			i = d.next
		}
	}
	buf.found, buf.at = found, at
	if len(found) == 0 {
		return nil
	}
	p.anchor(found, at, before)
	out := make([]Expression, len(found))
	for k, m := range found {
		out[k] = m.expr
	}
	clear(found) // let the expressions' strings go
	toRunes(text, out)
	return out
}

// buffer holds what Extract needs for one text, recycled between calls:
// lexing is most of the cost of a paragraph with no time expression.
type buffer struct {
	toks  []token
	found []match
	at    []int
}

var buffers = sync.Pool{New: func() any { return &buffer{toks: make([]token, 0, 256)} }}

// toRunes turns the byte offsets the parser works in into rune offsets.
func toRunes(text string, exprs []Expression) {
	if len(exprs) == 0 {
		return
	}
	runes, at := 0, 0
	conv := func(b int) int {
		runes += utf8.RuneCountInString(text[at:b])
		at = b
		return runes
	}
	for i := range exprs {
		exprs[i].Start = conv(exprs[i].Start)
		exprs[i].End = conv(exprs[i].End)
	}
}

// ByteSpans returns the byte offsets in text of expressions found in it,
// whose Start and End are rune offsets.
func ByteSpans(text string, exprs []Expression) [][2]int {
	out := make([][2]int, len(exprs))
	if len(exprs) == 0 {
		return out
	}
	at := func(runes int) int { return runes } // ASCII: runes are bytes
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		offsets := make([]int, 0, len(text)+1)
		for b := range text {
			offsets = append(offsets, b)
		}
		offsets = append(offsets, len(text))
		at = func(target int) int {
			if target >= len(offsets) {
				return len(text)
			}
			return offsets[target]
		}
	}
	for i, e := range exprs {
		out[i] = [2]int{at(e.Start), at(e.End)}
	}
	return out
}
