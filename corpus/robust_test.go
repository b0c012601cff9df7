package corpus

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/unreadable"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func articleIDs(res *Result) string {
	var ids []string
	for _, a := range res.Articles {
		ids = append(ids, a.ID)
	}
	return strings.Join(ids, ",")
}

// TestLoadForgetsAFolderMovedOut is what the watcher does when a folder is
// moved out of the corpus, or into a hidden folder: the folder's path is
// named changed, and it is gone. Its cached files were once listed after
// being forgotten (a nil pointer that ended serve and chat).
func TestLoadForgetsAFolderMovedOut(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Alpha title\n\nAlpha news.\n")
	writeFile(t, filepath.Join(dir, "wire", "b.txt"), "Beta title\n\nBeta news.\n")
	writeFile(t, filepath.Join(dir, "wire", "deeper", "c.txt"), "Gamma title\n\nGamma news.\n")
	writeFile(t, filepath.Join(dir, "desk", "d.txt"), "Delta title\n\nDelta news.\n")
	cache := NewCache()
	ctx := context.Background()
	res, err := Load(ctx, dir, Options{Cache: cache})
	if err != nil || articleIDs(res) != "a,desk/d,wire/b,wire/deeper/c" {
		t.Fatalf("first load: %v, %v", articleIDs(res), err)
	}

	// Moved out of the corpus.
	if err := os.Rename(filepath.Join(dir, "wire"), filepath.Join(outside, "wire")); err != nil {
		t.Fatal(err)
	}
	res, err = Load(ctx, dir, Options{Cache: cache, Changed: []string{filepath.Join(dir, "wire")}})
	if err != nil || articleIDs(res) != "a,desk/d" {
		t.Fatalf("after moving wire/ out: %v, %v", articleIDs(res), err)
	}

	// Moved into a hidden folder: the new name is hidden, the old one gone.
	if err := os.Rename(filepath.Join(dir, "desk"), filepath.Join(dir, ".archive")); err != nil {
		t.Fatal(err)
	}
	res, err = Load(ctx, dir, Options{Cache: cache, Changed: []string{filepath.Join(dir, "desk"), filepath.Join(dir, ".archive")}})
	if err != nil || articleIDs(res) != "a" {
		t.Fatalf("after hiding desk/: %v, %v", articleIDs(res), err)
	}

	// And back in: a folder in the hint reads everything.
	if err := os.Rename(filepath.Join(outside, "wire"), filepath.Join(dir, "wire")); err != nil {
		t.Fatal(err)
	}
	res, err = Load(ctx, dir, Options{Cache: cache, Changed: []string{filepath.Join(dir, "wire")}})
	if err != nil || articleIDs(res) != "a,wire/b,wire/deeper/c" {
		t.Fatalf("after moving wire/ back: %v, %v", articleIDs(res), err)
	}
}

func skippedReasons(res *Result) map[string]string {
	out := map[string]string{}
	for _, s := range res.Skipped {
		out[s.Path] = s.Reason
	}
	return out
}

