package eval_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// TestFollowUpRecall runs the follow-up evaluation and guards the README's
// figures: a follow-up resolved in its conversation is found about as often
// as the question it was made from, and far more often than alone.
func TestFollowUpRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("SQuAD follow-up evaluation skipped in -short mode")
	}
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	ix := samples.IndexArticles(t, s.Articles)
	rep, err := eval.RunFollowUp(context.Background(), answer.New(ix, answer.Config{}), s.Questions)
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Logf("follow-ups made from SQuAD v1.1 dev:\n%s", table.String())
	if rep.Rewritten < 700 {
		t.Errorf("%d questions rewritten, want at least 700", rep.Rewritten)
	}
	if rep.WithContext.At1 < 0.74 || rep.WithContext.At1 < rep.Original.At1-0.02 {
		t.Errorf("R@1 in context %.3f (original %.3f): below 0.74 or 0.02 under the original", rep.WithContext.At1, rep.Original.At1)
	}
	if rep.WithContext.At1 < rep.Alone.At1+0.15 {
		t.Errorf("R@1 in context %.3f does not beat alone (%.3f) by 0.15", rep.WithContext.At1, rep.Alone.At1)
	}
}
