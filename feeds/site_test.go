package feeds

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
)

// site is a publisher's web site on loopback: pages by path, a log of the
// requests it served.
type site struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	hits     map[string]int
	agents   map[string]bool
	// spans are the start and end of every request, for the politeness tests.
	spans [][2]time.Time
	// conditional counts requests that carried If-None-Match or
	// If-Modified-Since; notModified the 304s sent.
	conditional, notModified int
}

func newSite(t *testing.T) *site {
	s := &site{t: t, handlers: map[string]http.HandlerFunc{}, hits: map[string]int{}, agents: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents[r.UserAgent()] = true
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.conditional++
	}
	h := s.handlers[r.URL.Path]
	s.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
	} else {
		h(w, r)
	}
	s.mu.Lock()
	s.spans = append(s.spans, [2]time.Time{start, time.Now()})
	s.mu.Unlock()
}

// URL is the absolute URL of path on the site.
func (s *site) URL(path string) string { return s.srv.URL + path }

// handle serves path with h.
func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	s.handlers[path] = h
	s.mu.Unlock()
}

// page serves an HTML page at path.
func (s *site) page(path, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	})
}

// text serves plain text at path (robots.txt).
func (s *site) text(path, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, body)
	})
}

// feed serves a feed at path that honours conditional GETs: an ETag from
// its content, and Last-Modified when lastModified is set.
func (s *site) feed(path string, body func() string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		b := body()
		etag := fmt.Sprintf(`"%x"`, len(b)*31+int(hashString(b)%100000))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			s.mu.Lock()
			s.notModified++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, b)
	})
}

func hashString(s string) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// checkSpaced checks that the site served want requests, one at a time,
// each beginning at least gap after the one before it ended. The times
// are the server's: a request's end is taken before its response is
// sent, so the gap it sees is never shorter than the crawler's.
func (s *site) checkSpaced(t *testing.T, want int, gap time.Duration) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.spans) != want {
		t.Fatalf("%d requests, want %d", len(s.spans), want)
	}
	for i := 1; i < len(s.spans); i++ {
		if g := s.spans[i][0].Sub(s.spans[i-1][1]); g < gap {
			t.Errorf("request %d began %s after the previous one ended; want at least %s", i, g, gap)
		}
	}
}

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// item is one feed item.
type item struct {
	title, link, guid, date, updated, description, content string
}

