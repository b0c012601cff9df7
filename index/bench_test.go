package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// BenchmarkBuild indexes every SQuAD dev paragraph into a new index and
// reports paragraphs per second: with dates off (no time expressions), and
// on (each paragraph's expressions found inside the timed loop, then
// indexed).
func BenchmarkBuild(b *testing.B) {
	s, err := eval.LoadSQuAD(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	for _, dates := range []bool{false, true} {
		name := "dates=off"
		if dates {
			name = "dates=on"
		}
		b.Run(name, func(b *testing.B) { benchmarkBuild(b, s.Articles, dates) })
	}
}

func benchmarkBuild(b *testing.B, articles []newsbot.Article, dates bool) {
	plain := make([]newsbot.Article, len(articles))
	for i, a := range articles {
		a.Paragraphs = append([]newsbot.Paragraph(nil), a.Paragraphs...)
		for j := range a.Paragraphs {
			a.Paragraphs[j].Dates = nil
		}
		plain[i] = a
	}
	ctx := context.Background()
	paragraphs := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "index")
		work := plain
		if dates {
			work = make([]newsbot.Article, len(plain))
			for k, a := range plain {
				a.Paragraphs = append([]newsbot.Paragraph(nil), a.Paragraphs...)
				work[k] = a
			}
		}
		b.StartTimer()
		if dates {
			corpus.FindDatesAll(work) // as corpus.Load does: on every core
		}
		ix, err := Open(ctx, dir, nil)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := ix.Sync(ctx, work)
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
