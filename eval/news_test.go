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

// meantimeNews loads the MEANTIME articles and the questions written from them.
func meantimeNews(t *testing.T) (*eval.NewsSet, error) {
	t.Helper()
	docs, err := eval.LoadMeantime(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		return nil, err
	}
	return eval.NewNewsSet(eval.MeantimeArticles(docs), eval.MeantimeQuestions())
}

// TestNewsRecall asks the questions written from the MEANTIME articles over
// those articles: news-like text, where the reranking's rules must do no harm.
func TestNewsRecall(t *testing.T) {
	set, err := meantimeNews(t)
	if err != nil {
		t.Fatal(err)
	}
	ix := samples.IndexArticles(t, set.Articles)
	rep, err := eval.RunSQuAD(context.Background(), answer.New(ix, answer.Config{}), set.Questions)
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	rep.WriteTable(&table)
	t.Logf("MEANTIME questions:\n%s", table.String())
	// Floors: the figures measured (README, "Reranking"), less a question.
	if rep.All.At1 < 0.57 || rep.All.At3 < 0.72 {
		t.Errorf("R@1 %.3f, R@3 %.3f: below 0.57 and 0.72", rep.All.At1, rep.All.At3)
	}
}
