package index

import (
	"context"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

func gatherCorpus(t *testing.T) *Index {
	t.Helper()
	pub := time.Date(2011, 10, 21, 0, 0, 0, 0, time.UTC)
	para := func(n int, text string) newsbot.Paragraph {
		return newsbot.Paragraph{N: n, Text: text, Dates: timex.Extract(text, pub)}
	}
	arts := []newsbot.Article{
		{ID: "a", Title: "Gaddafi killed", Hash: "a", Published: pub, Paragraphs: []newsbot.Paragraph{
			para(1, "Muammar Gaddafi was killed in Sirte on Thursday."),
			para(2, "Fighters celebrated in the streets of Sirte."),
		}},
		{ID: "b", Title: "Qaddafi dies", Hash: "b", Published: pub, Paragraphs: []newsbot.Paragraph{
			para(1, "Col. Muammar el-Qaddafi died in Surt, officials said on Oct. 20, 2011."),
		}},
		{ID: "c", Title: "Rates", Hash: "c", Paragraphs: []newsbot.Paragraph{
			para(1, "The central bank held rates in March 2011."),
		}},
	}
	ix, _ := openTemp(t)
	if _, err := ix.Sync(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestGatherReturnsEveryMatch: clauses with groups of alternatives and a
// minimum, days and named paragraphs each select; hits carry text, dates,
// citation and the terms they hold.
func TestGatherReturnsEveryMatch(t *testing.T) {
	ix := gatherCorpus(t)
	ctx := context.Background()
	ids := func(hits []newsbot.Hit) map[string]bool {
		out := map[string]bool{}
		for _, h := range hits {
			out[docID(h.Citation.Article, h.Citation.Paragraph)] = true
		}
		return out
	}
	hits, err := ix.Gather(ctx, newsbot.GatherRequest{Clauses: []newsbot.TermClause{{Groups: [][]string{{"gaddafi", "qaddafi"}, {"sirt", "surt"}}, Min: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(hits); len(got) != 2 || !got["a#1"] || !got["b#1"] {
		t.Errorf("both spellings, both towns: %v", got)
	}
	for _, h := range hits {
		if h.Citation.Title == "" || !h.Citation.Published.Equal(time.Date(2011, 10, 21, 0, 0, 0, 0, time.UTC)) || len(h.Dates) == 0 || len(h.Matches) < 2 {
			t.Errorf("hit %+v lacks its citation, dates or matches", h)
		}
	}
	hits, err = ix.Gather(ctx, newsbot.GatherRequest{
		Days:       []time.Time{time.Date(2011, 10, 20, 0, 0, 0, 0, time.UTC)},
		Paragraphs: []newsbot.ParagraphRef{{Article: "c", N: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(hits); len(got) != 3 || !got["a#1"] || !got["b#1"] || !got["c#1"] {
		t.Errorf("the day's paragraphs and c#1: %v", got)
	}
	hits, err = ix.Gather(ctx, newsbot.GatherRequest{Clauses: []newsbot.TermClause{{Groups: [][]string{{"sirt"}}, Min: 1}}, Max: 1})
	if err != nil || len(hits) != 1 {
		t.Errorf("Max 1 gave %d hits, %v", len(hits), err)
	}
}

func TestTermVariantsAndCounts(t *testing.T) {
	ix := gatherCorpus(t)
	ctx := context.Background()
	v, err := ix.TermVariants(ctx, "gaddafi", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 1 || v[0] != (newsbot.TermCount{Term: "qaddafi", Count: 1}) {
		t.Errorf("variants of gaddafi = %v", v)
	}
	docs, dfs, err := ix.DocFreqs(ctx, []string{"sirt", "zebra"})
	if err != nil || docs != 4 || dfs[0] != 2 || dfs[1] != 0 {
		t.Errorf("DocFreqs = %d %v %v", docs, dfs, err)
	}
	days, err := ix.DayCounts(ctx, time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if n := days[time.Date(2011, 10, 20, 0, 0, 0, 0, time.UTC)]; n != 2 {
		t.Errorf("20 October 2011 counted %d, want 2 (days %v)", n, days)
	}
}

// TestDayCountsLeaveOutRemovedParagraphs: the paragraphs of articles
// removed (or changed: a wire story re-sent with updates) no longer count
// for their days, before the index's segments are merged.
func TestDayCountsLeaveOutRemovedParagraphs(t *testing.T) {
	ix := gatherCorpus(t)
	ctx := context.Background()
	pub := time.Date(2011, 10, 21, 0, 0, 0, 0, time.UTC)
	para := func(n int, text string) newsbot.Paragraph {
		return newsbot.Paragraph{N: n, Text: text, Dates: timex.Extract(text, pub)}
	}
	// a is changed, b removed, c kept.
	if _, err := ix.Sync(ctx, []newsbot.Article{
		{ID: "a", Title: "Gaddafi killed", Hash: "a2", Published: pub, Paragraphs: []newsbot.Paragraph{para(1, "Muammar Gaddafi was killed in Sirte on Thursday, officials said.")}},
		{ID: "c", Title: "Rates", Hash: "c", Paragraphs: []newsbot.Paragraph{para(1, "The central bank held rates in March 2011.")}},
	}); err != nil {
		t.Fatal(err)
	}
	days, err := ix.DayCounts(ctx, time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if n := days[time.Date(2011, 10, 20, 0, 0, 0, 0, time.UTC)]; n != 1 {
		t.Errorf("20 October 2011 counted %d, want 1: the changed article's new paragraph (days %v)", n, days)
	}
}
