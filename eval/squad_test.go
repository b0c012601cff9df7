package eval_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

func TestLoadSQuAD(t *testing.T) {
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	paras := 0
	for _, a := range s.Articles {
		paras += len(a.Paragraphs)
	}
	if len(s.Articles) != 48 || paras != 2067 || len(s.Questions) != 10570 {
		t.Fatalf("got %d articles, %d paragraphs, %d questions; the data README says 48, 2067, 10570", len(s.Articles), paras, len(s.Questions))
	}
	when, why, routedElsewhere := 0, 0, 0
	for _, q := range s.Questions {
		switch answer.ByFirstWhWord(q.Question) {
		case "when":
			when++
			if answer.Intent(q.Question) != "when" {
				routedElsewhere++
			}
		case "why":
			why++
		}
	}
	if when != 713 || why != 155 {
		t.Errorf("first wh-word: %d when, %d why; the data README says 713 and 155", when, why)
	}
	// "When the law is a direct target, what is this called?" asks what.
	if routedElsewhere != 31 {
		t.Errorf("%d when-subset questions routed as another intent, want 31", routedElsewhere)
	}
}

func TestReadSQuADRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "{", `{"data": []}`, "[1,2]"} {
		if _, err := eval.ReadSQuAD(strings.NewReader(in)); err == nil {
			t.Errorf("ReadSQuAD(%q) accepted", in)
		}
	}
}

// TestSQuADRecall runs the whole evaluation through the answer engine and
// guards the figures reported in the README against regressions.
func TestSQuADRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("full SQuAD evaluation skipped in -short mode")
	}
	ctx := context.Background()
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	ix := samples.IndexArticles(t, s.Articles)
	rep, err := eval.RunSQuAD(ctx, answer.New(ix, answer.Config{}), s.Questions)
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Logf("SQuAD v1.1 dev:\n%s", table.String())
	// Floors: the measured figures less a small margin. Before the
	// abstention rule of issue 10 (a passage must hold 46% of the
	// question's weight and half its names, not 30%) they were all R@1
	// 0.816, R@3 0.915, when R@1 0.856: the rule gives "no passage" to
	// 2.6% of these questions, about indexed articles, and that costs
	// all R@1 0.804, R@3 0.896, when R@1 0.850 (606 of 713, a hair under
	// the old target of 0.85). See the README, "No answer". Causal
	// language no longer weighs in the reranking (it helped one half of
	// SQuAD and not the other, nor news): why R@1 0.858 -> 0.845.
	floors := []struct {
		name string
		got  float64
		min  float64
	}{
		{"all R@1", rep.All.At1, 0.80}, {"all R@3", rep.All.At3, 0.89},
		{"when R@1", rep.When.At1, 0.84}, {"why R@1", rep.Why.At1, 0.84},
	}
	for _, f := range floors {
		if f.got < f.min {
			t.Errorf("%s = %.3f, below %.3f", f.name, f.got, f.min)
		}
	}
}

// TestWhenDatesSQuAD: a when-answer leads with a date only when the date's
// sentence tells the event asked about. Checked against SQuAD's answers:
// before that rule, 611 of the 682 when-questions' answers led with a
// date, 209 of them not the answer; now 458 do, 98 of them not the answer
// (README, "/when dates").
func TestWhenDatesSQuAD(t *testing.T) {
	if testing.Short() {
		t.Skip("full SQuAD evaluation skipped in -short mode")
	}
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	half := map[string]int{}
	for i, a := range s.Articles {
		half[a.ID] = i % 2
	}
	rep, err := eval.RunWhenDates(context.Background(), answer.New(samples.IndexArticles(t, s.Articles), answer.Config{}), s.Questions,
		func(a string) int { return half[a] })
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	rep.WriteTable(&table)
	t.Logf("when-answers' dates:\n%s", table.String())
	if rep.Right < 350 || rep.Wrong() > 105 {
		t.Errorf("%d dates are the answer, %d are not: want at least 350 and at most 105 (measured 360 and 98)", rep.Right, rep.Wrong())
	}
}
