package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/index"
)

// publishing starts a watched writer on a copy of the sample corpus that
// publishes snapshots into a new folder, until the test ends.
func publishing(t *testing.T) (writer *Library, corpusDir, snapshots string) {
	t.Helper()
	writer, corpusDir = watched(t, WatchOptions{})
	snapshots = filepath.Join(t.TempDir(), "snapshots")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- writer.Publish(ctx, PublishOptions{Dir: snapshots, Keep: 3, MinInterval: 100 * time.Millisecond})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("publish: %v", err)
		}
	})
	return writer, corpusDir, snapshots
}

// following opens a replica of the snapshots in dir and follows them until
// the test ends.
func following(t *testing.T, dir string, poll time.Duration) *Library {
	t.Helper()
	r, err := OpenReplica(context.Background(), dir, ReplicaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Follow(ctx, FollowOptions{Poll: poll}) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("follow: %v", err)
		}
		if err := r.Close(); err != nil {
			t.Errorf("closing the replica: %v", err)
		}
	})
	return r
}

func waitReady(t *testing.T, l *Library, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !l.Status().Ready {
		if time.Now().After(deadline) {
			t.Fatalf("not ready within %s: %+v", limit, l.Status())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestReplicasFollowTheWriter adds, changes and removes articles at a
// writer while askers question two replicas without pause: each change
// reaches both replicas, every question is answered (none fails while
// snapshots are swapped), and each swapped-out snapshot is closed.
func TestReplicasFollowTheWriter(t *testing.T) {
	writer, corpusDir, snapshots := publishing(t)
	replicas := []*Library{following(t, snapshots, 50*time.Millisecond), following(t, snapshots, 50*time.Millisecond)}
	for _, r := range replicas {
		waitReady(t, r, 10*time.Second)
		if st := r.Status(); st.Role != "replica" || st.Articles != 2 || st.Snapshot == "" {
			t.Fatalf("replica status: %+v", st)
		}
	}

	ctx, stop := context.WithCancel(context.Background())
	var asked, failed atomic.Int64
	var wg sync.WaitGroup
	for _, r := range replicas {
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					if _, err := r.Answer(context.Background(), newsbot.Why, "Why did North Korea blow up the building?", 3); err != nil {
						failed.Add(1)
						t.Errorf("a question failed on a replica: %v", err)
						return
					}
					asked.Add(1)
				}
			}()
		}
	}

	for n := range 5 {
		body := strings.Replace(zebraArticle, "a broken gate", fmt.Sprintf("broken gate number %d", n), 1)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(corpusDir, "zebras.txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		for k, r := range replicas {
			took := until(t, r, "How did the zebras escape from the zoo?", 10*time.Second, func(a *newsbot.Answer) bool {
				return cites(a, "zebras", fmt.Sprintf("broken gate number %d", n))
			})
			if k == 1 {
				t.Logf("change %d answered by both replicas %s after it was written (replica 2 looked %s after replica 1)", n, time.Since(start).Round(time.Millisecond), took.Round(time.Millisecond))
			}
		}
	}
	if err := os.Remove(filepath.Join(corpusDir, "zebras.txt")); err != nil {
		t.Fatal(err)
	}
	for _, r := range replicas {
		until(t, r, "How did the zebras escape from the zoo?", 10*time.Second, func(a *newsbot.Answer) bool { return !cites(a, "zebras", "gate") })
	}
	stop()
	wg.Wait()
	if failed.Load() > 0 || asked.Load() < 100 {
		t.Errorf("%d questions asked, %d failed", asked.Load(), failed.Load())
	}
	for k, r := range replicas {
		st := r.Status()
		if st.SnapshotSwaps < 6 || !st.Ready || len(st.Problems) > 0 || st.Articles != 2 {
			t.Errorf("replica %d: %+v", k, st)
		}
		r.bg.Wait()
		if g := r.cur.Load(); g == nil || g.closed {
			t.Errorf("replica %d serves a closed snapshot", k)
		}
		if _, _, err := r.Sync(context.Background()); !errors.Is(err, index.ErrReadOnly) {
			t.Errorf("replica %d Sync: %v, want ErrReadOnly", k, err)
		}
	}
	if ws := writer.Status(); ws.Role != "writer" || ws.SnapshotsPublished < 7 || !ws.Ready {
		t.Errorf("writer status: %+v", ws)
	}
	snaps, err := index.Snapshots(snapshots)
	if err != nil || len(snaps) != 3 {
		t.Errorf("%d snapshots kept (%v), want 3", len(snaps), err)
	}
	t.Logf("%d questions asked of the replicas while snapshots were swapped, none failed", asked.Load())
}