func TestLoadReportsLinksAndPipes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Alpha title\n\nAlpha news.\n")
	writeFile(t, filepath.Join(t.TempDir(), "elsewhere.txt"), "x")
	if err := os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "linked-folder")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := NewCache()
	res, err := Load(context.Background(), dir, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	reasons := skippedReasons(res)
	for path, want := range map[string]string{"link.txt": "symbolic link", "linked-folder": "symbolic link", "pipe.txt": "named pipe"} {
		if !strings.Contains(reasons[path], want) {
			t.Errorf("%s: skipped as %q, want a reason naming a %s", path, reasons[path], want)
		}
	}
	if articleIDs(res) != "a" {
		t.Errorf("articles = %s", articleIDs(res))
	}
	// Named by a watcher, a link is reported too.
	link2 := filepath.Join(dir, "link2.txt")
	if err := os.Symlink(filepath.Join(dir, "a.txt"), link2); err != nil {
		t.Fatal(err)
	}
	res, err = Load(context.Background(), dir, Options{Cache: cache, Changed: []string{link2}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(skippedReasons(res)["link2.txt"], "symbolic link") {
		t.Errorf("a link named by the watcher: skipped %+v", res.Skipped)
	}
}

func TestLoadReportsAnUnreadableFolderAndReadsTheRest(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Alpha title\n\nAlpha news.\n")
	writeFile(t, filepath.Join(dir, "z", "b.txt"), "Beta title\n\nBeta news.\n")
	unreadable.Folder(t, dir, "locked")
	res, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if articleIDs(res) != "a,z/b" {
		t.Errorf("articles = %s", articleIDs(res))
	}
	found := false
	for _, s := range res.Skipped {
		found = found || strings.HasPrefix(s.Path, "locked") && strings.HasPrefix(s.Reason, "unreadable")
	}
	if !found {
		t.Errorf("the unreadable folder is not reported: %+v", res.Skipped)
	}
}

// TestSettleObservesAFileDatedInTheFuture: a file whose modification time
// lies ahead (a clock set wrong, a copy that kept its times) was never
// read, as it never looked old enough.
func TestSettleObservesAFileDatedInTheFuture(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Alpha title\n\nAlpha news.\n")
	cache := NewCache()
	ctx := context.Background()
	if _, err := Load(ctx, dir, Options{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	future := filepath.Join(dir, "future.txt")
	writeFile(t, future, "Future title\n\nNews from a clock set wrong.\n")
	ahead := time.Now().Add(48 * time.Hour)
	if err := os.Chtimes(future, ahead, ahead); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	settle := 250 * time.Millisecond
	look := func(at time.Duration) *Result {
		res, err := Load(ctx, dir, Options{Cache: cache, Settle: settle, Changed: []string{future}, Now: func() time.Time { return now.Add(at) }})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := look(0); strings.Join(res.Pending, ",") != "future.txt" {
		t.Errorf("first look: pending %v, want future.txt", res.Pending)
	}
	if res := look(100 * time.Millisecond); len(res.Pending) != 1 {
		t.Errorf("before it settled: pending %v", res.Pending)
	}
	res := look(300 * time.Millisecond)
	if len(res.Pending) != 0 || articleIDs(res) != "a,future" {
		t.Errorf("unchanged for 300 ms: pending %v, articles %s", res.Pending, articleIDs(res))
	}
	// Still being written: every look sees another size, so it waits.
	writeFile(t, future, "Future title\n\nNews from a clock set wrong, longer.\n")
	os.Chtimes(future, ahead, ahead)
	if res := look(400 * time.Millisecond); len(res.Pending) != 1 {
		t.Errorf("rewritten: pending %v", res.Pending)
	}
	if res := look(700 * time.Millisecond); len(res.Pending) != 0 || !strings.Contains(res.Articles[1].Paragraphs[0].Text, "longer") {
		t.Errorf("settled again: pending %v, %+v", res.Pending, res.Articles)
	}
}

func TestAddWritesFilesReadableByAll(t *testing.T) {
	dir := t.TempDir()
	written, err := Add(dir, []newsbot.Article{{Title: "Zebras escape", Paragraphs: []newsbot.Paragraph{{N: 1, Text: "Three zebras escaped."}}}})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(written[0])
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("added file mode %v, want -rw-r--r--", fi.Mode().Perm())
	}
}

// utf16Bytes encodes s as UTF-16 in the given order, with a byte-order mark
// when bom is set.
func utf16Bytes(s string, order binary.ByteOrder, bom bool) []byte {
	var b bytes.Buffer
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		var two [2]byte
		order.PutUint16(two[:], u)
		b.Write(two[:])
	}
	return b.Bytes()
}

func TestUTF16PagesAndFeeds(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-16"><title>Zebras escape from the city zoo</title></head><body><article><h1>Zebras escape from the city zoo</h1>
<p>Three zebras escaped from the city zoo on Tuesday and trotted through the business district before keepers caught them – “a sight,” said one clerk.</p>
<p>The zoo said a broken gate let the zebras out, and that it would be mended by the weekend.</p></article></body></html>`
	feed := `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>City Wire</title>
<item><title>Zebras escape from the city zoo</title><link>https://example.com/zebras</link><guid>z1</guid><pubDate>Tue, 03 Mar 2026 10:00:00 +0900</pubDate>
<description>Three zebras escaped from the city zoo – “a sight,” said one clerk.</description></item></channel></rss>`
	cases := []struct {
		name string
		data []byte
	}{
		{"page-le-bom.html", utf16Bytes(page, binary.LittleEndian, true)},
		{"page-be-bom.html", utf16Bytes(page, binary.BigEndian, true)},
		{"feed-le-bom.xml", utf16Bytes(feed, binary.LittleEndian, true)},
		{"feed-be-bom.rss", utf16Bytes(feed, binary.BigEndian, true)},
		{"feed-le.xml", utf16Bytes(feed, binary.LittleEndian, false)},
		{"feed-be.xml", utf16Bytes(feed, binary.BigEndian, false)},
	}
	for _, c := range cases {
		articles, _, err := Parse(c.name, c.data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if articles[0].Title != "Zebras escape from the city zoo" || !strings.Contains(articles[0].Paragraphs[0].Text, "“a sight,”") {
			t.Errorf("%s: %q %+v", c.name, articles[0].Title, articles[0].Paragraphs)
		}
	}
	// From standard input, a UTF-16 page is known as a page.
	if ext := Sniff(utf16Bytes(page, binary.LittleEndian, true)); ext != ".html" {
		t.Errorf("Sniff(UTF-16 page) = %q", ext)
	}
	// UTF-16 text in a .txt file is still refused: text files are UTF-8.
	if _, _, err := Parse("x.txt", utf16Bytes("Title\n\nBody\n", binary.LittleEndian, true)); err == nil {
		t.Error("UTF-16 .txt accepted")
	}
}

// An article ID too long to be a key of the index is an error of the
// article, named as such, in a JSON file and on a line of a JSON Lines file.
func TestParseRefusesOverlongIDs(t *testing.T) {
	long := strings.Repeat("x", maxIDBytes+1)
	article := `{"id":"` + long + `","title":"Herons return","text":"The heron colony returned to the marsh in March."}`
	for name, data := range map[string]string{
		"herons.json":  article,
		"herons.jsonl": `{"id":"ok","title":"Fine","text":"The fine committee met."}` + "\n" + article + "\n",
	} {
		_, _, err := Parse(name, []byte(data))
		if err == nil || !strings.Contains(err.Error(), "article ID of 1025 bytes") {
			t.Errorf("%s: %v", name, err)
		}
		if strings.HasSuffix(name, ".jsonl") && (err == nil || !strings.Contains(err.Error(), "line 2")) {
			t.Errorf("%s: the error does not name the line: %v", name, err)
		}
	}
	ok := `{"id":"` + long[:maxIDBytes] + `","title":"Herons return","text":"The heron colony returned to the marsh in March."}`
	if articles, _, err := Parse("herons.json", []byte(ok)); err != nil || len(articles) != 1 {
		t.Errorf("an ID of %d bytes: %v", maxIDBytes, err)
	}
}

// A title, source or link of a megabyte would be repeated in every answer
// that cites the article: the title and source are cut at a word, the link
// left out, and a title line that long, a paragraph that came without a
// title, is kept whole in the body.
func TestOverlongTitleSourceAndLinkAreCut(t *testing.T) {
	words := strings.Repeat("harbour cranes idle as dockers strike ", 30_000) // about 1.1 MB
	articles, _, err := Parse("strike.txt", []byte(words+"\n\nROTTERDAM - Dock workers ended the strike on Tuesday.\n"))
	if err != nil || len(articles) != 1 {
		t.Fatal(err)
	}
	a := articles[0]
	if len(a.Title) > 500 || !strings.HasSuffix(a.Title, "…") || !strings.HasPrefix(a.Title, "harbour cranes idle as dockers strike harbour") || !utf8.ValidString(a.Title) {
		t.Errorf("title of %d bytes: %q…", len(a.Title), a.Title[:min(len(a.Title), 80)])
	}
	var body strings.Builder
	for _, p := range a.Paragraphs {
		body.WriteString(p.Text + " ")
	}
	if got := strings.Count(body.String(), "dockers strike"); got != 30_000 || !strings.Contains(body.String(), "ended the strike on Tuesday") {
		t.Errorf("the long title line is not kept whole in the body: %d of 30000 phrases", got)
	}

	meta := fmt.Sprintf(`{"title":%q,"source":%q,"url":%q,"text":"Dock workers ended the strike on Tuesday."}`,
		"Strike ends "+strings.Repeat("é", 600_000), strings.Repeat("Wire ", 200_000), "https://example.com/"+strings.Repeat("a", 1<<20))
	articles, _, err = Parse("strike.json", []byte(meta))
	if err != nil || len(articles) != 1 {
		t.Fatal(err)
	}
	a = articles[0]
	if len(a.Title) > 500 || !utf8.ValidString(a.Title) || len(a.Source) > 200 || a.URL != "" {
		t.Errorf("title %d bytes (valid UTF-8: %v), source %d bytes, URL %d bytes", len(a.Title), utf8.ValidString(a.Title), len(a.Source), len(a.URL))
	}
	if last := a.Paragraphs[len(a.Paragraphs)-1]; !strings.HasPrefix(a.Paragraphs[0].Text, "Strike ends") || !strings.Contains(last.Text, "ended the strike") {
		t.Errorf("the body is not the long title and then the text: %d paragraphs, first %.40q, last %.60q", len(a.Paragraphs), a.Paragraphs[0].Text, last.Text)
	}
	// Ordinary titles are untouched.
	articles, _, _ = Parse("ok.txt", []byte("Port strike ends after talks\n\nDock workers ended the strike on Tuesday.\n"))
	if len(articles) != 1 || articles[0].Title != "Port strike ends after talks" || len(articles[0].Paragraphs) != 1 {
		t.Errorf("an ordinary article changed: %+v", articles)
	}
}

// skipLog records what Load logs about skipped paths.
type skipLog struct {
	mu    sync.Mutex
	lines []string
}

func (s *skipLog) Enabled(context.Context, slog.Level) bool { return true }
func (s *skipLog) WithAttrs([]slog.Attr) slog.Handler       { return s }
func (s *skipLog) WithGroup(string) slog.Handler            { return s }
func (s *skipLog) Handle(_ context.Context, r slog.Record) error {
	line := r.Message
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "path" {
			line += " " + a.Value.String()[:min(len(a.Value.String()), 40)] // as root, the folder is deep
		}
		return true
	})
	s.mu.Lock()
	s.lines = append(s.lines, line)
	s.mu.Unlock()
	return nil
}

// take returns the lines logged since the last take, sorted.
func (s *skipLog) take() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	lines := s.lines
	s.lines = nil
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}

// TestRescansReportEachSkippedPathOnce: Loads with the same Cache (the
// watcher's updates, SIGHUP, /reindex) log a skipped link, pipe, bad file
// or unreadable folder once, calling a folder a folder; again only when
// its reason changes, or when it is skipped again after being fixed.
// Result.Skipped still lists them all every time.
func TestRescansReportEachSkippedPathOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Alpha title\n\nAlpha news.\n")
	writeFile(t, filepath.Join(dir, "empty.txt"), "")
	if err := os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	unreadable.Folder(t, dir, "locked") // as root, the folder that fails is deep below
	logs := &skipLog{}
	cache := NewCache()
	load := func(changed ...string) *Result {
		t.Helper()
		res, err := Load(context.Background(), dir, Options{Cache: cache, Logger: slog.New(logs), Changed: changed})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	paths := func(res *Result) string {
		var ps []string
		for _, s := range res.Skipped {
			ps = append(ps, s.Path)
		}
		sort.Strings(ps)
		return strings.Join(ps, ",")
	}

	first := load()
	got := logs.take()
	for _, want := range []string{"skipped article file empty.txt", "skipped article file link.txt", "skipped article file pipe.txt", "skipped folder locked"} {
		if !strings.Contains(got, want) {
			t.Errorf("first Load logged %q, want %q in it", got, want)
		}
	}
	if strings.Contains(got, "skipped article file locked") {
		t.Errorf("a folder is called an article file: %s", got)
	}
	all := paths(first)

	// A full re-scan (SIGHUP, /reindex: the cache reset), an update
	// naming a changed file, a plain re-scan: nothing new to say, and
	// every skipped path still listed.
	cache.Reset()
	if res := load(); paths(res) != all {
		t.Errorf("re-scan skipped %s, want %s", paths(res), all)
	}
	writeFile(t, filepath.Join(dir, "a.txt"), "Alpha title\n\nAlpha news, updated.\n")
	if res := load(filepath.Join(dir, "a.txt")); paths(res) != all {
		t.Errorf("update skipped %s, want %s", paths(res), all)
	}
	load()
	if got := logs.take(); got != "" {
		t.Errorf("re-scans logged again: %s", got)
	}

	// The pipe fixed: nothing said; broken again: said again. The empty
	// file skipped for another reason: said again.
	os.Remove(pipe)
	writeFile(t, pipe, "Pipe title\n\nNow a file.\n")
	load(pipe)
	if got := logs.take(); got != "" {
		t.Errorf("a fixed pipe logged %s", got)
	}
	os.Remove(pipe)
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "empty.txt"), "\x00\x01\x02binary")
	load(pipe, filepath.Join(dir, "empty.txt"))
	if got := logs.take(); got != "skipped article file empty.txt; skipped article file pipe.txt" {
		t.Errorf("a pipe back and a new reason logged %q", got)
	}
}
