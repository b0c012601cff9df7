// Package scale measures newsbot on a large generated corpus: it writes
// one from the SQuAD paragraphs, builds its index, updates one article,
// asks questions, and reports the times and the memory used.
package scale

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/library"
)

// PerArticle is how many paragraphs each generated article has.
const PerArticle = 10

// Generate writes a corpus of about paragraphs paragraphs into dir, made
// from the SQuAD paragraphs: article i takes ten of them, each marked with
// the article's number so that no two are the same (answers would collapse
// repeats), the first behind a dateline. It returns the number
// of articles written.
func Generate(dir string, s *eval.SQuAD, paragraphs int) (int, error) {
	var pool []string
	var titles []string
	for _, a := range s.Articles {
		for _, p := range a.Paragraphs {
			pool = append(pool, p.Text)
			titles = append(titles, a.Title)
		}
	}
	if len(pool) == 0 {
		return 0, fmt.Errorf("no SQuAD paragraphs")
	}
	articles := (paragraphs + PerArticle - 1) / PerArticle
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < articles; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("shard-%03d", i/1000))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return i, err
		}
		var b strings.Builder
		first := (i * PerArticle * 7) % len(pool)
		fmt.Fprintf(&b, "Wire bulletin %d: %s\n\n", i, titles[first])
		day := start.AddDate(0, 0, i%2000)
		for j := 0; j < PerArticle; j++ {
			p := pool[(first+j*13)%len(pool)]
			if j == 0 {
				fmt.Fprintf(&b, "GENEVA - %s - ", day.Format("January 2, 2006"))
			}
			fmt.Fprintf(&b, "Bulletin %d.%d. %s\n\n", i, j, p)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("b%06d.txt", i)), []byte(b.String()), 0o644); err != nil {
			return i, err
		}
	}
	return articles, nil
}

// Report holds the scale figures.
type Report struct {
	Articles, Paragraphs int
	Generate, Build      time.Duration
	Compact              time.Duration // background merge after the build
	Updates              []time.Duration
	Questions            int
	P50, P99             time.Duration
	RSS, PeakRSS         int64 // bytes
	IndexBytes           int64
}

// Run generates the corpus in work (when it is not there yet), builds its
// index from nothing, updates one article five times, and asks questions.
func Run(ctx context.Context, work string, s *eval.SQuAD, paragraphs, questions int, log io.Writer) (*Report, error) {
	r := &Report{}
	corpusDir := filepath.Join(work, "corpus")
	indexDir := filepath.Join(work, "index")
	if err := os.RemoveAll(indexDir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(corpusDir); err != nil {
		fmt.Fprintf(log, "generating %d paragraphs in %s\n", paragraphs, corpusDir)
		start := time.Now()
		if _, err := Generate(corpusDir, s, paragraphs); err != nil {
			return nil, fmt.Errorf("generating the corpus: %w", err)
		}
		r.Generate = time.Since(start)
	}
	fmt.Fprintln(log, "building the index")
	start := time.Now()
	lib, err := library.Open(ctx, corpusDir, indexDir, library.Options{})
	if err != nil {
		return nil, err
	}
	defer lib.Close()
	r.Build = time.Since(start)
	start = time.Now()
	lib.WaitCompaction()
	r.Compact = time.Since(start)
	r.Articles = len(lib.Articles())
	r.Paragraphs = lib.Index().Paragraphs()

	fmt.Fprintln(log, "updating one article")
	target := filepath.Join(corpusDir, "shard-000", "b000123.txt")
	original, err := os.ReadFile(target)
	if err != nil {
		return nil, err
	}
	for k := 0; k < 5; k++ {
		text := string(original) + fmt.Sprintf("Correction %d: an earlier version of this bulletin misdated the meeting.\n", k)
		if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
			return nil, err
		}
		start := time.Now()
		_, rep, err := lib.Refresh(ctx, target) // as the watcher does
		if err != nil {
			return nil, err
		}
		if len(rep.Updated) != 1 {
			return nil, fmt.Errorf("update %d changed %v, want the one article", k, rep.Updated)
		}
		r.Updates = append(r.Updates, time.Since(start))
	}

	fmt.Fprintln(log, "asking questions")
	var lat []time.Duration
	for i, q := range s.Questions {
		if i == questions {
			break
		}
		start := time.Now()
		if _, err := lib.Answer(ctx, answer.Intent(q.Question), q.Question, 3); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r.Questions = len(lat)
	r.P50 = lat[len(lat)/2]
	r.P99 = lat[int(0.99*float64(len(lat)-1))]
	r.RSS, r.PeakRSS = memory()
	r.IndexBytes = dirSize(indexDir)
	return r, nil
}

// memory reads the process's resident and peak resident memory (Linux).
func memory() (rss, peak int64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// WriteTable prints the report as a Markdown table.
func (r *Report) WriteTable(w io.Writer) error {
	ups := append([]time.Duration(nil), r.Updates...)
	sort.Slice(ups, func(i, j int) bool { return ups[i] < ups[j] })
	mib := func(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
	_, err := fmt.Fprintf(w, `| measure | figure | target |
|---|---|---|
| corpus | %d articles, %d paragraphs | 100,000 paragraphs |
| full build (read, parse, dates, index) | %s (%.0f paragraphs/s), then %s compacting in the background | — |
| one-article update (re-scan, re-index) | median %s, max %s (5 runs) | < 200 ms |
| query (%d SQuAD questions, top 3) | p50 %s, p99 %s | p99 < 10 ms |
| memory | %s resident after the queries, %s peak | — |
| index on disk | %s | — |
`, r.Articles, r.Paragraphs, r.Build.Round(time.Millisecond), float64(r.Paragraphs)/r.Build.Seconds(), r.Compact.Round(time.Millisecond),
		ups[len(ups)/2].Round(time.Millisecond), ups[len(ups)-1].Round(time.Millisecond),
		r.Questions, r.P50.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), mib(r.RSS), mib(r.PeakRSS), mib(r.IndexBytes))
	return err
}
