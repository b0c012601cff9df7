package corpus

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzExts are the kinds of file FuzzParse reads its input as.
var fuzzExts = []string{".txt", ".md", "", ".json", ".jsonl", ".html", ".xml", ".rss", ".atom", ".pdf"}

// FuzzParse reads any bytes as an article file of each kind: whatever it
// holds, Parse returns articles or an error, never panics, and every
// article it returns has an ID, a title and paragraphs of valid UTF-8 text,
// numbered from 1. `go test ./...` runs it for 10 seconds
// (internal/fuzzing).
func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"\x00\x01\x02",
		"Title only",
		"Title\n\nBody paragraph one.\n\nBody paragraph two.",
		"SEOUL, South Korea - February 21st, 2026 - North Korea\n\nSEOUL, South Korea - February 21st, 2026 - North Korea reopened lines.\n\nRead the Full WSB-TV Article at: [ https://example.com/x ]",
		"---\ntitle: T\ndate: 2026-02-30\n---\nBody text here.",
		"---\ntitle: [unclosed\n---\nBody",
		"---\n---\n",
		"# Heading\n\n## Why now?\n\nBecause.\n\nMore from Reuters\n\nteaser",
		`{"title":"T","date":"2026-02-21","text":"Body of the story."}`,
		`{"title":"T","paragraphs":["a","b",null,3]}`,
		`{"title":null,"text":{"x":1}}`,
		`[1,2,3]`,
		"{\"id\":\"a\",\"title\":\"A\",\"text\":\"x y z\"}\n{\"id\":\"a\",\"title\":\"B\",\"text\":\"x\"}\nnot json\n",
		"<html><head><title>T</title><meta charset=\"utf-16\"></head><body><article><p>" + strings.Repeat("word ", 40) + "</p></article></body></html>",
		"<?xml version=\"1.0\"?><rss><channel><title>F</title><item><title>I</title><description>&lt;p&gt;Text of the item.&lt;/p&gt;</description><pubDate>Sat, 21 Feb 2026 10:00:00 +0900</pubDate></item></channel></rss>",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><title>E</title><content type=\"html\">Body</content></entry></feed>",
		"<rss><channel><item><title>" + strings.Repeat("<", 100) + "</title></item>",
		"\xff\xfeT\x00i\x00t\x00l\x00e\x00\n\x00",
		"\xef\xbb\xbfTitle\r\nBody\r\n",
		"Title\n\n" + strings.Repeat("A very long paragraph without a break. ", 300),
		"Title\n\n\u202eRTL \u0000 text\n\n<@&123> @everyone **bold**",
	}
	for _, s := range seeds {
		for k := range fuzzExts {
			f.Add(uint8(k), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := "dir/file" + fuzzExts[int(kind)%len(fuzzExts)]
		articles, _, err := Parse(name, data)
		if err != nil {
			if len(articles) > 0 {
				t.Fatalf("an error (%v) with %d articles", err, len(articles))
			}
			return
		}
		if len(articles) == 0 {
			t.Fatal("no error and no article")
		}
		for _, a := range articles {
			if a.ID == "" || !strings.HasPrefix(a.ID, "dir/file") {
				t.Fatalf("article ID %q", a.ID)
			}
			if !utf8.ValidString(a.Title) {
				t.Fatalf("title is not UTF-8: %q", a.Title)
			}
			if len(a.Paragraphs) == 0 {
				t.Fatalf("article %q has no paragraphs", a.ID)
			}
			for k, p := range a.Paragraphs {
				if p.N != k+1 {
					t.Fatalf("paragraph %d numbered %d", k+1, p.N)
				}
				if strings.TrimSpace(p.Text) == "" || !utf8.ValidString(p.Text) {
					t.Fatalf("paragraph %d: %q", p.N, p.Text)
				}
				if bytes.IndexByte([]byte(p.Text), 0) >= 0 {
					t.Fatalf("paragraph %d holds a NUL", p.N)
				}
			}
		}
	})
}
