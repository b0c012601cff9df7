package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// leanCorpus is the sample corpus, a few articles of one source that open
// and close with the same boilerplate lines, one of them copied to a
// second file, and a JSON Lines file.
func leanCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("articles")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("articles", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, e.Name()), string(data))
	}
	for i := 0; i < 3; i++ {
		writeFile(t, filepath.Join(dir, "wire", fmt.Sprintf("w%d.txt", i)), fmt.Sprintf(
			"Harbour report %d\n\nSEOUL, South Korea - March %d, 2026 - The harbour master logged ship %d arriving on Tuesday.\n\nQty grain %d tonnes\n    Berth %d\n Reuter\n\nLast updated at 10:%02d GMT\n", i, i+2, i, 100*i, i, 10*i))
	}
	data, _ := os.ReadFile(filepath.Join(dir, "wire", "w0.txt"))
	writeFile(t, filepath.Join(dir, "zcopy", "w0.txt"), string(data))
	writeFile(t, filepath.Join(dir, "wire.jsonl"), `{"id":"j1","title":"Bridge closed","date":"2026-03-02","text":"The old bridge at Eastbay was closed to lorries on Monday."}
{"id":"j2","title":"Bridge opened","date":"2026-03-09","text":"The old bridge at Eastbay opened again a week later."}
`)
	return dir
}

