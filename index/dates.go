package index

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	jsoniter "github.com/json-iterator/go"

	"github.com/newsbot-dev/newsbot/timex"
)

// storedDate is a time expression as the index stores it: short keys, so a
// paragraph's dates cost a few dozen bytes.
type storedDate struct {
	Start  int    `json:"s"`
	End    int    `json:"e"`
	Text   string `json:"x"`
	Type   string `json:"t"`
	Gran   string `json:"g,omitempty"`
	Value  string `json:"v,omitempty"`
	Begin  int64  `json:"b,omitempty"` // Unix seconds
	Until  int64  `json:"u,omitempty"`
	Unit   string `json:"ru,omitempty"`
	N      int    `json:"rn,omitempty"`
	Around bool   `json:"ra,omitempty"`
	Rel    bool   `json:"r,omitempty"`
}

func encodeDates(exprs []timex.Expression) (string, error) {
	out := make([]storedDate, len(exprs))
	for i, e := range exprs {
		d := storedDate{Start: e.Start, End: e.End, Text: e.Text, Type: string(e.Type), Gran: string(e.Granularity), Value: e.Value}
		if e.Resolved() {
			d.Begin, d.Until = e.Begin.Unix(), e.Until.Unix()
		}
		if r := e.Relative; r != nil {
			d.Rel, d.Unit, d.N, d.Around = true, string(r.Unit), r.N, r.Around
		}
		out[i] = d
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("encoding dates: %w", err)
	}
	return string(raw), nil
}

// decodeDates reads a paragraph's stored expressions. It uses
// json-iterator, which reads the same JSON as encoding/json: a timeline
// decodes the dates of thousands of paragraphs, and encoding/json was a
// fifth of its time on a large corpus.
func decodeDates(raw string) ([]timex.Expression, error) {
	if raw == "" {
		return []timex.Expression{}, nil // searched, and none found
	}
	var in []storedDate
	if err := jsoniter.ConfigCompatibleWithStandardLibrary.UnmarshalFromString(raw, &in); err != nil {
		return nil, fmt.Errorf("decoding dates: %w", err)
	}
	out := make([]timex.Expression, len(in))
	for i, d := range in {
		e := timex.Expression{Start: d.Start, End: d.End, Text: d.Text, Type: timex.Type(d.Type), Granularity: timex.Granularity(d.Gran), Value: d.Value}
		if d.Begin != 0 || d.Until != 0 {
			e.Begin, e.Until = time.Unix(d.Begin, 0).UTC(), time.Unix(d.Until, 0).UTC()
		}
		if d.Rel {
			e.Relative = &timex.Offset{Unit: timex.Granularity(d.Unit), N: d.N, Around: d.Around}
		}
		out[i] = e
	}
	return out, nil
}

// Event dates are indexed as keyword terms at three levels: "y2026",
// "m202602" and "d20260221" for 21 February 2026. A week, month, quarter,
// year or longer period has "s" in place of "d" for the day it starts on
// ("February 2026": "y2026", "m202602", "s20260201"): it is not a mention
// of that day, and DayCounts, which ranks the days of a whole-corpus
// timeline, reads only the "d" terms. A range of days is then a few term
// ranges (whole years, whole months, days at the ends, where a period
// counts by its first day), each over the terms the index holds. Bleve's date-time field indexed 16
// prefix-coded terms for every date, which was most of the cost of dates
// when building the index, and it could hold only years 1678 to 2262; these
// terms hold years 0 to 9999.
const (
	yearTerm  = "y"
	monthTerm = "m"
	dayTerm   = "d"
	startTerm = "s"
)

// Bounds of the dates that have terms.
var (
	firstTermDay = time.Date(0, time.January, 1, 0, 0, 0, 0, time.UTC)
	lastTermDay  = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
)

func yearKey(t time.Time) string  { return fmt.Sprintf("%s%04d", yearTerm, t.Year()) }
func monthKey(t time.Time) string { return fmt.Sprintf("%s%04d%02d", monthTerm, t.Year(), t.Month()) }
func dayKey(t time.Time) string {
	return fmt.Sprintf("%s%04d%02d%02d", dayTerm, t.Year(), t.Month(), t.Day())
}
func startKey(t time.Time) string {
	return fmt.Sprintf("%s%04d%02d%02d", startTerm, t.Year(), t.Month(), t.Day())
}

