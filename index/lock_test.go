package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// openWithin opens dir, failing the test if Open does not return within
// limit (it once waited forever for the other process).
func openWithin(t *testing.T, dir string, limit time.Duration) (*Index, error, time.Duration) {
	t.Helper()
	type result struct {
		ix  *Index
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		ix, err := Open(context.Background(), dir, nil)
		done <- result{ix, err}
	}()
	select {
	case r := <-done:
		return r.ix, r.err, time.Since(start)
	case <-time.After(limit):
		t.Fatalf("Open(%s) still waiting after %s", dir, limit)
		return nil, nil, 0
	}
}

func TestSecondOpenFailsAtOnceNamingTheHolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	first, err := Open(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err, took := openWithin(t, dir, 10*time.Second)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open: %v, want ErrInUse", err)
	}
	if took > time.Second {
		t.Errorf("second Open took %s to fail", took)
	}
	msg := err.Error()
	for _, want := range []string{dir, fmt.Sprintf("pid %d", os.Getpid()), "--index"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q: %s", want, msg)
		}
	}
	if err := Remove(dir); !errors.Is(err, ErrInUse) {
		t.Errorf("Remove of an index in use: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	// Once the first is closed, the index opens again.
	again, err, _ := openWithin(t, dir, 10*time.Second)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

// TestOpenGivesUpOnBleveLock: a process that holds Bleve's own lock without
// newsbot's lock file (an older newsbot) makes Open fail within seconds,
// and the index it holds is not taken for corrupt and deleted.
func TestOpenGivesUpOnBleveLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	other, err := bleve.Open(dir) // takes root.bolt's lock, not index.lock
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err, took := openWithin(t, dir, 30*time.Second)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("Open while Bleve's lock is held: %v, want ErrInUse", err)
	}
	t.Logf("gave up after %s", took.Round(10*time.Millisecond))
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		t.Errorf("the index held by another process was touched: %v", err)
	}
}
