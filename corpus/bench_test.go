package corpus

import (
	"context"
	"testing"
)

// BenchmarkLoadSQuAD reads the 2,067 SQuAD paragraphs as 48 article files,
// from nothing (no cache): parsing, cleaning, dates and the decisions
// across articles. It reports paragraphs per second.
func BenchmarkLoadSQuAD(b *testing.B) {
	dir, _ := squadFiles(b)
	paragraphs := 0
	for b.Loop() {
		res, err := Load(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		paragraphs = res.Paragraphs()
	}
	b.ReportMetric(float64(paragraphs*b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
