package timeline_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/scale"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/timeline"
)

// BenchmarkTimelineAtScale builds timelines over the 100,000-paragraph
// corpus that `newsbot eval scale` generates from SQuAD (written, with its
// index, under .newsbot/bench-timeline at the repository's root the first
// time, about half a minute, and reused after). "Super Bowl" has about
// 2,000 passages there; the target is under 300 ms. It reports the median
// and the slowest build, the CPU time a build takes on all cores (which a
// shared machine disturbs less), and the passages read.
//
//	go test -run '^$' -bench TimelineAtScale -benchtime 20x -benchmem ./timeline
func BenchmarkTimelineAtScale(b *testing.B) {
	s, err := eval.LoadSQuAD(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	_, file, _, _ := runtime.Caller(0)
	work := filepath.Join(filepath.Dir(file), "..", ".newsbot", "bench-timeline")
	corpus := filepath.Join(work, "corpus")
	if _, err := os.Stat(corpus); err != nil {
		if _, err := scale.Generate(corpus, s, 100000); err != nil {
			os.RemoveAll(corpus)
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	lib, err := library.Open(ctx, corpus, filepath.Join(work, "index"), library.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	lib.WaitCompaction()
	ix := lib.Index()
	if n := ix.Paragraphs(); n < 99000 {
		b.Fatalf("the corpus has %d paragraphs, want 100,000", n)
	}
	for _, bc := range []struct{ name, topic string }{
		{"topic=Super_Bowl", "Super Bowl"},
		{"topic=Warsaw", "Warsaw"},
		// A broad topic matches more paragraphs than a timeline reads: its
		// memory (B/op with -benchmem) is that of the 5,000 it keeps.
		{"topic=broad", "city year"},
		// A topic as long as /timeline takes (200 characters): every long
		// term's spellings are looked up; no paragraph holds half its
		// terms, so it has no events.
		{"topic=long", "Warsaw University professors protested against government education reforms, students marched through historic streets while parliament members discussed constitutional amendments yesterday"},
		{"no-topic", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var took []time.Duration
			passages := 0
			cpu := cpuTime()
			for b.Loop() {
				start := time.Now()
				tl, err := timeline.Build(ctx, ix, timeline.Request{Topic: bc.topic})
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				passages = tl.Passages
				if len(tl.Events) != timeline.DefaultLimit && bc.name != "topic=long" {
					b.Fatalf("%d events", len(tl.Events))
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			b.ReportMetric(float64(passages), "passages")
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
		})
	}
}
