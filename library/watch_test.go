package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

// watched copies the sample corpus to a temporary folder, opens a library
// on it and watches it until the test ends.
func watched(t *testing.T, opts WatchOptions) (*Library, string) {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(samples.Dir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(samples.Dir(), e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return watchedDir(t, dir, opts), dir
}

// watchedDir opens a library on the corpus in dir and watches it until the
// test ends (its logs are kept for a failure to show).
func watchedDir(t *testing.T, dir string, opts WatchOptions) *Library {
	t.Helper()
	return watchLogged(t, dir, &syncbuf.Buffer{}, opts)
}

// until asks question until check accepts the answer, and returns how long
// that took; it fails the test after limit.
func until(t *testing.T, l *Library, question string, limit time.Duration, check func(*newsbot.Answer) bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		ans, err := l.Answer(context.Background(), newsbot.Ask, question, 5)
		if err != nil {
			t.Fatalf("answering during an update: %v", err)
		}
		if check(ans) {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("%q: not answered as expected within %s: %+v", question, limit, ans.Passages)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func cites(ans *newsbot.Answer, article, text string) bool {
	for _, p := range ans.Passages {
		if p.Citation.Article == article && strings.Contains(p.Text, text) {
			return true
		}
	}
	return false
}

const zebraArticle = "Zebras escape from the city zoo\n\nSEOUL, South Korea - March 3rd, 2026 - Three zebras escaped from the city zoo on Tuesday and trotted through the business district before keepers caught them.\n\nThe zoo said a broken gate let the zebras out.\n"

func TestWatchAddChangeRemoveWithinASecond(t *testing.T) {
	l, dir := watched(t, WatchOptions{})
	path := filepath.Join(dir, "zebras.txt")

	start := time.Now()
	if err := os.WriteFile(path, []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, l, "How did the zebras escape from the zoo?", 2*time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "broken gate") })
	added := time.Since(start)

	start = time.Now()
	changed := strings.Replace(zebraArticle, "a broken gate", "a keeper's unlocked padlock", 1)
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, l, "How did the zebras escape from the zoo?", 2*time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "unlocked padlock") })
	updated := time.Since(start)

	start = time.Now()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	until(t, l, "How did the zebras escape from the zoo?", 2*time.Second, func(a *newsbot.Answer) bool {
		for _, p := range a.Passages {
			if p.Citation.Article == "zebras" {
				return false
			}
		}
		return true
	})
	removed := time.Since(start)
	t.Logf("time to answer: added %s, changed %s, removed %s", added.Round(time.Millisecond), updated.Round(time.Millisecond), removed.Round(time.Millisecond))
	for name, d := range map[string]time.Duration{"added": added, "changed": updated, "removed": removed} {
		if d > time.Second {
			t.Errorf("%s article answered after %s, want within 1 s", name, d)
		}
	}
}

