package feeds

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Two stories in the shape of wire copy.
var (
	storyCranes = []string{
		"BUSAN, South Korea - March 14, 2026 - Port workers in Busan began inspecting every container crane on Saturday after typhoon winds of 140 kilometres an hour closed the harbour for two days.",
		"The port authority said the inspections would finish by Tuesday, and that no crane had been found damaged so far.",
		"Busan handles about three quarters of South Korea's container traffic, so shipping lines diverted vessels to Gwangyang during the closure.",
	}
	storyFerry = []string{
		"JEJU, South Korea - March 15, 2026 - Ferry services between Jeju and the mainland resumed on Sunday morning, a day after the storm passed.",
		"Operators said more than 2,000 passengers had waited in terminals overnight, and extra sailings were added to clear the backlog by Monday.",
	}
)

func TestFetchesTheFullArticleWithoutNavigationOrAdverts(t *testing.T) {
	s := newSite(t)
	s.text("/robots.txt", "User-agent: *\nDisallow: /admin/\n")
	s.page("/news/cranes", newsPage("Busan inspects its cranes after the typhoon", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.page("/news/ferry", newsPage("Jeju ferries sail again", s.URL("/news/ferry"), "2026-03-15T08:00:00+09:00", storyFerry...))
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald",
			item{title: "Busan inspects its cranes after the typhoon", link: s.URL("/news/cranes?utm_source=rss#top"), guid: "hh-1001", date: "Sat, 14 Mar 2026 09:00:00 +0900", description: "Cranes are being checked."},
			item{title: "Jeju ferries sail again", link: s.URL("/news/ferry"), guid: "hh-1002", date: "Sun, 15 Mar 2026 08:00:00 +0900", description: "Ferries resume."})
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Read() != 1 || rep.Count(Added) != 2 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	for _, it := range rep.Feeds[0].Items {
		if it.Note != "" {
			t.Errorf("item %q: note %q; want the page's own text", it.Title, it.Note)
		}
	}
	articles := loadCorpus(t, cfg.Corpus)
	if len(articles) != 2 {
		t.Fatalf("%d articles in the corpus, want 2", len(articles))
	}
	for _, want := range []struct {
		title, url, date string
		story            []string
	}{
		{"Busan inspects its cranes after the typhoon", s.URL("/news/cranes"), "2026-03-14", storyCranes},
		{"Jeju ferries sail again", s.URL("/news/ferry"), "2026-03-15", storyFerry},
	} {
		a, ok := byTitle(articles, want.title)
		if !ok {
			t.Errorf("no article %q", want.title)
			continue
		}
		if a.URL != want.url || a.Published.Format("2006-01-02") != want.date || a.Source != "Harbour Herald" {
			t.Errorf("%q: url %q date %s source %q", a.Title, a.URL, a.Published.Format("2006-01-02"), a.Source)
		}
		body := text(a)
		for _, p := range want.story {
			if !strings.Contains(body, p) {
				t.Errorf("%q lacks the paragraph %q:\n%s", a.Title, p, body)
			}
		}
		if len(a.Paragraphs) != len(want.story) {
			t.Errorf("%q has %d paragraphs, want the story's %d:\n%s", a.Title, len(a.Paragraphs), len(want.story), body)
		}
		for _, j := range junk {
			if strings.Contains(body, j) {
				t.Errorf("%q keeps page junk %q:\n%s", a.Title, j, body)
			}
		}
	}
	// The User-Agent names newsbot and the operator's contact.
	for ua := range s.agents {
		if !strings.HasPrefix(ua, "newsbot/") || !strings.Contains(ua, "https://bot-operator.example/contact") {
			t.Errorf("User-Agent %q", ua)
		}
	}
}

func TestKnownItemsAreNotDownloadedAgain(t *testing.T) {
	s := newSite(t)
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.page("/news/ferry", newsPage("Jeju ferries sail again", s.URL("/news/ferry"), "2026-03-15T08:00:00+09:00", storyFerry...))
	items := []item{{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "1", date: "Sat, 14 Mar 2026 09:00:00 +0900"}}
	s.feed("/feed.xml", func() string { return rss("Harbour Herald", items...) })
	// The same feed again, from a server that ignores conditional GETs.
	s.handle("/plain.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss("Harbour Herald (plain)", items...))
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	c := newCrawler(t, cfg)
	if rep := pollOnce(t, c); rep.Count(Added) != 1 {
		t.Fatalf("first poll:\n%s", actions(rep))
	}
	rep := pollOnce(t, c)
	if rep.Feeds[0].Outcome != NotModified || s.notModified != 1 || s.hitsOf("/news/cranes") != 1 || s.hitsOf("/robots.txt") != 1 {
		t.Errorf("second poll: outcome %d, 304s %d, page fetched %d times, robots.txt %d times:\n%s",
			rep.Feeds[0].Outcome, s.notModified, s.hitsOf("/news/cranes"), s.hitsOf("/robots.txt"), actions(rep))
	}
	// A new item is picked up by the next poll; the old page is not fetched again.
	items = append(items, item{title: "Jeju ferries sail again", link: s.URL("/news/ferry"), guid: "2", date: "Sun, 15 Mar 2026 08:00:00 +0900"})
	rep = pollOnce(t, c)
	if rep.Count(Added) != 1 || rep.Feeds[0].Known != 1 || s.hitsOf("/news/ferry") != 1 || s.hitsOf("/news/cranes") != 1 {
		t.Errorf("third poll:\n%s", actions(rep))
	}
	// Without conditional GETs the known items are still not downloaded.
	plain := testConfig(t, s.URL("/plain.xml"))
	plain.StateFile, plain.Corpus = cfg.StateFile, cfg.Corpus
	c2 := newCrawler(t, plain)
	pollOnce(t, c2) // the first poll of this feed: both items are the same articles
	rep = pollOnce(t, c2)
	if rep.Feeds[0].Outcome != Read || rep.Feeds[0].Known != 2 || len(rep.Feeds[0].Items) != 0 || s.hitsOf("/news/cranes") != 1 || s.hitsOf("/news/ferry") != 1 {
		t.Errorf("feed without 304s:\n%s", actions(rep))
	}
	if n := len(loadCorpus(t, cfg.Corpus)); n != 2 {
		t.Errorf("%d articles, want 2", n)
	}
}

func TestRobotsTxtIsObeyed(t *testing.T) {
	s := newSite(t)
	s.text("/robots.txt", "User-agent: *\nDisallow: /\n\nUser-agent: newsbot\nDisallow: /private/\nAllow: /\n")
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.page("/private/ferry", newsPage("Jeju ferries sail again", s.URL("/private/ferry"), "2026-03-15T08:00:00+09:00", storyFerry...))
	s.page("/private/teaser", newsPage("Storm moves north", s.URL("/private/teaser"), "2026-03-15T08:00:00+09:00", storyFerry...))
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald",
			item{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "1"},
			item{title: "Jeju ferries sail again", link: s.URL("/private/ferry"), guid: "2", date: "Sun, 15 Mar 2026 08:00:00 +0900",
				content: "<p>" + strings.Join(storyFerry, "</p><p>") + "</p>"},
			item{title: "Storm moves north", link: s.URL("/private/teaser"), guid: "3", description: "The storm moved north towards Seoul overnight, the weather service said on Sunday."})
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	pollOnce(t, c)
	if s.hitsOf("/private/ferry") != 0 || s.hitsOf("/private/teaser") != 0 {
		t.Errorf("disallowed pages were requested: %d, %d", s.hitsOf("/private/ferry"), s.hitsOf("/private/teaser"))
	}
	if s.hitsOf("/robots.txt") != 1 {
		t.Errorf("robots.txt read %d times, want once (cached)", s.hitsOf("/robots.txt"))
	}
	if rep.Count(Added) != 3 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	notes := map[string]string{}
	for _, it := range rep.Feeds[0].Items {
		notes[it.Title] = it.Note
	}
	if !strings.Contains(notes["Jeju ferries sail again"], "content:encoded") || !strings.Contains(notes["Jeju ferries sail again"], "robots.txt disallows") {
		t.Errorf("the fall-back to the feed's text is not said: %q", notes["Jeju ferries sail again"])
	}
	if !strings.Contains(notes["Storm moves north"], "summary") {
		t.Errorf("the fall-back to the summary is not said: %q", notes["Storm moves north"])
	}
	articles := loadCorpus(t, cfg.Corpus)
	if a, ok := byTitle(articles, "Jeju ferries sail again"); !ok || !strings.Contains(text(a), storyFerry[1]) || a.URL != s.URL("/private/ferry") {
		t.Errorf("the feed's own text was not used: %+v", a)
	}

	// A feed under a disallowed path is not read at all.
	other := newSite(t)
	other.text("/robots.txt", "User-agent: newsbot\nDisallow: /feeds/\n")
	other.feed("/feeds/all.xml", func() string { return rss("Closed", item{title: "x", link: other.URL("/x"), guid: "x"}) })
	c2 := newCrawler(t, testConfig(t, other.URL("/feeds/all.xml")))
	rep = pollOnce(t, c2)
	if rep.Feeds[0].Outcome != Failed || !strings.Contains(rep.Feeds[0].Err, "robots.txt disallows") || other.hitsOf("/feeds/all.xml") != 0 {
		t.Errorf("disallowed feed: %s (fetched %d times)", actions(rep), other.hitsOf("/feeds/all.xml"))
	}
}

func TestOneRequestAtATimePerHostWithADelay(t *testing.T) {
	s := newSite(t)
	var pages []item
	for i := range 4 {
		path := fmt.Sprintf("/news/story-%d", i)
		s.page(path, newsPage(fmt.Sprintf("Story %d of the storm", i), s.URL(path), "2026-03-14T09:00:00+09:00", storyCranes...))
		pages = append(pages, item{title: fmt.Sprintf("Story %d of the storm", i), link: s.URL(path), guid: path})
	}
	// Two feeds on one host, polled in parallel.
	s.feed("/a.xml", func() string { return rss("A", pages[:2]...) })
	s.feed("/b.xml", func() string { return rss("B", pages[2:]...) })
	cfg := testConfig(t, s.URL("/a.xml"), s.URL("/b.xml"))
	cfg.Delay = 150 * time.Millisecond
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Count(Added) != 4 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	s.checkSpaced(t, 7, 140*time.Millisecond) // robots.txt, two feeds, four pages; the 150 ms delay
}

func TestCrawlDelayFromRobotsTxt(t *testing.T) {
	s := newSite(t)
	s.text("/robots.txt", "User-agent: newsbot\nCrawl-delay: 0.4\n")
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald", item{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "1"})
	})
	c := newCrawler(t, testConfig(t, s.URL("/feed.xml")))
	pollOnce(t, c)
	// robots.txt, then the feed and the page, each 0.4 s after the request
	// before it, as robots.txt asks.
	s.checkSpaced(t, 3, 380*time.Millisecond)
}

