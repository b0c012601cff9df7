package timeline_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/timeline"
)

// marketReports are thirteen weeks of daily closing reports from two outlets,
// each day's written to the outlet's template, so that two days' reports
// differ only by their dates; one day's report is re-sent as an update.
func marketReports() []wire {
	var out []wire
	first := day("2014-03-03") // a Monday
	for i := range 89 {
		d := first.AddDate(0, 0, i)
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		when := d.Format("January 2")
		out = append(out,
			wire{"r-" + d.Format("0102"), "US STOCKS-Wall St closes higher", d.Format(time.DateOnly), "Reuters", []string{
				"NEW YORK (Reuters) - U.S. stocks closed higher on " + when + ", as investors weighed fresh data on factory orders, jobless claims and consumer spending, and technology shares led the broad market to a modest gain in thin trading.",
				"By Caroline Valetkevitch",
				"The Dow Jones industrial average rose 0.4 percent and the S&P 500 index gained 0.3 percent, led by technology shares.",
				"(Reporting by Caroline Valetkevitch; Editing by Nick Zieminski)",
			}},
			wire{"a-" + d.Format("0102"), "Stocks end higher on Wall Street", d.Format(time.DateOnly), "AP", []string{
				"NEW YORK (AP) - Stocks ended higher on Wall Street on " + when + ", as investors weighed fresh reports on factory orders, jobless claims and consumer spending, and technology companies led the market to a modest gain.",
				"Technology companies led the gains, and bond yields were little changed.",
			}})
		if d.Equal(day("2014-03-12")) {
			out = append(out, wire{"r-" + d.Format("0102") + "-update", "UPDATE 1-US STOCKS-Wall St closes higher", d.Format(time.DateOnly), "Reuters", []string{
				"NEW YORK (Reuters) - U.S. stocks closed higher on " + when + ", as investors weighed fresh data on factory orders, jobless claims and consumer spending, and technology shares led the broad market to a modest gain in thin trading.",
				"(Adds closing prices)",
			}})
		}
	}
	return out
}

// TestDailyReportsAreEachTheirDay: a whole-corpus timeline of daily
// reports written to one template tells every day, in that day's report:
// sentences that differ only by the day they state are two events, not
// one told twice; the same report re-sent is one event citing both
// copies.
func TestDailyReportsAreEachTheirDay(t *testing.T) {
	reports := marketReports()
	src := samples.IndexDir(t, writeWire(t, reports))
	days := 65 // weekdays from 3 March to 30 May 2014
	tl := build(t, src, timeline.Request{Limit: days})
	if len(tl.Events) != days {
		t.Fatalf("%d events, want one for each of the %d days reported:\n%s", len(tl.Events), days, dump(tl))
	}
	seen := map[string]bool{}
	for _, e := range tl.Events {
		if seen[e.Value] {
			t.Errorf("%s told twice", e.Value)
		}
		seen[e.Value] = true
		if want := e.Begin.Format("January 2"); !strings.Contains(e.Text, want+",") {
			t.Errorf("%s is told by %q, which does not state %s", e.Value, e.Text, want)
		}
		if e.Sources < 2 {
			t.Errorf("%s %q cites %d source(s), want both outlets' reports of the day", e.Value, e.Text, e.Sources)
		}
	}
	if e, ok := eventOn(tl, "2014-03-12"); !ok || !cites(e, "r-0312") || !cites(e, "r-0312-update") {
		t.Errorf("the re-sent report of 12 March is not one event citing both copies: %+v", e)
	}
	// With a topic, the same.
	tl = build(t, src, timeline.Request{Topic: "stocks", Limit: days})
	if len(tl.Events) != days {
		t.Errorf("topic %q: %d events, want %d:\n%s", "stocks", len(tl.Events), days, dump(tl))
	}
}

func cites(e timeline.Event, article string) bool {
	for _, c := range e.Citations {
		if strings.TrimSuffix(c.Article, ".md") == article {
			return true
		}
	}
	return false
}
