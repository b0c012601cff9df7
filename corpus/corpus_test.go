package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

func loadSamples(t *testing.T) *Result {
	t.Helper()
	res, err := Load(context.Background(), "articles", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func article(t *testing.T, res *Result, id string) newsbot.Article {
	t.Helper()
	for _, a := range res.Articles {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("article %s not loaded; have %d articles, skipped %v", id, len(res.Articles), res.Skipped)
	return newsbot.Article{}
}

func TestSampleWSBArticle(t *testing.T) {
	res := loadSamples(t)
	if len(res.Skipped) != 0 {
		t.Fatalf("skipped: %v", res.Skipped)
	}
	a := article(t, res, "000_7372d195acbf193c")
	if a.Title != "North Korea Reopens Communication Lines with South Korea" {
		t.Errorf("title = %q", a.Title)
	}
	if a.URL != "https://www.wsbtv.com/news/world/north-korea-opens/JYQBXUUVCIZHREWL53F4GHM73M/" || a.Source != "WSB-TV" {
		t.Errorf("url, source = %q, %q", a.URL, a.Source)
	}
	if want := time.Date(2026, 2, 21, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) || a.Place != "SEOUL" {
		t.Errorf("published, place = %v, %q; want 2026-02-21, SEOUL", a.Published, a.Place)
	}
	if len(a.Paragraphs) != 7 {
		t.Fatalf("got %d paragraphs, want 7 (one per body line, no source link)", len(a.Paragraphs))
	}
	if !strings.HasPrefix(a.Paragraphs[0].Text, "SEOUL, South Korea - February 21st, 2026 - In a surprising") {
		t.Errorf("paragraph 1 = %.60q", a.Paragraphs[0].Text)
	}
	for i, p := range a.Paragraphs {
		if p.N != i+1 {
			t.Errorf("paragraph %d numbered %d", i+1, p.N)
		}
		if strings.Contains(p.Text, "Read the Full") || strings.Contains(p.Text, "https://") {
			t.Errorf("source link left in paragraph %d: %q", p.N, p.Text)
		}
	}
}

func TestSampleGZEROJunkAndSections(t *testing.T) {
	res := loadSamples(t)
	a := article(t, res, "004_ad30c935bafc3323")
	if a.Title != "North Korea blows up the relationship. Why?" {
		t.Errorf("title = %q", a.Title)
	}
	if !a.Published.IsZero() {
		t.Errorf("published = %v; the article has no date and none may be guessed", a.Published)
	}
	if len(a.Paragraphs) != 8 {
		t.Fatalf("got %d paragraphs, want 8", len(a.Paragraphs))
	}
	wantSection := map[int]string{1: "", 2: "Why now?", 6: "Why now?", 7: "What comes next?", 8: "What comes next?"}
	for n, s := range wantSection {
		if got := a.Paragraphs[n-1].Section; got != s {
			t.Errorf("paragraph %d section = %q, want %q", n, got, s)
		}
	}
	junk := []string{"More from GZERO", "Macron", "LUDOVIC MARIN", "Sopa Images", "Istanbul", "BMW Foundation", "REUTERS/", "Why now?", "What comes next?"}
	for _, p := range a.Paragraphs {
		for _, j := range junk {
			if strings.Contains(p.Text, j) {
				t.Errorf("paragraph %d keeps junk %q: %.80q", p.N, j, p.Text)
			}
		}
	}
	if !strings.HasPrefix(a.Paragraphs[7].Text, "If that happens, the soap-opera drama") {
		t.Errorf("last paragraph = %.60q, want the article's own last paragraph", a.Paragraphs[7].Text)
	}
	reasons := map[string]int{}
	for _, d := range res.Dropped {
		reasons[strings.SplitN(d.Reason, " ", 2)[0]]++
	}
	if reasons["teaser"] < 10 || reasons["heading"] != 2 {
		t.Errorf("dropped reasons = %v; want the teaser section and two headings", reasons)
	}
}

func TestJunkRules(t *testing.T) {
	credits := []string{"LUDOVIC MARIN/Pool via REUTERS", "Sopa Images via Reuters", "REUTERS/Samir Bol",
		"Al Drago/Pool/Sipa USA", "Photo: Jane Doe", "(Photo by John Smith/Getty Images)"}
	for _, c := range credits {
		if !isPhotoCredit(c) {
			t.Errorf("isPhotoCredit(%q) = false", c)
		}
	}
	notCredits := []string{"Reuters reported that talks stalled on Tuesday after a long night of negotiation.",
		"The lines were officially opened early Saturday."}
	for _, c := range notCredits {
		if isPhotoCredit(c) {
			t.Errorf("isPhotoCredit(%q) = true", c)
		}
	}
	ads := []string{
		"The BMW Foundation is dedicated to addressing concrete challenges. Find out how the BMW Foundation helps drive collaboration and solutions toward a clean and secure energy future here.",
		"Sponsored: the best credit cards of 2026.", "This newsletter is brought to you by Acme.",
	}
	for _, a := range ads {
		if !isAdvert(a) {
			t.Errorf("advert missed: %q", a)
		}
	}
	if isAdvert("Investigators want to find out how the fire started and why alarms failed.") {
		t.Error("ordinary sentence taken for an advert")
	}
	for _, m := range []string{"More from GZERO Media", "Related", "Read more", "Related stories:", "You may also like"} {
		if !teaserMarker.MatchString(m) {
			t.Errorf("teaser marker missed: %q", m)
		}
	}
}

func TestCreditsAndAdvertsInBody(t *testing.T) {
	body := "A long first paragraph that tells the news of the day in several words.\n\n" +
		"Protesters gather outside parliament.\nSopa Images via Reuters\n\n" +
		"A second real paragraph with more of the story, told plainly.\n\n" +
		"Sponsored content: buy our widgets today.\n\n" +
		"The last real paragraph."
	paras, dropped := cleanBlocks("x", splitBlocks(body))
	var texts []string
	for _, p := range paras {
		texts = append(texts, p.Text)
	}
	if len(paras) != 3 || !strings.HasPrefix(texts[1], "A second real") {
		t.Fatalf("kept %q", texts)
	}
	if len(dropped) != 3 {
		t.Errorf("dropped %v, want credit, caption and advert", dropped)
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2026, 2, 21, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-02-21", "2026-02-21T09:30:00Z", "February 21st, 2026", "Feb. 21, 2026", "21 February 2026", "Sat, 21 Feb 2026 10:00:00 +0000"} {
		got, ok := ParseDate(s)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"February 21", "2026", "tomorrow", "2026-02-31", ""} {
		if got, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) = %v; want no date", s, got)
		}
	}
}

func TestDatelines(t *testing.T) {
	cases := []struct {
		text, place, date string
	}{
		{"SEOUL, South Korea - February 21st, 2026 - In a surprising development", "SEOUL", "2026-02-21"},
		{"WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", ""},
		{"NEW YORK, March 3, 2025 — Stocks rose", "NEW YORK", "2025-03-03"},
		{"SIRTE, Libya, Oct 19 (Reuters) - Libyan government forces said", "SIRTE", ""},
		{"WASHINGTON, March 26 (Reuters) - The Senate voted", "WASHINGTON", ""},
		{"LONDON, Sept. 19, 2018 (Reuters) - Shares fell", "LONDON", "2018-09-19"},
		{"NATO - the alliance said", "", ""},
		{"WASHINGTON, March 26, officials said - nothing", "", ""},
	}
	for _, c := range cases {
		place, date, ok := parseDateline(c.text)
		gotDate := ""
		if !date.IsZero() {
			gotDate = date.Format(time.DateOnly)
		}
		if c.place == "" {
			if ok {
				t.Errorf("parseDateline(%q) = %q, %q; want none", c.text, place, gotDate)
			}
			continue
		}
		if !ok || place != c.place || gotDate != c.date {
			t.Errorf("parseDateline(%q) = %q, %q, %v; want %q, %q", c.text, place, gotDate, ok, c.place, c.date)
		}
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFormats(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"front.md": "---\ntitle: Port strike ends\ndate: 2025-03-27\nurl: https://example.com/strike\nsource: Example News\n---\n\n" +
			"Dock workers returned to work on Thursday after a deal on pay.\n\n## What changed?\n\nThe union won a 6 percent raise over two years.\n",
		"plain.txt":  "Heat wave grips the city\n\nTemperatures passed 40 degrees for a third day.\nHospitals reported more patients with heatstroke.\n",
		"one.json":   `{"id":"json-1","title":"Bridge reopens","published":"2024-09-01","url":"https://example.com/bridge","text":"The bridge reopened after repairs.\n\nTraffic returned within an hour."}`,
		"feed.jsonl": `{"id":"l1","title":"Rates held","date":"2025-01-02","paragraphs":["The central bank held rates.","Markets rose."]}` + "\n\n" + `{"title":"No id here","text":"A story without an ID gets one from its file and line."}` + "\n",
	})
	res, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 0 {
		t.Fatalf("skipped %v", res.Skipped)
	}
	front := article(t, res, "front")
	if front.Title != "Port strike ends" || front.Source != "Example News" || front.URL != "https://example.com/strike" ||
		front.Published.Format(time.DateOnly) != "2025-03-27" {
		t.Errorf("front matter article = %+v", front)
	}
	if len(front.Paragraphs) != 2 || front.Paragraphs[1].Section != "What changed?" {
		t.Errorf("front paragraphs = %+v", front.Paragraphs)
	}
	plain := article(t, res, "plain")
	if plain.Title != "Heat wave grips the city" || len(plain.Paragraphs) != 2 || !plain.Published.IsZero() {
		t.Errorf("plain = %+v (a body without blank lines has one paragraph per line)", plain)
	}
	js := article(t, res, "json-1")
	if js.Title != "Bridge reopens" || len(js.Paragraphs) != 2 || js.Published.Format(time.DateOnly) != "2024-09-01" {
		t.Errorf("json = %+v", js)
	}
	l1 := article(t, res, "l1")
	if len(l1.Paragraphs) != 2 || l1.Paragraphs[1].Text != "Markets rose." {
		t.Errorf("jsonl = %+v", l1)
	}
	if a := article(t, res, "feed-3"); a.Title != "No id here" {
		t.Errorf("jsonl without id = %+v", a)
	}
}

func TestBadFilesAreSkippedWithReasons(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.txt":      "A good article\n\nIt has a paragraph that says something.\n",
		"binary.txt":    "PK\x03\x04\x00\x00binary",
		"latin1.txt":    "Caf\xe9 society\n\nNot UTF-8.\n",
		"empty.txt":     "  \n\n",
		"badfront.md":   "---\ntitle: [unclosed\n---\nBody\n",
		"nofence.md":    "---\ntitle: x\n",
		"baddate.json":  `{"title":"x","date":"someday","text":"y"}`,
		"broken.json":   `{"title": "x", `,
		"two.json":      `{"title":"a","text":"b"} {"title":"c","text":"d"}`,
		"badline.jsonl": `{"title":"fine","text":"ok"}` + "\n{oops\n",
		"notext.json":   `{"title":"Only a title"}`,
		"image.png":     "\x89PNG",
		"big.txt":       "Big\n\n" + strings.Repeat("word ", 300),
		".hidden.txt":   "ignored entirely",
	})
	res, err := Load(context.Background(), dir, Options{MaxFileBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 1 || res.Articles[0].ID != "good" {
		t.Fatalf("articles = %v", res.Articles)
	}
	want := map[string]string{
		"binary.txt": "binary", "latin1.txt": "UTF-8", "empty.txt": "empty", "badfront.md": "front matter",
		"nofence.md": "closing", "baddate.json": "unreadable date", "broken.json": "invalid JSON",
		"two.json": "more than one", "badline.jsonl": "line 2", "notext.json": "no text", "image.png": "unsupported",
		"big.txt": "too large",
	}
	got := map[string]string{}
	for _, s := range res.Skipped {
		got[s.Path] = s.Reason
	}
	for path, part := range want {
		if !strings.Contains(got[path], part) {
			t.Errorf("%s: reason %q, want it to mention %q", path, got[path], part)
		}
	}
	if len(got) != len(want) {
		t.Errorf("skipped %v, want exactly %d files", got, len(want))
	}
}

func TestLoadMissingFolder(t *testing.T) {
	if _, err := Load(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Fatal("want an error for a missing corpus folder")
	}
}

func TestCacheRereadsOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string, mod time.Time) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	write("a.txt", "Alpha title\n\nAlpha news from the harbour.\n", old)
	write("b.txt", "Beta title\n\nBeta news from the mountains.\n", old)
	cache := NewCache()
	ctx := context.Background()
	first, err := Load(ctx, dir, Options{Cache: cache})
	if err != nil || len(first.Articles) != 2 {
		t.Fatalf("first load: %+v, %v", first, err)
	}
	// Same size and time, other bytes: the cache must not read it again.
	write("a.txt", "Gamma title\n\nGamma news from the harbour.\n", old)
	// A real change: new time.
	write("b.txt", "Beta title\n\nBeta news from the valley floor.\n", old.Add(time.Minute))
	second, err := Load(ctx, dir, Options{Cache: cache})
	if err != nil || len(second.Articles) != 2 {
		t.Fatalf("second load: %+v, %v", second, err)
	}
	if second.Articles[0].Title != "Alpha title" || second.Articles[0].Hash != first.Articles[0].Hash {
		t.Errorf("unchanged file read again: %+v", second.Articles[0])
	}
	if second.Articles[1].Paragraphs[0].Text != "Beta news from the valley floor." || second.Articles[1].Hash == first.Articles[1].Hash {
		t.Errorf("changed file not read again: %+v", second.Articles[1])
	}
	// Reset reads everything again.
	cache.Reset()
	third, _ := Load(ctx, dir, Options{Cache: cache})
	if third.Articles[0].Title != "Gamma title" {
		t.Errorf("after Reset: %+v", third.Articles[0])
	}
	// A removed file goes.
	os.Remove(filepath.Join(dir, "b.txt"))
	fourth, _ := Load(ctx, dir, Options{Cache: cache})
	if len(fourth.Articles) != 1 {
		t.Errorf("removed file still loaded: %+v", fourth.Articles)
	}
}