func TestSlowServers(t *testing.T) {
	slow := newSite(t)
	slow.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		select { // answers only when the client gives up
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	fast := newSite(t)
	fast.page("/news/cranes", newsPage("Busan inspects its cranes", fast.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	fast.handle("/news/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>The first words")
		w.(http.Flusher).Flush()
		select { // a body that trickles and stops
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	fast.feed("/feed.xml", func() string {
		return rss("Harbour Herald",
			item{title: "Busan inspects its cranes", link: fast.URL("/news/cranes"), guid: "1"},
			item{title: "Slow story", link: fast.URL("/news/slow"), guid: "2", description: "A summary of the slow story about the harbour, which the page never finished sending."})
	})
	cfg := testConfig(t, slow.URL("/feed.xml"), fast.URL("/feed.xml"))
	// Long enough that the fast site's requests never hit it on a loaded
	// machine; the slow ones always do.
	cfg.Timeout = time.Second
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	c := newCrawler(t, cfg)
	start := time.Now()
	rep := pollOnce(t, c)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a poll with slow servers took %s", took)
	}
	if rep.Feeds[0].Outcome != Failed || !strings.Contains(rep.Feeds[0].Err, "no answer within 1s") {
		t.Errorf("slow feed: %s", actions(rep))
	}
	if rep.Feeds[1].Outcome != Read || rep.Count(Added) != 1 || rep.Count(Retry) != 1 {
		t.Errorf("the fast feed must still be read, and the slow page tried again later:\n%s", actions(rep))
	}
	// The slow page is tried at the next polls, then the summary stands in.
	for range maxAttempts - 1 {
		now = now.Add(2 * time.Hour) // past the slow feed's back-off
		rep = pollOnce(t, c)
	}
	if slowHits := fast.hitsOf("/news/slow"); slowHits != maxAttempts || rep.Count(Added) != 1 || !strings.Contains(rep.Feeds[1].Items[0].Note, "summary") {
		t.Errorf("slow page fetched %d times; last poll:\n%s", slowHits, actions(rep))
	}
}

func TestHugePages(t *testing.T) {
	s := newSite(t)
	var sent atomic.Int64
	huge := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>filler text about nothing at all</p>\n", 1000))
		for sent.Load() < 200<<20 {
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}
	s.handle("/news/huge", huge)
	s.handle("/huge.xml", huge)
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald", item{title: "Jeju ferries sail again", link: s.URL("/news/huge"), guid: "1",
			content: "<p>" + strings.Join(storyFerry, "</p><p>") + "</p>"})
	})
	cfg := testConfig(t, s.URL("/feed.xml"), s.URL("/huge.xml"))
	cfg.MaxBytes = 1 << 20
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Count(Added) != 1 || !strings.Contains(rep.Feeds[0].Items[0].Note, "larger than 1048576 bytes") {
		t.Errorf("huge page:\n%s", actions(rep))
	}
	if rep.Feeds[1].Outcome != Failed || !strings.Contains(rep.Feeds[1].Err, "larger than") {
		t.Errorf("huge feed:\n%s", actions(rep))
	}
	if n := sent.Load(); n > 20<<20 {
		t.Errorf("the server sent %d MiB before the crawler stopped reading", n>>20)
	}
}

