package answer_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// BenchmarkAnswer answers SQuAD dev questions, in turn, over the index of
// all 2,067 SQuAD dev paragraphs, and reports the p50 and p99 latency of one
// question (search and reranking, top 3).
func BenchmarkAnswer(b *testing.B) {
	ctx := context.Background()
	s, err := eval.LoadSQuAD(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	e := answer.New(samples.IndexArticles(b, s.Articles), answer.Config{})
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := s.Questions[i%len(s.Questions)]
		start := time.Now()
		if _, err := e.Answer(ctx, answer.Intent(q.Question), q.Question, 3); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) }
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}
