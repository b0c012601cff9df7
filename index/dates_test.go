package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// TestDateRangesMatchTheirDays indexes one paragraph per event day, spread
// over month and year ends, leap days and centuries (1066 too, which
// Bleve's date-time field could not hold), and checks that every searched
// range [From, To) finds exactly the paragraphs whose day it touches.
func TestDateRangesMatchTheirDays(t *testing.T) {
	ix, _ := openTemp(t)
	days := []string{"1066-10-14", "1899-12-31", "1900-01-01", "2019-12-31", "2020-01-01", "2020-01-31",
		"2020-02-01", "2020-02-29", "2020-03-01", "2020-06-15", "2020-12-31", "2021-01-01", "2021-07-04",
		"2023-11-30", "2024-02-29", "2026-02-21", "2026-02-22", "9999-12-31"}
	a := newsbot.Article{ID: "dated", Title: "Dated events", Hash: "h1"}
	for i, d := range days {
		text := fmt.Sprintf("The event happened on %s.", d)
		exprs := timex.Extract(text, time.Time{})
		if len(exprs) != 1 || !exprs[0].Resolved() {
			t.Fatalf("%q: expressions %+v", text, exprs)
		}
		a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i + 1, Text: text, Dates: exprs})
	}
	if _, err := ix.Sync(context.Background(), []newsbot.Article{a}); err != nil {
		t.Fatal(err)
	}
	parse := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	check := func(from, to time.Time) {
		t.Helper()
		res, err := ix.Search(context.Background(), newsbot.SearchRequest{Dated: true, From: from, To: to, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, h := range res.Hits {
			got = append(got, days[h.Citation.Paragraph-1])
		}
		for _, d := range days {
			day := parse(d)
			if (from.IsZero() || day.AddDate(0, 0, 1).After(from)) && (to.IsZero() || day.Before(to)) {
				want = append(want, d)
			}
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("[%s, %s): got %v\nwant %v", from.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
		}
	}
	check(time.Time{}, time.Time{})
	check(parse("2020-01-01"), parse("2021-01-01"))
	check(parse("2020-02-01"), parse("2020-03-01"))
	check(parse("2020-02-29"), parse("2020-03-01"))
	check(time.Time{}, parse("2020-01-01"))
	check(parse("2026-02-22"), time.Time{})
	check(parse("2020-03-01"), parse("2020-02-01"))                   // empty range
	check(parse("2026-02-21").Add(15*time.Hour), parse("2026-02-22")) // a range inside a day touches it
	// Random ranges, at day and month boundaries and in between.
	rng := rand.New(rand.NewPCG(1, 2))
	start := parse("1850-01-01")
	for range 300 {
		from := start.AddDate(0, 0, rng.IntN(200*366))
		to := from.AddDate(0, 0, rng.IntN(3*366))
		if rng.IntN(2) == 0 { // long: whole years inside
			to = from.AddDate(rng.IntN(150), rng.IntN(12), rng.IntN(31))
		}
		if rng.IntN(4) == 0 {
			from = time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		check(from, to)
	}
}
