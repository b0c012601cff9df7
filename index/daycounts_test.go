package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// TestDayCountsAreDaysNotPeriods: a month or a year mentioned ("in March
// 2011", "for 2011") is not a mention of its first day, so it does not
// rank 1 March or 1 January among the days of a whole-corpus timeline; a
// date search that reaches the period's first day still finds it.
func TestDayCountsAreDaysNotPeriods(t *testing.T) {
	ix, _ := openTemp(t)
	ctx := context.Background()
	pub := time.Date(2011, 2, 24, 0, 0, 0, 0, time.UTC)
	para := func(n int, text string) newsbot.Paragraph {
		return newsbot.Paragraph{N: n, Text: text, Dates: timex.Extract(text, pub)}
	}
	if _, err := ix.Sync(ctx, []newsbot.Article{
		{ID: "outlook", Title: "Retail outlook", Hash: "o", Published: pub, Paragraphs: []newsbot.Paragraph{
			para(1, "LONDON (Reuters) - Retail sales are expected to rise in March 2011, economists said on Thursday."),
			para(2, "Growth for 2011 was forecast at 1.7 percent."),
			para(3, "Shoppers are expected back next week."),
			para(4, "The new sales tax takes effect on March 1, 2011."),
		}},
	}); err != nil {
		t.Fatal(err)
	}
	days, err := ix.DayCounts(ctx, time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	want := map[time.Time]int{
		time.Date(2011, 2, 24, 0, 0, 0, 0, time.UTC): 1, // "on Thursday"
		time.Date(2011, 3, 1, 0, 0, 0, 0, time.UTC):  1, // "on March 1, 2011", not "in March 2011"
	}
	if fmt.Sprint(days) != fmt.Sprint(want) {
		t.Errorf("day counts %v, want %v: a week, month or year is no day", days, want)
	}
	for _, r := range []struct {
		from, to time.Time
		want     string
	}{
		{time.Date(2011, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 3, 2, 0, 0, 0, 0, time.UTC), "1 4"},
		{time.Date(2011, 2, 28, 0, 0, 0, 0, time.UTC), time.Date(2011, 3, 2, 0, 0, 0, 0, time.UTC), "1 3 4"}, // next week starts 28 February
		{time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 1, 2, 0, 0, 0, 0, time.UTC), "2"},
		{time.Date(2011, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2011, 3, 31, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(2011, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 4, 1, 0, 0, 0, 0, time.UTC), "1 4"},
	} {
		res, err := ix.Search(ctx, newsbot.SearchRequest{Dated: true, From: r.from, To: r.to, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, fmt.Sprint(h.Citation.Paragraph))
		}
		sort.Strings(got)
		if strings.Join(got, " ") != r.want {
			t.Errorf("[%s, %s): paragraphs %v, want %s", r.from.Format(time.DateOnly), r.to.Format(time.DateOnly), got, r.want)
		}
	}
}