func TestSettleLeavesFilesBeingWritten(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := now.Add(-time.Hour)
	mustWrite := func(name, text string, mod time.Time) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite("a.txt", "Alpha title\n\nAlpha news, complete.\n", old)
	cache := NewCache()
	ctx := context.Background()
	if _, err := Load(ctx, dir, Options{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	// a.txt is being rewritten and a new file is half written, both just now.
	mustWrite("a.txt", "Alpha title\n\nAlpha ne", now)
	mustWrite("c.txt", "Gamma title\n\nGamma news, complete.\n", now)
	opts := Options{Cache: cache, Settle: 500 * time.Millisecond, Now: func() time.Time { return now.Add(100 * time.Millisecond) }}
	res, err := Load(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Pending, ",") != "a.txt,c.txt" {
		t.Errorf("pending = %v", res.Pending)
	}
	if len(res.Articles) != 1 || res.Articles[0].Paragraphs[0].Text != "Alpha news, complete." {
		t.Errorf("the version read before should stand in: %+v", res.Articles)
	}
	// Once settled, the new versions are read.
	opts.Now = func() time.Time { return now.Add(time.Second) }
	res, _ = Load(ctx, dir, opts)
	if len(res.Pending) != 0 || len(res.Articles) != 2 {
		t.Errorf("after settling: pending %v, %d articles", res.Pending, len(res.Articles))
	}
}

func TestChangedHintLooksOnlyAtNamedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) string {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Alpha title\n\nAlpha news.\n")
	write("b.txt", "Beta title\n\nBeta news.\n")
	cache := NewCache()
	ctx := context.Background()
	// A hint before the cache is complete reads everything.
	if res, err := Load(ctx, dir, Options{Cache: cache, Changed: []string{a}}); err != nil || len(res.Articles) != 2 {
		t.Fatalf("first load: %+v, %v", res, err)
	}
	// b changes but is not named: the cache's version stands.
	write("b.txt", "Beta title\n\nBeta news, rewritten at length.\n")
	c := write("c.txt", "Gamma title\n\nGamma news.\n")
	os.Remove(a)
	res, err := Load(ctx, dir, Options{Cache: cache, Changed: []string{a, c}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, art := range res.Articles {
		ids = append(ids, art.ID+":"+art.Paragraphs[0].Text)
	}
	if strings.Join(ids, "|") != "b:Beta news.|c:Gamma news." {
		t.Errorf("hinted load = %v", ids)
	}
	// A new folder in the hint reads everything (its files had no events).
	d := filepath.Join(dir, "wire")
	write("wire/d.txt", "Delta title\n\nDelta news.\n")
	res, _ = Load(ctx, dir, Options{Cache: cache, Changed: []string{d}})
	ids = ids[:0]
	for _, art := range res.Articles {
		ids = append(ids, art.ID+":"+art.Paragraphs[0].Text)
	}
	if strings.Join(ids, "|") != "b:Beta news, rewritten at length.|c:Gamma news.|wire/d:Delta news." {
		t.Errorf("load after a new folder = %v", ids)
	}
}

// TestLinkedCorpusFolder reads a corpus folder given as a symbolic link:
// filepath.WalkDir does not follow a link it is given as root, and the
// corpus read as empty.
func TestLinkedCorpusFolder(t *testing.T) {
	abs, err := filepath.Abs("articles")
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "corpus")
	if err := os.Symlink(abs, link); err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(loadSamples(t).Articles); len(res.Articles) != want || want == 0 {
		t.Fatalf("read %d articles through the link, want %d", len(res.Articles), want)
	}
}
