package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/library"
)

// hostileCorpus writes articles made to break a naive bot: one huge
// article with huge paragraphs, Markdown and mentions, emoji, and
// right-to-left text, with a title far past every limit.
func hostileCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	long := strings.Repeat("Reactor safety inspectors reviewed the cooling pumps again and again. ", 120) // ~8,400 characters
	title := strings.Repeat("Reactor inspection title that never ends ", 20)
	files := map[string]string{
		"huge.txt": title + "\n\n" + strings.Repeat(long+"\n\n", 30),
		"markdown.md": "---\ntitle: \"**Bold** _claims_ @everyone <@123> [click](http://evil.example)\"\ndate: 2026-03-01\nurl: https://example.com/a?b=(c)\n---\n" +
			"# Reactor\n\n**Reactor** inspectors said `rm -rf` and > quoted @everyone and @here and <@&456> pinged the reactor team.\n\n" +
			"- a list item about the reactor\n\n~~struck~~ ||spoiler|| reactor ``` code fence reactor\n",
		"emoji.txt": "Reactor 🚀 emoji title 👩🏽‍🔬\n\nThe reactor 🔥 team 👩🏽‍🔬 celebrated 🎉 on Friday, March 6, 2026 with a family emoji 👨‍👩‍👧‍👦 and flags 🇰🇷🇰🇵.\n",
		"rtl.txt":   "مفاعل: تقرير السلامة\n\nقال مفتشو المفاعل reactor إن المضخات تعمل. שלום reactor עולם, the reactor report said in 2025.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestHostileArticlesStayWithinLimits(t *testing.T) {
	dir := hostileCorpus(t)
	lib, err := library.Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if len(lib.Articles()) != 4 {
		t.Fatalf("indexed %d articles, want 4", len(lib.Articles()))
	}
	var all []string
	for _, a := range lib.Articles() {
		full, _, err := lib.Article(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range full.Paragraphs {
			all = append(all, p.Text)
		}
	}
	paragraphs := strings.Join(all, "\n")
	stand, _ := connect(t, lib, GatewayConfig{}, Config{RateBurst: 1000})
	hugeQuestion := strings.Repeat("reactor **pumps** @everyone 🚀 ", 200)
	var interactions []*discordgo.Interaction
	n := 0
	next := func() string { n++; return "h" + string(rune('a'+n/26)) + string(rune('a'+n%26)) }
	for _, cmd := range []string{"ask", "why", "when"} {
		for _, q := range []string{"reactor inspectors pumps", "Why did the reactor team celebrate?", "When did the reactor team celebrate?", hugeQuestion, "@everyone <@123> **reactor**", "مفاعل reactor"} {
			interactions = append(interactions, slash(next(), cmd, map[string]string{"question": q}, 0))
		}
	}
	interactions = append(interactions,
		slash(next(), "timeline", map[string]string{"topic": "reactor"}, 0),
		slash(next(), "timeline", nil, 0),
		slash(next(), "sources", nil, 0),
	)
	for _, a := range lib.Articles() {
		interactions = append(interactions, slash(next(), "source", map[string]string{"article": articleKey(a.ID)}, 0))
	}
	for _, i := range interactions {
		resp, raw := callback(t, stand, i)
		checkLimits(t, resp)
		// Nothing from an article or a question can ping anyone or format:
		// every such sequence is escaped.
		text := resp.Data.Content
		for _, e := range resp.Data.Embeds {
			text += "\n" + e.Title + "\n" + e.Description
			for _, f := range e.Fields {
				text += "\n" + f.Name + "\n" + f.Value
			}
		}
		for _, live := range []string{"@everyone", "@here", "<@123>", "<@&456>", "](http://evil", "``"} {
			if liveIn(text, live) {
				t.Errorf("%s %s: %q is live in %s", i.ApplicationCommandData().Name, i.ID, live, truncateForLog(string(raw)))
			}
		}
		// What an answer quotes is the corpus's text, verbatim, however it
		// was escaped, highlighted and cut.
		if name := i.ApplicationCommandData().Name; (name == "ask" || name == "why" || name == "when") && len(resp.Data.Embeds) > 0 {
			quoted := leadQuote(resp.Data.Embeds[0].Description)
			if quoted == "" || !strings.Contains(paragraphs, quoted) {
				t.Errorf("%s %s quotes text that is not in the corpus: %q", name, i.ID, Truncate(quoted, 200))
			}
		}
	}
	// The emoji and RTL texts come back whole when quoted.
	resp, _ := callback(t, stand, slash(next(), "ask", map[string]string{"question": "reactor team celebrated family emoji flags"}, 0))
	if !strings.Contains(resp.Data.Embeds[0].Description, "👨‍👩‍👧‍👦") || !strings.Contains(resp.Data.Embeds[0].Description, "🇰🇷🇰🇵") {
		t.Errorf("emoji damaged: %q", resp.Data.Embeds[0].Description)
	}
	resp, _ = callback(t, stand, slash(next(), "ask", map[string]string{"question": "مفاعل المضخات"}, 0))
	if len(resp.Data.Embeds) == 0 || !strings.Contains(resp.Data.Embeds[0].Description, "قال مفتشو المفاعل") {
		t.Errorf("right-to-left text not quoted: %+v", resp.Data)
	}
}

func truncateForLog(s string) string { return Truncate(s, 300) }

// liveIn reports whether seq occurs in s without a backslash before it.
func liveIn(s, seq string) bool {
	for at := 0; ; {
		k := strings.Index(s[at:], seq)
		if k < 0 {
			return false
		}
		if k+at == 0 || s[k+at-1] != '\\' {
			return true
		}
		at += k + 1
	}
}

// leadQuote reads the passage quoted last in an answer's description (for
// when-answers the date's sentence comes first), as plain text: bold
// markers and escapes removed, the ellipsis of a cut dropped.
func leadQuote(description string) string {
	start := strings.LastIndex(description, "“")
	end := strings.LastIndex(description, "”")
	if start < 0 || end < start {
		return ""
	}
	q := description[start+len("“") : end]
	q = strings.ReplaceAll(q, "**", "")
	q = unescape(q)
	return strings.TrimSuffix(q, ellipsis)
}