// rss writes an RSS 2.0 feed.
func rss(title string, items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>` + html.EscapeString(title) + `</title><link>https://example.invalid/</link><description>News</description>`)
	for _, it := range items {
		b.WriteString("<item>")
		fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(it.title))
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", html.EscapeString(it.link))
		}
		if it.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, html.EscapeString(it.guid))
		}
		if it.date != "" {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", it.date)
		}
		if it.description != "" {
			fmt.Fprintf(&b, "<description>%s</description>", html.EscapeString(it.description))
		}
		if it.content != "" {
			fmt.Fprintf(&b, "<content:encoded><![CDATA[%s]]></content:encoded>", it.content)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// atom writes an Atom feed; items' updated is the entry's <updated>.
func atom(title string, items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>` + html.EscapeString(title) + `</title><id>urn:test:feed</id><updated>2026-03-01T00:00:00Z</updated>`)
	for _, it := range items {
		fmt.Fprintf(&b, `<entry><title>%s</title><id>%s</id><link rel="alternate" href="%s"/><published>%s</published><updated>%s</updated>`,
			html.EscapeString(it.title), html.EscapeString(it.guid), html.EscapeString(it.link), it.date, it.updated)
		if it.description != "" {
			fmt.Fprintf(&b, "<summary>%s</summary>", html.EscapeString(it.description))
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.String()
}

// junk is what a news site wraps around its stories; none of it may become
// a passage.
var junk = []string{
	"Subscribe for", "Sign up for our newsletter", "Advertisement", "Sponsored", "cheap flights", "Most read", "We use cookies",
	"All rights reserved", "Related stories", "Share on", "Top stories", "Weather in", "window.ads", "Great piece",
}

// newsPage is a story as news sites serve it: navigation, a cookie
// banner, adverts between paragraphs, a most-read box, related links,
// comments and a footer around the article.
func newsPage(title, canonical, published string, paragraphs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Harbour Herald</title>
<link rel="canonical" href="%s"><meta property="og:site_name" content="Harbour Herald">
<meta property="article:published_time" content="%s"><script>window.ads = window.ads || []; window.ads.push({slot: "top"});</script></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather in Busan: 14°C</a></li><li><a href="/subscribe">Subscribe for $1 a week</a></li></ul></nav>
<div class="ad ad-leaderboard">Advertisement <a href="https://ads.example/click">Sponsored: cheap flights to Jeju from $49</a></div></header>
<main><article><h1>%s</h1><p class="byline">By Min-ji Park</p>
<div class="share">Share on Facebook · Share on X · Share by e-mail</div>
`, html.EscapeString(title), html.EscapeString(canonical), published, html.EscapeString(title))
	for i, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		if i == 0 {
			b.WriteString(`<div class="ad ad-inline"><span>Advertisement</span><a href="https://ads.example/2">Sponsored content: the best savings accounts of the year, compared by experts</a></div>` + "\n")
		}
	}
	b.WriteString(`</article>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">Top stories: ten ports to watch this year</a></li><li><a href="/b">Why container rates keep rising again</a></li></ol></aside>
<section class="related"><h3>Related stories</h3><ul><li><a href="/c">Storm season starts early in the south</a></li></ul></section>
<div class="newsletter"><p>Sign up for our newsletter: the day's news in your inbox every morning.</p><form><input name="email"></form></div>
<section id="comments"><div class="comment"><p>Great piece, thanks for the reporting!</p></div></section>
</main><footer><p>© 2026 Harbour Herald. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`)
	return b.String()
}

// testConfig is a crawler for a fresh corpus, with a short delay.
func testConfig(t *testing.T, feeds ...string) Config {
	dir := t.TempDir()
	return Config{
		Corpus:    filepath.Join(dir, "corpus"),
		StateFile: filepath.Join(dir, "state", "feed-state.json"),
		ListFile:  filepath.Join(dir, "state", "feeds.txt"),
		Feeds:     feeds,
		Contact:   "https://bot-operator.example/contact",
		Delay:     20 * time.Millisecond,
		Timeout:   5 * time.Second,
		Logger:    slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// testWriter sends log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newCrawler(t *testing.T, cfg Config) *Crawler {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pollOnce polls and fails the test on an error.
func pollOnce(t *testing.T, c *Crawler) *Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := c.Poll(ctx, PollOptions{})
	if err != nil {
		t.Fatalf("poll: %v", err)
	}
	return rep
}

// loadCorpus reads the corpus folder as the bot would.
func loadCorpus(t *testing.T, dir string) []newsbot.Article {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	res, err := corpus.Load(context.Background(), dir, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) > 0 {
		t.Errorf("corpus files skipped: %+v", res.Skipped)
	}
	return res.Articles
}

// text joins an article's paragraphs.
func text(a newsbot.Article) string {
	var parts []string
	for _, p := range a.Paragraphs {
		parts = append(parts, p.Text)
	}
	return strings.Join(parts, "\n")
}

// byTitle finds an article by title.
func byTitle(articles []newsbot.Article, title string) (newsbot.Article, bool) {
	for _, a := range articles {
		if a.Title == title {
			return a, true
		}
	}
	return newsbot.Article{}, false
}

// actions lists what became of a report's items, for failure messages.
func actions(rep *Report) string {
	var b strings.Builder
	for _, f := range rep.Feeds {
		fmt.Fprintf(&b, "feed %s: outcome %d err %q known %d left %d\n", f.URL, f.Outcome, f.Err, f.Known, f.Left)
		for _, it := range f.Items {
			fmt.Fprintf(&b, "  %s %q %s %s\n", it.Action, it.Title, it.URL, it.Note)
		}
	}
	return b.String()
}
