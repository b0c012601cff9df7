package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parser applies the rules to one text's tokens.
type parser struct {
	text string
	toks []token
	ref  time.Time // publication date; zero when unknown
}

// match is an expression found by a rule, and the token after it.
type match struct {
	next int
	expr Expression
	// anchor says how the expression takes its value from the others of
	// the text (see anchor.go); unit and shift say by how much: shift units
	// from the date named last, or for a clock time its minutes past
	// midnight, in UTC when zulu.
	anchor anchorKind
	unit   Granularity
	shift  int
	zulu   bool
}

type rule func(p *parser, i int) (match, bool)

// rules are tried at every token; the longest match wins, the earlier rule
// on a tie.
var rules = []rule{
	(*parser).clock,
	(*parser).calendarDate,
	(*parser).numericDate,
	(*parser).year,
	(*parser).partOfYear,
	(*parser).relativeUnit,
	(*parser).ago,
	(*parser).laterEarlier,
	(*parser).duration,
	(*parser).dayWord,
	(*parser).weekday,
	(*parser).holiday,
	(*parser).set,
}

// mayOpen reports whether token i may open an expression. Most words open
// none; a common word that may ("the", "last", "two") opens one only with
// a word that says time close after it. Extract asks it before longest:
// it is most of the tokens, and cheap.
func (p *parser) mayOpen(i int) bool {
	switch t := &p.toks[i]; t.class {
	case none, core:
		return false
	case weakStarter:
		return int(t.nextCore)-i <= coreReach
	}
	return true
}

// longest returns the longest expression starting at token i, with an
// opening modifier ("early", "the end of") taken into its span.
func (p *parser) longest(i int) (match, bool) {
	best, ok := p.base(i)
	for _, mod := range modifiers {
		j, matched := p.words(i, mod...)
		if !matched {
			continue
		}
		if j < len(p.toks) && p.toks[j].lower == "-" {
			j++ // mid-2018
		}
		m, found := p.base(j)
		if !found && mod[len(mod)-1] == "of" {
			m, found = p.theUnit(j)
		}
		if found && m.expr.Type == Date && m.expr.Granularity != "" && m.expr.Granularity != Day && (!ok || m.next > best.next) {
			best, ok = p.openedAt(i, m), true
		}
	}
	return best, ok
}

// openedAt returns m with its span opened at token i, before it: a
// modifier's ("early 2009") or a duration's prefix ("the past decade").
func (p *parser) openedAt(i int, m match) match {
	m.expr.Start = int(p.toks[i].start)
	m.expr.Text = p.text[m.expr.Start:m.expr.End]
	return m
}

// theUnit reads "the year", "the month", "the week" after "the end of",
// "the beginning of": the one the text named last, else the one of
// publication.
func (p *parser) theUnit(i int) (match, bool) {
	g, ok := units[p.lower(i+1)]
	if p.lower(i) != "the" || !ok || rank[g] < rank[Week] || rank[g] > rank[Year] || strings.HasSuffix(p.lower(i+1), "s") {
		return match{}, false
	}
	m := p.relative(i, i+2, Date, g, 0)
	m.anchor, m.unit = fromLast, g
	return m, true
}

// base returns the longest expression a rule finds at token i.
func (p *parser) base(i int) (match, bool) {
	var best match
	ok := false
	if i >= len(p.toks) || p.toks[i].kind == punct && p.toks[i].lower != "'" {
		return best, false
	}
	for _, r := range rules {
		if m, found := r(p, i); found && (!ok || m.next > best.next) && !strings.Contains(m.expr.Text, "\n") {
			best, ok = m, true
		}
	}
	return best, ok
}

// --- token helpers ---

func (p *parser) lower(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].lower
}

func (p *parser) isWord(i int) bool { return i >= 0 && i < len(p.toks) && p.toks[i].kind == word }

// words matches the lower-case words ws from token i and returns the token
// after them.
func (p *parser) words(i int, ws ...string) (int, bool) {
	for _, w := range ws {
		if p.lower(i) != w {
			return i, false
		}
		i++
	}
	return i, true
}

// optional skips token i when it is one of ws.
func (p *parser) optional(i int, ws ...string) int {
	for _, w := range ws {
		if p.lower(i) == w {
			return i + 1
		}
	}
	return i
}

// adjacent reports whether tokens i and i+1 touch.
func (p *parser) adjacent(i int) bool {
	return i+1 < len(p.toks) && p.toks[i].end == p.toks[i+1].start
}

// num returns token i's value when it is a plain number of n digits (any
// length when n is 0) with the given suffixes allowed.
func (p *parser) num(i, n int, suffixes ...string) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != number {
		return 0, false
	}
	t := p.toks[i]
	if n > 0 && len(t.lower) != n || strings.ContainsAny(t.lower, ",.") {
		return 0, false
	}
	if t.suffix != "" {
		allowed := false
		for _, s := range suffixes {
			allowed = allowed || s == t.suffix
		}
		if !allowed {
			return 0, false
		}
	}
	v, err := strconv.Atoi(t.lower)
	return v, err == nil
}

// dayNumber reads a day of the month: "21", "21st", "01".
func (p *parser) dayNumber(i int) (int, bool) {
	if i >= len(p.toks) || len(p.toks[i].lower) > 2 {
		return 0, false
	}
	d, ok := p.num(i, 0, "st", "nd", "rd", "th")
	return d, ok && d >= 1 && d <= 31
}

// yearNumber reads a four-digit year that is not an amount.
func (p *parser) yearNumber(i int) (int, bool) {
	y, ok := p.num(i, 4)
	if !ok || y < 1000 || y > 2199 {
		return 0, false
	}
	if i > 0 && p.adjacent(i-1) && strings.Contains("$#€£¥", p.toks[i-1].lower) {
		return 0, false
	}
	if w := p.lower(i + 1); w == "%" || w == "percent" || w == "per" || countNouns[w] {
		return 0, false
	}
	return y, true
}

// month reads a month name (capitalised) or, when abbrevOK, an
// abbreviation with an optional period; it returns the token after it.
func (p *parser) month(i int, abbrevOK bool) (time.Month, int, bool) {
	if !p.isWord(i) || !p.toks[i].upper {
		return 0, i, false
	}
	if m, ok := monthNames[p.toks[i].lower]; ok {
		return m, i + 1, true
	}
	if m, ok := monthAbbrevs[p.toks[i].lower]; ok && abbrevOK {
		return m, p.optional(i+1, "."), true
	}
	return 0, i, false
}

