package timex

import (
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// only returns the single expression found in text, failing otherwise.
func only(t *testing.T, text string, ref time.Time) Expression {
	t.Helper()
	got := Extract(text, ref)
	if len(got) != 1 {
		t.Fatalf("Extract(%q) found %d expressions, want 1: %+v", text, len(got), got)
	}
	return got[0]
}

func TestAbsoluteExpressions(t *testing.T) {
	ref := date("2026-02-21") // a Saturday
	cases := []struct {
		text, expr, value string
		g                 Granularity
	}{
		{"SEOUL, South Korea - February 21st, 2026 - North Korea reopened", "February 21st, 2026", "2026-02-21", Day},
		{"The talks of Feb. 21 went well.", "Feb. 21", "2026-02-21", Day},
		{"It was signed on March 27, 2025.", "March 27, 2025", "2025-03-27", Day},
		{"Filed Sept. 19, 2018 in court.", "Sept. 19, 2018", "2018-09-19", Day},
		{"Filed on 21 February 2026 in court.", "21 February 2026", "2026-02-21", Day},
		{"March 01 , 2008", "March 01 , 2008", "2008-03-01", Day},
		{"The last talks were in 2018.", "2018", "2018", Year},
		{"Work stopped in mid-2018.", "mid-2018", "2018", Year},
		{"Prices fell in the 1990s.", "the 1990s", "199", Decade},
		{"It opens in the spring of 2019.", "the spring of 2019", "2019-SP", Season},
		{"Profit rose in the fourth quarter of 2009.", "the fourth quarter of 2009", "2009-Q4", Quarter},
		{"Sales began in October 2007.", "October 2007", "2007-10", Month},
		{"Released 2026-02-19 by the ministry.", "2026-02-19", "2026-02-19", Day},
		{"The 19th century saw wars.", "The 19th century", "18", Century},
	}
	for _, c := range cases {
		e := only(t, c.text, ref)
		if e.Text != c.expr || e.Value != c.value || e.Granularity != c.g || e.Type != Date {
			t.Errorf("%q: got %q %s %s %s, want %q %s %s DATE", c.text, e.Text, e.Value, e.Granularity, e.Type, c.expr, c.value, c.g)
		}
		if !e.Resolved() || !e.Until.After(e.Begin) {
			t.Errorf("%q: interval [%v, %v) not resolved", c.text, e.Begin, e.Until)
		}
	}
}

func TestRelativeResolvedAgainstPublication(t *testing.T) {
	ref := date("2026-02-21") // Saturday
	cases := []struct{ text, expr, value string }{
		{"It blew up the building yesterday.", "yesterday", "2026-02-20"},
		{"Markets closed lower today.", "today", "2026-02-21"},
		{"It stopped answering last week.", "last week", "2026-W07"},
		{"Talks are expected next week.", "next week", "2026-W09"},
		{"Exports grew this year.", "this year", "2026"},
		{"The ministry said on Thursday that it agreed.", "Thursday", "2026-02-19"},
		{"The summit will open on Tuesday.", "Tuesday", "2026-02-24"},
		{"The plant closed two years ago.", "two years ago", "2024"},
		{"Prices rose earlier this month.", "earlier this month", "2026-02"},
		{"It was founded last September.", "last September", "2025-09"},
		{"Tensions will rise in the coming months.", "the coming months", "FUTURE_REF"},
	}
	for _, c := range cases {
		e := only(t, c.text, ref)
		if e.Text != c.expr || e.Value != c.value {
			t.Errorf("%q: got %q = %q, want %q = %q", c.text, e.Text, e.Value, c.expr, c.value)
		}
	}
}

func TestUndatedArticleKeepsOffsets(t *testing.T) {
	cases := []struct {
		text, expr string
		unit       Granularity
		n          int
		words      string
	}{
		{"It blew up the building yesterday.", "yesterday", Day, -1, "the day before publication (date unknown)"},
		{"It stopped answering last week.", "last week", Week, -1, "the week before publication (date unknown)"},
		{"Markets closed lower today.", "today", Day, 0, "publication day (date unknown)"},
		{"The plant closed two years ago.", "two years ago", Year, -2, "2 years before publication (date unknown)"},
	}
	for _, c := range cases {
		e := only(t, c.text, time.Time{})
		if e.Text != c.expr || e.Value != "" || e.Resolved() {
			t.Errorf("%q: got %q = %q resolved=%v, want %q unresolved", c.text, e.Text, e.Value, e.Resolved(), c.expr)
		}
		if e.Relative == nil || e.Relative.Unit != c.unit || e.Relative.N != c.n {
			t.Errorf("%q: offset %+v, want %d %s", c.text, e.Relative, c.n, c.unit)
		}
		if got := Describe(e, time.Time{}); got != c.words {
			t.Errorf("%q: described as %q, want %q", c.text, got, c.words)
		}
	}
	// Absolute dates need no reference.
	if e := only(t, "It was set up in 2018.", time.Time{}); e.Value != "2018" {
		t.Errorf("2018 without a reference: %q", e.Value)
	}
	if e := only(t, "The talks of Feb. 21 went well.", time.Time{}); e.Value != "XXXX-02-21" || e.Resolved() {
		t.Errorf("Feb. 21 without a reference: %q resolved=%v", e.Value, e.Resolved())
	}
}

func TestNoFalseDates(t *testing.T) {
	for _, text := range []string{
		"He may march on the capital.",
		"The two sides met; the two agreed.",
		"Shares rose 2018 points, or 50%, to 2,000.",
		"It paid $2018 and 1,500 people came; 2019% is odd.",
		"Protesters march to the square and may return.",
		"Black Monday is a film title.",
		"He read the Daily Telegraph.",
		"About 44,000 new positions at 300 suppliers in 40 states.",
	} {
		if got := Extract(text, date("2026-02-21")); len(got) != 0 {
			t.Errorf("%q: found %+v, want nothing", text, got)
		}
	}
	// "May" and "March" are months where a month belongs.
	if e := only(t, "In May the two sides met.", date("2026-02-21")); e.Value != "2025-05" {
		t.Errorf("In May: %q", e.Value)
	}
}

func TestDurationsSetsTimes(t *testing.T) {
	ref := date("2009-06-01")
	cases := []struct {
		text, expr string
		typ        Type
		value      string
	}{
		{"The program ran for four years.", "four years", Duration, "P4Y"},
		{"Shares fell for six straight days.", "six straight days", Duration, "P6D"},
		{"It has a fifty-year service life.", "fifty-year", Duration, "P50Y"},
		{"Growth over the past decade was slow.", "the past decade", Duration, "P10Y"},
		{"A rate of 15 a year.", "a year", Set, "P1Y"},
		{"The index closed at 16:15 UTC.", "16:15 UTC", Time, "2009-06-01T16:15Z"},
		{"It starts at 2:30 p.m. sharp.", "2:30 p.m.", Time, "2009-06-01T14:30"},
	}
	for _, c := range cases {
		e := only(t, c.text, ref)
		if e.Text != c.expr || e.Type != c.typ || e.Value != c.value {
			t.Errorf("%q: got %q %s %q, want %q %s %q", c.text, e.Text, e.Type, e.Value, c.expr, c.typ, c.value)
		}
	}
}

func TestRuneOffsets(t *testing.T) {
	text := "Séoul — « hier », yesterday, it fell."
	e := only(t, text, date("2026-02-21"))
	runes := []rune(text)
	if got := string(runes[e.Start:e.End]); got != "yesterday" {
		t.Errorf("runes [%d,%d) = %q, want yesterday", e.Start, e.End, got)
	}
}

func TestDescribe(t *testing.T) {
	ref := date("2026-02-21")
	cases := map[string]string{
		"SEOUL - February 21st, 2026 - lines reopened": "21 February 2026",
		"The hotline was set up in 2018.":              "2018",
		"Talks are expected next week.":                "the week after 21 February 2026",
		"It opens in the spring of 2019.":              "spring 2019",
		"Profit rose in the fourth quarter of 2009.":   "the fourth quarter of 2009",
		"Markets fell over the weekend.":               "the weekend of 21 February 2026",
	}
	for text, want := range cases {
		if got := Describe(only(t, text, ref), ref); got != want {
			t.Errorf("%q described as %q, want %q", text, got, want)
		}
	}
}

func TestExtractNeverPanics(t *testing.T) {
	for _, text := range []string{"", "2026-", "Feb.", "the", "'", "31 February 2026", "1/2/", "12:", "a-", "\xff\xfe", "Q5 2020", "the last"} {
		Extract(text, date("2026-02-21"))
		Extract(text, time.Time{})
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("SEOUL, South Korea - February 21st, 2026 - North Korea", "2026-02-21")
	f.Add("last week, two years ago, the 1990s, 14:30 UTC", "")
	f.Fuzz(func(t *testing.T, text, ref string) {
		r, _ := time.Parse("2006-01-02", ref)
		n := len([]rune(text))
		prev := 0
		for _, e := range Extract(text, r) {
			if e.Start < prev || e.End <= e.Start || e.End > n {
				t.Fatalf("bad span [%d,%d) after %d in %d runes", e.Start, e.End, prev, n)
			}
			prev = e.End
		}
	})
}
