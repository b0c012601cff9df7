package feeds

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestSplitList(t *testing.T) {
	got := SplitList(" https://a.example/feed.xml,https://b.example/rss  https://c.example/atom\n")
	if strings.Join(got, "|") != "https://a.example/feed.xml|https://b.example/rss|https://c.example/atom" {
		t.Errorf("SplitList = %q", got)
	}
}

func TestFollowAndUnfollow(t *testing.T) {
	s := newSite(t)
	s.feed("/feed.xml", func() string {
		return rss("Harbour Herald", item{title: "Jeju ferries sail again", guid: "1", content: "<p>" + storyFerry[0] + "</p>"})
	})
	s.page("/news/cranes", newsPage("Busan inspects its cranes", s.URL("/news/cranes"), "2026-03-14T09:00:00+09:00", storyCranes...))
	env := "http://127.0.0.1:1/rss" // nothing listens there
	cfg := testConfig(t, env)
	ctx := context.Background()

	// From Discord, only public addresses: not this machine.
	c := newCrawler(t, cfg)
	for _, bad := range []struct{ url, want string }{
		{"ftp://example.com/feed", "want http:// or https://"},
		{"not a url at all", "want http:// or https://"},
		{"https://user:pw@example.com/feed", "user name or password"},
		{s.URL("/feed.xml"), "not a public address"},
		{"http://localhost:8080/feed", "local name"},
		{"http://169.254.169.254/latest/meta-data/", "not a public address"},
		{"http://[::1]/feed", "not a public address"},
		{"http://10.1.2.3/feed", "not a public address"},
		{env, "already following"},
	} {
		_, err := c.Follow(ctx, bad.url)
		var r *RefusedError
		if !errors.As(err, &r) || !strings.Contains(r.Reason, bad.want) {
			t.Errorf("Follow(%q) = %v, want a refusal with %q", bad.url, err, bad.want)
		}
	}

	cfg.AllowPrivateFollow = true
	c = newCrawler(t, cfg)
	if _, err := c.Follow(ctx, s.URL("/news/cranes")); err == nil || !strings.Contains(err.Error(), "not an RSS, Atom or JSON feed") {
		t.Errorf("following a web page: %v", err)
	}
	if _, err := c.Follow(ctx, s.URL("/missing.xml")); err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("following a missing feed: %v", err)
	}
	f, err := c.Follow(ctx, s.URL("/feed.xml"))
	if err != nil || f.Title != "Harbour Herald" || f.Items != 1 {
		t.Fatalf("Follow = %+v, %v", f, err)
	}
	if _, err := c.Follow(ctx, s.URL("/feed.xml#again")); err == nil || !strings.Contains(err.Error(), "already following") {
		t.Errorf("following twice: %v", err)
	}
	select {
	case <-c.wake:
	default:
		t.Error("Follow did not wake the poller")
	}
	data, _ := os.ReadFile(cfg.ListFile)
	if !strings.Contains(string(data), s.URL("/feed.xml")+"\n") || !strings.HasPrefix(string(data), "#") {
		t.Errorf("feed list:\n%s", data)
	}
	if got := c.FollowedURLs(); len(got) != 1 || got[0] != s.URL("/feed.xml") {
		t.Errorf("FollowedURLs = %q", got)
	}

	rep := pollOnce(t, c)
	if len(rep.Feeds) != 2 || rep.Feeds[1].URL != s.URL("/feed.xml") || rep.Count(Added) != 1 {
		t.Errorf("poll after Follow:\n%s", actions(rep))
	}
	st, err := c.Status()
	if err != nil || len(st) != 2 || !st[0].FromEnv || st[1].FromEnv || st[1].Title != "Harbour Herald" || st[1].Articles != 1 || st[1].LastPoll.IsZero() {
		t.Errorf("Status = %+v, %v", st, err)
	}

	if _, err := c.Unfollow(ctx, env); err == nil || !strings.Contains(err.Error(), "NEWSBOT_FEEDS") {
		t.Errorf("unfollowing a feed of the environment: %v", err)
	}
	if _, err := c.Unfollow(ctx, "https://never-followed.example/feed"); err == nil || !strings.Contains(err.Error(), "not following") {
		t.Errorf("unfollowing a feed not followed: %v", err)
	}
	removed, err := c.Unfollow(ctx, s.URL("/feed.xml"))
	if err != nil || removed != s.URL("/feed.xml") {
		t.Fatalf("Unfollow = %q, %v", removed, err)
	}
	if n, _ := c.FeedCount(); n != 1 {
		t.Errorf("%d feeds after Unfollow, want 1", n)
	}
	// The articles it brought stay.
	if n := len(loadCorpus(t, cfg.Corpus)); n != 1 {
		t.Errorf("%d articles after Unfollow", n)
	}
}

func TestFollowingOneFeedTwiceAtOnce(t *testing.T) {
	s := newSite(t)
	s.feed("/feed.xml", func() string { return rss("Harbour Herald") })
	cfg := testConfig(t)
	cfg.AllowPrivateFollow = true
	c := newCrawler(t, cfg)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := c.Follow(context.Background(), s.URL("/feed.xml"))
			errs <- err
		}()
	}
	var refusals []string
	for range 2 {
		var r *RefusedError
		if err := <-errs; errors.As(err, &r) {
			refusals = append(refusals, r.Reason)
		} else if err != nil {
			t.Error(err)
		}
	}
	if len(refusals) != 1 || !strings.Contains(refusals[0], "already following") {
		t.Errorf("refusals: %q; want one, already following", refusals)
	}
	data, _ := os.ReadFile(cfg.ListFile)
	if n := strings.Count(string(data), s.URL("/feed.xml")); n != 1 {
		t.Errorf("the feed is %d times in the list:\n%s", n, data)
	}
}
