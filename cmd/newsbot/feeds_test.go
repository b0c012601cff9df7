package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

// newsSite is a publisher on loopback: a robots.txt that keeps crawlers out
// of /private/, an RSS feed that honours conditional GETs, and story pages
// wrapped in navigation and adverts. It counts the requests for each path.
type newsSite struct {
	srv   *httptest.Server
	mu    sync.Mutex
	items []siteItem
	pages map[string]string
	hits  map[string]int
}

type siteItem struct{ title, path, guid, summary string }

func newNewsSite(t testing.TB) *newsSite {
	s := &newsSite{pages: map[string]string{}, hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[r.URL.Path]++
	switch r.URL.Path {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case "/feed.xml":
		feed := s.feedLocked()
		etag := strconv.Quote(strconv.Itoa(len(s.items)) + "-" + strconv.Itoa(len(feed)))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed)
	default:
		page, ok := s.pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}
}

func (s *newsSite) feedLocked() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour Herald</title><link>` + s.srv.URL + `/</link><description>News</description>`)
	for _, it := range s.items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">%s</guid><pubDate>Mon, 16 Mar 2026 07:00:00 +0900</pubDate><description>%s</description></item>\n",
			html.EscapeString(it.title), s.srv.URL+it.path, it.guid, html.EscapeString(it.summary))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// publish puts a story on the site and in the feed.
func (s *newsSite) publish(title, path, summary string, paragraphs ...string) {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s | Harbour Herald</title><link rel="canonical" href="%s">
<meta property="og:site_name" content="Harbour Herald"><meta property="article:published_time" content="2026-03-16T07:00:00+09:00"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/subscribe">Subscribe for $1 a week</a></nav>
<div class="ad">Advertisement: cheap flights to Jeju from $49</div></header><main><article><h1>%s</h1>`, html.EscapeString(title), s.srv.URL+path, html.EscapeString(title))
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(`</article><aside><h3>Most read</h3><ul><li><a href="/a">Ten ports to watch this year</a></li></ul></aside></main>
<footer>© 2026 Harbour Herald. All rights reserved.</footer></body></html>`)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = b.String()
	s.items = append(s.items, siteItem{title: title, path: path, guid: "hh" + path, summary: summary})
}