func TestAFeedThatTurnsBrokenBacksOff(t *testing.T) {
	s := newSite(t)
	broken := false
	s.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if broken {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>Site under maintenance</body></html>")
			return
		}
		fmt.Fprint(w, rss("Harbour Herald", item{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "1",
			content: "<p>" + strings.Join(storyCranes, "</p><p>") + "</p>"}))
	})
	good := newSite(t)
	good.feed("/feed.xml", func() string {
		return rss("Ferry News", item{title: "Jeju ferries sail again", guid: "f", content: "<p>" + storyFerry[0] + "</p>"})
	})
	cfg := testConfig(t, s.URL("/feed.xml"), good.URL("/feed.xml"))
	cfg.Interval = time.Minute
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	c := newCrawler(t, cfg)
	if rep := pollOnce(t, c); rep.Read() != 2 || rep.Count(Added) != 2 {
		t.Fatalf("first poll:\n%s", actions(rep))
	}
	broken = true
	want := []time.Duration{2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, wait := range want {
		rep := pollOnce(t, c)
		f := rep.Feeds[0]
		if f.Outcome != Failed || !strings.Contains(f.Err, "not an RSS, Atom or JSON feed") || !f.NextTry.Equal(now.Add(wait)) {
			t.Fatalf("failure %d: outcome %d err %q next try %s, want in %s", i+1, f.Outcome, f.Err, f.NextTry.Sub(now), wait)
		}
		if rep.Feeds[1].Outcome != Read && rep.Feeds[1].Outcome != NotModified {
			t.Errorf("the good feed stopped: %s", actions(rep))
		}
		// Before the back-off is over the feed is not asked for.
		hits := s.hitsOf("/feed.xml")
		now = now.Add(wait / 2)
		if rep := pollOnce(t, c); rep.Feeds[0].Outcome != Waiting || s.hitsOf("/feed.xml") != hits {
			t.Errorf("during the back-off: %s", actions(rep))
		}
		now = now.Add(wait / 2)
	}
	st, err := c.Status()
	if err != nil || st[0].Failures != 3 || st[0].Articles != 1 || st[1].Failures != 0 {
		t.Errorf("status: %+v, %v", st, err)
	}
	if d := backoff(time.Minute, 10); d != time.Hour {
		t.Errorf("back-off after 10 failures: %s, want the hour it stops at", d)
	}
	broken = false
	if rep := pollOnce(t, c); rep.Feeds[0].Outcome != Read || rep.Feeds[0].Known != 1 {
		t.Errorf("recovered feed: %s", actions(rep))
	}
	if st, _ := c.Status(); st[0].Failures != 0 || !st[0].NextTry.IsZero() {
		t.Errorf("failures not reset: %+v", st[0])
	}
}

