package library

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/syncbuf"
	"github.com/newsbot-dev/newsbot/internal/unreadable"
)

// watchLogged opens a library on dir, logging to logs, and watches it until
// the test ends; Watch must not return before.
func watchLogged(t *testing.T, dir string, logs *syncbuf.Buffer, opts WatchOptions) *Library {
	t.Helper()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	l, err := Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Watch(ctx, opts) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch: %v", err)
		}
		l.Close()
	})
	time.Sleep(50 * time.Millisecond) // let the watcher start
	select {
	case err := <-done:
		done <- err // for the cleanup
		t.Fatalf("the watcher stopped at once: %v\n%s", err, logs)
	default:
	}
	return l
}

func absent(article string) func(*newsbot.Answer) bool {
	return func(a *newsbot.Answer) bool {
		for _, p := range a.Passages {
			if p.Citation.Article == article {
				return false
			}
		}
		return true
	}
}

// TestWatchSurvivesFoldersMovedOutOrHidden moves folders out of the corpus
// and into a hidden folder while it is watched: that once ended serve and
// chat with a nil pointer.
func TestWatchSurvivesFoldersMovedOutOrHidden(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("zebras.txt", zebraArticle)
	write("wire/harbour.txt", "Harbour news\n\nThe harbour master logged the freighter Aurelia arriving with cargo code QX881.\n")
	write("desk/lighthouse.txt", "Lighthouse news\n\nThe lighthouse keeper reported the lamp Meridian dark for three nights.\n")
	var logs syncbuf.Buffer
	l := watchLogged(t, dir, &logs, WatchOptions{})
	until(t, l, "freighter Aurelia cargo code", 2*time.Second, func(a *newsbot.Answer) bool { return cites(a, "wire/harbour", "QX881") })

	if err := os.Rename(filepath.Join(dir, "wire"), filepath.Join(outside, "wire")); err != nil {
		t.Fatal(err)
	}
	until(t, l, "freighter Aurelia cargo code", 2*time.Second, absent("wire/harbour"))

	if err := os.Rename(filepath.Join(dir, "desk"), filepath.Join(dir, ".archive")); err != nil {
		t.Fatal(err)
	}
	until(t, l, "lighthouse lamp Meridian dark", 2*time.Second, absent("desk/lighthouse"))

	// The watcher goes on: a folder moved back in is read again.
	if err := os.Rename(filepath.Join(outside, "wire"), filepath.Join(dir, "wire")); err != nil {
		t.Fatal(err)
	}
	until(t, l, "freighter Aurelia cargo code", 2*time.Second, func(a *newsbot.Answer) bool { return cites(a, "wire/harbour", "QX881") })
	until(t, l, "How did the zebras escape from the zoo?", time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "broken gate") })
}

// TestWatchSkipsAnUnreadableFolder: one folder that cannot be read once
// turned live updates off for the whole corpus, and the SIGHUP the log
// suggested did nothing, as the watcher had stopped.
func TestWatchSkipsAnUnreadableFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "zebras.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	unreadable.Folder(t, dir, "locked")
	var logs syncbuf.Buffer
	rescan := make(chan struct{}) // unbuffered: a send goes through only if the watcher is listening
	l := watchLogged(t, dir, &logs, WatchOptions{Rescan: rescan})
	if !strings.Contains(logs.String(), "not watching a folder it cannot read") || !strings.Contains(logs.String(), "path=locked") {
		t.Errorf("the unreadable folder is not reported with its path:\n%s", logs.String())
	}

	// The rest is watched.
	sub := filepath.Join(dir, "wire")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "harbour.txt"), []byte("Harbour news\n\nThe harbour master logged the freighter Aurelia arriving with cargo code QX881.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, l, "freighter Aurelia cargo code", 2*time.Second, func(a *newsbot.Answer) bool { return cites(a, "wire/harbour", "QX881") })

	// A re-scan (SIGHUP, /reindex) still reaches the watcher.
	select {
	case rescan <- struct{}{}:
	case <-time.After(2 * time.Second):
		t.Fatal("the watcher no longer takes a re-scan")
	}
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(logs.String(), "re-scanning the whole corpus") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "re-scanning the whole corpus") {
		t.Error("no re-scan after the signal")
	}
}

func TestWatchIndexesAFileDatedInTheFuture(t *testing.T) {
	l, dir := watched(t, WatchOptions{})
	path := filepath.Join(dir, "zebras.txt")
	if err := os.WriteFile(path, []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	ahead := time.Now().Add(24 * time.Hour)
	if err := os.Chtimes(path, ahead, ahead); err != nil {
		t.Fatal(err)
	}
	took := until(t, l, "How did the zebras escape from the zoo?", 3*time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "broken gate") })
	t.Logf("a file dated a day ahead was indexed after %s", took.Round(time.Millisecond))
}

