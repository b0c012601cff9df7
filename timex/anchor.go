package timex

import (
	"slices"
	"time"
)

// anchorKind says how an expression takes its value from the others of its
// text, as HeidelTime resolves "reference" expressions: the value found
// when the expression was read, against the publication date, stays when
// the text names nothing to take it from.
type anchorKind uint8

const (
	noAnchor anchorKind = iota
	// fromLast counts shift units from the date named last at the unit's
	// precision or finer: "the same day", "the next day", "two weeks
	// later", "the following year".
	fromLast
	// periodYearsFromLast counts shift years from the period (a month, a
	// quarter, a season, a half, a year) named last, keeping its
	// precision: "profit rose in the third quarter from a year earlier".
	periodYearsFromLast
	// periodYearsInSentence does the same with a period named earlier in
	// the same sentence only ("a year ago" is otherwise counted from
	// publication).
	periodYearsInSentence
	// dayInClause gives a clock time the day named in its sentence ("made
	// its first flight Tuesday at 18:00 UTC"), else the day named last
	// before it ("crashed on Sunday. It took off at 8:38 a.m.").
	dayInClause
)

// rank orders granularities from the finest.
var rank = map[Granularity]int{
	Minute: 0, Day: 1, Week: 2, Month: 3, Quarter: 4, Season: 4, Half: 5, Year: 6, Decade: 7, Century: 8,
}

// isDate reports whether e names a calendar date or time that others can
// be counted from.
func isDate(e Expression) bool {
	return e.Resolved() && (e.Type == Date || e.Type == Time) && e.Granularity != ""
}

// anchor gives the expressions that take their value from others theirs.
// at holds the token each match starts at. before holds the dates named in
// the paragraphs before this text (nil when it is read alone), and gets
// those this text names.
func (p *parser) anchor(found []match, at []int, before *earlier) {
	var named []int // the matches naming a date so far, in order
	for k := range found {
		m := &found[k]
		switch m.anchor {
		case fromLast:
			if b, ok := p.lastNamed(found, named, before, func(g Granularity) bool { return rank[g] <= rank[m.unit] }); ok {
				g, t := countFrom(b.begin, b.g, m.unit, m.shift)
				p.setDate(m, at[k], g, t)
			}
		case periodYearsFromLast, periodYearsInSentence:
			period := func(g Granularity) bool { return rank[g] >= rank[Month] && rank[g] <= rank[Year] }
			if i, ok := p.lastNamedAt(found, named, period); ok {
				if m.anchor == periodYearsFromLast || p.sameSentence(at[i], at[k]) {
					b := found[i].expr
					p.setDate(m, at[k], b.Granularity, b.Begin.AddDate(m.shift, 0, 0))
				}
			} else if b, ok := before.last(period); ok && m.anchor == periodYearsFromLast {
				p.setDate(m, at[k], b.g, b.begin.AddDate(m.shift, 0, 0))
			}
		case dayInClause:
			d, ok := p.dayInSentence(found, at, k)
			if !ok {
				// "crashed on Sunday. It took off at 8:38 a.m.": the day
				// named last before it.
				var b namedDate
				if b, ok = p.lastNamed(found, named, before, func(g Granularity) bool { return rank[g] <= rank[Day] }); ok {
					d = StartOf(b.begin, Day)
				}
			}
			if ok {
				e := p.clockOn(at[k], m.next, d, m.shift, m.zulu).expr
				e.Start, e.Text = m.expr.Start, m.expr.Text
				m.expr = e
			}
			continue // a clock time names no day of its own
		}
		if isDate(m.expr) {
			named = append(named, k)
		}
	}
	if before != nil {
		for _, k := range named {
			before.add(namedDate{g: found[k].expr.Granularity, begin: found[k].expr.Begin})
		}
	}
}

// namedDate is what a date counted from another needs of the one it is
// counted from: its precision and its beginning.
type namedDate struct {
	g     Granularity
	begin time.Time
}

// earlier holds the dates named in the paragraphs read before: the last
// one named at each precision, oldest first. The last date that fits a
// question about precision is among them, so a long text is remembered in
// a few entries.
type earlier struct {
	dates []namedDate
}

// add remembers d as the date named last, forgetting the one named before
// it at its precision.
func (b *earlier) add(d namedDate) {
	b.dates = slices.DeleteFunc(b.dates, func(o namedDate) bool { return rank[o.g] == rank[d.g] })
	b.dates = append(b.dates, d)
}

// last returns the date named last whose granularity fits.
func (b *earlier) last(fits func(Granularity) bool) (namedDate, bool) {
	if b == nil {
		return namedDate{}, false
	}
	for n := len(b.dates) - 1; n >= 0; n-- {
		if fits(b.dates[n].g) {
			return b.dates[n], true
		}
	}
	return namedDate{}, false
}

// lastNamed returns the last date named whose granularity fits: in this
// text, else in the paragraphs before it.
func (p *parser) lastNamed(found []match, named []int, before *earlier, fits func(Granularity) bool) (namedDate, bool) {
	if i, ok := p.lastNamedAt(found, named, fits); ok {
		return namedDate{g: found[i].expr.Granularity, begin: found[i].expr.Begin}, true
	}
	return before.last(fits)
}

// lastNamedAt is the index in found of the last date named in this text
// whose granularity fits.
func (p *parser) lastNamedAt(found []match, named []int, fits func(Granularity) bool) (int, bool) {
	for n := len(named) - 1; n >= 0; n-- {
		if fits(found[named[n]].expr.Granularity) {
			return named[n], true
		}
	}
	return 0, false
}

// countFrom counts n units from a date begun at begin, precise to g: the
// result is precise to the unit, but to the day for weeks counted from a
// day ("two weeks later" than 3 March is 17 March).
func countFrom(begin time.Time, g, unit Granularity, n int) (Granularity, time.Time) {
	if unit == Week && rank[g] <= rank[Day] {
		return Day, StartOf(begin, Day).AddDate(0, 0, 7*n)
	}
	return unit, advance(StartOf(begin, unit), unit, n)
}

// setDate makes m the date of granularity g beginning at t, keeping its
// span.
func (p *parser) setDate(m *match, at int, g Granularity, t time.Time) {
	e := p.date(at, m.next, g, t).expr
	e.Start, e.Text, e.Type = m.expr.Start, m.expr.Text, m.expr.Type
	m.expr = e
}

// dayInSentence returns the day of the nearest expression to found[k] in
// its sentence that names one.
func (p *parser) dayInSentence(found []match, at []int, k int) (time.Time, bool) {
	for d := 1; d < len(found); d++ {
		for _, o := range [2]int{k - d, k + d} {
			if o < 0 || o >= len(found) || found[o].anchor == dayInClause {
				continue
			}
			e := found[o].expr
			if !isDate(e) || rank[e.Granularity] > rank[Day] {
				continue
			}
			if p.sameSentence(min(at[o], at[k]), max(at[o], at[k])) {
				return StartOf(e.Begin, Day), true
			}
		}
	}
	return time.Time{}, false
}

// sameSentence reports whether tokens a <= b lie in one sentence.
func (p *parser) sameSentence(a, b int) bool {
	for j := a + 1; j <= b; j++ {
		if p.breakBefore(j) {
			return false
		}
	}
	return true
}