// TestLeanLoadThenFetchIsTheFullLoad: what a lean Load and Fetch give is
// exactly what a full Load gives, digests, paragraphs and dates included.
func TestLeanLoadThenFetchIsTheFullLoad(t *testing.T) {
	dir := leanCorpus(t)
	ctx := context.Background()
	full, err := Load(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lean, err := Load(ctx, dir, Options{Lean: true, Cache: NewCache()})
	if err != nil {
		t.Fatal(err)
	}
	if len(lean.Articles) != len(full.Articles) || lean.Paragraphs() != full.Paragraphs() {
		t.Fatalf("lean: %d articles, %d paragraphs; full: %d, %d", len(lean.Articles), lean.Paragraphs(), len(full.Articles), full.Paragraphs())
	}
	var ids []string
	for k, a := range lean.Articles {
		if a.Paragraphs != nil {
			t.Errorf("lean article %s holds its paragraphs", a.ID)
		}
		if a.ID != full.Articles[k].ID || a.Hash != full.Articles[k].Hash {
			t.Errorf("article %d: lean %s %s, full %s %s", k, a.ID, a.Hash, full.Articles[k].ID, full.Articles[k].Hash)
		}
		ids = append(ids, a.ID)
	}
	// Asked in reverse, fetched in the order asked.
	for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
		ids[i], ids[j] = ids[j], ids[i]
	}
	fetched, err := lean.Fetch(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(fetched) != len(ids) {
		t.Fatalf("fetched %d of %d", len(fetched), len(ids))
	}
	for k, a := range fetched {
		want := full.Articles[len(full.Articles)-1-k]
		if !reflect.DeepEqual(a, want) {
			t.Errorf("fetched %s differs from the full load:\n%+v\n%+v", a.ID, a, want)
		}
	}
	// The decisions across articles were made, and made alike.
	boilerplate := func(res *Result) int {
		n := 0
		for _, d := range res.Dropped {
			if strings.HasPrefix(d.Reason, "boilerplate") {
				n++
			}
		}
		return n
	}
	if boilerplate(full) != 6 || boilerplate(lean) != 6 {
		t.Errorf("boilerplate lines dropped: %d full, %d lean; want 6: %+v", boilerplate(full), boilerplate(lean), full.Dropped)
	}
	for _, a := range fetched {
		if strings.HasPrefix(a.ID, "wire/") && (len(a.Paragraphs) != 2 || strings.Contains(a.Paragraphs[1].Text, "Reuter")) {
			t.Errorf("%s: the boilerplate lines are not cut: %+v", a.ID, a.Paragraphs)
		}
	}
	copies := 0
	for _, a := range fetched {
		copies += len(a.Copies)
	}
	if copies != 1 {
		t.Errorf("%d copies, want 1", copies)
	}
}

func TestFetchLeavesOutWhatChanged(t *testing.T) {
	dir := leanCorpus(t)
	ctx := context.Background()
	cache := NewCache()
	lean, err := Load(ctx, dir, Options{Lean: true, Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	// w1 grows, w2 goes, j1's file is rewritten with its size and time.
	writeFile(t, filepath.Join(dir, "wire", "w1.txt"), "Harbour report 1\n\nRewritten at length after the load, with more words.\n")
	os.Remove(filepath.Join(dir, "wire", "w2.txt"))
	jsonl := filepath.Join(dir, "wire.jsonl")
	fi, _ := os.Stat(jsonl)
	data, _ := os.ReadFile(jsonl)
	copy(data[len(`{"id":"j1","title":"Bridge closed","date":"2026-03-02","text":"The old bridge at `):], "Westbay")
	os.WriteFile(jsonl, data, 0o644)
	os.Chtimes(jsonl, fi.ModTime(), fi.ModTime())
	got, err := lean.Fetch(ctx, []string{"wire/w0", "wire/w1", "wire/w2", "j1", "j2", "no-such-article"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if !reflect.DeepEqual(ids, []string{"wire/w0", "j2"}) {
		t.Errorf("fetched %v, want [wire/w0 j2]", ids)
	}

	// The next lean Load sees the changes; a full Load on the same cache
	// reads the text again.
	time.Sleep(10 * time.Millisecond)
	next, err := Load(ctx, dir, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range next.Articles {
		if len(a.Paragraphs) == 0 {
			t.Errorf("a full Load on a lean cache gave %s without paragraphs", a.ID)
		}
	}
	if _, err := next.Fetch(ctx, []string{"j2"}); err != ErrNotLean {
		t.Errorf("Fetch on a full Load: %v", err)
	}
}

// heapAfterGC is the live heap once garbage is collected.
func heapAfterGC() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// TestLeanCacheHoldsNoText loads a corpus of 1.5 MB of text into a cache,
// lean and not: a lean cache must hold a small part of that. (A title cut
// from a file's text once kept the whole text alive.)
func TestLeanCacheHoldsNoText(t *testing.T) {
	dir := t.TempDir()
	text := 0
	for i := 0; i < 300; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Harbour report %d\n\n", i)
		for p := 0; p < 10; p++ {
			fmt.Fprintf(&b, "Paragraph %d of report %d: %s\n\n", p, i, strings.Repeat(fmt.Sprintf("ship%d cargo%d berth%d ", i, p, i+p), 20))
		}
		writeFile(t, filepath.Join(dir, fmt.Sprintf("r%03d.txt", i)), b.String())
		text += b.Len()
	}
	held := func(lean bool) int64 {
		before := heapAfterGC()
		cache := NewCache()
		if _, err := Load(context.Background(), dir, Options{Cache: cache, Lean: lean}); err != nil {
			t.Fatal(err)
		}
		after := heapAfterGC()
		runtime.KeepAlive(cache)
		return after - before
	}
	full, lean := held(false), held(true)
	t.Logf("%d bytes of text: the cache holds %d KiB full, %d KiB lean", text, full>>10, lean>>10)
	if lean*8 > full {
		t.Errorf("a lean cache holds %d KiB, a full one %d KiB, for %d KiB of text", lean>>10, full>>10, text>>10)
	}
	if full < int64(text)/2 {
		t.Errorf("the full cache holds only %d KiB of %d KiB of text: the measure is wrong", full>>10, text>>10)
	}
}

// TestFetchByCopyID: the ID of a copy (a second file holding the same
// article), which citations and reports show, fetches the article.
func TestFetchByCopyID(t *testing.T) {
	dir := leanCorpus(t)
	ctx := context.Background()
	lean, err := Load(ctx, dir, Options{Lean: true, Cache: NewCache()})
	if err != nil {
		t.Fatal(err)
	}
	var standing, copyID string
	for _, a := range lean.Articles {
		if len(a.Copies) > 0 {
			standing, copyID = a.ID, a.Copies[0].ID
		}
	}
	if copyID == "" {
		t.Fatal("the sample corpus has no copy")
	}
	got, err := lean.Fetch(ctx, []string{copyID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != standing || len(got[0].Paragraphs) == 0 {
		t.Fatalf("Fetch(%s) gave %d articles, want %s, whole: %+v", copyID, len(got), standing, got)
	}
	got, err = lean.Fetch(ctx, []string{copyID, standing, copyID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != standing || len(got[0].Paragraphs) == 0 {
		t.Fatalf("Fetch(%s, %s, %s) gave %d articles, want %s once, whole: %+v", copyID, standing, copyID, len(got), standing, got)
	}
}
