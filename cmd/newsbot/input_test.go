package main

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
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
	var stdout syncBuffer
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
