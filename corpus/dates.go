package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// months maps lower-case month names and abbreviations to their month.
var months = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

const monthPattern = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	monthDayYear = regexp.MustCompile(`^(` + monthPattern + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	dayMonthYear = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthPattern + `),?\s+(\d{4})$`)
)

// isoLayouts are the machine formats accepted for dates in metadata.
var isoLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

// ParseDate reads a publication date written as an ISO date or timestamp, an
// RFC 1123 timestamp, or in words ("February 21st, 2026", "Feb. 21 2026",
// "21 February 2026"). Only the calendar day is kept, in UTC. A date without
// a year is not accepted: newsbot never guesses.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range isoLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return dayOf(t.Year(), t.Month(), t.Day())
		}
	}
	if m := monthDayYear.FindStringSubmatch(s); m != nil {
		return wordDate(m[1], m[2], m[3])
	}
	if m := dayMonthYear.FindStringSubmatch(s); m != nil {
		return wordDate(m[2], m[1], m[3])
	}
	return time.Time{}, false
}

func wordDate(month, day, year string) (time.Time, bool) {
	mon, ok := months[strings.TrimSuffix(strings.ToLower(month), ".")]
	if !ok {
		return time.Time{}, false
	}
	d, err1 := strconv.Atoi(day)
	y, err2 := strconv.Atoi(year)
	if err1 != nil || err2 != nil {
		return time.Time{}, false
	}
	return dayOf(y, mon, d)
}

// dayOf builds a UTC calendar day, rejecting impossible dates such as 31 February.
func dayOf(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != m || t.Day() != d || y < 1000 || y > 9999 {
		return time.Time{}, false
	}
	return t, true
}

// dateline matches a wire-style dateline at the start of an article's body:
// "SEOUL, South Korea - February 21st, 2026 - ...",
// "WASHINGTON (Reuters) - ...", "SIRTE, Libya, Oct 19 (Reuters) - ...",
// "NEW YORK, March 3, 2025 — ...". A dateline without a year yields a place
// only. Group 1 is the upper-case place; group 2 a date after a comma;
// group 3 the agency; group 4 a date between dashes.
var dateline = regexp.MustCompile(
	`^([\p{Lu}][\p{Lu}'’.\-]+(?:\s+[\p{Lu}][\p{Lu}'’.\-]+)*)` + // SEOUL, NEW YORK
		`(?:,\s*[\p{L}][\p{L} .'’]{0,40}?)?` + // , South Korea
		`(?:,\s*(` + monthPattern + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?))?` + // , March 3, 2025
		`\s*(?:\(([^)]{1,40})\)\s*)?` + // (Reuters)
		`(?:[-–—]+\s*((?:` + monthPattern + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}(?:st|nd|rd|th)?\s+` + monthPattern + `,?\s+\d{4})|\d{4}-\d{2}-\d{2})\s*)?` +
		`[-–—]+\s+`)

// parseDateline returns the place and date of a dateline opening text, and
// whether there is one. The date is zero when the dateline carries none.
func parseDateline(text string) (place string, date time.Time, ok bool) {
	m := dateline.FindStringSubmatch(text)
	if m == nil {
		return "", time.Time{}, false
	}
	place = strings.TrimSpace(m[1])
	// A bare upper-case word and a dash ("NATO - the alliance...") is not a
	// dateline: ask for a region, an agency or a date as well.
	if len([]rune(place)) < 2 || (!strings.Contains(m[0], ",") && m[3] == "" && m[4] == "") {
		return "", time.Time{}, false
	}
	for _, d := range []string{m[4], m[2]} {
		if d != "" {
			date, _ = ParseDate(d) // none without a year
			break
		}
	}
	return place, date, true
}
