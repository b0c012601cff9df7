package library

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

// TestCloseWaitsForTheBackgroundBuild closes a library while its index is
// still being built in the background: Close waits for the build rather
// than closing the index under it.
func TestCloseWaitsForTheBackgroundBuild(t *testing.T) {
	logs := &syncbuf.Buffer{}
	l, err := Open(context.Background(), "../corpus/articles", filepath.Join(t.TempDir(), "index"),
		Options{Background: true, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "level=ERROR") || !l.Ready() {
		t.Errorf("closed during its build: ready %v\n%s", l.Ready(), logs.String())
	}
}

// TestStopDuringBuildIsNoError stops (cancels the context of) a library
// being built and watched, as SIGTERM does: nothing is logged as an error,
// and Close returns once the build has stopped.
func TestStopDuringBuildIsNoError(t *testing.T) {
	logs := &syncbuf.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	l, err := Open(ctx, "../corpus/articles", filepath.Join(t.TempDir(), "index"),
		Options{Background: true, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := l.Watch(ctx, WatchOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a stop logged errors:\n%s", logs.String())
	}
}