func (s *newsSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

var (
	cranes = []string{
		"BUSAN, South Korea - March 16, 2026 - Port workers in Busan finished inspecting every container crane on Monday, two days after typhoon winds closed the harbour.",
		"Two cranes need repairs to their control cabins because rain got in when the storm tore off their roofs, the port authority said.",
	}
	ferries = []string{
		"JEJU, South Korea - March 16, 2026 - Ferry services between Jeju and the mainland resumed on Monday morning after the storm passed.",
		"Operators added extra sailings because more than 2,000 passengers had waited in the terminals overnight.",
	}
)

func TestFetchBringsInFullArticlesPolitely(t *testing.T) {
	site := newNewsSite(t)
	site.publish("Busan finishes crane inspections", "/news/cranes", "Cranes inspected.", cranes...)
	site.publish("Jeju ferries sail again", "/news/ferries", "Ferries resume.", ferries...)
	site.publish("Members-only: the harbour master speaks", "/private/interview", "The harbour master said the storm was the worst in a decade, in an interview for members.",
		"A paragraph the robots.txt keeps newsbot from reading.")
	dir := t.TempDir()
	c := newCLI(t)
	c.env["NEWSBOT_CORPUS"] = filepath.Join(dir, "corpus")
	c.env["NEWSBOT_FEEDS"] = site.srv.URL + "/feed.xml"
	c.env["NEWSBOT_FEED_DELAY"] = "100ms"
	c.env["NEWSBOT_FEED_CONTACT"] = "mailto:newsdesk@bot-operator.example"

	code, stdout, stderr := c.run("", "fetch")
	if code != exitOK {
		t.Fatalf("fetch: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"feed " + site.srv.URL + "/feed.xml (Harbour Herald): 3 new or updated, 0 known",
		"added    " + filepath.Join(dir, "corpus", "busan-finishes-crane-inspections.md") + ": Busan finishes crane inspections <" + site.srv.URL + "/news/cranes>",
		"added    " + filepath.Join(dir, "corpus", "jeju-ferries-sail-again.md"),
		"(only the feed's summary, as the page gave no text (robots.txt disallows it))",
		"1 of 1 feeds read; articles: 3 added, 0 updated, 0 skipped, 0 to retry",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("fetch output lacks %q:\n%s", want, stdout)
		}
	}
	if site.hitsOf("/private/interview") != 0 {
		t.Error("a page robots.txt disallows was requested")
	}
	data, err := os.ReadFile(filepath.Join(dir, "corpus", "busan-finishes-crane-inspections.md"))
	if err != nil {
		t.Fatal(err)
	}
	article := string(data)
	if !strings.HasPrefix(article, "---\ntitle: Busan finishes crane inspections\ndate: \"2026-03-16\"\nurl: "+site.srv.URL+"/news/cranes\nsource: Harbour Herald\n---\n") ||
		!strings.Contains(article, cranes[0]) || !strings.Contains(article, cranes[1]) {
		t.Errorf("article file:\n%s", article)
	}
	for _, junk := range []string{"Subscribe", "Advertisement", "Most read", "All rights reserved", "Sport"} {
		if strings.Contains(article, junk) {
			t.Errorf("article keeps %q:\n%s", junk, article)
		}
	}
	// The fetched article answers, cited with its URL.
	code, stdout, _ = c.run("", "why", "--json", "Why do two cranes need repairs?")
	if code != exitOK || !strings.Contains(stdout, `"url":"`+site.srv.URL+`/news/cranes"`) {
		t.Errorf("why: exit %d %s", code, stdout)
	}

	// A second fetch downloads no page again.
	code, stdout, _ = c.run("", "fetch")
	if code != exitOK || !strings.Contains(stdout, "not changed since the last poll") || site.hitsOf("/news/cranes") != 1 || site.hitsOf("/news/ferries") != 1 {
		t.Errorf("second fetch: exit %d, pages fetched %d and %d times:\n%s", code, site.hitsOf("/news/cranes"), site.hitsOf("/news/ferries"), stdout)
	}
	// A new item is picked up by the next fetch, and only its page is fetched.
	site.publish("Pilots warn of debris in the channel", "/news/debris", "Debris.",
		"Harbour pilots warned captains on Tuesday that containers lost in the storm were drifting in the Busan channel.")
	code, stdout, _ = c.run("", "fetch")
	if code != exitOK || !strings.Contains(stdout, "1 new or updated, 3 known") || !strings.Contains(stdout, "Pilots warn of debris in the channel") ||
		site.hitsOf("/news/debris") != 1 || site.hitsOf("/news/cranes") != 1 || site.hitsOf("/robots.txt") != 3 {
		t.Errorf("third fetch: exit %d, robots.txt read %d times (once a run):\n%s", code, site.hitsOf("/robots.txt"), stdout)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "corpus"))
	if len(entries) != 4 {
		t.Errorf("%d files in the corpus, want 4", len(entries))
	}
	// The state file is beside the index, and the feeds are remembered in it.
	if _, err := os.Stat(filepath.Join(filepath.Dir(c.index), "feed-state.json")); err != nil {
		t.Errorf("state file: %v", err)
	}
}

