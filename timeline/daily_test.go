package timeline_test

import (
	"fmt"
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

// TestPeriodsDoNotRankTheirFirstDay: outlooks that look ahead to "March
// 2014" or to "2014" are not reports of 1 March or 1 January, so they do
// not crowd the days actually reported out of a short whole-corpus
// timeline: a plant closure reported by seven outlets on 10 March and a
// strike reported by three on 20 March are its two events.
func TestPeriodsDoNotRankTheirFirstDay(t *testing.T) {
	var articles []wire
	outlets := []string{"Reuters", "AP", "AFP", "Bloomberg", "Dow Jones", "BBC", "The Guardian"}
	for i, outlet := range outlets {
		articles = append(articles, wire{fmt.Sprintf("closure-%d", i), "Carmaker to close Detroit plant", "2014-03-10", outlet, []string{
			"DETROIT (" + outlet + ") - The carmaker said on Monday it would close its oldest Detroit assembly plant, cutting 2,400 jobs by the end of the year.",
			"The company blamed falling demand for large sedans.",
		}})
		if i < 3 {
			articles = append(articles, wire{fmt.Sprintf("strike-%d", i), "Dock workers strike in Rotterdam", "2014-03-20", outlet, []string{
				"ROTTERDAM (" + outlet + ") - Dock workers at Europe's largest port walked out on Thursday in a dispute over automation, halting container traffic.",
				"Union leaders said the strike would last at least two days.",
			}})
		}
	}
	for i := range 12 {
		pub := day("2014-02-01").AddDate(0, 0, 2*i)
		articles = append(articles, wire{fmt.Sprintf("retail-%d", i), "Retail sales seen rising", pub.Format(time.DateOnly), outlets[i%len(outlets)], []string{
			"LONDON - Retail sales are expected to rise in March 2014, as warmer weather brings shoppers back to the high street.",
		}})
	}
	for i := range 10 {
		pub := day("2013-12-01").AddDate(0, 0, 2*i)
		articles = append(articles, wire{fmt.Sprintf("outlook-%d", i), "Economy to grow faster", pub.Format(time.DateOnly), outlets[i%len(outlets)], []string{
			"WASHINGTON - The economy is forecast to grow faster in 2014, helped by a recovering housing market and lower energy prices.",
		}})
	}
	tl := build(t, samples.IndexDir(t, writeWire(t, articles)), timeline.Request{Limit: 2})
	_, closure := eventOn(tl, "2014-03-10")
	_, strike := eventOn(tl, "2014-03-20")
	if len(tl.Events) != 2 || !closure || !strike {
		t.Errorf("want the closure (10 March 2014) and the strike (20 March 2014):\n%s", dump(tl))
	}
}
