package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/library"
)

// strangeLibrary is a corpus whose article IDs hold a line break and a NUL,
// and one article of a single paragraph.
func strangeLibrary(t *testing.T) *library.Library {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"two\nlines.txt": "Flood in the valley\n\nThe river Aldane burst its banks at Westmoor on Tuesday after three days of rain.\n",
		"wire.json":      `{"id":"null\u0000byte","title":"Bridge closed","text":"The old bridge at Eastbay was closed to lorries on Monday after engineers found cracks."}`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := library.Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestCitationsQuoteStrangeIDs(t *testing.T) {
	dir := t.TempDir()
	b := New(strangeLibrary(t), Config{Feedback: NewFeedbackLog(filepath.Join(dir, "feedback.jsonl"))})
	ctx := context.Background()
	for _, c := range []struct{ question, id, quoted string }{
		{"Where did the river Aldane burst its banks?", "two\nlines", "`\"two\\nlines\"`"},
		{"Why was the bridge at Eastbay closed to lorries?", "null\x00byte", "`\"null\\x00byte\"`"},
	} {
		resp := b.Handle(ctx, slash("1", "ask", map[string]string{"question": c.question}, 0))
		checkLimits(t, resp)
		if len(resp.Data.Embeds) == 0 {
			t.Fatalf("%s: no answer: %+v", c.question, resp.Data)
		}
		e := resp.Data.Embeds[0]
		sources := e.Fields[len(e.Fields)-1].Value
		if !strings.Contains(sources, c.quoted) {
			t.Errorf("%s: the citation does not quote the ID as %s:\n%s", c.question, c.quoted, sources)
		}
		if strings.ContainsFunc(sources, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) || strings.Count(sources, "\n") != strings.Count(sources, "\n1.")+strings.Count(sources, "\n2.")+strings.Count(sources, "\n3.") {
			t.Errorf("%s: a raw control character or line break in the sources:\n%q", c.question, sources)
		}
		for _, id := range customIDs(resp.Data) {
			if strings.ContainsFunc(id, unicode.IsControl) {
				t.Errorf("%s: a button's custom ID holds a control character: %q", c.question, id)
			}
		}
		// The buttons still work, and a vote records the real ID.
		msg := &discordgo.Message{ID: "m-" + c.id, Embeds: resp.Data.Embeds}
		for _, id := range customIDs(resp.Data) {
			if strings.HasPrefix(id, "full:") {
				if full := b.Handle(ctx, press("2", id, msg)); len(full.Data.Embeds) == 0 {
					t.Errorf("%s: full paragraph: %+v", c.question, full.Data)
				}
			}
		}
		if refs := refsIn(resp.Data.Embeds); len(refs) == 0 || !strings.HasPrefix(refs[0], c.id+"#") {
			t.Errorf("%s: the citation reads back as %q", c.question, refs)
		}
	}
	// Autocomplete choices are one line each.
	auto := b.Handle(ctx, &discordgo.Interaction{ID: "3", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "source", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "article", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true}}}})
	for _, c := range auto.Data.Choices {
		if strings.ContainsFunc(c.Name, unicode.IsControl) {
			t.Errorf("autocomplete choice %q", c.Name)
		}
	}
}

func TestSourceFooterAndSourcesOrder(t *testing.T) {
	b := New(strangeLibrary(t), Config{})
	ctx := context.Background()
	resp := b.Handle(ctx, slash("1", "source", map[string]string{"article": "Bridge closed"}, 0))
	if len(resp.Data.Embeds) == 0 {
		t.Fatalf("source: %+v", resp.Data)
	}
	if footer := resp.Data.Embeds[0].Footer.Text; !strings.Contains(footer, "· 1 paragraph ·") {
		t.Errorf("footer = %q, want “1 paragraph”", footer)
	}
	resp = b.Handle(ctx, slash("2", "sources", nil, 0))
	if d := resp.Data.Embeds[0].Description; !strings.HasPrefix(d, "Newest first, by publication date") {
		t.Errorf("/sources does not say how it is ordered: %q", d)
	}
}