// nearest picks among candidate dates the one tense allows: the latest on
// or before the reference for the past, the earliest on or after it for the
// future. With no tense it takes the one in the news window (see inWindow),
// else the closest.
func (p *parser) nearest(tense int, candidates ...time.Time) (time.Time, bool) {
	if tense == 0 {
		for _, t := range candidates {
			if p.inWindow(t) {
				return t, true
			}
		}
	}
	var best time.Time
	bestDist := time.Duration(-1)
	for _, t := range candidates {
		dist := t.Sub(p.ref)
		switch {
		case tense < 0 && dist > 0, tense > 0 && dist < 0:
			continue
		}
		if dist < 0 {
			dist = -dist
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = t, dist
		}
	}
	return best, bestDist >= 0
}

// The news window: a date whose year is not written, in a sentence with no
// tense cue, is taken to lie in the nine months before publication or the
// three after it. News mostly reports what has happened, and newswire
// writes the year of a date that is not recent ("March 17" in October is
// the March past; "Dec. 5" in October the December to come).
const (
	windowBefore = 9 // months
	windowAfter  = 3 // months
)

// inWindow reports whether t begins within the news window around the
// reference.
func (p *parser) inWindow(t time.Time) bool {
	ref := StartOf(p.ref, Day)
	return !t.Before(ref.AddDate(0, -windowBefore, 0)) && t.Before(ref.AddDate(0, windowAfter, 0))
}

// --- building expressions ---

// expr makes an expression over tokens [i, next).
func (p *parser) expr(i, next int, typ Type, g Granularity, value string) match {
	start, end := int(p.toks[i].start), int(p.toks[next-1].end)
	return match{next: next, expr: Expression{Start: start, End: end, Text: p.text[start:end], Type: typ, Granularity: g, Value: value}}
}

// date makes a resolved date expression of granularity g beginning at t.
func (p *parser) date(i, next int, g Granularity, t time.Time) match {
	m := p.expr(i, next, Date, g, format(g, t))
	m.expr.Begin, m.expr.Until = t, advance(t, g, 1)
	return m
}

// relative makes a date expression n units of g from the reference: resolved
// when the article has a date, otherwise kept as an offset.
func (p *parser) relative(i, next int, typ Type, g Granularity, n int) match {
	var m match
	if p.ref.IsZero() {
		m = p.expr(i, next, typ, g, "")
	} else {
		t := advance(StartOf(p.ref, g), g, n)
		m = p.date(i, next, g, t)
		m.expr.Type = typ
	}
	m.expr.Relative = &Offset{Unit: g, N: n}
	return m
}

