package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

// tree records every file below dir with its size and modification time.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		files[p] = fmt.Sprintf("%v %d %s", fi.Mode(), fi.Size(), fi.ModTime().Format(time.RFC3339Nano))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestPublishedSnapshotAnswersReadOnly(t *testing.T) {
	ctx := context.Background()
	ix, dir := openTemp(t)
	if _, err := ix.Sync(ctx, samples(t)); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(t.TempDir(), "snapshots")
	snap, err := ix.Publish(ctx, shared, 2)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(snap.Published) > time.Minute || filepath.Dir(snap.Path) != shared {
		t.Errorf("snapshot = %+v", snap)
	}
	// Segment files are linked from the live index, not copied: the same
	// file, readable by replicas running as another user.
	linked := 0
	segs, _ := filepath.Glob(filepath.Join(snap.Path, "store", "*.zap"))
	for _, p := range segs {
		a, _ := os.Stat(p)
		b, err := os.Stat(filepath.Join(dir, "store", filepath.Base(p)))
		if err == nil && os.SameFile(a, b) {
			linked++
		}
		if a.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", p, a.Mode().Perm())
		}
	}
	if len(segs) == 0 || linked != len(segs) {
		t.Errorf("%d of %d segment files linked", linked, len(segs))
	}

	before := tree(t, snap.Path)
	ro, err := OpenSnapshot(ctx, snap.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ro.Articles() != ix.Articles() || ro.Paragraphs() != ix.Paragraphs() {
		t.Errorf("snapshot holds %d articles, %d paragraphs; index %d, %d", ro.Articles(), ro.Paragraphs(), ix.Articles(), ix.Paragraphs())
	}
	req := newsbot.SearchRequest{Text: "Why did North Korea blow up the liaison office?", Limit: 3}
	want, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ro.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Hits) == 0 || len(got.Hits) != len(want.Hits) {
		t.Fatalf("snapshot found %d hits, index %d", len(got.Hits), len(want.Hits))
	}
	for k := range got.Hits {
		if !reflect.DeepEqual(got.Hits[k].Citation, want.Hits[k].Citation) || got.Hits[k].Text != want.Hits[k].Text {
			t.Errorf("hit %d: snapshot %+v, index %+v", k, got.Hits[k].Citation, want.Hits[k].Citation)
		}
	}
	if _, err := ro.Sync(ctx, nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Sync on a snapshot: %v", err)
	}
	if err := ro.Compact(ctx); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Compact on a snapshot: %v", err)
	}
	if _, err := ro.Publish(ctx, shared, 2); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Publish from a snapshot: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	after := tree(t, snap.Path)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("opening and searching a snapshot changed it:\nbefore %v\nafter  %v", before, after)
	}

	// More publications: names grow, the two newest stay, nothing half-made
	// is listed.
	names := []string{snap.Name}
	for range 3 {
		s, err := ix.Publish(ctx, shared, 2)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name <= names[len(names)-1] {
			t.Errorf("snapshot names do not grow: %s after %s", s.Name, names[len(names)-1])
		}
		names = append(names, s.Name)
	}
	if err := os.Mkdir(filepath.Join(shared, snapshotTmp+"half"), 0o755); err != nil {
		t.Fatal(err)
	}
	list, err := Snapshots(shared)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != names[3] || list[1].Name != names[2] {
		t.Errorf("snapshots = %+v, want the two newest of %v", list, names)
	}
	if _, err := Snapshots(filepath.Join(shared, "missing")); err == nil {
		t.Error("listing a missing folder: no error")
	}
}

// A snapshot made while batches are being written holds each batch whole:
// its manifest names exactly the paragraphs it holds.
func TestSnapshotsDuringSyncAreConsistent(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	base := samples(t)
	if _, err := ix.Sync(ctx, base); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(t.TempDir(), "snapshots")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			// Many articles in many batches, then fewer: adds and removes.
			var arts []newsbot.Article
			for k := range 40 + 30*(n%3) {
				a := base[k%len(base)]
				a.ID = fmt.Sprintf("%s-%d", a.ID, k)
				a.Hash = fmt.Sprintf("%s-%d-%d", a.Hash, k, n%5)
				arts = append(arts, a)
			}
			if _, err := ix.Sync(ctx, arts); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 6 {
		time.Sleep(30 * time.Millisecond)
		snap, err := ix.Publish(ctx, shared, 10)
		if err != nil {
			t.Fatal(err)
		}
		ro, err := OpenSnapshot(ctx, snap.Path, nil)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ro.bleve.DocCount()
		if err != nil {
			t.Fatal(err)
		}
		if int(docs) != ro.Paragraphs() {
			t.Errorf("snapshot %s holds %d paragraphs, its manifest %d", snap.Name, docs, ro.Paragraphs())
		}
		ro.Close()
	}
	close(stop)
	wg.Wait()
}

// A replica keeps answering from a snapshot the writer has since removed:
// its open files stay readable until it closes them.
func TestOpenSnapshotOutlivesItsFolder(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	if _, err := ix.Sync(ctx, samples(t)); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(t.TempDir(), "snapshots")
	snap, err := ix.Publish(ctx, shared, 1)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := OpenSnapshot(ctx, snap.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ix.Publish(ctx, shared, 1); err != nil { // prunes the first
		t.Fatal(err)
	}
	if _, err := os.Stat(snap.Path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("old snapshot not pruned: %v", err)
	}
	res, err := ro.Search(ctx, newsbot.SearchRequest{Text: "Why did North Korea blow up the building?", Limit: 3})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search on a removed snapshot: %v, %d hits", err, len(res.Hits))
	}
	if _, _, err := ro.Article(ctx, res.Hits[0].Citation.Article); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSnapshot(ctx, filepath.Join(shared, "snapshot-missing"), nil); err == nil {
		t.Error("opened a missing snapshot")
	}
}
