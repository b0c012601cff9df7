package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Describe writes the expression's date in words for a reader: "21 February
// 2026", "February 2026", "2018", "the week after 21 February 2026", "the
// day before publication (date unknown)". ref is the publication date the
// expression was resolved against (zero when unknown). It returns "" for
// expressions that name no date (durations, sets, "recently").
func Describe(e Expression, ref time.Time) string {
	if e.Type == Duration || e.Type == Set {
		return ""
	}
	if e.Resolved() {
		if e.Granularity == Week && strings.HasSuffix(e.Value, "-WE") {
			return "the weekend of " + dayWords(StartOf(e.Begin, Week).AddDate(0, 0, 5)) // its Saturday
		}
		if e.Relative != nil && e.Relative.Unit == Week && !ref.IsZero() {
			switch {
			case e.Relative.N == 1:
				return "the week after " + dayWords(ref)
			case e.Relative.N == -1:
				return "the week before " + dayWords(ref)
			case e.Relative.N == 0 && e.Granularity == Week:
				return "the week of " + dayWords(ref)
			}
		}
		return calendarWords(e.Granularity, e.Begin)
	}
	if e.Relative != nil {
		return relativeWords(*e.Relative) + " (date unknown)"
	}
	if strings.HasPrefix(e.Value, "XXXX-") {
		if t, err := time.Parse("2006-01-02", "2000"+e.Value[4:]); err == nil {
			return fmt.Sprintf("%d %s (year unknown)", t.Day(), t.Month())
		}
		if t, err := time.Parse("2006-01", "2000"+e.Value[4:]); err == nil {
			return t.Month().String() + " (year unknown)"
		}
	}
	return ""
}

func dayWords(t time.Time) string { return t.Format("2 January 2006") }

var ordinalWords = [...]string{"", "first", "second", "third", "fourth"}

func calendarWords(g Granularity, t time.Time) string {
	switch g {
	case Minute:
		return t.Format("2 January 2006, 15:04")
	case Day:
		return dayWords(t)
	case Week:
		return "the week of " + dayWords(t)
	case Month:
		return t.Format("January 2006")
	case Quarter:
		return fmt.Sprintf("the %s quarter of %d", ordinalWords[(int(t.Month())-1)/3+1], t.Year())
	case Half:
		return fmt.Sprintf("the %s half of %d", ordinalWords[(int(t.Month())-1)/6+1], t.Year())
	case Season:
		names := map[string]string{"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
		return fmt.Sprintf("%s %d", names[seasonCode(t.Month())], t.Year())
	case Year:
		return strconv.Itoa(t.Year())
	case Decade:
		return fmt.Sprintf("the %ds", t.Year())
	case Century:
		n := t.Year()/100 + 1
		return fmt.Sprintf("the %d%s century", n, ordinalSuffix(n))
	}
	return ""
}

func ordinalSuffix(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// relativeWords says how an offset relates to publication: "the day before
// publication", "publication day", "two years after publication".
func relativeWords(o Offset) string {
	unit := string(o.Unit)
	if o.Around {
		if o.N < 0 {
			return "the " + unit + " before publication"
		}
		if o.N > 0 {
			return "the " + unit + "s after publication"
		}
		return "around publication"
	}
	switch {
	case o.N == 0 && o.Unit == Day:
		return "publication day"
	case o.N == 0:
		return "the " + unit + " of publication"
	case o.N == -1:
		return "the " + unit + " before publication"
	case o.N == 1:
		return "the " + unit + " after publication"
	case o.N < 0:
		return fmt.Sprintf("%d %ss before publication", -o.N, unit)
	}
	return fmt.Sprintf("%d %ss after publication", o.N, unit)
}
