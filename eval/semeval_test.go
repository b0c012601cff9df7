package eval

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// TestSemEvalTimelines scores the dates of every target entity's timeline
// against the SemEval-2015 Task 4 gold timelines.
func TestSemEvalTimelines(t *testing.T) {
	corpora, err := LoadSemEval(shareddata.Path(t, "semeval2015-task4"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var r TimelineReport
	for _, c := range corpora {
		ix, err := index.Open(ctx, filepath.Join(t.TempDir(), "index"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Sync(ctx, c.Articles); err != nil {
			t.Fatal(err)
		}
		if err := RunSemEval(ctx, ix, c, &r); err != nil {
			t.Fatal(err)
		}
		ix.Close()
	}
	if r.Corpora != 3 || r.Entities != 38 || r.Gold != 297 {
		t.Fatalf("read %d corpora, %d entities, %d gold dates; want 3, 38, 297", r.Corpora, r.Entities, r.Gold)
	}
	t.Logf("date P %.3f R %.3f F1 %.3f, order %.3f of %d pairs", r.Precision, r.Recall, r.F1, r.OrderAccuracy, r.Pairs)
	// Floors a little under what was measured (F1 0.374, order 0.893).
	if r.F1 < 0.36 {
		t.Errorf("timeline date F1 %.3f, want at least 0.36", r.F1)
	}
	if r.Pairs < 500 || r.OrderAccuracy < 0.85 {
		t.Errorf("order: %d of %d pairs in gold order (%.3f), want at least 0.85 of 500 or more", r.Ordered, r.Pairs, r.OrderAccuracy)
	}
}

// TestSemEvalEventDates scores the values of the expressions found in the
// SemEval-2015 Task 4 sentences against the dates of the gold timelines'
// events (the Track A files hold no TIMEX3 but the publication date).
func TestSemEvalEventDates(t *testing.T) {
	corpora, err := LoadSemEval(shareddata.Path(t, "semeval2015-task4"))
	if err != nil {
		t.Fatal(err)
	}
	r := RunEventDates(corpora)
	if r.Events != 528 {
		t.Fatalf("read %d dated events, want 528", r.Events)
	}
	t.Logf("%d of %d dated events' sentences hold a resolved expression; %d agree (%.3f)", r.Scored, r.Events, r.Agree, r.Accuracy)
	if r.Scored < 190 || r.Accuracy < 0.60 {
		t.Errorf("%d scored, accuracy %.3f; want at least 190 and 0.60", r.Scored, r.Accuracy)
	}
}
