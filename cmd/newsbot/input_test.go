package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

// A command that stops (Ctrl-C) while its input still has lines must not
// leave the reading goroutine blocked for good on a line nobody takes.
func TestLineReaderEndsWhenTheCommandStops(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	lr := newLineReader(ctx, strings.NewReader(strings.Repeat("why did the port strike end\n", 100)))
	if l, ok, err := lr.next(ctx); !ok || err != nil || l.text != "why did the port strike end" {
		t.Fatalf("first line: %q %v %v", l.text, ok, err)
	}
	cancel()
	if _, ok, _ := lr.next(ctx); ok {
		t.Error("a line after the command stopped")
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left running after the command stopped (%d before):\n%s", n-before, before, buf[:runtime.Stack(buf, true)])
	}
}

// Every line, blank ones and the last one without a line end included,
// comes out in order when nothing stops the command.
func TestLineReaderReadsEveryLine(t *testing.T) {
	ctx := context.Background()
	lr := newLineReader(ctx, strings.NewReader("one\r\n\ntwo\nthree"))
	var got []string
	for {
		l, ok, err := lr.next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		got = append(got, l.text)
	}
	if strings.Join(got, "|") != "one||two|three" {
		t.Errorf("lines %q", got)
	}
}

// Ctrl-C in batch mode, with questions still to come, says the command was
// stopped, not Go's "context canceled"; the answers given stay on stdout.
func TestBatchModeStoppedBySignalSaysSo(t *testing.T) {
	c := newCLI(t)
	c.run("", "index") // built first, so that the signal falls on the reading
	ctx, cancel := context.WithCancel(context.Background())
	in, feed := io.Pipe() // held open: more questions may come
	defer feed.Close()
	var stdout syncbuf.Buffer
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"ask"}, in, &stdout, &stderr, func(k string) string {
			return map[string]string{"NEWSBOT_INDEX": c.index, "NEWSBOT_CORPUS": c.env["NEWSBOT_CORPUS"], "NEWSBOT_FEEDBACK": "off"}[k]
		})
	}()
	io.WriteString(feed, "Why did North Korea blow up the building?\n")
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stdout.String(), "ask: Why did North Korea") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	var code int
	select {
	case code = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("batch mode still running 5 s after the signal")
	}
	if code != exitError || strings.Contains(stderr.String(), "context canceled") || !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "ask: Why did North Korea") {
		t.Errorf("the answer given before the signal is lost:\n%s", stdout.String())
	}
}

// newsbot add reads what it is given only if it is a file of an article's
// size: a named pipe (which blocks until someone writes), a device such as
// /dev/zero (which never ends: it took 24 GB before the process was killed),
// a folder or a file over the corpus's limit is refused, at once, with the
// reason; the other files named are added.
func TestAddRefusesWhatIsNotAnArticleFile(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["NEWSBOT_CORPUS"] = filepath.Join(dir, "corpus")
	pipe := filepath.Join(dir, "news.fifo")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, append([]byte("Big\n\n"), bytes.Repeat([]byte("word "), corpus.DefaultMaxFileBytes/5+1)...), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "strike.txt")
	if err := os.WriteFile(good, []byte("Port strike ends\n\nDock workers ended the strike on Tuesday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, stdout, stderr := c.run("", "add", pipe, "/dev/zero", dir, big, good)
		done <- result{code, stdout, stderr}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		f, _ := os.OpenFile(pipe, os.O_WRONLY|os.O_APPEND, 0) // let a blocked read of the pipe end
		f.Close()
		t.Fatal("add still running after 10 s")
	}
	if r.code != exitError || !strings.Contains(r.stdout, "Port strike ends") || !strings.Contains(r.stderr, "4 of 5 files could not be added") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"news.fifo: a named pipe", "/dev/zero: a device", "a folder", "big.txt: file too large"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no %q in:\n%s", want, r.stderr)
		}
	}
}
