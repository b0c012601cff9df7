package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewsPage(t *testing.T) {
	data, err := os.ReadFile("testdata/web/harbour-page.html")
	if err != nil {
		t.Fatal(err)
	}
	drafts, err := parseFile("world/harbour-page.html", data)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("parse: %v, %d articles", err, len(drafts))
	}
	a, _ := drafts[0].finish("world/harbour-page.html")
	if a.ID != "world/harbour-page" || a.Title != "Storm closes Busan harbour for two days" ||
		a.URL != "https://coastal-times.example/world/storm-closes-busan-harbour" || a.Source != "Coastal Times" {
		t.Errorf("metadata = %q %q %q %q", a.ID, a.Title, a.URL, a.Source)
	}
	// The publication date, not the later modification.
	if want := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published %v, want %v", a.Published, want)
	}
	var all []string
	for _, p := range a.Paragraphs {
		all = append(all, p.Text)
	}
	body := strings.Join(all, "\n")
	for _, want := range []string{"Typhoon warnings closed Busan harbour on Saturday", "three quarters of South Korea's container traffic", "diverted to Gwangyang"} {
		if !strings.Contains(body, want) {
			t.Errorf("main text lacks %q:\n%s", want, body)
		}
	}
	for _, junk := range []string{"Subscribe for $1", "Related stories", "Ten ports to watch", "Great article", "cheap flights", "All rights reserved", "dataLayer", "display:flex"} {
		if strings.Contains(body, junk) {
			t.Errorf("page junk %q kept:\n%s", junk, body)
		}
	}
	for _, p := range a.Paragraphs {
		if strings.Contains(p.Text, "Busan handles about three quarters") && p.Section != "Why the closure matters" {
			t.Errorf("section = %q, want the h2 heading", p.Section)
		}
	}
}

func TestFeeds(t *testing.T) {
	res, err := Load(context.Background(), "testdata/web", Options{})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]int{}
	for i, a := range res.Articles {
		byTitle[a.Title] = i
	}
	for _, want := range []struct{ title, source, url, date, text string }{
		{"Gwangyang takes diverted ships", "Harbour Wire", "https://harbour-wire.example/2026/03/gwangyang-diverted", "2026-03-15", "Dock workers worked double shifts"},
		{"Busan harbour reopens after storm", "Harbour Wire", "https://harbour-wire.example/2026/03/busan-reopens", "2026-03-16", "Forty ships waited at anchor."},
		{"Crane inspection finished at Busan", "Port Notices", "https://port-notices.example/77", "2026-03-17", "found no storm damage"},
	} {
		i, ok := byTitle[want.title]
		if !ok {
			t.Errorf("feed item %q not loaded; got %v (skipped %v)", want.title, byTitle, res.Skipped)
			continue
		}
		a := res.Articles[i]
		var texts []string
		for _, p := range a.Paragraphs {
			texts = append(texts, p.Text)
		}
		if a.Source != want.source || a.URL != want.url || a.Published.Format(time.DateOnly) != want.date || !strings.Contains(strings.Join(texts, " "), want.text) {
			t.Errorf("item %q = source %q url %q date %s text %q", want.title, a.Source, a.URL, a.Published.Format(time.DateOnly), texts)
		}
		if strings.Contains(strings.Join(texts, " "), "track()") || strings.Contains(strings.Join(texts, " "), "Short summary only") {
			t.Errorf("item %q keeps a script or the summary instead of the full text: %q", want.title, texts)
		}
		if !strings.HasPrefix(a.ID, "wire-feed/") {
			t.Errorf("item ID %q", a.ID)
		}
	}
	if len(res.Articles) != 4 { // the page, two RSS items with text, one Atom entry
		t.Errorf("%d articles, want 4", len(res.Articles))
	}
}

func TestBadPagesAndFeedsAreSkippedWithAReason(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.txt":       "Good title\n\nA good article that must still load.\n",
		"broken.rss":     "<?xml version=\"1.0\"?><rss><channel><title>x</title><item><title>unclosed",
		"empty-feed.rss": "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Nothing</title></channel></rss>",
		"not-a-feed.xml": "<?xml version=\"1.0\"?><config><value>1</value></config>",
		"no-text.html":   "<html><head><title>Only a title</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
		"binary.html":    "<html>\x00\x01\x02</html>",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 1 || res.Articles[0].Title != "Good title" {
		t.Errorf("articles = %+v", res.Articles)
	}
	reasons := map[string]string{}
	for _, s := range res.Skipped {
		reasons[s.Path] = s.Reason
	}
	for name, want := range map[string]string{
		"broken.rss": "feed", "empty-feed.rss": "no items", "not-a-feed.xml": "not an RSS or Atom feed",
		"no-text.html": "no article text", "binary.html": "binary",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s skipped with %q, want a reason with %q", name, reasons[name], want)
		}
	}
}

