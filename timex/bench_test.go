package timex_test

import (
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
	"github.com/newsbot-dev/newsbot/timex"
)

// BenchmarkExtract finds and resolves the time expressions of every SQuAD
// dev paragraph and reports the cost per paragraph.
func BenchmarkExtract(b *testing.B) {
	s, err := eval.LoadSQuAD(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, a := range s.Articles {
		for _, p := range a.Paragraphs {
			texts = append(texts, p.Text)
		}
	}
	ref := timex.Extract("February 21st, 2026", time.Time{})[0].Begin
	found := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			found += len(timex.Extract(t, ref))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(texts)), "µs/paragraph")
	b.ReportMetric(float64(found)/float64(b.N*len(texts)), "expressions/paragraph")
}
