package timex

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// A Reader reads an article's paragraphs as one text: what counts from a
// date named before ("two days later", "a year earlier", a clock time)
// counts from one named in an earlier paragraph when its own names none;
// what counts from a date in its sentence only ("a year ago") does not.
// Each paragraph's offsets count from its start.
func TestReaderCountsAcrossParagraphs(t *testing.T) {
	cases := []struct {
		pub        string
		paragraphs []string
		want       []string // per paragraph, "text=value" joined by " "
	}{
		{"2026-03-20", []string{
			"The protests began on March 2, 2026, in the capital.",
			"Two days later the parliament voted.",
			"The next day, the minister resigned.",
			"Talks are set for next week.",
		}, []string{"March 2, 2026=2026-03-02", "Two days later=2026-03-04", "The next day=2026-03-05", "next week=2026-W13"}},
		{"2019-03-12", []string{
			"Flight ET302 crashed on Sunday.",
			"It took off at 8:38 a.m. local time.",
		}, []string{"Sunday=2019-03-10", "8:38 a.m.=2019-03-10T08:38"}},
		{"2019-03-12", []string{
			"Tesla delivered 63,000 cars in the fourth quarter.",
			"That was up from 29,967 a year earlier.",
			"The credit freeze began a year ago.",
		}, []string{"the fourth quarter=2018-Q4", "a year earlier=2017-Q4", "a year ago=2018"}},
	}
	for _, c := range cases {
		pub, _ := time.Parse(time.DateOnly, c.pub)
		r := NewReader(pub)
		var got []string
		for _, p := range c.paragraphs {
			var s []string
			for _, e := range r.Extract(p) {
				if got := string([]rune(p)[e.Start:e.End]); got != e.Text {
					t.Errorf("%q at %d-%d reads %q in its paragraph", e.Text, e.Start, e.End, got)
				}
				s = append(s, e.Text+"="+e.Value)
			}
			got = append(got, fmt.Sprint(s))
		}
		var want []string
		for _, w := range c.want {
			want = append(want, fmt.Sprint([]string{w}))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", c.paragraphs, got, want)
		}
	}
}

// A Reader remembers a few dates, not the paragraphs it read: the last
// named at each precision.
func TestReaderRemembersFewDates(t *testing.T) {
	r := NewReader(time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC))
	for i := range 5000 {
		r.Extract(fmt.Sprintf("In 20%02d, in the 1990s, in the spring of 2019 and in the fourth quarter, and on March %d, 2025, at 10:%02d a.m.", i%30, i%28+1, i%60))
	}
	if n := len(r.before.dates); n > len(rank) {
		t.Errorf("remembers %d dates, want at most %d", n, len(rank))
	}
	if got := r.Extract("Two days later it rained."); len(got) != 1 || got[0].Value != fmt.Sprintf("2025-03-%02d", 4999%28+3) {
		t.Errorf("counted from the last day named: %+v", got)
	}
}
