package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// BenchmarkBuild indexes every SQuAD dev paragraph into a new index and
// reports paragraphs per second.
func BenchmarkBuild(b *testing.B) {
	s, err := eval.LoadSQuAD(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	paragraphs := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "index")
		b.StartTimer()
		ix, err := Open(ctx, dir, nil)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := ix.Sync(ctx, s.Articles)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		paragraphs += rep.Paragraphs
	}
	b.ReportMetric(float64(paragraphs)/b.Elapsed().Seconds(), "paragraphs/s")
}