// dayPrecise reports whether e states a day (or a time of one), not a
// longer period.
func dayPrecise(e timex.Expression) bool {
	switch e.Granularity {
	case timex.Day, timex.Minute, "":
		return true
	}
	return false
}

// eventDateTerms are the terms of the days a paragraph's events happen on:
// the day (UTC) on which every resolved date or time it mentions begins,
// with its month and year; a longer period's first day is a start term.
func eventDateTerms(exprs []timex.Expression) []string {
	var out []string
	seen := make(map[string]bool, 3*len(exprs))
	for _, e := range exprs {
		if !e.Resolved() || (e.Type != timex.Date && e.Type != timex.Time) {
			continue
		}
		day := timex.StartOf(e.Begin.UTC(), timex.Day)
		if day.Before(firstTermDay) || day.After(lastTermDay) {
			continue
		}
		first := dayKey(day)
		if !dayPrecise(e) {
			first = startKey(day)
		}
		for _, term := range []string{yearKey(day), monthKey(day), first} {
			if !seen[term] {
				seen[term] = true
				out = append(out, term)
			}
		}
	}
	return out
}

// daysQuery matches paragraphs with an event on a day from first to last
// (UTC days, both included): term ranges over whole years, whole months,
// and the days before and after them.
func daysQuery(first, last time.Time) query.Query {
	first, last = timex.StartOf(first.UTC(), timex.Day), timex.StartOf(last.UTC(), timex.Day)
	if first.Before(firstTermDay) {
		first = firstTermDay
	}
	if last.After(lastTermDay) {
		last = lastTermDay
	}
	if last.Before(first) {
		return bleve.NewMatchNoneQuery()
	}
	var ranges []query.Query
	add := func(lo, hi string) {
		inclusive := true
		r := bleve.NewTermRangeInclusiveQuery(lo, hi, &inclusive, &inclusive)
		r.SetField(fieldDates)
		r.SetBoost(0)
		ranges = append(ranges, r)
	}
	// addDays adds the days from lo to hi, and the periods that start on
	// them.
	addDays := func(lo, hi time.Time) {
		add(dayKey(lo), dayKey(hi))
		add(startKey(lo), startKey(hi))
	}
	// The whole months inside [first, last]: [months, monthsEnd).
	months := timex.StartOf(first, timex.Month)
	if first.Day() != 1 {
		months = months.AddDate(0, 1, 0)
	}
	monthsEnd := timex.StartOf(last, timex.Month)
	if last.AddDate(0, 0, 1).Day() == 1 { // last is a month's last day
		monthsEnd = monthsEnd.AddDate(0, 1, 0)
	}
	if !months.Before(monthsEnd) {
		addDays(first, last)
		return bleve.NewDisjunctionQuery(ranges...)
	}
	if first.Before(months) {
		addDays(first, months.AddDate(0, 0, -1))
	}
	if !last.Before(monthsEnd) {
		addDays(monthsEnd, last)
	}
	// The whole years inside [months, monthsEnd): [years, yearsEnd).
	years := timex.StartOf(months, timex.Year)
	if months.Month() != time.January {
		years = years.AddDate(1, 0, 0)
	}
	yearsEnd := timex.StartOf(monthsEnd, timex.Year)
	if !years.Before(yearsEnd) {
		add(monthKey(months), monthKey(monthsEnd.AddDate(0, -1, 0)))
		return bleve.NewDisjunctionQuery(ranges...)
	}
	if months.Before(years) {
		add(monthKey(months), monthKey(years.AddDate(0, -1, 0)))
	}
	add(yearKey(years), yearKey(yearsEnd.AddDate(-1, 0, 0)))
	if yearsEnd.Before(monthsEnd) {
		add(monthKey(yearsEnd), monthKey(monthsEnd.AddDate(0, -1, 0)))
	}
	return bleve.NewDisjunctionQuery(ranges...)
}
