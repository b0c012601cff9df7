package timex

import (
	"fmt"
	"time"
)

// holidays are the named days news dates events by, each with its date in a
// given year.
var holidays = map[string]func(year int) time.Time{
	"christmas":      fixedDay(time.December, 25),
	"christmas eve":  fixedDay(time.December, 24),
	"new year's":     fixedDay(time.January, 1),
	"new year's eve": fixedDay(time.December, 31),
	"boxing day":     fixedDay(time.December, 26),
	"halloween":      fixedDay(time.October, 31),
	"valentine's":    fixedDay(time.February, 14),
	"thanksgiving":   thanksgiving,
	"easter":         easter,
}

func fixedDay(m time.Month, d int) func(int) time.Time {
	return func(y int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
}

// thanksgiving is the fourth Thursday of November (the United States').
func thanksgiving(y int) time.Time {
	first := time.Date(y, time.November, 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, (int(time.Thursday)-int(first.Weekday())+7)%7+21)
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

// holiday: "Christmas", "Christmas Eve", "New Year's Day", "Easter 2009",
// "the 2005 Christmas special", "Thanksgiving". Without a year it is
// resolved as a date without a year.
func (p *parser) holiday(start int) (match, bool) {
	i, year := start, 0
	if y, ok := p.yearNumber(i); ok {
		i, year = i+1, y
	}
	if !p.isWord(i) || !p.toks[i].upper {
		return match{}, false
	}
	name, next := p.lower(i), i+1
	switch name {
	case "new":
		if p.lower(i+1) != "year" || p.lower(i+2) != "'s" && p.lower(i+2) != "’s" {
			return match{}, false
		}
		name, next = "new year's", i+3
	case "boxing":
		if p.lower(i+1) != "day" {
			return match{}, false
		}
		name, next = "boxing day", i+2
	case "valentine’s":
		name = "valentine's"
	}
	on, ok := holidays[name]
	if !ok {
		return match{}, false
	}
	switch w := p.lower(next); {
	case w == "eve" && holidays[name+" eve"] != nil:
		on, next = holidays[name+" eve"], next+1
	case w == "day" && name != "boxing day", w == "sunday" && name == "easter":
		next++
	}
	if name == "valentine's" && p.lower(next-1) != "day" {
		return match{}, false
	}
	if year != 0 {
		return p.date(start, next, Day, on(year)), true
	}
	if y, ok := p.yearNumber(p.optional(next, ",")); ok {
		return p.date(i, p.optional(next, ",")+1, Day, on(y)), true
	}
	if p.ref.IsZero() {
		t := on(2001)
		if name == "thanksgiving" || name == "easter" {
			return p.expr(i, next, Date, Day, ""), true // its day changes with the year
		}
		return p.expr(i, next, Date, Day, fmt.Sprintf("XXXX-%02d-%02d", int(t.Month()), t.Day())), true
	}
	var candidates []time.Time
	for y := p.ref.Year() - 1; y <= p.ref.Year()+1; y++ {
		candidates = append(candidates, on(y))
	}
	t, _ := p.nearest(p.tense(i, next), candidates...)
	return p.date(i, next, Day, t), true
}
