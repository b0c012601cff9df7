package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/library"
)

// TestCitationCountsCopies: a source held by several identical files says
// so, and its article and paragraph still read back from the line.
func TestCitationCountsCopies(t *testing.T) {
	c := newsbot.Citation{Article: "wire/strike", Title: "Port strike ends", Paragraph: 2,
		Copies: []newsbot.Copy{{ID: "strike", Path: "strike.txt"}, {ID: "x", Path: "x.txt"}}}
	line := citationLine(1, c, 100)
	if !strings.HasSuffix(line, "· also in 2 other files") {
		t.Errorf("citation line %q does not count the copies", line)
	}
	if m := citedRef.FindStringSubmatch(line); m == nil || m[1] != "2" || m[2] != "wire/strike" {
		t.Errorf("citation %q does not read back: %v", line, m)
	}
}

// TestSourceOpensACopysID: an article saved in two files is one article,
// and the ID of either file (each shown by citations, reports and
// answers) opens it with /source; /sources counts the copy.
func TestSourceOpensACopysID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	story := "Port strike ends after pay deal\n\nDock workers returned to work on Thursday after the union accepted a 6 percent raise.\n\nThe strike had closed the port for eleven days.\n"
	saved := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, name := range []string{"u15.txt", "u16.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(story), 0o644); err != nil {
			t.Fatal(err)
		}
		saved = saved.Add(time.Minute)
		if err := os.Chtimes(p, saved, saved); err != nil {
			t.Fatal(err)
		}
	}
	l, err := library.Open(ctx, dir, filepath.Join(t.TempDir(), "index"), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	if as := l.Articles(); len(as) != 1 || as[0].ID != "u15" || len(as[0].Copies) != 1 || as[0].Copies[0].ID != "u16" {
		t.Fatalf("articles = %+v, want u15 with its copy u16", as)
	}
	if a, found, err := l.Article(ctx, "u16"); err != nil || !found || a.ID != "u15" || len(a.Paragraphs) != 2 {
		t.Errorf("library Article(u16) = %+v, %v, %v; want u15 with 2 paragraphs", a, found, err)
	}
	b := New(l, Config{})
	for _, key := range []string{"u15", "u16", articleKey("u16")} {
		out := b.Handle(ctx, slash("1", "source", map[string]string{"article": key}, 0))
		checkLimits(t, out)
		if len(out.Data.Embeds) == 0 || !strings.HasPrefix(out.Data.Embeds[0].Description, "**¶1** Dock workers returned") {
			t.Errorf("/source %s = %q %+v", key, out.Data.Content, out.Data.Embeds)
		}
	}
	src := b.Handle(ctx, slash("2", "sources", nil, 0))
	if d := src.Data.Embeds[0].Description; !strings.Contains(d, "`u15` · also in 1 other file") {
		t.Errorf("/sources does not count the copy:\n%s", d)
	}
}