// TestStopDuringTheCatchUpIsQuiet stops the watcher while its start-up
// catch-up is still reading a large corpus: that is a shutdown, not an
// error, and once logged an ERROR.
func TestStopDuringTheCatchUpIsQuiet(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 3000; i++ {
		text := fmt.Sprintf("Harbour report number %d\n\nThe harbour master logged ship %d arriving with cargo code Q%05d on Tuesday.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var logs syncbuf.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	l, err := Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), Options{Logger: log, NoBuild: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Watch(ctx, WatchOptions{}) }()
	time.Sleep(30 * time.Millisecond) // inside the catch-up
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch: %v", err)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("stopping during the catch-up logged an error:\n%s", logs.String())
	}
}

// TestBuildReportsProgress: a first build of a large corpus once ran for
// minutes without a word.
func TestBuildReportsProgress(t *testing.T) {
	dir := t.TempDir()
	const n = 1500
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Harbour report number %d\n\nThe harbour master logged ship %d arriving with cargo code Q%05d on Tuesday.\n", i, i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var reports []BuildProgress
	l, err := Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), Options{ProgressEvery: 5 * time.Millisecond,
		Progress: func(p BuildProgress) { mu.Lock(); reports = append(reports, p); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(reports) < 2 {
		t.Fatalf("%d progress reports", len(reports))
	}
	last := reports[len(reports)-1]
	if !last.Done || last.Indexed != n || last.Total != n {
		t.Errorf("last report %+v, want done with %d of %d", last, n, n)
	}
	for _, p := range reports[:len(reports)-1] {
		if p.Done || p.Indexed > n || p.Total != 0 && p.Total != n {
			t.Errorf("report %+v", p)
		}
	}
	t.Logf("%d reports, the first %+v", len(reports), reports[0])

	// An update of an index that is not empty reports nothing.
	reports = nil
	mu.Unlock()
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(reports) != 0 {
		t.Errorf("an update reported progress: %+v", reports)
	}
}

// TestOverlongArticleIDIsSkipped indexes a corpus in which one JSON article
// names an ID of 100,000 characters, too long for a key of the index: it
// once failed the whole update ("key too large"), so that `index`, `ask` and
// `serve` could not start on the corpus. The article is reported and
// skipped, and the rest is indexed, then and when the watcher sees it come.
func TestOverlongArticleIDIsSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "zebras.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	long := fmt.Sprintf(`{"id":%q,"title":"Herons return","text":"The heron colony returned to the marsh in March."}`, strings.Repeat("x", 100_000))
	if err := os.WriteFile(filepath.Join(dir, "long.json"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs syncbuf.Buffer
	l := watchLogged(t, dir, &logs, WatchOptions{})
	ans, err := l.Answer(context.Background(), newsbot.Ask, "Why did the zebras escape?", 3)
	if err != nil || !cites(ans, "zebras", "broken gate") {
		t.Fatalf("the rest of the corpus is not answered: %v %+v", err, ans)
	}
	if !strings.Contains(logs.String(), "path=long.json") || !strings.Contains(logs.String(), "ID") {
		t.Errorf("the article with the long ID is not reported:\n%s", logs.String())
	}
	// The same arriving while the corpus is watched.
	if err := os.WriteFile(filepath.Join(dir, "long2.json"), []byte(strings.Replace(long, "xxx", "yyy", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	harbour := "Harbour news\n\nThe harbour master logged the freighter Aurelia arriving with cargo code QX881.\n"
	if err := os.WriteFile(filepath.Join(dir, "harbour.txt"), []byte(harbour), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, l, "freighter Aurelia cargo code", 3*time.Second, func(a *newsbot.Answer) bool { return cites(a, "harbour", "QX881") })
}

// TestRescansLogEachSkippedPathOnce: the start-up build, its catch-up,
// watcher updates and re-scans (SIGHUP, /reindex) log a skipped link,
// pipe and unreadable folder once each, the folder as a folder, where
// each re-scan logged them all again.
func TestRescansLogEachSkippedPathOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "zebras.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "zebras.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	unreadable.Folder(t, dir, "locked")
	var logs syncbuf.Buffer
	rescan := make(chan struct{})
	l := watchLogged(t, dir, &logs, WatchOptions{Rescan: rescan, Debounce: 20 * time.Millisecond})
	for i := 0; i < 3; i++ {
		select {
		case rescan <- struct{}{}:
		case <-time.After(2 * time.Second):
			t.Fatal("the watcher no longer takes a re-scan")
		}
		// A new article after each re-scan: once it is answered, the
		// re-scan before it is done.
		name := fmt.Sprintf("harbour%d.txt", i)
		code := fmt.Sprintf("QX88%d", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Harbour news\n\nThe harbour master logged the freighter Aurelia arriving with cargo code "+code+".\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		until(t, l, "freighter Aurelia cargo code "+code, 3*time.Second, func(a *newsbot.Answer) bool { return cites(a, strings.TrimSuffix(name, ".txt"), code) })
	}
	out := logs.String()
	count := func(want ...string) int {
		n := 0
		for _, line := range strings.Split(out, "\n") {
			all := true
			for _, w := range want {
				all = all && strings.Contains(line, w)
			}
			if all {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		what string
		want []string
	}{
		{"the link", []string{`msg="skipped article file"`, "path=link.txt"}},
		{"the pipe", []string{`msg="skipped article file"`, "path=pipe.txt"}},
		{"the folder", []string{`msg="skipped folder"`, "path=locked"}},
		{"the unwatched folder", []string{"not watching a folder it cannot read", "path=locked"}},
	} {
		if n := count(c.want...); n != 1 {
			t.Errorf("%s logged %d times, want once", c.what, n)
		}
	}
	if n := count(`msg="skipped article file"`, "path=locked"); n != 0 {
		t.Errorf("the folder is called an article file %d times", n)
	}
	if n := count("re-scanning the whole corpus"); n != 3 {
		t.Errorf("%d re-scans logged, want 3", n)
	}
}