func TestFetchExitCodes(t *testing.T) {
	c := newCLI(t)
	c.env["NEWSBOT_CORPUS"] = t.TempDir()
	code, _, stderr := c.run("", "fetch")
	if code != exitUsage || !strings.Contains(stderr, "no feeds to follow: set NEWSBOT_FEEDS") {
		t.Errorf("no feeds: exit %d %s", code, stderr)
	}
	c.env["NEWSBOT_FEEDS"] = "ftp://example.com/feed"
	if code, _, stderr = c.run("", "fetch"); code != exitUsage || !strings.Contains(stderr, "NEWSBOT_FEEDS: not a web address") {
		t.Errorf("bad feed URL: exit %d %s", code, stderr)
	}
	c.env["NEWSBOT_FEEDS"] = "http://127.0.0.1:1/feed.xml"
	c.env["NEWSBOT_FEED_INTERVAL"] = "10ms"
	if code, _, stderr = c.run("", "fetch"); code != exitUsage || !strings.Contains(stderr, "NEWSBOT_FEED_INTERVAL must be a duration of at least 1s") {
		t.Errorf("bad interval: exit %d %s", code, stderr)
	}
	delete(c.env, "NEWSBOT_FEED_INTERVAL")
	// Nothing listens there: no feed could be read.
	code, stdout, stderr := c.run("", "fetch")
	if code != exitError || !strings.Contains(stderr, "no feed could be read") || !strings.Contains(stdout, "FAILED: not fetched: robots.txt could not be read") {
		t.Errorf("unreachable feed: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// One feed read of two: exit 0.
	site := newNewsSite(t)
	site.publish("Jeju ferries sail again", "/news/ferries", "Ferries resume.", ferries...)
	c.env["NEWSBOT_FEEDS"] = "http://127.0.0.1:1/feed.xml, " + site.srv.URL + "/feed.xml"
	c.env["NEWSBOT_FEED_DELAY"] = "100ms"
	code, stdout, _ = c.run("", "fetch")
	if code != exitOK || !strings.Contains(stdout, "not polled: failed 1 time in a row") || !strings.Contains(stdout, "1 of 2 feeds read; articles: 1 added") {
		t.Errorf("one good feed of two: exit %d\n%s", code, stdout)
	}
}

// servingBot runs `newsbot serve --http` until the test ends and returns
// its address and the key that signs requests to it.
func servingBot(t testing.TB, env map[string]string) (addr string, key ed25519.PrivateKey) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	env["DISCORD_PUBLIC_KEY"] = hex.EncodeToString(pub)
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--http", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, logs, func(k string) string { return env[k] })
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		if t.Failed() {
			t.Logf("serve logs:\n%s", logs.String())
		}
	})
	re := regexp.MustCompile(`serving Discord interactions over HTTP.* addr=(\S+)`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := re.FindStringSubmatch(logs.String()); m != nil {
			return m[1], key
		}
		if time.Now().After(deadline) {
			t.Fatalf("not serving after 30 s:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var asker struct {
	mu sync.Mutex
	n  int
}

// ask sends a signed /ask interaction and returns the response body.
func ask(t testing.TB, addr string, key ed25519.PrivateKey, question string) string {
	asker.mu.Lock()
	asker.n++
	n := asker.n
	asker.mu.Unlock()
	// Each question from its own user: the bot allows 5 per 10 s per user.
	body, _ := json.Marshal(map[string]any{
		"id": strconv.Itoa(n), "type": 2, "application_id": "777", "token": "token-" + strconv.Itoa(n), "guild_id": "42", "channel_id": "55",
		"member": map[string]any{"user": map[string]any{"id": "user-" + strconv.Itoa(n)}, "permissions": "0"},
		"data":   map[string]any{"id": "c-ask", "name": "ask", "type": 1, "options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	})
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("interaction: %d %s", resp.StatusCode, out)
	}
	return string(out)
}

// feedBot is a `serve --http` polling a local site's feed every second,
// over a corpus that starts with the bundled sample articles.
func feedBot(t testing.TB) (site *newsSite, corpusDir, addr string, key ed25519.PrivateKey) {
	site = newNewsSite(t)
	site.publish("Jeju ferries sail again", "/news/ferries", "Ferries resume.", ferries...)
	dir := t.TempDir()
	corpusDir = filepath.Join(dir, "corpus")
	if err := os.MkdirAll(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	samples, _ := filepath.Glob("../../corpus/articles/*.txt")
	for _, f := range samples {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{
		"NEWSBOT_CORPUS": corpusDir, "NEWSBOT_INDEX": filepath.Join(dir, "index"), "NEWSBOT_FEEDBACK": feedbackOff,
		"NEWSBOT_FEEDS": site.srv.URL + "/feed.xml", "NEWSBOT_FEED_INTERVAL": "1s",
	}
	addr, key = servingBot(t, env)
	return site, corpusDir, addr, key
}

// untilCited publishes a story and asks about it until an answer cites
// it; it returns how long it took until the article's file was in the
// corpus and until the answer, or fails after limit.
func untilCited(t testing.TB, site *newsSite, corpusDir, addr string, key ed25519.PrivateKey, n int, limit time.Duration) (written, cited time.Duration) {
	path := fmt.Sprintf("/news/ship-%d", n)
	start := time.Now()
	site.publish(fmt.Sprintf("Ship %d runs aground off Busan", n), path, "A ship ran aground.",
		fmt.Sprintf("BUSAN, South Korea - March 17, 2026 - The cargo ship Saebyeok %d ran aground on a sandbank outside Busan harbour on Tuesday because its engine failed in the heavy swell, the coast guard said.", n),
		"Tugs were sent to pull the ship free at high tide, and none of its crew of 18 was hurt.")
	url := site.srv.URL + path
	file := filepath.Join(corpusDir, fmt.Sprintf("ship-%d-runs-aground-off-busan.md", n))
	for time.Since(start) < limit {
		if written == 0 {
			if _, err := os.Stat(file); err == nil {
				written = time.Since(start)
			}
		}
		if strings.Contains(ask(t, addr, key, fmt.Sprintf("Why did the Saebyeok %d run aground?", n)), url) {
			return written, time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no answer cited %s within %s", url, limit)
	return 0, 0
}

func TestServeHTTPAnswersFromAFeedWithinSeconds(t *testing.T) {
	site, corpusDir, addr, key := feedBot(t)
	// The first poll brings the feed's article in.
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(ask(t, addr, key, "Why did operators add extra ferry sailings?"), site.srv.URL+"/news/ferries") {
		if time.Now().After(deadline) {
			t.Fatal("the feed's first article never became an answer")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// A new item: in the corpus and answerable within 5 s.
	written, cited := untilCited(t, site, corpusDir, addr, key, 1, 5*time.Second)
	t.Logf("a new feed item was in the corpus %s and cited by an answer %s after it appeared", written.Round(10*time.Millisecond), cited.Round(10*time.Millisecond))
}

// BenchmarkFeedItemToAnswer measures the time from an item's appearance
// in a feed to the first answer that cites it, through `serve --http`
// polling every second with the default delay between requests to a host:
//
//	go test -run '^$' -bench FeedItemToAnswer -benchtime 20x ./cmd/newsbot
//
// Each item appears at a random moment of the poll cycle. It reports the
// median and the extremes of the time to the first citing answer, and the
// median time until the article's file was written into the corpus.
func BenchmarkFeedItemToAnswer(b *testing.B) {
	site, corpusDir, addr, key := feedBot(b)
	untilCited(b, site, corpusDir, addr, key, 0, 30*time.Second) // the bot is up and the feed read
	var written, cited []time.Duration
	b.ResetTimer()
	for n := range b.N {
		b.StopTimer()
		time.Sleep(time.Duration(mrand.Int64N(int64(time.Second)))) // a random phase of the 1 s poll
		b.StartTimer()
		w, c := untilCited(b, site, corpusDir, addr, key, n+1, 30*time.Second)
		written, cited = append(written, w), append(cited, c)
	}
	b.StopTimer()
	slices.Sort(written)
	slices.Sort(cited)
	b.ReportMetric(float64(cited[len(cited)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(cited[0].Milliseconds()), "min-ms")
	b.ReportMetric(float64(cited[len(cited)-1].Milliseconds()), "max-ms")
	b.ReportMetric(float64(written[len(written)/2].Milliseconds()), "written-p50-ms")
}

// TestEnvExampleDocumentsEveryVariable checks that every variable the CLI
// reads is in .env.example.
func TestEnvExampleDocumentsEveryVariable(t *testing.T) {
	example, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	sources, _ := filepath.Glob("*.go")
	name := regexp.MustCompile(`"((?:NEWSBOT|DISCORD)_[A-Z_]+)"`)
	found := 0
	for _, f := range sources {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range name.FindAllStringSubmatch(string(src), -1) {
			found++
			if !regexp.MustCompile(`(?m)^` + m[1] + `=`).Match(example) {
				t.Errorf("%s reads %s, which .env.example does not document", f, m[1])
			}
		}
	}
	if found < 10 {
		t.Errorf("found only %d variables in the sources", found)
	}
}
