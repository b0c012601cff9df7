package timex

import (
	"fmt"
	"strings"
	"time"
)

// holidays are the named days news dates events by, each with its date in a
// given year, keyed by the first word of their names. A name is written as
// holidayWords reads it: lower case, without apostrophes or periods
// ("New Year's Day" is "new years day", "St. Patrick's Day" "st patricks
// day"). The longest name that matches wins. Days of the United States'
// calendar are its federal holidays'; a name whose day differs between
// countries ("Independence Day", "Labour Day", "Mother's Day",
// "Remembrance Day") is left out.
var holidays = func() map[string][]holidayName {
	byFirst := map[string][]holidayName{}
	for _, h := range []struct {
		names []string
		on    func(year int) time.Time
	}{
		{[]string{"new years day", "new years"}, fixedDay(time.January, 1)},
		{[]string{"new years eve"}, fixedDay(time.December, 31)},
		{[]string{"valentines day", "st valentines day", "saint valentines day"}, fixedDay(time.February, 14)},
		{[]string{"st patricks day", "saint patricks day"}, fixedDay(time.March, 17)},
		{[]string{"may day"}, fixedDay(time.May, 1)},
		{[]string{"juneteenth"}, fixedDay(time.June, 19)},
		{[]string{"fourth of july", "july fourth"}, fixedDay(time.July, 4)},
		{[]string{"bastille day"}, fixedDay(time.July, 14)},
		{[]string{"halloween"}, fixedDay(time.October, 31)},
		{[]string{"veterans day", "armistice day"}, fixedDay(time.November, 11)},
		{[]string{"christmas eve"}, fixedDay(time.December, 24)},
		{[]string{"christmas", "christmas day"}, fixedDay(time.December, 25)},
		{[]string{"boxing day"}, fixedDay(time.December, 26)},
		{[]string{"martin luther king day", "martin luther king jr day", "mlk day"}, nthWeekday(time.January, time.Monday, 3)},
		{[]string{"presidents day"}, nthWeekday(time.February, time.Monday, 3)},
		{[]string{"memorial day"}, nthWeekday(time.May, time.Monday, -1)},
		{[]string{"fathers day"}, nthWeekday(time.June, time.Sunday, 3)},
		{[]string{"labor day"}, nthWeekday(time.September, time.Monday, 1)},
		{[]string{"columbus day"}, nthWeekday(time.October, time.Monday, 2)},
		{[]string{"thanksgiving", "thanksgiving day"}, nthWeekday(time.November, time.Thursday, 4)},
		{[]string{"black friday"}, fromHoliday(nthWeekday(time.November, time.Thursday, 4), 1)},
		{[]string{"easter", "easter sunday", "easter day"}, easter},
		{[]string{"good friday"}, fromHoliday(easter, -2)},
		{[]string{"easter monday"}, fromHoliday(easter, 1)},
		{[]string{"palm sunday"}, fromHoliday(easter, -7)},
		{[]string{"ash wednesday"}, fromHoliday(easter, -46)},
	} {
		for _, name := range h.names {
			words := strings.Fields(name)
			byFirst[words[0]] = append(byFirst[words[0]], holidayName{words, h.on})
		}
	}
	return byFirst
}()

// holidayName is one name of a holiday, as holidayWords reads it.
type holidayName struct {
	words []string
	on    func(year int) time.Time
}

// fixedDay is the day d of month m.
func fixedDay(m time.Month, d int) func(int) time.Time {
	return func(y int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
}

// nthWeekday is the n-th weekday wd of month m (the last one when n is -1):
// the third Monday of January.
func nthWeekday(m time.Month, wd time.Weekday, n int) func(int) time.Time {
	return func(y int) time.Time {
		if n < 0 {
			last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
			return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
		}
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
	}
}

// fromHoliday is the day days after (before, when negative) another one.
func fromHoliday(on func(int) time.Time, days int) func(int) time.Time {
	return func(y int) time.Time { return on(y).AddDate(0, 0, days) }
}

// easter is Easter Sunday of the Gregorian calendar (the anonymous
// algorithm of Meeus).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

var noApostrophes = strings.NewReplacer("'", "", "’", "")

// holidayWord reads token i as a word of a holiday's name: lower case,
// without apostrophes; a possessive "'s" the lexer split off joins the
// word before it ("year" "'s" is "years"), and periods, commas and lone
// apostrophes are skipped. It returns the word and the token after it,
// or "" when token i is none.
func (p *parser) holidayWord(i int) (string, int) {
	for i < len(p.toks) && p.toks[i].kind == punct && strings.Contains(".,'’", p.toks[i].lower) {
		i++
	}
	if !p.isWord(i) {
		return "", i
	}
	w := p.toks[i].lower
	if strings.ContainsAny(w, "'’") {
		w = noApostrophes.Replace(w)
	}
	if s := p.lower(i + 1); (s == "'s" || s == "’s") && p.adjacent(i) {
		return w + "s", i + 2
	}
	return w, i + 1
}

// holiday: "Christmas", "Christmas Eve", "New Year's Day", "Easter 2009",
// "the 2005 Christmas special", "Thanksgiving", "Martin Luther King Jr.
// Day", "Good Friday". Without a year it is resolved as a date without a
// year.
func (p *parser) holiday(start int) (match, bool) {
	i, year := start, 0
	if y, ok := p.yearNumber(i); ok {
		i, year = i+1, y
	}
	if !p.isWord(i) || !p.toks[i].upper {
		return match{}, false
	}
	first, after := p.holidayWord(i)
	var on func(int) time.Time
	next := 0
	for _, h := range holidays[first] {
		k, ok := after, true
		for _, w := range h.words[1:] {
			var got string
			if got, k = p.holidayWord(k); got != w {
				ok = false
				break
			}
		}
		if ok && k > next {
			on, next = h.on, k
		}
	}
	if on == nil {
		return match{}, false
	}
	if year != 0 {
		return p.date(start, next, Day, on(year)), true
	}
	if y, ok := p.yearNumber(p.optional(next, ",")); ok {
		return p.date(i, p.optional(next, ",")+1, Day, on(y)), true
	}
	if p.ref.IsZero() {
		if t := on(2001); t.Equal(on(2002).AddDate(-1, 0, 0)) {
			return p.expr(i, next, Date, Day, fmt.Sprintf("XXXX-%02d-%02d", int(t.Month()), t.Day())), true
		}
		return p.expr(i, next, Date, Day, ""), true // its day changes with the year
	}
	var candidates []time.Time
	for y := p.ref.Year() - 1; y <= p.ref.Year()+1; y++ {
		candidates = append(candidates, on(y))
	}
	t, _ := p.nearest(p.tense(i, next), candidates...)
	return p.date(i, next, Day, t), true
}
