package library

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

// revisionText is article i at revision rev: the revision is in the title
// and in every paragraph, so an answer that mixes two versions shows.
func revisionText(i, rev int) string {
	return fmt.Sprintf("Port bulletin %d (rev %d)\n\nThe port authority recorded vessel %d unloading container batch K%06d at berth %d, revision R%d.\n\nCustoms cleared batch K%06d the same afternoon, revision R%d.\n", i, rev, i, i, i%40, rev, i, rev)
}

var (
	revInText  = regexp.MustCompile(`revision R(\d+)`)
	revInTitle = regexp.MustCompile(`\(rev (\d+)\)`)
)

// TestLoadWhileAdding has 20 askers question the library without pause for
// 30 seconds while 500 articles are added and 100 rewritten in the watched
// folder. No question may fail, and no answer may mix two versions of an
// article (text of one, title of another, or paragraphs of both).
func TestLoadWhileAdding(t *testing.T) {
	if testing.Short() {
		t.Skip("a 30-second load test; run without -short")
	}
	const (
		askers   = 20
		duration = 30 * time.Second
		adds     = 500
		rewrites = 100
		initial  = 100
	)
	dir := t.TempDir()
	for i := 0; i < initial; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("b%06d.txt", i)), []byte(revisionText(i, 1)), 0o644)
	}
	// Warnings and errors (a failed update) go to the test's log, so a
	// failure shows what the watcher saw.
	logger := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	l, err := Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watchDone := make(chan error, 1)
	go func() { watchDone <- l.Watch(ctx, WatchOptions{}) }()

	var (
		mu       sync.Mutex
		lat      []time.Duration
		failures []string
		asked    atomic.Int64
		mixed    atomic.Int64
	)
	fail := func(s string) {
		mu.Lock()
		if len(failures) < 10 {
			failures = append(failures, s)
		}
		mu.Unlock()
	}
	stop := time.Now().Add(duration)
	var wg sync.WaitGroup
	for a := 0; a < askers; a++ {
		wg.Add(1)
		go func(a int) {
			defer wg.Done()
			var mine []time.Duration
			for n := 0; time.Now().Before(stop); n++ {
				i := (a*7919 + n*31) % (initial + adds)
				q := fmt.Sprintf("container batch K%06d customs cleared", i)
				start := time.Now()
				ans, err := l.Answer(context.Background(), newsbot.Ask, q, 5)
				mine = append(mine, time.Since(start))
				asked.Add(1)
				if err != nil {
					fail(fmt.Sprintf("%q: %v", q, err))
					continue
				}
				revs := map[string]string{}
				for _, p := range ans.Passages {
					m := revInText.FindStringSubmatch(p.Text)
					tm := revInTitle.FindStringSubmatch(p.Citation.Title)
					if m == nil || tm == nil || m[1] != tm[1] {
						mixed.Add(1)
						fail(fmt.Sprintf("%q: passage of %s rev %v titled %q", q, p.Citation.Article, m, p.Citation.Title))
						continue
					}
					if r, ok := revs[p.Citation.Article]; ok && r != m[1] {
						mixed.Add(1)
						fail(fmt.Sprintf("%q: %s quoted at revisions %s and %s", q, p.Citation.Article, r, m[1]))
					}
					revs[p.Citation.Article] = m[1]
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(a)
	}
	// The news arrives: 500 new articles and 100 rewrites, spread over the
	// first two thirds of the run.
	writes := 0
	tick := time.NewTicker(duration * 2 / 3 / (adds + rewrites))
	for i := 0; i < adds+rewrites; i++ {
		<-tick.C
		var name, text string
		if i%6 == 5 { // every sixth write rewrites an older article
			k := (i * 37) % initial
			name, text = fmt.Sprintf("b%06d.txt", k), revisionText(k, 2+i)
		} else {
			k := initial + i - i/6
			name, text = fmt.Sprintf("b%06d.txt", k), revisionText(k, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		writes++
	}
	tick.Stop()
	wg.Wait()
	// Everything written reaches the index. The last file was written ten
	// seconds ago, and an update takes well under a second, so it is
	// there already; the bound is generous so that a slow, shared machine
	// is not taken for a lost article, and the wait is reported.
	waited := time.Now()
	for len(l.Articles()) != initial+adds && time.Since(waited) < time.Minute {
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("%d of %d articles indexed %s after the askers stopped", len(l.Articles()), initial+adds, time.Since(waited).Round(time.Millisecond))
	cancel()
	if err := <-watchDone; err != nil {
		t.Fatal(err)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	t.Logf("%d questions from %d askers in %s while %d files were written: p50 %s, p99 %s, max %s; %d errors or mixed answers",
		asked.Load(), askers, duration, writes, pct(0.5).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), lat[len(lat)-1].Round(time.Millisecond), len(failures))
	for _, f := range failures {
		t.Error(f)
	}
	if mixed.Load() > 0 {
		t.Errorf("%d mixed answers", mixed.Load())
	}
	if n := len(l.Articles()); n != initial+adds {
		t.Errorf("%d articles at the end, want %d; missing: %s", n, initial+adds, missingArticles(l, dir, initial+adds))
	}
}

// missingArticles lists (up to ten of) the articles b000000 to b<n-1> that
// the library does not hold, with the times their files were written.
func missingArticles(l *Library, dir string, n int) string {
	have := map[string]bool{}
	for _, a := range l.Articles() {
		have[a.ID] = true
	}
	var out []string
	for k := 0; k < n && len(out) < 10; k++ {
		id := fmt.Sprintf("b%06d", k)
		if have[id] {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, id+".txt")); err == nil {
			id += fmt.Sprintf(" (%d bytes, written %s ago)", fi.Size(), time.Since(fi.ModTime()).Round(time.Millisecond))
		}
		out = append(out, id)
	}
	return strings.Join(out, ", ")
}

// testLog writes log lines to a test's log.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}
