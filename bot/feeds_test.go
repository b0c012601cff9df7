package bot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/feeds"
)

// feedSite serves one RSS feed on loopback.
func feedSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour *Wire*</title>
<item><title>Busan harbour reopens</title><guid>hw-1</guid><pubDate>Mon, 16 Mar 2026 07:00:00 +0900</pubDate>
<content:encoded><![CDATA[<p>BUSAN, South Korea - Busan harbour reopened on Monday morning after the typhoon passed, and forty ships waiting at anchor began to enter the port.</p>]]></content:encoded></item>
</channel></rss>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// feedCrawler is a crawler over a fresh corpus and state.
func feedCrawler(t *testing.T, allowPrivate bool, env ...string) (*feeds.Crawler, feeds.Config) {
	t.Helper()
	dir := t.TempDir()
	cfg := feeds.Config{Corpus: filepath.Join(dir, "corpus"), StateFile: filepath.Join(dir, "feed-state.json"), ListFile: filepath.Join(dir, "feeds.txt"),
		Feeds: env, Delay: 10 * time.Millisecond, Timeout: 5 * time.Second, AllowPrivateFollow: allowPrivate}
	c, err := feeds.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, cfg
}

func TestFeedCommands(t *testing.T) {
	ctx := context.Background()
	site := feedSite(t)
	feedURL := site.URL + "/feed.xml"

	// Without a crawler the commands say so.
	if r := New(sampleLibrary(t), Config{}).Handle(ctx, slash("1", "feeds", nil, 0)); r.Data.Content != msgFeedsOff {
		t.Errorf("/feeds without a crawler = %+v", r.Data)
	}

	// A crawler that takes only public addresses from Discord.
	strict, _ := feedCrawler(t, false)
	b := New(sampleLibrary(t), Config{Feeds: strict})
	if r := b.Handle(ctx, slash("2", "feeds", nil, 0)); r.Data.Content != msgNoFeeds {
		t.Errorf("/feeds with no feeds = %+v", r.Data)
	}
	r := b.Handle(ctx, slash("3", "follow", map[string]string{"url": feedURL}, discordgo.PermissionManageGuild))
	checkLimits(t, r)
	if r.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.Contains(r.Data.Content, "Not followed:") || !strings.Contains(r.Data.Content, "not a public address") {
		t.Errorf("/follow of a loopback feed = %q", r.Data.Content)
	}

	c, cfg := feedCrawler(t, true, "http://127.0.0.1:1/env.xml")
	b = New(sampleLibrary(t), Config{Feeds: c})
	// Only members with Manage Server, whatever Discord shows them.
	if r := b.Handle(ctx, slash("4", "follow", map[string]string{"url": feedURL}, 0)); r.Data.Content != msgNeedManageFed {
		t.Errorf("/follow without Manage Server = %q", r.Data.Content)
	}
	if _, err := os.Stat(cfg.ListFile); !os.IsNotExist(err) {
		t.Error("a refused /follow wrote the feed list")
	}
	for _, bad := range []string{"", "javascript:alert(1)", "file:///etc/passwd", strings.Repeat("https://x.example/", 200)} {
		r := b.Handle(ctx, slash("5", "follow", map[string]string{"url": bad}, discordgo.PermissionManageGuild))
		checkLimits(t, r)
		if !strings.HasPrefix(r.Data.Content, "Not followed: ") {
			t.Errorf("/follow %.40q = %q", bad, r.Data.Content)
		}
	}
	r = b.Handle(ctx, slash("6", "follow", map[string]string{"url": feedURL}, discordgo.PermissionManageGuild))
	checkLimits(t, r)
	if r.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.HasPrefix(r.Data.Content, `Now following Harbour \*Wire\* <`+feedURL+"> (1 items") {
		t.Errorf("/follow = %q", r.Data.Content)
	}
	if _, err := c.Poll(ctx, feeds.PollOptions{}); err != nil {
		t.Fatal(err)
	}
	r = b.Handle(ctx, slash("7", "feeds", nil, 0))
	checkLimits(t, r)
	desc := r.Data.Embeds[0].Description
	if r.Data.Embeds[0].Title != "Following 2 news feeds" ||
		!strings.Contains(desc, "**1.** [http://127.0.0.1:1/env.xml](http://127.0.0.1:1/env.xml) · 0 articles · ⚠ failing (1 in a row, last just now): not fetched: robots.txt could not be read") ||
		!strings.Contains(desc, "· set by the operator") ||
		!strings.Contains(desc, `**2.** [Harbour \*Wire\*](`+feedURL+`) · 1 article · read just now: 1 item: 1 new article, 0 updated`) {
		t.Errorf("/feeds = %s", desc)
	}

	auto := b.Handle(ctx, &discordgo.Interaction{ID: "8", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "unfollow", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "url", Type: discordgo.ApplicationCommandOptionString, Value: "127.0.0.1", Focused: true}}}})
	checkLimits(t, auto)
	if len(auto.Data.Choices) != 1 || auto.Data.Choices[0].Value != feedURL {
		t.Errorf("/unfollow autocomplete = %+v", auto.Data.Choices)
	}
	if r := b.Handle(ctx, slash("9", "unfollow", map[string]string{"url": feedURL}, 0)); r.Data.Content != msgNeedManageFed {
		t.Errorf("/unfollow without Manage Server = %q", r.Data.Content)
	}
	if r := b.Handle(ctx, slash("10", "unfollow", map[string]string{"url": "http://127.0.0.1:1/env.xml"}, discordgo.PermissionManageGuild)); !strings.Contains(r.Data.Content, `NEWSBOT\_FEEDS; take it out there`) {
		t.Errorf("/unfollow of the operator's feed = %q", r.Data.Content)
	}
	r = b.Handle(ctx, slash("11", "unfollow", map[string]string{"url": feedURL}, discordgo.PermissionManageGuild))
	if r.Data.Flags != discordgo.MessageFlagsEphemeral || r.Data.Content != "No longer following <"+feedURL+">. The articles it brought stay in the corpus." {
		t.Errorf("/unfollow = %q", r.Data.Content)
	}
	if d := Deferred(slash("12", "follow", nil, 0)); d.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("follow deferral = %+v", d)
	}

	// The terminal chat has the same commands.
	chat := NewChat(b)
	resp, err := chat.Do(ctx, "/follow "+feedURL)
	if err != nil || !strings.Contains(RenderText(resp, false), "Now following Harbour *Wire*") {
		t.Errorf("chat /follow = %v, %v", resp, err)
	}
	resp, err = chat.Do(ctx, "/feeds")
	if err != nil || !strings.Contains(RenderText(resp, false), "━━ Following 2 news feeds ━━") {
		t.Errorf("chat /feeds = %v, %v", resp, err)
	}
}

func TestFeedListFitsDiscord(t *testing.T) {
	c, cfg := feedCrawler(t, true)
	var lines []string
	for k := range 300 {
		lines = append(lines, fmt.Sprintf("http://127.0.0.1:1/%s/feed-%d.xml", strings.Repeat("very-long-path-", 8), k))
	}
	if err := os.WriteFile(cfg.ListFile, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	b := New(sampleLibrary(t), Config{Feeds: c})
	r := b.Handle(context.Background(), slash("1", "feeds", nil, 0))
	checkLimits(t, r)
	if d := r.Data.Embeds[0].Description; !strings.Contains(d, "… and ") || r.Data.Embeds[0].Title != "Following 300 news feeds" {
		t.Errorf("/feeds of 300 feeds: %q", d)
	}
	auto := b.Handle(context.Background(), &discordgo.Interaction{ID: "2", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "unfollow", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "url", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true}}}})
	checkLimits(t, auto)
}