func TestWatchNeverIndexesAHalfWrittenFile(t *testing.T) {
	l, dir := watched(t, WatchOptions{})
	f, err := os.Create(filepath.Join(dir, "zebras.txt"))
	if err != nil {
		t.Fatal(err)
	}
	half := len(zebraArticle) * 2 / 3
	if _, err := f.WriteString(zebraArticle[:half]); err != nil {
		t.Fatal(err)
	}
	// Ask while the writer pauses mid-file: the half article must not show.
	deadline := time.Now().Add(150 * time.Millisecond)
	for time.Now().Before(deadline) {
		ans, err := l.Answer(context.Background(), newsbot.Ask, "zebras escaped from the city zoo business district", 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ans.Passages {
			if p.Citation.Article == "zebras" {
				t.Fatalf("half-written file indexed: %q", p.Text)
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := f.WriteString(zebraArticle[half:]); err != nil {
		t.Fatal(err)
	}
	f.Close()
	until(t, l, "How did the zebras escape from the zoo?", 2*time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "broken gate") })
}

func TestWatchBatchesABurst(t *testing.T) {
	var mu sync.Mutex
	updates := 0
	l, dir := watched(t, WatchOptions{OnUpdate: func(_ index.SyncReport, catchUp bool) {
		if !catchUp {
			mu.Lock()
			updates++
			mu.Unlock()
		}
	}})
	sub := filepath.Join(dir, "wire", "2026")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		text := fmt.Sprintf("Harbour report number %d\n\nThe harbour master logged ship %d arriving with cargo code Q%05d.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	until(t, l, "cargo code Q00299", 5*time.Second, func(a *newsbot.Answer) bool {
		// Every hit names its article, even while the batch is applied.
		for _, p := range a.Passages {
			if p.Citation.Title == "" {
				t.Fatalf("passage without its article's title during an update: %+v", p.Citation)
			}
		}
		return cites(a, "wire/2026/r299", "Q00299")
	})
	deadline := time.Now().Add(5 * time.Second)
	for len(l.Articles()) != 302 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(l.Articles()); n != 302 {
		t.Errorf("%d articles indexed, want 302", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if updates > 10 {
		t.Errorf("300 files took %d index updates; a burst should be batched", updates)
	}
	t.Logf("300 files in a new subfolder: %d index updates", updates)
}

func TestRescanReadsEverythingAgain(t *testing.T) {
	rescan := make(chan struct{})
	l, dir := watched(t, WatchOptions{Rescan: rescan})
	path := filepath.Join(dir, "004_ad30c935bafc3323.txt")
	fi, _ := os.Stat(path)
	data, _ := os.ReadFile(path)
	// Same size, same time, other words: only a full re-scan sees it.
	changed := strings.Replace(string(data), "human scum", "human dust", 1)
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, fi.ModTime(), fi.ModTime())
	time.Sleep(400 * time.Millisecond) // the watcher sees the write, the cache keeps the old parse
	rescan <- struct{}{}
	until(t, l, "defectors human dust leaflets balloons drones", 2*time.Second, func(a *newsbot.Answer) bool {
		return cites(a, "004_ad30c935bafc3323", "human dust")
	})
}

// TestWatchRetriesAFailedUpdate makes an update fail (the corpus folder, a
// symbolic link, points nowhere for a moment) and checks that the change it
// carried is indexed anyway, with no further change to wake the watcher:
// a failed update is tried again.
func TestWatchRetriesAFailedUpdate(t *testing.T) {
	root := t.TempDir()
	real, link := filepath.Join(root, "articles"), filepath.Join(root, "corpus")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	l := watchedDir(t, link, WatchOptions{})

	relink := func(target string) {
		t.Helper()
		tmp := link + ".new"
		if err := os.Symlink(target, tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, link); err != nil {
			t.Fatal(err)
		}
	}
	relink(filepath.Join(root, "missing"))
	if err := os.WriteFile(filepath.Join(real, "zebras.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond) // the update runs, and fails
	relink(real)
	took := until(t, l, "How did the zebras escape from the zoo?", 5*time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "broken gate") })
	t.Logf("indexed %s after the corpus came back", took.Round(time.Millisecond))
}

// TestWatchTakesAFileStillSettlingAtStartUp writes an article just before
// the watcher starts: no event will ever name it, and the catch-up finds
// it too fresh to read (it may still be being written). The watcher must
// look at it again once it has settled, not leave it out until the next
// full re-scan.
func TestWatchTakesAFileStillSettlingAtStartUp(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("b%06d.txt", i)), []byte(revisionText(i, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// Written after the build and before the watcher watches: only the
	// catch-up can see it, and with a settle of a second it sees it fresh.
	if err := os.WriteFile(filepath.Join(dir, "b000003.txt"), []byte(revisionText(3, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Watch(ctx, WatchOptions{Settle: time.Second}) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch: %v", err)
		}
	}()
	start := time.Now()
	for len(l.Articles()) != 4 {
		if time.Since(start) > 15*time.Second {
			t.Fatalf("%d articles %s after the watcher started, want 4: a file settling at start-up was never read", len(l.Articles()), time.Since(start).Round(time.Millisecond))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the file settling at start-up was indexed %s after the watcher started", time.Since(start).Round(time.Millisecond))
}