// TestReplicaOutlivesItsSnapshotFolder takes the shared folder away: the
// replica keeps answering from the snapshot it has, and its status says
// so; when the folder comes back, it catches up.
func TestReplicaOutlivesItsSnapshotFolder(t *testing.T) {
	_, corpusDir, snapshots := publishing(t)
	r := following(t, snapshots, 20*time.Millisecond)
	waitReady(t, r, 10*time.Second)

	away := snapshots + ".away"
	if err := os.Rename(snapshots, away); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(r.Status().Problems) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no problem reported with the snapshot folder gone")
		}
		time.Sleep(10 * time.Millisecond)
	}
	st := r.Status()
	if !st.Ready || st.BehindSince.IsZero() || !strings.Contains(st.Problems[0], "is unreachable (answering from snapshot-") || st.UpdateErrors != 1 {
		t.Errorf("status with the folder gone: %+v", st)
	}
	ans, err := r.Answer(context.Background(), newsbot.Why, "Why did North Korea blow up the building?", 3)
	if err != nil || len(ans.Passages) == 0 {
		t.Fatalf("answer with the folder gone: %v", err)
	}

	// The writer publishes into its folder again (it makes it anew), and
	// the replica catches up with what changed meanwhile.
	if err := os.RemoveAll(away); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpusDir, "zebras.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, r, "How did the zebras escape from the zoo?", 10*time.Second, func(a *newsbot.Answer) bool { return cites(a, "zebras", "broken gate") })
	if st := r.Status(); len(st.Problems) > 0 || !st.BehindSince.IsZero() {
		t.Errorf("status after the folder came back: %+v", st)
	}
}

// TestReplicaWaitsForItsFirstSnapshot starts a replica before its writer.
func TestReplicaWaitsForItsFirstSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snapshots")
	r := following(t, dir, 20*time.Millisecond)
	if _, err := r.Answer(context.Background(), newsbot.Ask, "North Korea", 1); !errors.Is(err, ErrNotReady) {
		t.Fatalf("answer before any snapshot: %v, want ErrNotReady", err)
	}
	if st := r.Status(); st.Ready || len(st.Problems) != 1 {
		t.Errorf("status before any snapshot: %+v", st)
	}
	// A half-made snapshot is not taken for one.
	if err := os.MkdirAll(filepath.Join(dir, ".tmp-snapshot-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	writer, err := Open(context.Background(), "../corpus/articles", filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if err := writer.PublishNow(context.Background(), dir, 5); err != nil {
		t.Fatal(err)
	}
	waitReady(t, r, 5*time.Second)
	if st := r.Status(); len(r.Articles()) != 2 || len(st.Problems) > 0 || st.UpdateErrors > 0 {
		t.Errorf("replica lists %d articles; status %+v", len(r.Articles()), st)
	}
	served := r.Status().Snapshot

	// A newer snapshot that does not open is skipped, and reported; the
	// replica keeps answering from the one it has, until a good one comes.
	broken := "snapshot-" + time.Now().UTC().Add(time.Minute).Format("20060102T150405.000000000Z")
	if err := os.MkdirAll(filepath.Join(dir, broken, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, broken, "index_meta.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(r.Status().Problems) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	st := r.Status()
	if len(st.Problems) != 1 || !strings.Contains(st.Problems[0], broken+" does not open") || st.Snapshot != served || st.UpdateErrors != 1 || !st.Ready {
		t.Errorf("status with a broken newest snapshot: %+v", st)
	}
	if _, err := r.Answer(context.Background(), newsbot.Ask, "North Korea", 1); err != nil {
		t.Errorf("answer with a broken newest snapshot: %v", err)
	}
	if err := writer.PublishNow(context.Background(), dir, 5); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(5 * time.Second)
	for r.Status().Snapshot == served && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if st := r.Status(); st.Snapshot <= broken || len(st.Problems) > 0 || st.UpdateErrors != 1 {
		t.Errorf("status after a good snapshot followed the broken one: %+v", st)
	}
}

// TestWriterStatus: ready once caught up with the corpus; a failing update
// is reported, and clears when an update succeeds.
func TestWriterStatus(t *testing.T) {
	root := t.TempDir()
	real, link := filepath.Join(root, "articles"), filepath.Join(root, "corpus")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(real, "zebras.txt"), []byte(zebraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	l := watchedDir(t, link, WatchOptions{})
	waitReady(t, l, 5*time.Second)
	st := l.Status()
	if st.Role != "writer" || st.Articles != 1 || st.LastUpdate.IsZero() || len(st.Problems) > 0 {
		t.Fatalf("writer status: %+v", st)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "missing"), link); err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Sync(context.Background()); err == nil {
		t.Fatal("sync of a missing corpus folder succeeded")
	}
	st = l.Status()
	if !st.Ready || st.UpdateErrors == 0 || st.BehindSince.IsZero() || len(st.Problems) != 1 || !strings.Contains(st.Problems[0], "fails") {
		t.Errorf("status while updates fail: %+v", st)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := l.Status(); len(st.Problems) > 0 || !st.BehindSince.IsZero() {
		t.Errorf("status after a good update: %+v", st)
	}
}