func TestRedirects(t *testing.T) {
	s := newSite(t)
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	s.handle("/loop/a", redirect("/loop/b"))
	s.handle("/loop/b", redirect("/loop/a"))
	for i := range 10 {
		s.handle(fmt.Sprintf("/chain/%d", i), redirect(fmt.Sprintf("/chain/%d", i+1)))
	}
	s.handle("/go/cranes", redirect("/news/cranes"))
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald",
			item{title: "Looping story", link: s.URL("/loop/a"), guid: "1", content: "<p>" + storyFerry[0] + "</p>"},
			item{title: "Chained story", link: s.URL("/chain/0"), guid: "2", content: "<p>" + storyFerry[1] + "</p>"},
			item{title: "Busan inspects its cranes", link: s.URL("/go/cranes"), guid: "3"})
	})
	// The feed itself moved.
	s.handle("/old-feed", redirect("/feed.xml"))
	cfg := testConfig(t, s.URL("/old-feed"))
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Feeds[0].Outcome != Read || rep.Count(Added) != 3 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	notes := map[string]ItemReport{}
	for _, it := range rep.Feeds[0].Items {
		notes[it.Title] = it
	}
	if n := notes["Looping story"].Note; !strings.Contains(n, "redirect loop") {
		t.Errorf("loop: %q", n)
	}
	if n := notes["Chained story"].Note; !strings.Contains(n, "more than 5 redirects") {
		t.Errorf("chain: %q", n)
	}
	if hits := s.hitsOf("/chain/6"); hits != 0 {
		t.Errorf("followed more than 5 redirects")
	}
	if it := notes["Busan inspects its cranes"]; it.Note != "" || it.URL != s.URL("/news/cranes") {
		t.Errorf("a redirected link: %+v", it)
	}
	if s.hitsOf("/loop/a") != 1 {
		t.Errorf("the loop was entered %d times", s.hitsOf("/loop/a"))
	}
}

func TestTheSameArticleInTwoFeedsIsOneArticle(t *testing.T) {
	s := newSite(t)
	canon := s.URL("/news/cranes")
	s.page("/news/cranes", newsPage("Busan inspects its cranes", canon, "2026-03-14T09:00:00+09:00", storyCranes...))
	s.page("/amp/cranes", newsPage("Busan inspects its cranes (AMP)", canon, "2026-03-14T09:00:00+09:00", storyCranes...))
	s.feed("/world.xml", func() string {
		return rss("Harbour Herald: World", item{title: "Busan inspects its cranes", link: canon + "?utm_source=world", guid: "w-1"})
	})
	s.feed("/business.xml", func() string {
		return rss("Harbour Herald: Business",
			item{title: "Cranes checked in Busan", link: canon + "#main", guid: "b-7"},
			item{title: "Cranes: the mobile page", link: s.URL("/amp/cranes"), guid: "b-8"})
	})
	cfg := testConfig(t, s.URL("/world.xml"), s.URL("/business.xml"))
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Count(Added) != 1 || rep.Count(Skipped) != 2 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	if n := len(loadCorpus(t, cfg.Corpus)); n != 1 {
		t.Errorf("%d articles, want 1", n)
	}
	if s.hitsOf("/news/cranes") != 1 {
		t.Errorf("the page was fetched %d times", s.hitsOf("/news/cranes"))
	}
	st, _ := c.Status()
	if st[0].Articles != 1 || st[1].Articles != 1 {
		t.Errorf("each feed has the article: %+v", st)
	}
	if rep := pollOnce(t, c); rep.Count(Added)+rep.Count(Skipped) != 0 {
		t.Errorf("second poll:\n%s", actions(rep))
	}
}

func TestAnItemUpdatedLater(t *testing.T) {
	s := newSite(t)
	story := storyCranes
	s.handle("/news/cranes", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", story...))
	})
	entry := item{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "urn:hh:1001", date: "2026-03-14T09:00:00+09:00", updated: "2026-03-14T09:00:00+09:00"}
	s.feed("/feed.atom", func() string { return atom("Harbour Herald", entry) })
	cfg := testConfig(t, s.URL("/feed.atom"))
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Count(Added) != 1 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	path := rep.Feeds[0].Items[0].Path

	// The page changes but the feed does not say so: not fetched again.
	story = append([]string{}, storyCranes...)
	story[1] = "The port authority said on Monday that the inspections had finished, and that two cranes needed repairs to their control cabins."
	entry.description = "A summary that changed" // the feed changes, the entry's updated does not
	if rep := pollOnce(t, c); rep.Feeds[0].Known != 1 || s.hitsOf("/news/cranes") != 1 {
		t.Errorf("an unchanged entry was fetched again:\n%s", actions(rep))
	}
	// The feed says the entry was updated: fetched and rewritten in place.
	entry.updated = "2026-03-16T10:00:00+09:00"
	entry.title = "Busan finishes inspecting its cranes"
	rep = pollOnce(t, c)
	if rep.Count(Updated) != 1 || rep.Feeds[0].Items[0].Path != path {
		t.Fatalf("update:\n%s", actions(rep))
	}
	articles := loadCorpus(t, cfg.Corpus)
	if len(articles) != 1 || articles[0].Title != "Busan finishes inspecting its cranes" || !strings.Contains(text(articles[0]), "two cranes needed repairs") {
		t.Errorf("after the update: %+v", articles)
	}
	if rep := pollOnce(t, c); rep.Count(Updated) != 0 {
		t.Errorf("updated twice:\n%s", actions(rep))
	}
	// An article taken out of the corpus is not put back by an update.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	entry.updated = "2026-03-17T10:00:00+09:00"
	if rep := pollOnce(t, c); rep.Count(Skipped) != 1 || !strings.Contains(rep.Feeds[0].Items[0].Note, "taken out of the corpus") {
		t.Errorf("update of a removed article:\n%s", actions(rep))
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the removed article came back")
	}
}

