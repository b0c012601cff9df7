package corpus

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
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

// BenchmarkFindDatesGiant reads the dates of a 4.9 MB article cut into
// 5,000 paragraphs of wire prose, each naming a day and counting from
// one ("the next day"), as one text (FindDates). It reports MB per
// second.
func BenchmarkFindDatesGiant(b *testing.B) {
	var a newsbot.Article
	a.Published = time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
	size := 0
	for i := 0; size < 4_900_000; i++ {
		var p strings.Builder
		for p.Len() < 1_000 {
			fmt.Fprintf(&p, "On March %d, 2025, the U.S. Senate met, filed late; the next day it adjourned until Tuesday. ", i%28+1)
		}
		a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i + 1, Text: p.String()})
		size += p.Len()
	}
	for b.Loop() {
		FindDates(&a)
	}
	b.ReportMetric(float64(size*b.N)/1e6/b.Elapsed().Seconds(), "MB/s")
}