// StartOf truncates t, a UTC time, to the start of its unit of
// granularity g: its day, week (from Monday), month, quarter, half, year,
// decade, century or minute.
func StartOf(t time.Time, g Granularity) time.Time {
	y, mo, d := t.Date()
	switch g {
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return time.Date(y, mo, d-wd, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(y, (mo-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	case Half:
		return time.Date(y, (mo-1)/6*6+1, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case Decade:
		return time.Date(y/10*10, 1, 1, 0, 0, 0, 0, time.UTC)
	case Century:
		return time.Date(y/100*100, 1, 1, 0, 0, 0, 0, time.UTC)
	case Minute:
		return t.Truncate(time.Minute)
	}
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

// EndOf is when the period of granularity g that begins at begin ends
// (exclusive): the next minute, day, week, month, quarter or season, half,
// year, decade or century. No granularity counts as a day.
func EndOf(begin time.Time, g Granularity) time.Time {
	if g == "" {
		g = Day
	}
	return advance(begin, g, 1)
}

// advance moves t by n units of g.
func advance(t time.Time, g Granularity, n int) time.Time {
	switch g {
	case Minute:
		return t.Add(time.Duration(n) * time.Minute)
	case Day:
		return t.AddDate(0, 0, n)
	case Week:
		return t.AddDate(0, 0, 7*n)
	case Month:
		return t.AddDate(0, n, 0)
	case Quarter, Season:
		return t.AddDate(0, 3*n, 0)
	case Half:
		return t.AddDate(0, 6*n, 0)
	case Year:
		return t.AddDate(n, 0, 0)
	case Decade:
		return t.AddDate(10*n, 0, 0)
	case Century:
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// format writes t at granularity g as a TimeML value.
func format(g Granularity, t time.Time) string {
	y := t.Year()
	switch g {
	case Minute:
		return t.Format("2006-01-02T15:04")
	case Day:
		return t.Format("2006-01-02")
	case Week:
		wy, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", wy, w)
	case Month:
		return t.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", y, (int(t.Month())-1)/3+1)
	case Season:
		return fmt.Sprintf("%04d-%s", y, seasonCode(t.Month()))
	case Half:
		return fmt.Sprintf("%04d-H%d", y, (int(t.Month())-1)/6+1)
	case Year:
		return fmt.Sprintf("%04d", y)
	case Decade:
		return fmt.Sprintf("%03d", y/10) // TimeML's decade: 199 for the 1990s
	case Century:
		return fmt.Sprintf("%02d", y/100) // TimeML's century: 18 for the 19th
	}
	return ""
}

func seasonCode(m time.Month) string {
	switch {
	case m >= time.March && m < time.June:
		return "SP"
	case m >= time.June && m < time.September:
		return "SU"
	case m >= time.September && m < time.December:
		return "FA"
	}
	return "WI"
}

// day returns the date y-m-d and whether it exists.
func day(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}

// --- rules ---

// calendarDate: "February 21st, 2026", "Thursday, Feb. 19", "21 February
// 2026", "March 2025", "March of 2009", "January".
func (p *parser) calendarDate(i int) (match, bool) {
	start, j := i, i
	if p.isWord(i) && p.toks[i].upper {
		if _, ok := weekdays[p.toks[i].lower]; ok {
			j = p.optional(i+1, ",")
		}
	}
	if m, k, ok := p.month(j, true); ok {
		if d, ok := p.dayNumber(k); ok {
			next := k + 1
			if y, ok := p.yearNumber(p.optional(next, ",")); ok {
				t, valid := day(y, m, d)
				if !valid {
					return match{}, false
				}
				return p.date(start, p.optional(next, ",")+1, Day, t), true
			}
			if y, after, ok := p.namedYear(next); ok {
				if t, valid := day(y, m, d); valid {
					return p.date(start, after, Day, t), true // "Feb. 21 last year"
				}
			}
			return p.dayOfYearUnknown(start, next, m, d)
		}
		k2 := p.optional(p.optional(k, ","), "of")
		if y, ok := p.yearNumber(k2); ok {
			return p.date(start, k2+1, Month, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)), true
		}
		if y, after, ok := p.yearPhrase(k2); ok && k2 > k && y != 0 {
			return p.date(start, after, Month, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)), true
		}
		if y, after, ok := p.namedYear(k); ok {
			return p.date(start, after, Month, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)), true // "September last year"
		}
		if start != j {
			return match{}, false // "Monday, March": leave the weekday to its rule
		}
		full := monthNames[p.lower(j)] != 0
		word := m == time.May || m == time.March
		if !full || word && !monthContext[p.lower(j-1)] {
			return match{}, false
		}
		return p.bareMonth(start, k, m), true
	}
	if start != j {
		return match{}, false
	}
	if d, ok := p.dayNumber(i); ok {
		k := p.optional(i+1, "of")
		if m, k2, ok := p.month(k, true); ok {
			if y, ok := p.yearNumber(p.optional(k2, ",")); ok {
				t, valid := day(y, m, d)
				if valid {
					return p.date(i, p.optional(k2, ",")+1, Day, t), true
				}
				return match{}, false
			}
			return p.dayOfYearUnknown(i, k2, m, d)
		}
	}
	return match{}, false
}

// rangeDay reads the bare day number at token k that a dash at token dash
// joins to m, a day with its month: the 5 of "March 3-5" (k after m) or
// the 3 of "3-5 March" (k before it). It is a day of m's month.
func (p *parser) rangeDay(m match, k, dash int) (match, bool) {
	if m.expr.Granularity != Day || m.expr.Type != Date || k < 0 || dash < 0 {
		return match{}, false
	}
	if w := p.lower(dash); w != "-" && w != "–" || !p.adjacent(min(k, dash)) || !p.adjacent(max(k, dash)-1) {
		return match{}, false
	}
	d, ok := p.dayNumber(k)
	if _, _, month := p.month(k+1, true); !ok || k > dash && month {
		return match{}, false // "March 30-April 2": the second date has its month
	}
	e := m.expr
	if e.Resolved() {
		t, valid := day(e.Begin.Year(), e.Begin.Month(), d)
		if !valid || (k > dash) != t.After(e.Begin) {
			return match{}, false
		}
		return p.date(k, k+1, Day, t), true
	}
	if len(e.Value) != len("XXXX-03-05") {
		return match{}, false
	}
	return p.expr(k, k+1, Date, Day, fmt.Sprintf("%s%02d", e.Value[:len("XXXX-03-")], d)), true
}

// dayOfYearUnknown resolves a day and month without a year to the nearest
// such date before the reference (after it, when the sentence looks ahead).
func (p *parser) dayOfYearUnknown(i, next int, m time.Month, d int) (match, bool) {
	if _, valid := day(2024, m, d); !valid { // 2024: a leap year
		return match{}, false
	}
	if p.ref.IsZero() {
		mt := p.expr(i, next, Date, Day, fmt.Sprintf("XXXX-%02d-%02d", int(m), d))
		return mt, true
	}
	var candidates []time.Time
	for y := p.ref.Year() - 4; y <= p.ref.Year()+4; y++ { // 29 February
		if t, valid := day(y, m, d); valid {
			candidates = append(candidates, t)
		}
	}
	t, ok := p.nearest(p.tense(i, next), candidates...)
	if !ok {
		return match{}, false
	}
	return p.date(i, next, Day, t), true
}

// bareMonth resolves a month name alone to the nearest such month.
func (p *parser) bareMonth(i, next int, m time.Month) match {
	if p.ref.IsZero() {
		return p.expr(i, next, Date, Month, fmt.Sprintf("XXXX-%02d", int(m)))
	}
	t := p.nearestPart(p.tense(i, next), Month, func(y int) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) })
	return p.date(i, next, Month, t)
}

// nearestPart resolves a part of an unnamed year (a month, a quarter, a
// season) by tense: the one under way at the reference date; else, for the
// past, the last one to have begun, for the future, the next one to begin,
// and with no tense, the one that begins in the news window (see inWindow).
func (p *parser) nearestPart(tense int, g Granularity, in func(year int) time.Time) time.Time {
	var best time.Time
	bestDist := time.Duration(-1)
	for y := p.ref.Year() - 1; y <= p.ref.Year()+1; y++ {
		begin := in(y)
		end := advance(begin, g, 1)
		if !begin.After(p.ref) && end.After(p.ref) {
			return begin // under way
		}
		switch {
		case tense < 0 && begin.After(p.ref), tense > 0 && !end.After(p.ref):
			continue
		case tense == 0 && p.inWindow(begin):
			return begin
		}
		dist := begin.Sub(p.ref)
		if dist < 0 {
			dist = p.ref.Sub(end)
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = begin, dist
		}
	}
	return best
}

// numericDate: "2026-02-21", "3/4/2009", "3/4/09" (US order).
func (p *parser) numericDate(i int) (match, bool) {
	if y, ok := p.num(i, 4); ok && p.lower(i+1) == "-" && p.adjacent(i) && p.adjacent(i+1) && p.adjacent(i+2) && p.adjacent(i+3) && p.lower(i+3) == "-" {
		mo, ok1 := p.num(i+2, 2)
		d, ok2 := p.num(i+4, 2)
		if ok1 && ok2 && mo >= 1 && mo <= 12 {
			if t, valid := day(y, time.Month(mo), d); valid {
				return p.date(i, i+5, Day, t), true
			}
		}
	}
	if mo, ok := p.num(i, 0); ok && p.lower(i+1) == "/" && p.lower(i+3) == "/" && p.adjacent(i) && p.adjacent(i+1) && p.adjacent(i+2) && p.adjacent(i+3) {
		d, ok1 := p.num(i+2, 0)
		y, ok2 := p.num(i+4, 0)
		if ok1 && ok2 && mo >= 1 && mo <= 12 && len(p.toks[i+4].lower) != 3 {
			if y < 100 {
				y += 1900 + 100*btoi(y < 50)
			}
			if t, valid := day(y, time.Month(mo), d); valid {
				return p.date(i, i+5, Day, t), true
			}
		}
	}
	return match{}, false
}

// year: "2018", "the 1990s", "'90s", "since '82", "the 19th century".
func (p *parser) year(i int) (match, bool) {
	j := p.optional(i, "the")
	if p.lower(j) == "'" && p.adjacent(j) {
		j++
		if v, ok := p.num(j, 2); ok && j == i+1 && prepositions[p.lower(i-1)] {
			// "since '82": of the century before when it is not past yet.
			y := 2000 + v
			if !p.ref.IsZero() && y > p.ref.Year() || p.ref.IsZero() && v >= 30 {
				y -= 100
			}
			return p.date(i, j+1, Year, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), true
		}
	}
	if v, ok := p.num(j, 0, "s"); ok && p.toks[j].suffix == "s" && v%10 == 0 {
		switch len(p.toks[j].lower) {
		case 4:
			return p.date(i, j+1, Decade, time.Date(v, 1, 1, 0, 0, 0, 0, time.UTC)), true
		case 2:
			century := 1900
			if v < 30 {
				century = 2000
			}
			return p.date(i, j+1, Decade, time.Date(century+v, 1, 1, 0, 0, 0, 0, time.UTC)), true
		}
	}
	if n, ok := p.num(j, 0, "st", "nd", "rd", "th"); ok && p.lower(j+1) == "century" && n >= 1 && n <= 21 {
		return p.date(i, j+2, Century, time.Date((n-1)*100, 1, 1, 0, 0, 0, 0, time.UTC)), true
	}
	if j != i {
		return match{}, false
	}
	if y, ok := p.bareYear(i); ok {
		return p.date(i, i+1, Year, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), true
	}
	return match{}, false
}

// namesAThing reports whether the number at token i numbers a thing: it
// follows "number", "No." or a noun of namingNouns ("ships 1999 and
// 2000": both).
func (p *parser) namesAThing(i int) bool {
	prev := p.lower(i - 1)
	if prev == "." && i >= 2 && p.adjacent(i-2) && numberMarks[p.lower(i-2)] { // "No. 1000"
		return true
	}
	if numberMarks[prev] || namingNouns[prev] || namingNouns[strings.TrimSuffix(prev, "s")] || namingNouns[strings.TrimSuffix(prev, "es")] {
		return true
	}
	if (prev == "and" || prev == "or" || prev == ",") && i >= 2 && p.toks[i-2].kind == number {
		return p.namesAThing(i - 2)
	}
	return false
}

// bareYear reads a four-digit number standing alone as a year, where news
// writes one: not a number that names a thing ("ship 1000", "No. 1999",
// "Resolution 1973", "page 2008"), and, for a year far from the article's
// (before 1500, or over 50 years after it), only after a word that leads
// to a year ("in 1066", "since 1000", "between 1200 and 1300") or before
// an era ("1000 AD").
func (p *parser) bareYear(i int) (int, bool) {
	y, ok := p.yearNumber(i)
	if !ok {
		return 0, false
	}
	if p.namesAThing(i) {
		return 0, false
	}
	prev := p.lower(i - 1)
	latest := 2100
	if !p.ref.IsZero() {
		latest = p.ref.Year() + 50
	}
	if y >= 1500 && y <= latest {
		return y, true
	}
	if yearLeads[prev] || eras[p.lower(i+1)] {
		return y, true
	}
	return 0, false
}

// yearPhrase reads what may follow "of" in "the first quarter of ...": a year,
// "this year", "last year", "next year", "the year". It returns the year
// (zero when it cannot be resolved) and the token after the phrase.
func (p *parser) yearPhrase(i int) (int, int, bool) {
	if y, ok := p.yearNumber(i); ok {
		return y, i + 1, true
	}
	for w, n := range map[string]int{"this": 0, "last": -1, "next": 1, "the": 0} {
		if k, ok := p.words(i, w, "year"); ok {
			if p.ref.IsZero() {
				return 0, k, true
			}
			return p.ref.Year() + n, k, true
		}
	}
	return 0, i, false
}

// namedYear reads "this year", "last year" or "next year" at token i in a
// dated article: the year, and the token after the phrase.
func (p *parser) namedYear(i int) (int, int, bool) {
	if p.ref.IsZero() || p.lower(i+1) != "year" {
		return 0, i, false
	}
	switch p.lower(i) {
	case "this":
		return p.ref.Year(), i + 2, true
	case "last":
		return p.ref.Year() - 1, i + 2, true
	case "next":
		return p.ref.Year() + 1, i + 2, true
	}
	return 0, i, false
}

// partOfYear: "the spring of 2019", "summer 2008", "the first quarter of
// 2009", "the fourth quarter", "third-quarter", "Q3 2009", "H1 2019", "the
// second half".
func (p *parser) partOfYear(i int) (match, bool) {
	j := p.optional(i, "the")
	if s, ok := seasons[p.lower(j)]; ok {
		if p.toks[j].upper && p.isWord(j+1) && p.toks[j+1].upper {
			return match{}, false // a name: "the Winter Olympics", "the Autumn Statement"
		}
		k := p.optional(j+1, "of")
		y, next, hasYear := p.yearPhrase(k)
		if !hasYear {
			// A bare season needs "the" or a preposition before it; "fall"
			// never stands alone.
			if p.lower(j) == "fall" || j == i && !monthContext[p.lower(i-1)] {
				return match{}, false
			}
			next = j + 1
			if !p.ref.IsZero() {
				t := p.nearestPart(p.tense(i, next), Season, func(y int) time.Time { return time.Date(y, s.month, 1, 0, 0, 0, 0, time.UTC) })
				return p.date(i, next, Season, t), true
			}
		}
		if y == 0 {
			return p.expr(i, next, Date, Season, "XXXX-"+s.code), true
		}
		return p.date(i, next, Season, time.Date(y, s.month, 1, 0, 0, 0, 0, time.UTC)), true
	}
	// Ordinal part: first/second/third/fourth/final/last quarter/half.
	n, k := 0, j
	if o, ok := ordinals[p.lower(j)]; ok {
		n, k = o, j+1
	} else if p.lower(j) == "final" {
		n, k = 4, j+1
	} else if p.lower(j) == "last" && j > i {
		n, k = -1, j+1 // "the last quarter": the one before
	}
	if n != 0 && p.lower(k) == "-" && p.adjacent(k-1) {
		k++
	}
	g := Granularity("")
	switch p.lower(k) {
	case "quarter":
		g = Quarter
	case "half":
		g = Half
	}
	short := false // "Q3", "H1"
	if w := p.lower(j); (w == "q" || w == "h") && p.toks[j].upper && p.adjacent(j) {
		if v, ok := p.num(j+1, 1); ok && v >= 1 && (w == "q" && v <= 4 || v <= 2) {
			n, k, g, short = v, j+1, Quarter, true
			if w == "h" {
				g = Half
			}
		}
	}
	if n == 0 || g == "" || g == Half && n > 2 {
		return match{}, false
	}
	next := k + 1
	var y int
	hasYear := false
	if yy, after, ok := p.yearPhrase(p.optional(next, "of")); ok {
		y, next, hasYear = yy, after, true
	} else if short && (g == Half || p.adjacent(k) && p.lower(k+1) == "-") {
		return match{}, false // "H1" without a year, "Q1-class": a heading, a name
	}
	months := 3
	if g == Half {
		months = 6
	}
	if !hasYear && !p.ref.IsZero() && n > 0 {
		// "fourth-quarter GDP data", "Q4 revenue" name a period that is
		// reported on, not the time of the clause's verb ("China will
		// release its fourth-quarter GDP data" in January).
		tense := 0
		if attributive := (short || p.lower(k-1) == "-") && p.isWord(next) && !prepositions[p.lower(next)]; !attributive {
			tense = p.tense(i, next)
		}
		t := p.nearestPart(tense, g, func(y int) time.Time { return time.Date(y, time.Month((n-1)*months+1), 1, 0, 0, 0, 0, time.UTC) })
		return p.date(i, next, g, t), true
	}
	if n == -1 {
		if p.ref.IsZero() {
			m := p.expr(i, next, Date, g, "")
			m.expr.Relative = &Offset{Unit: g, N: -1}
			return m, true
		}
		t := advance(StartOf(p.ref, g), g, -1)
		return p.date(i, next, g, t), true
	}
	if y == 0 {
		code := "Q"
		if g == Half {
			code = "H"
		}
		return p.expr(i, next, Date, g, fmt.Sprintf("XXXX-%s%d", code, n)), true
	}
	return p.date(i, next, g, time.Date(y, time.Month((n-1)*months+1), 1, 0, 0, 0, 0, time.UTC)), true
}

// relativeUnit: "this year", "last week", "next month", "earlier this
// month", "the previous year", "last September", "next Monday", "this
// weekend".
func (p *parser) relativeUnit(i int) (match, bool) {
	j := p.optional(i, "earlier", "later")
	if j == i {
		j = p.optional(i, "the")
	}
	offset := 0
	switch p.lower(j) {
	case "this", "current":
		if j > i && p.lower(i) == "the" {
			return match{}, false
		}
	case "last":
		offset = -1
	case "next":
		offset = 1
	case "previous", "preceding":
		offset = -1
	case "following":
		offset = 1
	case "coming":
		if j == i { // "coming" alone is a verb; "the coming week" is not
			return match{}, false
		}
		offset = 1
	default:
		return match{}, false
	}
	if j > i && p.lower(i) != "the" && p.lower(j) != "this" {
		return match{}, false // "earlier last year" is not a phrase
	}
	k := j + 1
	if g, ok := units[p.lower(k)]; ok && !strings.HasSuffix(p.lower(k), "s") && g != Minute && g != Day {
		m := p.relative(i, k+1, Date, g, offset)
		switch p.lower(j) {
		case "following", "previous", "preceding":
			// "the following year", "the previous week": the one after
			// (before) the one the text named last.
			m.anchor, m.unit, m.shift = fromLast, g, offset
		}
		return m, true
	}
	if p.lower(k) == "weekend" {
		m := p.relative(i, k+1, Date, Week, offset)
		if m.expr.Value != "" {
			m.expr.Value += "-WE"
		}
		return m, true
	}
	if p.lower(j) != "this" && p.lower(j) != "last" && p.lower(j) != "next" {
		return match{}, false
	}
	if wd, ok := weekdays[p.lower(k)]; ok && p.toks[k].upper {
		return p.weekdayDate(i, k+1, wd, offset), true
	}
	if m, next, ok := p.month(k, false); ok {
		if p.ref.IsZero() {
			mt := p.expr(i, next, Date, Month, fmt.Sprintf("XXXX-%02d", int(m)))
			mt.expr.Relative = &Offset{Unit: Year, N: offset, Around: true}
			return mt, true
		}
		y := p.ref.Year()
		switch {
		case offset < 0 && m >= p.ref.Month():
			y--
		case offset > 0 && m <= p.ref.Month():
			y++
		}
		return p.date(i, next, Month, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)), true
	}
	if s, ok := seasons[p.lower(k)]; ok {
		if p.ref.IsZero() {
			mt := p.expr(i, k+1, Date, Season, "XXXX-"+s.code)
			mt.expr.Relative = &Offset{Unit: Year, N: offset, Around: true}
			return mt, true
		}
		return p.date(i, k+1, Season, time.Date(p.ref.Year()+offset, s.month, 1, 0, 0, 0, 0, time.UTC)), true
	}
	return match{}, false
}

// count reads a count: digits, a number word ("two", "a"), "twenty-five",
// or a vague count ("several", "a few"); n is 0 for a vague count. It
// returns the token after the count.
func (p *parser) count(i int) (n float64, next int, ok bool) {
	if v, ok := p.num(i, 0); ok && p.toks[i].suffix == "" && len(p.toks[i].lower) <= 3 {
		return float64(v), i + 1, true
	}
	w := p.lower(i)
	if w == "a" && (p.lower(i+1) == "few" || p.lower(i+1) == "couple") {
		k := i + 2
		if p.lower(i+1) == "couple" {
			return 2, p.optional(k, "of"), true
		}
		return 0, k, true
	}
	if vagueCounts[w] {
		return 0, i + 1, true
	}
	v, ok := numberWords[w]
	if !ok {
		return 0, i, false
	}
	k := i + 1
	if v >= 20 && p.lower(k) == "-" {
		if u, ok := numberWords[p.lower(k+1)]; ok && u < 10 {
			v += u
			k += 2
		}
	}
	if x, ok := p.words(k, "and", "a", "half"); ok {
		return float64(v) + 0.5, x, true
	}
	return float64(v), k, true
}

// ago: "two years ago", "a week ago", "several months ago".
func (p *parser) ago(i int) (match, bool) {
	n, k, ok := p.count(i)
	if !ok {
		return match{}, false
	}
	g, ok := units[p.lower(k)]
	if !ok || p.lower(k+1) != "ago" {
		return match{}, false
	}
	if n == 0 || n != float64(int(n)) {
		return p.expr(i, k+2, Date, "", "PAST_REF"), true
	}
	m := p.relative(i, k+2, Date, g, -int(n))
	if g == Year && n == 1 && (p.lower(i) == "a" || p.lower(i) == "one") {
		// "profit rose in the third quarter from a year ago": the quarter
		// a year before.
		m.anchor, m.shift = periodYearsInSentence, -1
	}
	return m, true
}

// laterEarlier: "two days later", "a year earlier", "several weeks later" —
// counted from the date the text named last (see anchor.go), else from
// publication.
func (p *parser) laterEarlier(i int) (match, bool) {
	j := p.optional(i, "about", "nearly", "almost", "around", "roughly")
	n, k, ok := p.count(j)
	if !ok {
		return match{}, false
	}
	g, ok := units[p.lower(k)]
	if !ok || g == Minute {
		return match{}, false
	}
	dir := 1
	switch p.lower(k + 1) {
	case "later":
	case "earlier":
		dir = -1
	default:
		return match{}, false
	}
	next := k + 2
	if p.lower(next) == "than" {
		return match{}, false // "three days later than planned" compares
	}
	if n == 0 || n != float64(int(n)) {
		if dir < 0 {
			return p.expr(i, next, Date, "", "PAST_REF"), true
		}
		return p.expr(i, next, Date, "", "FUTURE_REF"), true
	}
	var m match
	if p.ref.IsZero() {
		m = p.expr(i, next, Date, g, "") // later than what the text names, not than publication
	} else {
		m = p.relative(i, next, Date, g, dir*int(n))
		m.expr.Relative = nil
	}
	m.anchor, m.unit, m.shift = fromLast, g, dir*int(n)
	if g == Year && n == 1 && (p.lower(j) == "a" || p.lower(j) == "one") {
		m.anchor = periodYearsFromLast
	}
	return m, true
}

// durationPrefixes may open a duration: "the past nine days", "nearly five
// months", "over a year".
var durationPrefixes = [][]string{
	{"the", "past"}, {"the", "last"}, {"the", "next"}, {"the", "first"},
	{"more", "than"}, {"less", "than"}, {"nearly"}, {"almost"}, {"about"}, {"around"},
	{"over"}, {"over", "the"}, {"past"},
}

// duration: "four years", "six straight days", "the past decade", "a
// fifty-year", "five-year", "recent years", "decades".
func (p *parser) duration(i int) (match, bool) {
	best, found := p.durationAt(i)
	for _, pre := range durationPrefixes {
		k, ok := p.words(i, pre...)
		if !ok {
			continue
		}
		m, ok := p.durationAt(k)
		if !ok || found && m.next <= best.next {
			continue
		}
		best, found = p.openedAt(i, m), true
	}
	return best, found
}

// durationAt reads a duration without a prefix at token i.
func (p *parser) durationAt(i int) (match, bool) {
	n, k, ok := p.count(i)
	if !ok {
		// A unit alone: "years", "decades", and after a prefix "the past
		// decade".
		w := p.lower(i)
		g, isUnit := units[w]
		if !isUnit && durationUnits[w] == "" {
			return match{}, false
		}
		plural := strings.HasSuffix(w, "s")
		if plural && !(g == Quarter && p.fraction(i)) {
			return p.expr(i, i+1, Duration, g, durationValue(0, w)), true
		}
		if i > 0 && (p.lower(i-1) == "past" || p.lower(i-1) == "last") && p.lower(i-2) == "the" && isUnit {
			return p.expr(i, i+1, Duration, g, durationValue(1, w)), true
		}
		return match{}, false
	}
	if p.toks[i].kind == number && p.lower(k) == "-" && p.adjacent(i) {
		k++ // "41-year"
	} else if p.lower(k) == "-" && p.adjacent(k-1) {
		k++ // "fifty-year"
	}
	k = p.optional(k, "straight", "consecutive", "more", "full", "trading", "business", "long", "whole")
	w := p.lower(k)
	g, isUnit := units[w]
	if !isUnit && durationUnits[w] == "" {
		return match{}, false
	}
	if (p.lower(i) == "a" || p.lower(i) == "an") && (p.toks[k-1].kind != word || w == "second") {
		return match{}, false // "a second consecutive day"
	}
	if g == Quarter && p.fraction(k) {
		return match{}, false
	}
	if p.lower(i) == "a" || p.lower(i) == "an" || p.lower(i) == "single" {
		// "a year" after an amount is a rate: "15 a year".
		if i > 0 && p.toks[i-1].kind == number {
			return p.expr(i, k+1, Set, g, durationValue(1, w)), true
		}
	}
	next := k + 1
	if p.lower(next) == "ago" {
		return match{}, false
	}
	if x, ok := p.words(next, "history"); ok && p.adjacent(k-1) {
		next = x // "41-year history"
	}
	return p.expr(i, next, Duration, g, durationValue(n, w)), true
}

// fraction reports whether "quarter" at token k is a part of an amount, not
// of a year: "a quarter point", "three quarters of the vote", "about a
// quarter, of its dealers" (but "two quarters of growth").
func (p *parser) fraction(k int) bool {
	switch n := p.optional(k+1, "-"); p.lower(n) {
	case "point", "points", "percentage":
		return true
	case "of", ",":
		n = p.optional(n, ",")
		return p.lower(n) == "of" && determiners[p.lower(n+1)]
	}
	return false
}

// durationValue writes a TimeML duration: P3Y, PT30M, P2.5Y, PXY.
func durationValue(n float64, unit string) string {
	count := "X"
	if n > 0 {
		count = strconv.FormatFloat(n, 'f', -1, 64)
	}
	if c := durationUnits[unit]; c != "" {
		return "PT" + count + c
	}
	switch units[unit] {
	case Minute:
		return "PT" + count + "M"
	case Day:
		return "P" + count + "D"
	case Week:
		return "P" + count + "W"
	case Month:
		return "P" + count + "M"
	case Quarter:
		return "P" + count + "Q"
	case Year:
		return "P" + count + "Y"
	case Decade, Century:
		if n > 0 {
			per := 10.0
			if units[unit] == Century {
				per = 100
			}
			return "P" + strconv.FormatFloat(n*per, 'f', -1, 64) + "Y"
		}
		return "PXDE"
	}
	return ""
}

// dayWord: "today", "yesterday", "earlier today", "this morning", "last
// night", "the day", "now", "recently", "the past", "in the future".
func (p *parser) dayWord(i int) (match, bool) {
	j := p.optional(i, "earlier", "later")
	switch p.lower(j) {
	case "today":
		return p.relative(i, j+1, Date, Day, 0), true
	case "yesterday":
		return p.relative(i, j+1, Date, Day, -1), true
	case "tomorrow":
		return p.relative(i, j+1, Date, Day, 1), true
	case "tonight":
		return p.timeOfDay(i, j+1, 0, "NI"), true
	}
	for _, part := range []struct{ w, code string }{{"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}} {
		if k, ok := p.words(i, "this", part.w); ok {
			return p.timeOfDay(i, k, 0, part.code), true
		}
	}
	if k, ok := p.words(i, "last", "night"); ok {
		return p.timeOfDay(i, k, -1, "NI"), true
	}
	if k, shift, ok := p.namedDayPhrase(i); ok {
		var m match
		if p.ref.IsZero() {
			m = p.expr(i, k, Date, Day, "") // the day the text names, not publication's
		} else {
			m = p.relative(i, k, Date, Day, shift)
			m.expr.Relative = nil
		}
		m.anchor, m.unit, m.shift = fromLast, Day, shift
		return m, true
	}
	if k, ok := p.words(i, "the", "past"); ok {
		return p.expr(i, k, Date, "", "PAST_REF"), true
	}
	if k, ok := p.words(i, "the", "coming"); ok {
		if g, isUnit := units[p.lower(k)]; isUnit && strings.HasSuffix(p.lower(k), "s") {
			m := p.expr(i, k+1, Date, "", "FUTURE_REF")
			m.expr.Relative = &Offset{Unit: g, N: 1, Around: true}
			return m, true
		}
	}
	if k, ok := p.words(i, "the", "future"); ok {
		return p.expr(i, k, Date, "", "FUTURE_REF"), true
	}
	if (p.lower(i) == "the" || p.lower(i) == "that") && p.lower(i+1) == "weekend" && !p.toks[i+1].upper { // not "Hymn for the Weekend"
		k := i + 2
		// "the weekend": the last one, or the coming one when the sentence
		// looks ahead; the one under way on a Saturday or a Sunday.
		n := 0
		if !p.ref.IsZero() {
			wd := p.ref.Weekday()
			if wd != time.Saturday && wd != time.Sunday && p.tense(i, k) <= 0 {
				n = -1
			}
		}
		m := p.relative(i, k, Date, Week, n)
		if m.expr.Value != "" {
			m.expr.Value += "-WE"
		}
		return m, true
	}
	if p.lower(i) == "recent" {
		if g, isUnit := units[p.lower(i+1)]; isUnit && strings.HasSuffix(p.lower(i+1), "s") && g != Minute {
			// "recent years": TimeML's past reference, as HeidelTime has it.
			return p.expr(i, i+2, Date, "", "PAST_REF"), true
		}
	}
	if k, ok := p.words(i, "more", "recently"); ok {
		return p.expr(i, k, Date, "", "PAST_REF"), true
	}
	if v, ok := references[p.lower(i)]; ok {
		return p.expr(i, i+1, Date, "", v), true
	}
	return match{}, false
}

// namedDayPhrase reads a phrase that names a day by the day the text last
// named: "the same day", "that day", "the day", "the next day", "the
// previous day", "the day before" (at a clause's end). It returns the token
// after it and its offset in days.
func (p *parser) namedDayPhrase(i int) (int, int, bool) {
	for _, ph := range [...]struct {
		words []string
		shift int
	}{
		{[]string{"the", "same", "day"}, 0}, {[]string{"that", "same", "day"}, 0}, {[]string{"that", "day"}, 0},
		{[]string{"the", "next", "day"}, 1}, {[]string{"the", "following", "day"}, 1},
		{[]string{"the", "previous", "day"}, -1}, {[]string{"the", "preceding", "day"}, -1},
	} {
		if k, ok := p.words(i, ph.words...); ok && !p.countAt(k) {
			return k, ph.shift, true
		}
	}
	k, ok := p.words(i, "the", "day")
	if !ok || p.countAt(k) {
		return i, 0, false // "that day one motions", "the day 2 session"
	}
	switch p.lower(k) {
	case "before", "after":
		// "the day before the vote" is relative to the vote; "the day
		// before," to the day last named.
		if k+1 < len(p.toks) && p.toks[k+1].kind != punct && !p.breakBefore(k+1) {
			return i, 0, false
		}
		if p.lower(k) == "before" {
			return k + 1, -1, true
		}
		return k + 1, 1, true
	}
	return k, 0, true
}

// countAt reports whether token i is a number or a number word.
func (p *parser) countAt(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	_, word := numberWords[p.lower(i)]
	return p.toks[i].kind == number || word && p.lower(i) != "a" && p.lower(i) != "an"
}

// timeOfDay makes a TIME for a part of a day n days from the reference.
func (p *parser) timeOfDay(i, next, n int, code string) match {
	m := p.relative(i, next, Time, Day, n)
	if m.expr.Value != "" {
		m.expr.Value += "T" + code
	}
	return m
}

// weekday: "Thursday", "Friday morning" — the nearest such day before the
// reference, or after it when the sentence looks ahead.
func (p *parser) weekday(i int) (match, bool) {
	wd, ok := weekdays[p.lower(i)]
	if !ok || !p.toks[i].upper {
		return match{}, false
	}
	switch p.lower(i - 1) {
	case "black":
		return match{}, false // "Black Monday" names a crash, not a date
	case "the":
		if _, _, month := p.month(i+1, true); p.isWord(i+1) && p.toks[i+1].upper && !month {
			return match{}, false // a name: "the Sunday Times", "the Tuesday Group"
		}
	case "a", "an":
		// "on a Thursday" is any Thursday; "a Wednesday media event" this
		// week's.
		if n := i + 1; !p.isWord(n) || p.toks[n].upper || prepositions[p.lower(n)] {
			return match{}, false
		}
	}
	dir := -1
	if p.tense(i, i+1) > 0 {
		dir = 1
	}
	return p.weekdayDate(i, i+1, wd, dir*2), true
}

// weekdayDate resolves a weekday. offset is -1 for "last", +1 for "next", 0
// for "this", and ±2 for a bare weekday: the nearest one on or before (after)
// the reference.
func (p *parser) weekdayDate(i, next int, wd time.Weekday, offset int) match {
	g, typ := Day, Date
	part := ""
	for w, code := range map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"} {
		if p.lower(next) == w {
			part, typ = code, Time
		}
	}
	if part != "" {
		next++
	}
	if p.ref.IsZero() {
		m := p.expr(i, next, typ, g, anyWeekday(wd))
		m.expr.Relative = &Offset{Unit: Week, N: max(-1, min(1, offset%2)), Around: true}
		return m
	}
	ref := StartOf(p.ref, Day)
	diff := (int(wd) - int(ref.Weekday()) + 7) % 7 // days forward to wd
	var t time.Time
	switch offset {
	case 2: // on or after
		t = ref.AddDate(0, 0, diff)
	case -2: // on or before
		t = ref.AddDate(0, 0, diff-7*btoi(diff != 0))
	case 1:
		t = ref.AddDate(0, 0, diff+7*btoi(diff == 0))
	case -1:
		back := (7 - diff) % 7
		if back == 0 {
			back = 7
		}
		t = ref.AddDate(0, 0, -back)
	default:
		t = StartOf(ref, Week).AddDate(0, 0, (int(wd)+6)%7)
	}
	m := p.date(i, next, g, t)
	m.expr.Type = typ
	if part != "" {
		m.expr.Value += "T" + part
	}
	return m
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// clock: "14:30 UTC", "2:30 p.m.", "9 a.m.", "1500 UTC", "noon".
func (p *parser) clock(i int) (match, bool) {
	h, ok := p.num(i, 0)
	if !ok {
		return match{}, false
	}
	minute, next := 0, i+1
	digits := len(p.toks[i].lower)
	switch {
	case p.lower(i+1) == ":" && p.adjacent(i) && p.adjacent(i+1):
		mm, ok := p.num(i+2, 2)
		if !ok || h > 24 || mm > 59 {
			return match{}, false
		}
		minute, next = mm, i+3
	case digits == 4 && (p.lower(i+1) == "utc" || p.lower(i+1) == "gmt"):
		h, minute = h/100, h%100
		if h > 24 || minute > 59 {
			return match{}, false
		}
	case digits <= 2 && isMeridiem(p.lower(i+1)):
	default:
		return match{}, false
	}
	if isMeridiem(p.lower(next)) {
		if h > 12 {
			return match{}, false
		}
		if strings.HasPrefix(p.lower(next), "p") && h < 12 {
			h += 12
		} else if strings.HasPrefix(p.lower(next), "a") && h == 12 {
			h = 0
		}
		next = p.optional(next+1, ".")
	}
	zulu := false
	if zoneNames[p.lower(next)] {
		zulu = p.lower(next) == "utc" || p.lower(next) == "gmt"
		next++
	}
	anchor := dayInClause
	if _, ok := p.words(next, "today"); ok {
		next++
		anchor = noAnchor
	}
	var m match
	if p.ref.IsZero() {
		m = p.expr(i, next, Time, Minute, fmt.Sprintf("XXXX-XX-XXT%02d:%02d", h, minute))
	} else {
		m = p.clockOn(i, next, p.ref, h*60+minute, zulu)
	}
	m.anchor, m.shift, m.zulu = anchor, h*60+minute, zulu
	return m, true
}

// clockOn makes the TIME at minutes past midnight of day's date, in UTC
// ("Z") when zulu.
func (p *parser) clockOn(i, next int, day time.Time, minutes int, zulu bool) match {
	t := time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, time.UTC)
	m := p.date(i, next, Minute, t)
	m.expr.Type = Time
	if zulu {
		m.expr.Value += "Z"
	}
	return m
}

func isMeridiem(w string) bool {
	switch w {
	case "a.m", "p.m", "am", "pm":
		return true
	}
	return false
}

var zoneNames = map[string]bool{
	"utc": true, "gmt": true, "est": true, "edt": true, "pst": true, "pdt": true,
	"cet": true, "cest": true, "bst": true, "kst": true, "jst": true, "et": true,
}

// set: "annual", "weekly", "every year", "per day".
func (p *parser) set(i int) (match, bool) {
	switch p.lower(i) {
	case "annual":
		return p.expr(i, i+1, Duration, Year, "P1Y"), true
	case "annually", "yearly":
		return p.expr(i, i+1, Set, Year, "P1Y"), true
	case "weekly":
		return p.expr(i, i+1, Set, Week, "P1W"), true
	case "monthly":
		return p.expr(i, i+1, Set, Month, "P1M"), true
	case "quarterly":
		return p.expr(i, i+1, Set, Quarter, "P1Q"), true
	case "daily":
		if p.toks[i].upper {
			return match{}, false // "the Daily Telegraph"
		}
		return p.expr(i, i+1, Set, Day, "P1D"), true
	case "every", "each", "per":
		if g, ok := units[p.lower(i+1)]; ok && !strings.HasSuffix(p.lower(i+1), "s") {
			return p.expr(i, i+2, Set, g, durationValue(1, p.lower(i+1))), true
		}
		if wd, ok := weekdays[p.lower(i+1)]; ok && p.toks[i+1].upper && p.lower(i) != "per" {
			return p.weekdaySet(i, i+2, wd), true // "every Monday"
		}
	}
	if wd, ok := pluralWeekday(p.lower(i)); ok && p.toks[i].upper {
		return p.weekdaySet(i, i+1, wd), true // "on Mondays"
	}
	return match{}, false
}

// weekdaySet makes the SET of every such weekday.
func (p *parser) weekdaySet(i, next int, wd time.Weekday) match {
	return p.expr(i, next, Set, Day, anyWeekday(wd))
}

// pluralWeekday reads "mondays" as Monday.
func pluralWeekday(w string) (time.Weekday, bool) {
	stem, plural := strings.CutSuffix(w, "s")
	wd, ok := weekdays[stem]
	return wd, plural && ok
}

// anyWeekday writes a weekday of no known week: XXXX-WXX-1 for a Monday.
func anyWeekday(wd time.Weekday) string { return fmt.Sprintf("XXXX-WXX-%d", (int(wd)+6)%7+1) }