func TestStateFile(t *testing.T) {
	s := newSite(t)
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald", item{title: "Jeju ferries sail again", guid: "1", content: "<p>" + storyFerry[0] + "</p>"})
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	if err := os.MkdirAll(filepath.Dir(cfg.StateFile), 0o755); err != nil {
		t.Fatal(err)
	}
	// A state file that does not read is set aside, not fatal.
	if err := os.WriteFile(cfg.StateFile, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCrawler(t, cfg)
	if rep := pollOnce(t, c); rep.Count(Added) != 1 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	if data, err := os.ReadFile(cfg.StateFile + ".bad"); err != nil || string(data) != "{not json" {
		t.Errorf("bad state not set aside: %q, %v", data, err)
	}
	// Started afresh once more, the crawler rewrites the article it wrote
	// in place: no second copy.
	if err := os.WriteFile(cfg.StateFile, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rep := pollOnce(t, c); rep.Count(Added) != 1 {
		t.Fatalf("poll after a second reset:\n%s", actions(rep))
	}
	if entries, _ := os.ReadDir(cfg.Corpus); len(entries) != 1 {
		t.Errorf("corpus after a reset: %v", entries)
	}
	// Another newsbot polling with the same state waits for this one.
	unlock, err := lockFile(context.Background(), cfg.StateFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := newCrawler(t, cfg).Poll(context.Background(), PollOptions{OnWait: func() { close(waited) }})
		done <- err
	}()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		t.Fatal("the second poll did not wait for the lock")
	}
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestAPublicFeedCannotLeadToThisMachine(t *testing.T) {
	// The "public" site listens on 127.0.0.2; the crawler is told that only
	// 127.0.0.1 is this machine.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2 on this machine: %v", err)
	}
	internal := newSite(t) // on 127.0.0.1
	internal.page("/admin/secrets", newsPage("Internal secrets", internal.URL("/admin/secrets"), "2026-03-14T09:00:00+09:00", storyCranes...))
	public := newSite(t)
	public.srv.Close()
	public.srv = httptest.NewUnstartedServer(http.HandlerFunc(public.serve))
	public.srv.Listener = ln
	public.srv.Start()
	t.Cleanup(public.srv.Close)
	public.handle("/go", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL("/admin/secrets"), http.StatusFound)
	})
	public.page("/news/ferry", newsPage("Jeju ferries sail again", public.URL("/news/ferry"), "2026-03-15T08:00:00+09:00", storyFerry...))
	public.feed("/feed.xml", func() string {
		return rss("Public Herald",
			item{title: "A link inside", link: internal.URL("/admin/secrets"), guid: "1"},
			item{title: "A redirect inside", link: public.URL("/go"), guid: "2", description: "A summary of the story, which is all that may be kept of it."},
			item{title: "Jeju ferries sail again", link: public.URL("/news/ferry"), guid: "3"})
	})
	cfg := testConfig(t, public.URL("/feed.xml"))
	cfg.nonPublic = func(ip netip.Addr) bool { return ip == netip.MustParseAddr("127.0.0.1") }
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if internal.hitsOf("/admin/secrets") != 0 || internal.hitsOf("/robots.txt") != 0 {
		t.Errorf("the public feed led to this machine: %d requests", internal.hitsOf("/admin/secrets")+internal.hitsOf("/robots.txt"))
	}
	got := map[string]ItemReport{}
	for _, it := range rep.Feeds[0].Items {
		got[it.Title] = it
	}
	if it := got["A link inside"]; it.Action != Skipped || !strings.Contains(it.Note, "may not lead to this machine") {
		t.Errorf("link inside: %+v", it)
	}
	if it := got["A redirect inside"]; it.Action != Added || !strings.Contains(it.Note, "summary") {
		t.Errorf("redirect inside: %+v", it)
	}
	if it := got["Jeju ferries sail again"]; it.Action != Added || it.Note != "" {
		t.Errorf("public page: %+v", it)
	}
	// The robots.txt it was refused is not taken as "no rules": a feed on
	// this machine that the operator follows still obeys this machine's.
	internal.text("/robots.txt", "User-agent: *\nDisallow: /admin/\n")
	internal.feed("/feed.xml", func() string {
		return rss("Intranet", item{title: "Internal secrets", link: internal.URL("/admin/secrets"), guid: "i-1",
			description: "A summary of the internal story, which the intranet's robots.txt keeps crawlers from reading in full."})
	})
	if err := os.WriteFile(cfg.ListFile, []byte(internal.URL("/feed.xml")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = pollOnce(t, c)
	if internal.hitsOf("/admin/secrets") != 0 || internal.hitsOf("/robots.txt") != 1 || rep.Feeds[1].Outcome != Read {
		t.Errorf("the intranet's robots.txt read %d times, its disallowed page %d times:\n%s",
			internal.hitsOf("/robots.txt"), internal.hitsOf("/admin/secrets"), actions(rep))
	}
	// Following it from Discord is refused once it leads inside, too.
	cfg2 := testConfig(t)
	cfg2.nonPublic = cfg.nonPublic
	c2 := newCrawler(t, cfg2)
	if _, err := c2.Follow(context.Background(), internal.URL("/admin/secrets")); err == nil {
		t.Error("followed an internal address")
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	s := newSite(t)
	s.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1800")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	cfg.Interval = time.Minute
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	rep := pollOnce(t, newCrawler(t, cfg))
	if f := rep.Feeds[0]; f.Outcome != Failed || !strings.Contains(f.Err, "HTTP 429") || !f.NextTry.Equal(now.Add(30*time.Minute)) {
		t.Errorf("429 with Retry-After: %+v", f)
	}
	if d := retryAfter(now.Add(2*time.Hour).Format(http.TimeFormat), now); d != time.Hour {
		t.Errorf("a Retry-After date two hours on gives %s, want the hour it stops at", d)
	}
}

func TestAnUpdateWhosePageFailsKeepsItsArticle(t *testing.T) {
	s := newSite(t)
	var status atomic.Int32 // what the page answers; 0: the page
	s.handle("/news/cranes", func(w http.ResponseWriter, r *http.Request) {
		if code := int(status.Load()); code != 0 {
			http.Error(w, "not now", code)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	})
	entry := item{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "urn:hh:1001", date: "2026-03-14T09:00:00+09:00", updated: "2026-03-14T09:00:00+09:00",
		description: "Cranes are being checked."}
	var mu sync.Mutex
	s.feed("/feed.atom", func() string {
		mu.Lock()
		defer mu.Unlock()
		return atom("Harbour Herald", entry)
	})
	cfg := testConfig(t, s.URL("/feed.atom"))
	c := newCrawler(t, cfg)
	rep := pollOnce(t, c)
	if rep.Count(Added) != 1 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	path := rep.Feeds[0].Items[0].Path

	// The feed says the entry was updated, but the page is down for now:
	// tried again at the next poll, and then written over the same file.
	mu.Lock()
	entry.updated, entry.title = "2026-03-16T10:00:00+09:00", "Busan finishes inspecting its cranes"
	mu.Unlock()
	status.Store(http.StatusInternalServerError)
	if rep := pollOnce(t, c); rep.Count(Retry) != 1 {
		t.Fatalf("update with the page down:\n%s", actions(rep))
	}
	status.Store(0)
	rep = pollOnce(t, c)
	if rep.Count(Updated) != 1 || rep.Feeds[0].Items[0].Path != path {
		t.Fatalf("update once the page is back (want it written over %s):\n%s", path, actions(rep))
	}
	articles := loadCorpus(t, cfg.Corpus)
	if len(articles) != 1 || articles[0].Title != "Busan finishes inspecting its cranes" {
		t.Fatalf("after the update: %d articles %+v", len(articles), articles)
	}

	// Updated again, and the page is gone for good: the feed's one-line
	// summary does not replace the article's full text.
	mu.Lock()
	entry.updated, entry.description = "2026-03-17T10:00:00+09:00", "Cranes were checked."
	mu.Unlock()
	status.Store(http.StatusNotFound)
	rep = pollOnce(t, c)
	if rep.Count(Skipped) != 1 || !strings.Contains(rep.Feeds[0].Items[0].Note, "earlier version") {
		t.Errorf("update with the page gone:\n%s", actions(rep))
	}
	articles = loadCorpus(t, cfg.Corpus)
	if len(articles) != 1 || !strings.Contains(text(articles[0]), storyCranes[2]) {
		t.Errorf("the article lost its text: %+v", articles)
	}
	hits := s.hitsOf("/news/cranes")
	if rep := pollOnce(t, c); len(rep.Feeds[0].Items) != 0 || s.hitsOf("/news/cranes") != hits {
		t.Errorf("the given-up update is tried again:\n%s", actions(rep))
	}
}

func TestTheSummaryStandsInWhenTheFullTextHasNone(t *testing.T) {
	s := newSite(t) // the item's page is missing
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald", item{title: "Jeju ferries sail again", link: s.URL("/news/ferry"), guid: "1",
			content:     `<figure><img src="/ferry.jpg"><figcaption>The first ferry leaves Jeju.</figcaption></figure>`,
			description: storyFerry[0]})
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	rep := pollOnce(t, newCrawler(t, cfg))
	if rep.Count(Added) != 1 || !strings.Contains(rep.Feeds[0].Items[0].Note, "summary") {
		t.Fatalf("an item whose content:encoded is a picture:\n%s", actions(rep))
	}
	if a := loadCorpus(t, cfg.Corpus); len(a) != 1 || text(a[0]) != storyFerry[0] {
		t.Errorf("corpus: %+v", a)
	}
}

func TestAQuietFeedKeepsItsItems(t *testing.T) {
	s := newSite(t)
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.page("/news/ferry", newsPage("Jeju ferries sail again", s.URL("/news/ferry"), "2026-03-15T08:00:00+09:00", storyFerry...))
	var mu sync.Mutex
	items := []item{{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "1"}}
	s.feed("/feed.xml", func() string {
		mu.Lock()
		defer mu.Unlock()
		return rss("Harbour Herald", items...)
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	c := newCrawler(t, cfg)
	if rep := pollOnce(t, c); rep.Count(Added) != 1 {
		t.Fatalf("first poll:\n%s", actions(rep))
	}
	// The feed does not change for four months: every poll is a 304.
	for range 4 {
		now = now.Add(30 * 24 * time.Hour)
		if rep := pollOnce(t, c); rep.Feeds[0].Outcome != NotModified {
			t.Fatalf("quiet poll:\n%s", actions(rep))
		}
	}
	// Then a new item: the old one is still known, not downloaded again.
	mu.Lock()
	items = append(items, item{title: "Jeju ferries sail again", link: s.URL("/news/ferry"), guid: "2"})
	mu.Unlock()
	rep := pollOnce(t, c)
	if rep.Count(Added) != 1 || rep.Feeds[0].Known != 1 || s.hitsOf("/news/cranes") != 1 {
		t.Errorf("after four quiet months, the page was fetched %d times:\n%s", s.hitsOf("/news/cranes"), actions(rep))
	}
}

func TestTheDelayIsKeptWhateverTheClockSays(t *testing.T) {
	s := newSite(t)
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald", item{title: "Busan inspects its cranes", link: s.URL("/news/cranes"), guid: "1"})
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	cfg.Delay = 150 * time.Millisecond
	// The crawler's clock (for its records) runs an hour a reading; the
	// delay between requests is real time all the same.
	var mu sync.Mutex
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Hour)
		return now
	}
	if rep := pollOnce(t, newCrawler(t, cfg)); rep.Count(Added) != 1 {
		t.Fatalf("poll:\n%s", actions(rep))
	}
	s.checkSpaced(t, 3, 140*time.Millisecond) // robots.txt, the feed, the page; the 150 ms delay
}

func TestHTTPAndHTTPSOfAHostTakeTurns(t *testing.T) {
	f := newCrawler(t, testConfig(t)).fetch
	gate := func(raw string) *hostGate {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		return f.gate(u)
	}
	// A link to http:// that redirects to https:// is two requests to one
	// server: the second waits its turn and the delay.
	if gate("http://News.example/world") != gate("https://news.example:443/world") {
		t.Error("http and https of one host have a turn each")
	}
	if gate("http://news.example/") == gate("http://other.example/") || gate("http://news.example/") == gate("http://news.example:8080/") {
		t.Error("different hosts share a turn")
	}
}

func TestACrawlDelayTakenOutOfRobotsTxtEnds(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	robots := "User-agent: newsbot\nCrawl-delay: 0.4\n"
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprint(w, robots)
	})
	s.feed("/feed.xml", func() string { return rss("Harbour Herald") })
	cfg := testConfig(t, s.URL("/feed.xml"))
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	c := newCrawler(t, cfg)
	feedURL, _ := url.Parse(s.URL("/feed.xml"))
	pollOnce(t, c)
	if d := c.fetch.gate(feedURL).crawlDelay; d != 400*time.Millisecond {
		t.Fatalf("crawl delay %s, want robots.txt's 0.4 s", d)
	}
	// A day later robots.txt asks for no delay: the configured one is back.
	mu.Lock()
	robots = "User-agent: newsbot\nAllow: /\n"
	mu.Unlock()
	now = now.Add(25 * time.Hour)
	pollOnce(t, c)
	if s.hitsOf("/robots.txt") != 2 {
		t.Fatalf("robots.txt read %d times, want twice", s.hitsOf("/robots.txt"))
	}
	if d := c.fetch.gate(feedURL).crawlDelay; d != 0 {
		t.Errorf("crawl delay %s after robots.txt dropped it", d)
	}
}

