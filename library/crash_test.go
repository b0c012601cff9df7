package library

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
)

// writeArticles writes n small articles, numbered from first, to dir.
func writeArticles(t *testing.T, dir string, first, n int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		text := fmt.Sprintf("Port bulletin %d\n\nThe port authority recorded vessel %d unloading container batch K%06d at berth %d.\n\nCustoms cleared batch K%06d the same afternoon.\n", i, i, i, i%40, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("b%06d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashChild is the child process of TestCrashMidUpdate: it syncs the
// corpus into the index and is killed while doing so.
func TestCrashChild(t *testing.T) {
	corpusDir, indexDir := os.Getenv("NEWSBOT_CRASH_CORPUS"), os.Getenv("NEWSBOT_CRASH_INDEX")
	if corpusDir == "" {
		t.Skip("only run as the child of TestCrashMidUpdate")
	}
	l, err := Open(context.Background(), corpusDir, indexDir, Options{NoBuild: true})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(3)
	}
	res, err := corpus.Load(context.Background(), corpusDir, corpus.Options{})
	if err != nil {
		fmt.Println("load failed:", err)
		os.Exit(3)
	}
	fmt.Println("syncing") // the index batches start now
	if _, err := l.Index().Sync(context.Background(), res.Articles); err != nil {
		fmt.Println("sync failed:", err)
		os.Exit(3)
	}
	fmt.Println("done")
	l.Close()
}

// TestCrashMidUpdate kills a process with SIGKILL while it writes a large
// update to the index, at several moments, and checks that the next start
// opens the index, answers from what was committed, and catches up.
func TestCrashMidUpdate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes; run without -short")
	}
	corpusDir := t.TempDir()
	indexDir := filepath.Join(t.TempDir(), "index")
	const before, added = 200, 3000
	writeArticles(t, corpusDir, 0, before)
	l, err := Open(context.Background(), corpusDir, indexDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Close()

	total, killedRounds := before, 0
	for round, delay := range []time.Duration{20 * time.Millisecond, 150 * time.Millisecond, 400 * time.Millisecond} {
		writeArticles(t, corpusDir, total, added) // new work for every round
		total += added
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
		cmd.Env = append(os.Environ(), "NEWSBOT_CRASH_CORPUS="+corpusDir, "NEWSBOT_CRASH_INDEX="+indexDir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		started := false
		for sc.Scan() {
			if strings.Contains(sc.Text(), "syncing") {
				started = true
				break
			}
		}
		if !started {
			cmd.Wait()
			t.Fatalf("round %d: child never started syncing", round)
		}
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		go func() {
			for sc.Scan() {
			}
		}()
		state, _ := cmd.Process.Wait()
		killed := state != nil && !state.Success()
		if killed {
			killedRounds++
		}

		// The next start opens the index and answers from what it holds.
		l, err := Open(context.Background(), corpusDir, indexDir, Options{NoBuild: true})
		if err != nil {
			t.Fatalf("round %d: index does not open after SIGKILL: %v", round, err)
		}
		n := len(l.Articles())
		if n < before {
			// Only a rebuild (an unreadable index) may lose what was there.
			t.Logf("round %d: index held %d articles after the kill (rebuilt)", round, n)
		}
		if n >= before {
			ans, err := l.Answer(context.Background(), newsbot.Ask, "container batch K000123", 3)
			if err != nil || len(ans.Passages) == 0 || ans.Passages[0].Citation.Article != "b000123" {
				t.Fatalf("round %d: answer after the kill: %+v, %v", round, ans, err)
			}
		}
		t.Logf("round %d: killed after %s (killed mid-update: %v); %d of %d articles committed", round, delay, killed, n, total)
		l.Close()
	}
	if killedRounds < 2 {
		t.Fatalf("only %d rounds were killed mid-update; the test proves nothing", killedRounds)
	}

	// And it catches up.
	l, err = Open(context.Background(), corpusDir, indexDir, Options{NoBuild: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, _, err := l.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(l.Articles()); n != total {
		t.Fatalf("after catching up: %d articles, want %d", n, total)
	}
	for _, id := range []int{5, before + 17, total - 1} {
		ans, err := l.Answer(context.Background(), newsbot.Ask, fmt.Sprintf("container batch K%06d", id), 3)
		if err != nil || len(ans.Passages) == 0 || ans.Passages[0].Citation.Article != fmt.Sprintf("b%06d", id) {
			t.Errorf("article %d after catching up: %+v, %v", id, ans, err)
		}
	}
}
