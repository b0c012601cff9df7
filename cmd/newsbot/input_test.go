package main

import (
	"context"
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
