package timeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/timeline"
)

const (
	wsb   = "000_7372d195acbf193c"
	gzero = "004_ad30c935bafc3323"
)

// TestNorthKoreaTimeline checks the samples' timeline against what the
// articles say: the 2018 dialogue and hotline, the lines reopened on 21
// February 2026, the talks the week after, then GZERO's undated events.
func TestNorthKoreaTimeline(t *testing.T) {
	tl, err := timeline.Build(context.Background(), samples.Index(t), timeline.Request{Topic: "North Korea"})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ value, words, article, contains string }{
		{"2018", "2018", wsb, "last meaningful dialogue occurred in 2018"},
		{"2018", "2018", gzero, "set up in 2018"},
		{"2026-02-21", "21 February 2026", wsb, "re-established direct communication channels"},
		{"2026-W09", "the week after 21 February 2026", wsb, "expected to take place next week"},
	}
	for _, w := range want {
		found := false
		for _, e := range tl.Events {
			if e.Value == w.value && e.Words == w.words && strings.Contains(e.Text, w.contains) && e.Citations[0].Article == w.article {
				found = true
			}
		}
		if !found {
			t.Errorf("no event %s %q citing %s", w.value, w.contains, w.article)
		}
	}
	for i := 1; i < len(tl.Events); i++ {
		if tl.Events[i].Begin.Before(tl.Events[i-1].Begin) {
			t.Errorf("event %d (%s) comes after a later one (%s)", i, tl.Events[i].Value, tl.Events[i-1].Value)
		}
	}
	var undated []string
	for _, u := range tl.Undated {
		if u.Citation.Article != gzero || !u.Citation.Published.IsZero() {
			t.Errorf("undated event from %s", u.Citation.Article)
		}
		undated = append(undated, u.Relative+": "+u.Text)
	}
	joined := strings.Join(undated, "\n")
	lastWeek := strings.Index(joined, "the week before publication (date unknown): Last week Pyongyang quit answering")
	yesterday := strings.Index(joined, "the day before publication (date unknown): Then, yesterday, North Korea quite literally blew up a building")
	if lastWeek < 0 || yesterday < 0 || lastWeek > yesterday {
		t.Errorf("undated events should hold last week's silence before yesterday's explosion:\n%s", joined)
	}
	all := joined
	for _, e := range tl.Events {
		all += "\n" + e.Text
	}
	for _, junk := range []string{"Macron", "Istanbul", "March 2025", "2025"} {
		if strings.Contains(all, junk) {
			t.Errorf("timeline quotes teaser junk %q", junk)
		}
	}
}

func TestTimelineRangeAndLimit(t *testing.T) {
	ix := samples.Index(t)
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tl, err := timeline.Build(context.Background(), ix, timeline.Request{Topic: "North Korea", From: from})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) == 0 {
		t.Fatal("no events from 2020 on")
	}
	for _, e := range tl.Events {
		if e.Begin.Before(from) {
			t.Errorf("event %s before --from 2020", e.Value)
		}
	}
	if len(tl.Undated) != 0 {
		t.Errorf("a date range keeps undated events: %+v", tl.Undated)
	}
	tl, err = timeline.Build(context.Background(), ix, timeline.Request{Topic: "North Korea", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tl.Events) + len(tl.Undated); n != 2 {
		t.Errorf("limit 2 gave %d events", n)
	}
	// Without a topic: every dated event.
	tl, err = timeline.Build(context.Background(), ix, timeline.Request{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) < 4 {
		t.Errorf("timeline of everything has %d events, want at least the 4 of the samples", len(tl.Events))
	}
	// A topic nothing mentions.
	tl, err = timeline.Build(context.Background(), ix, timeline.Request{Topic: "zebra husbandry"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events)+len(tl.Undated) != 0 {
		t.Errorf("unrelated topic gave %+v", tl)
	}
}

// TestLedeDatedByPublication: the lede of a dated article that names no
// date is dated by its publication date, and says so.
func TestLedeDatedByPublication(t *testing.T) {
	dir := t.TempDir()
	article := "---\ntitle: Acme recalls widgets\ndate: 2026-03-01\n---\n" +
		"Acme Corp recalled its widgets on safety grounds.\n\n" +
		"The widgets first went on sale in 2019, the company said.\n"
	if err := os.WriteFile(filepath.Join(dir, "acme.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	tl, err := timeline.Build(context.Background(), samples.IndexDir(t, dir), timeline.Request{Topic: "Acme widgets"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) != 2 {
		t.Fatalf("events = %+v, want the 2019 sale and the dated lede", tl.Events)
	}
	if e := tl.Events[0]; e.Value != "2019" || e.FromPublication {
		t.Errorf("first event = %+v, want 2019 from the text", e)
	}
	e := tl.Events[1]
	if e.Value != "2026-03-01" || !e.FromPublication || e.Words != "1 March 2026 (publication date)" ||
		e.Text != "Acme Corp recalled its widgets on safety grounds." {
		t.Errorf("lede event = %+v", e)
	}
}