func TestAStateFileWithHolesOrStrangePaths(t *testing.T) {
	s := newSite(t)
	entry := item{title: "Jeju ferries sail again", guid: "1", date: "Sun, 15 Mar 2026 08:00:00 +0900", content: "<p>" + storyFerry[0] + "</p>"}
	var mu sync.Mutex
	s.feed("/feed.xml", func() string {
		mu.Lock()
		defer mu.Unlock()
		return rss("Harbour Herald", entry)
	})
	cfg := testConfig(t, s.URL("/feed.xml"))
	if err := os.MkdirAll(filepath.Dir(cfg.StateFile), 0o755); err != nil {
		t.Fatal(err)
	}
	// Valid JSON, but its maps are null.
	if err := os.WriteFile(cfg.StateFile, []byte(`{"version":1,"feeds":null,"items":null,"articles":null}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCrawler(t, cfg)
	if st, err := c.Status(); err != nil || len(st) != 1 {
		t.Errorf("status: %+v, %v", st, err)
	}
	rep := pollOnce(t, c)
	if rep.Count(Added) != 1 {
		t.Fatalf("poll over a state with null maps:\n%s", actions(rep))
	}
	// An article path that leads out of the corpus folder is not written to.
	outside := filepath.Join(filepath.Dir(cfg.Corpus), "outside.md")
	if err := os.WriteFile(outside, []byte("not the crawler's\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cfg.StateFile)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.ReplaceAll(string(data), `"path": "jeju-ferries-sail-again.md"`, `"path": "../outside.md"`))
	if !strings.Contains(string(data), "../outside.md") {
		t.Fatalf("no path to change in the state:\n%s", data)
	}
	if err := os.WriteFile(cfg.StateFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	entry.date = "Mon, 16 Mar 2026 08:00:00 +0900" // updated
	entry.content = "<p>" + storyFerry[1] + "</p>"
	mu.Unlock()
	pollOnce(t, c)
	if got, _ := os.ReadFile(outside); string(got) != "not the crawler's\n" {
		t.Errorf("a file outside the corpus was written: %q", got)
	}
}

func TestFeedsNoLongerFollowedAreForgotten(t *testing.T) {
	s := newSite(t)
	s.feed("/a.xml", func() string { return rss("A") })
	s.feed("/b.xml", func() string { return rss("B") })
	cfg := testConfig(t, s.URL("/a.xml"))
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { return now }
	if err := os.MkdirAll(filepath.Dir(cfg.ListFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg.ListFile, []byte(s.URL("/b.xml")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCrawler(t, cfg)
	pollOnce(t, c)
	if err := os.WriteFile(cfg.ListFile, nil, 0o644); err != nil { // unfollowed
		t.Fatal(err)
	}
	now = now.Add(forgetAfter + time.Hour)
	pollOnce(t, c)
	st, err := loadState(cfg.StateFile, c.log)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.Feeds[s.URL("/b.xml")]; ok || st.Feeds[s.URL("/a.xml")] == nil {
		t.Errorf("feeds in the state: %v", st.Feeds)
	}
}

func TestNonPublicAddresses(t *testing.T) {
	for _, tc := range []struct {
		addr      string
		nonPublic bool
	}{
		{"127.0.0.1", true}, {"10.0.0.8", true}, {"192.168.1.1", true}, {"172.16.5.4", true}, {"100.64.0.1", true},
		{"169.254.169.254", true}, {"::1", true}, {"fd00::1", true}, {"fe80::1", true}, {"::ffff:127.0.0.1", true},
		{"0.1.2.3", true},             // "this network": reaches this machine on Linux
		{"198.18.0.1", true},          // benchmarking networks
		{"240.0.0.1", true},           // reserved
		{"255.255.255.255", true},     // broadcast
		{"192.0.0.8", true},           // IETF protocol assignments
		{"64:ff9b::7f00:1", true},     // NAT64 of 127.0.0.1
		{"2002:7f00:1::1", true},      // 6to4 of 127.0.0.1
		{"64:ff9b::5db8:d822", false}, // NAT64 of a public address
		{"93.184.216.34", false}, {"8.8.8.8", false}, {"2606:2800:220:1:248:1893:25c8:1946", false},
	} {
		if got := nonPublic(netip.MustParseAddr(tc.addr)); got != tc.nonPublic {
			t.Errorf("nonPublic(%s) = %v, want %v", tc.addr, got, tc.nonPublic)
		}
	}
}

func TestAPublicFeedCannotUseAConnectionToThisMachine(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no 127.0.0.2 on this machine: %v", err)
	}
	// The operator follows a feed on this machine (127.0.0.1): the crawler
	// keeps a connection to it open for the next request.
	internal := newSite(t)
	internal.page("/admin/secrets", newsPage("Internal secrets", internal.URL("/admin/secrets"), "2026-03-14T09:00:00+09:00", storyCranes...))
	internal.feed("/feed.xml", func() string {
		return rss("Intranet", item{title: "Ferries", guid: "i-1", content: "<p>" + storyFerry[0] + "</p>"})
	})
	public := newSite(t)
	public.srv.Close()
	public.srv = httptest.NewUnstartedServer(http.HandlerFunc(public.serve))
	public.srv.Listener = ln
	public.srv.Start()
	t.Cleanup(public.srv.Close)
	public.feed("/feed.xml", func() string {
		return rss("Public Herald", item{title: "A link inside", link: internal.URL("/admin/secrets"), guid: "1"})
	})
	cfg := testConfig(t)
	cfg.nonPublic = func(ip netip.Addr) bool { return ip == netip.MustParseAddr("127.0.0.1") }
	if err := os.MkdirAll(filepath.Dir(cfg.ListFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg.ListFile, []byte(internal.URL("/feed.xml")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCrawler(t, cfg)
	if rep := pollOnce(t, c); rep.Count(Added) != 1 {
		t.Fatalf("the intranet's feed:\n%s", actions(rep))
	}
	// Then a feed on the public web links to a page there.
	if err := os.WriteFile(cfg.ListFile, []byte(public.URL("/feed.xml")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := pollOnce(t, c)
	if internal.hitsOf("/admin/secrets") != 0 {
		t.Errorf("the public feed's page was fetched over the connection to this machine:\n%s", actions(rep))
	}
	if rep.Count(Added) != 0 {
		t.Errorf("an internal page was written into the corpus:\n%s", actions(rep))
	}
}

func TestASiteThatAsksForARestIsLeftAlone(t *testing.T) {
	s := newSite(t) // the publisher's pages
	var busy atomic.Bool
	busy.Store(true)
	var items []item
	story := func(i int) []string {
		var out []string
		for _, p := range storyCranes {
			out = append(out, fmt.Sprintf("(Report %d.) %s", i, p))
		}
		return out
	}
	for i := range 3 {
		path := fmt.Sprintf("/news/story-%d", i)
		title := fmt.Sprintf("Story %d of the storm", i)
		s.handle(path, func(w http.ResponseWriter, r *http.Request) {
			if busy.Load() {
				w.Header().Set("Retry-After", "600")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, newsPage(title, s.URL(path), "2026-03-14T09:00:00+09:00", story(i)...))
		})
		items = append(items, item{title: title, link: s.URL(path), guid: path, description: "A summary of the story."})
	}
	feeds := newSite(t) // the feed is served from another host, as by a feed service
	feeds.feed("/feed.xml", func() string { return rss("Harbour Herald", items...) })
	cfg := testConfig(t, feeds.URL("/feed.xml"))
	c := newCrawler(t, cfg)
	pages := func() int { return s.hitsOf("/news/story-0") + s.hitsOf("/news/story-1") + s.hitsOf("/news/story-2") }
	rep := pollOnce(t, c)
	if pages() != 1 || rep.Count(Retry) != 3 {
		t.Fatalf("after a 429 with Retry-After, %d pages were asked for (want 1):\n%s", pages(), actions(rep))
	}
	// While the rest lasts, nothing is asked of the site, and the items
	// wait without using up their attempts.
	for range maxAttempts {
		if rep := pollOnce(t, c); pages() != 1 || rep.Count(Retry) != 3 {
			t.Fatalf("during the rest, %d pages were asked for (want 1):\n%s", pages(), actions(rep))
		}
	}
	// The rest is over (as if ten minutes had passed): every page comes whole.
	busy.Store(false)
	pageURL, _ := url.Parse(s.URL("/"))
	c.fetch.gate(pageURL).until = time.Time{}
	if rep := pollOnce(t, c); rep.Count(Added) != 3 {
		t.Fatalf("after the rest:\n%s", actions(rep))
	}
	for _, a := range loadCorpus(t, cfg.Corpus) {
		if !strings.Contains(text(a), storyCranes[1]) {
			t.Errorf("%q has only the summary: %q", a.Title, text(a))
		}
	}
}