func TestLatin1Page(t *testing.T) {
	page := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 opens</title></head><body><article><p>The caf\xe9 on the pier opened on Friday, the owner said, after a year of repairs to the old harbour building and its terrace.</p><p>It serves cr\xe8me br\xfbl\xe9e and coffee to the dock workers from six in the morning, every day of the week except Sunday.</p></article></body></html>"
	drafts, err := parseFile("cafe.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := drafts[0].finish("cafe.html")
	if a.Title != "Café opens" || !strings.Contains(a.Paragraphs[len(a.Paragraphs)-1].Text, "crème brûlée") {
		t.Errorf("latin-1 page = %q %+v", a.Title, a.Paragraphs)
	}
}

func TestAddNormalisesAndRoundTrips(t *testing.T) {
	data, _ := os.ReadFile("testdata/web/harbour-page.html")
	articles, _, err := Parse("harbour-page.html", data)
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := os.ReadFile("testdata/web/wire-feed.rss")
	items, _, err := Parse("wire-feed.rss", feed)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	written, err := Add(dir, append(articles, items...))
	if err != nil || len(written) != 3 {
		t.Fatalf("Add: %v, %v", written, err)
	}
	if filepath.Base(written[0]) != "storm-closes-busan-harbour-for-two-days.md" {
		t.Errorf("file name %s", written[0])
	}
	// Adding the same article again rewrites it, not a copy.
	again, _ := Add(dir, articles)
	if again[0] != written[0] {
		t.Errorf("the same article was added as %s, then %s", written[0], again[0])
	}
	res, err := Load(context.Background(), dir, Options{})
	if err != nil || len(res.Articles) != 3 || len(res.Skipped) != 0 {
		t.Fatalf("reading back: %+v, %v", res, err)
	}
	back := res.Articles[len(res.Articles)-1] // storm-closes-… sorts last
	orig := articles[0]
	if back.Title != orig.Title || back.URL != orig.URL || back.Source != orig.Source || !back.Published.Equal(orig.Published) || len(back.Paragraphs) != len(orig.Paragraphs) {
		t.Fatalf("round trip changed the article:\n%+v\n%+v", back, orig)
	}
	for i := range back.Paragraphs {
		if back.Paragraphs[i].Text != orig.Paragraphs[i].Text || back.Paragraphs[i].Section != orig.Paragraphs[i].Section {
			t.Errorf("paragraph %d: %+v, want %+v", i+1, back.Paragraphs[i], orig.Paragraphs[i])
		}
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]string{
		"<!DOCTYPE html><html><body>x</body></html>":   ".html",
		"<?xml version=\"1.0\"?><rss version=\"2.0\">": ".xml",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\">": ".xml",
		"{\"title\":\"a\",\"text\":\"b\"}":             ".json",
		"{\"title\":\"a\"}\n{\"title\":\"b\"}\n":       ".jsonl",
		"Plain title\n\nBody.":                         ".txt",
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%.30q) = %s, want %s", in, got, want)
		}
	}
}

// TestTinyPageIsItsTitleAndParagraph: a page of a <title> and one short
// paragraph is that title and that paragraph. go-trafilatura's last
// resort for so little text added the whole page's text, title and all,
// as a second paragraph ("Wombatfund titleThe wombatfund …").
func TestTinyPageIsItsTitleAndParagraph(t *testing.T) {
	const title = "Wombatfund title"
	const para = "The wombatfund raised money for orphaned wombats in Tasmania on Tuesday, its director said."
	for name, page := range map[string]string{
		"compact":  "<html><head><title>" + title + "</title></head><body><p>" + para + "</p></body></html>",
		"indented": "<!DOCTYPE html>\n<html>\n  <head>\n    <title>" + title + "</title>\n  </head>\n  <body>\n    <p>" + para + "</p>\n  </body>\n</html>\n",
		"div":      "<html><head><title>" + title + "</title></head><body><div>" + para + "</div></body></html>",
		"no head":  "<title>" + title + "</title><p>" + para,
	} {
		drafts, err := parseFile("wombats.html", []byte(page))
		if err != nil || len(drafts) != 1 {
			t.Errorf("%s: %v, %d articles", name, err, len(drafts))
			continue
		}
		a, _ := drafts[0].finish("wombats.html")
		var got []string
		for _, p := range a.Paragraphs {
			got = append(got, p.Text)
		}
		if a.Title != title || strings.Join(got, " | ") != para {
			t.Errorf("%s: title %q, paragraphs %q; want %q and [%q]", name, a.Title, got, title, para)
		}
	}
}
