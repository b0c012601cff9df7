package library

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/timeline"
)

func TestOpenBuildsAndAnswers(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	l, err := Open(ctx, samples.Dir(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !l.Ready() || len(l.Articles()) != 2 {
		t.Fatalf("ready %v with %d articles, want a built index of 2", l.Ready(), len(l.Articles()))
	}
	ans, err := l.Answer(ctx, newsbot.Why, "Why did North Korea blow up the building?", 3)
	if err != nil || len(ans.Passages) == 0 {
		t.Fatalf("answer: %v, %v", ans, err)
	}
	tl, err := l.Timeline(ctx, timeline.Request{Topic: "North Korea"})
	if err != nil || len(tl.Events) == 0 {
		t.Fatalf("timeline: %v, %v", tl, err)
	}
	_, rep, err := l.Sync(ctx)
	if err != nil || rep.Unchanged != 2 || len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 {
		t.Fatalf("re-sync of an unchanged corpus: %+v, %v", rep, err)
	}
	l.Close()

	// Reopened: ready at once, nothing rebuilt.
	l, err = Open(ctx, samples.Dir(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.Ready() {
		t.Error("reopened index not ready")
	}
}

func TestBackgroundBuild(t *testing.T) {
	ctx := context.Background()
	l, err := Open(ctx, samples.Dir(), filepath.Join(t.TempDir(), "index"), Options{Background: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	deadline := time.Now().Add(10 * time.Second)
	for !l.Ready() {
		if _, err := l.Answer(ctx, newsbot.Ask, "North Korea", 1); !errors.Is(err, ErrNotReady) {
			t.Fatalf("answer before the index is built: %v, want ErrNotReady", err)
		}
		if time.Now().After(deadline) {
			t.Fatal("index not built within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := l.Answer(ctx, newsbot.Ask, "North Korea", 1); err != nil {
		t.Fatal(err)
	}
}

func TestNoBuild(t *testing.T) {
	l, err := Open(context.Background(), samples.Dir(), filepath.Join(t.TempDir(), "index"), Options{NoBuild: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.Ready() || len(l.Articles()) != 0 {
		t.Error("NoBuild built the index")
	}
}
