// Package scale measures newsbot on a large generated corpus: it writes
// one from the SQuAD paragraphs, builds its index in one process, then in
// another opens it as serve does (catching up with the corpus), updates one
// article, asks questions, and reports the times and the memory each
// process used.
package scale

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
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

// Memory is what the process holds, from Linux's /proc/self/smaps_rollup
// and /proc/self/status and from the Go runtime.
type Memory struct {
	// Resident is all the process's pages in memory; PeakResident the most
	// it has had (VmHWM).
	Resident, PeakResident int64
	// Own is its anonymous memory: the Go heap, stacks and the runtime's
	// own, which only the process can give back.
	Own int64
	// FileMapped is the resident pages of mapped files, almost all the
	// index's segments, which the system reclaims when it needs to.
	FileMapped int64
	// HeapInuse is the Go heap's spans in use (live and not yet collected).
	HeapInuse int64
}

// ReadMemory reads the process's memory now.
func ReadMemory() Memory {
	var m Memory
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.HeapInuse = int64(ms.HeapInuse)
	readKB := func(path string, fields map[string]*int64) {
		data, err := os.ReadFile(path)
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			if dst, ok := fields[f[0]]; ok {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				*dst = kb << 10
			}
		}
	}
	var anon, rss int64
	readKB("/proc/self/smaps_rollup", map[string]*int64{"Rss:": &rss, "Anonymous:": &anon})
	readKB("/proc/self/status", map[string]*int64{"VmRSS:": &m.Resident, "VmHWM:": &m.PeakResident})
	m.Own = anon
	m.FileMapped = rss - anon
	return m
}

// BuildResult is what the build process measures.
type BuildResult struct {
	Articles, Paragraphs int
	// Build is the time to read the corpus and build its index from
	// nothing; Compact the background merge after it.
	Build, Compact time.Duration
	// Memory at the end; its PeakResident is the build's peak.
	Memory Memory
}

// Build builds the index of the corpus in corpusDir into indexDir from
// nothing, as the first `newsbot serve` or `newsbot chat` does, and
// measures it. Run it in a process of its own: the peak it reports is the
// process's.
func Build(ctx context.Context, corpusDir, indexDir string) (*BuildResult, error) {
	if err := os.RemoveAll(indexDir); err != nil {
		return nil, err
	}
	r := &BuildResult{}
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
	r.Memory = ReadMemory()
	return r, nil
}

// ServeResult is what the serving process measures.
type ServeResult struct {
	// Open is the time to open the index and catch up with the corpus, as
	// serve's watcher does at start-up (every file read and compared).
	Open      time.Duration
	Updates   []time.Duration
	Questions int
	P50, P99  time.Duration
	// Memory after the questions, as the bot holds it while serving.
	Memory Memory
	// IndexBytes is the index's size on disk at the end, when the files
	// the build's compaction replaced are gone.
	IndexBytes int64
}

// UpdatedArticle is the file Serve updates, as an editor would.
const UpdatedArticle = "shard-000/b000123.txt"

// Serve opens the index built in indexDir as serve does, catches up with
// the corpus, updates one article five times as the watcher does, asks the
// questions, and measures it all. Run it in a process of its own, after
// Build.
func Serve(ctx context.Context, corpusDir, indexDir string, questions []string) (*ServeResult, error) {
	r := &ServeResult{}
	start := time.Now()
	lib, err := library.Open(ctx, corpusDir, indexDir, library.Options{NoBuild: true})
	if err != nil {
		return nil, err
	}
	defer lib.Close()
	if lib.Index().Articles() == 0 {
		return nil, fmt.Errorf("no index in %s: build it first", indexDir)
	}
	if _, _, err := lib.Refresh(ctx); err != nil { // the watcher's catch-up
		return nil, err
	}
	r.Open = time.Since(start)

	target := filepath.Join(corpusDir, filepath.FromSlash(UpdatedArticle))
	original, err := os.ReadFile(target)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(target, original, 0o644)
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

	lat := make([]time.Duration, 0, len(questions))
	for _, q := range questions {
		start := time.Now()
		if _, err := lib.Answer(ctx, answer.Intent(q), q, 3); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(start))
	}
	if len(lat) == 0 {
		return nil, fmt.Errorf("no questions")
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r.Questions = len(lat)
	r.P50 = lat[len(lat)/2]
	r.P99 = lat[int(0.99*float64(len(lat)-1))]
	r.Memory = ReadMemory()
	r.IndexBytes = dirSize(indexDir)
	return r, nil
}

// Questions are the first n questions of the SQuAD file at path.
func Questions(path string, n int) ([]string, error) {
	s, err := eval.LoadSQuAD(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, q := range s.Questions {
		if len(out) == n {
			break
		}
		out = append(out, strings.Clone(q.Question))
	}
	return out, nil
}

// Phase runs one phase of Run in a process of its own ("build" or
// "serve") and returns what it printed: the phase's result as JSON.
type Phase func(ctx context.Context, phase string) ([]byte, error)

// Config says what Run measures.
type Config struct {
	// Work is the folder of the generated corpus (kept for later runs)
	// and its index.
	Work       string
	SQuAD      string // the SQuAD v1.1 file the corpus and questions come from
	Paragraphs int
	Questions  int
	// Run runs a phase in a child process: the newsbot binary, which
	// calls Build or Serve and prints the result with WritePhase.
	Run Phase
	Log io.Writer
}

// CorpusDir and IndexDir are the folders below the work folder.
func (c Config) CorpusDir() string { return filepath.Join(c.Work, "corpus") }
func (c Config) IndexDir() string  { return filepath.Join(c.Work, "index") }

// WritePhase prints a phase's result for Run to read.
func WritePhase(w io.Writer, result any) error { return json.NewEncoder(w).Encode(result) }

// Report holds the scale figures.
type Report struct {
	Generate time.Duration // zero when the corpus was there already
	Build    BuildResult
	Serve    ServeResult
}

// Run generates the corpus when it is not there yet, then builds its
// index in one process and serves it in another, and reports both.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	r := &Report{}
	if _, err := os.Stat(cfg.CorpusDir()); err != nil {
		s, err := eval.LoadSQuAD(cfg.SQuAD)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(cfg.Log, "generating %d paragraphs in %s\n", cfg.Paragraphs, cfg.CorpusDir())
		start := time.Now()
		if _, err := Generate(cfg.CorpusDir(), s, cfg.Paragraphs); err != nil {
			return nil, fmt.Errorf("generating the corpus: %w", err)
		}
		r.Generate = time.Since(start)
	}
	fmt.Fprintln(cfg.Log, "building the index (a process of its own)")
	out, err := cfg.Run(ctx, "build")
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if err := json.Unmarshal(out, &r.Build); err != nil {
		return nil, fmt.Errorf("build: reading its result: %w", err)
	}
	fmt.Fprintln(cfg.Log, "serving: catching up, updating one article, asking questions (another process)")
	if out, err = cfg.Run(ctx, "serve"); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if err := json.Unmarshal(out, &r.Serve); err != nil {
		return nil, fmt.Errorf("serve: reading its result: %w", err)
	}
	return r, nil
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
	ups := append([]time.Duration(nil), r.Serve.Updates...)
	sort.Slice(ups, func(i, j int) bool { return ups[i] < ups[j] })
	if len(ups) == 0 {
		ups = []time.Duration{0}
	}
	mib := func(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
	b, s := r.Build, r.Serve
	_, err := fmt.Fprintf(w, `| measure | figure | target |
|---|---|---|
| corpus | %d articles, %d paragraphs | 100,000 paragraphs |
| full build (read, parse, dates, index) | %s (%.0f paragraphs/s), then %s compacting in the background | — |
| build: peak resident memory | %s (at the end: %s own, %s of index files mapped) | ≤ 400 MiB |
| opening the index and catching up with the corpus | %s | — |
| one-article update (re-scan, re-index) | median %s, max %s (5 runs) | < 200 ms |
| query (%d SQuAD questions, top 3) | p50 %s, p99 %s | p99 < 10 ms |
| serving: the process's own memory (Go heap and other anonymous memory) | %s (Go heap in use %s) | ≤ 250 MiB |
| serving: index pages mapped, reclaimable | %s (resident in all %s; peak %s) | — |
| index on disk | %s | — |
`, b.Articles, b.Paragraphs, b.Build.Round(time.Millisecond), float64(b.Paragraphs)/b.Build.Seconds(), b.Compact.Round(time.Millisecond),
		mib(b.Memory.PeakResident), mib(b.Memory.Own), mib(b.Memory.FileMapped),
		s.Open.Round(time.Millisecond),
		ups[len(ups)/2].Round(time.Millisecond), ups[len(ups)-1].Round(time.Millisecond),
		s.Questions, s.P50.Round(10*time.Microsecond), s.P99.Round(10*time.Microsecond),
		mib(s.Memory.Own), mib(s.Memory.HeapInuse), mib(s.Memory.FileMapped), mib(s.Memory.Resident), mib(s.Memory.PeakResident),
		mib(s.IndexBytes))
	return err
}
