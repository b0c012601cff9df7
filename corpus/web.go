package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// webFormats are the extensions of web pages and feeds.
var (
	htmlExts = map[string]bool{".html": true, ".htm": true, ".xhtml": true}
	feedExts = map[string]bool{".rss": true, ".atom": true, ".xml": true}
)

// utf8Reader turns a page or feed in any declared or sniffed charset into
// UTF-8 (charset from a <meta> tag, an XML declaration or a byte-order mark).
func utf8Reader(data []byte, contentType string) (io.Reader, error) {
	r, err := charset.NewReader(bytes.NewReader(data), contentType)
	if err != nil {
		return nil, fmt.Errorf("unknown character set: %w", err)
	}
	return r, nil
}

// parseHTML reads a news web page: the main text with go-trafilatura
// (navigation, comments, related links and boilerplate left out), the
// publication date with go-htmldate, and the title, canonical URL and site
// name from the page's metadata.
func parseHTML(id string, data []byte) (draft, error) { return parsePage(id, data, "text/html") }

// parsePage is parseHTML for a page whose Content-Type (with the character
// set a web server may name) is contentType.
func parsePage(id string, data []byte, contentType string) (draft, error) {
	d := draft{id: id}
	r, err := utf8Reader(data, contentType)
	if err != nil {
		return d, err
	}
	doc, err := html.Parse(r)
	if err != nil {
		return d, fmt.Errorf("HTML: %w", err)
	}
	// The publication date of the article, not the page's last change; only
	// dates the page states, never today's.
	date, dateErr := htmldate.FromDocument(doc, htmldate.Options{UseOriginalDate: true, MaxDate: time.Now().Add(48 * time.Hour)})
	opts := trafilatura.Options{ExcludeComments: true, Deduplicate: true, HtmlDateMode: trafilatura.Disabled}
	if dateErr == nil && !date.DateTime.IsZero() {
		opts.HtmlDateOverride = &date
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res.ContentNode == nil {
		return d, errors.New("HTML: no article text found in the page")
	}
	m := res.Metadata
	d.title = strings.TrimSpace(m.Title)
	d.url = strings.TrimSpace(m.URL)
	d.source = strings.TrimSpace(m.Sitename)
	if dateErr == nil && !date.DateTime.IsZero() {
		t := date.DateTime
		d.published, _ = dayOf(t.Year(), t.Month(), t.Day())
	}
	// The extracted text as paragraphs; the headline repeated above the
	// story is not one.
	var blocks []string
	words := 0
	for _, b := range blocksOf([]*html.Node{res.ContentNode}) {
		if strings.EqualFold(b, d.title) {
			continue
		}
		blocks = append(blocks, b)
		words += len(strings.Fields(b))
	}
	if words < minPageWords {
		return d, errors.New("HTML: no article text found in the page")
	}
	if d.title == "" {
		d.title, blocks = blocks[0], blocks[1:]
	}
	d.bodyText = strings.Join(blocks, "\n\n")
	return d, nil
}

// minPageWords is the least text a page must have to be an article: less
// is navigation, a title, or an error page.
const minPageWords = 12

// parseFeed reads an RSS, Atom or JSON feed file with gofeed: one article
// per item, from its full text (content:encoded) or else its description.
// An item's ID is the file's ID and a digest of the item's GUID (or link, or
// title), so that it stays the same as the feed grows.
func parseFeed(id string, data []byte) ([]draft, error) {
	r, err := utf8Reader(data, "application/xml")
	if err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	if len(feed.Items) == 0 {
		return nil, errors.New("feed: no items")
	}
	var out []draft
	seen := map[string]bool{}
	for _, it := range feed.Items {
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		blocks := htmlBlocks(body)
		title := strings.TrimSpace(html.UnescapeString(it.Title))
		if title == "" || len(blocks) == 0 {
			continue // nothing to quote
		}
		key := it.GUID
		if key == "" {
			key = it.Link
		}
		if key == "" {
			key = title
		}
		sum := sha256.Sum256([]byte(key))
		itemID := id + "/" + hex.EncodeToString(sum[:6])
		if seen[itemID] {
			continue
		}
		seen[itemID] = true
		d := draft{id: itemID, title: title, url: strings.TrimSpace(it.Link), source: strings.TrimSpace(feed.Title)}
		switch {
		case it.PublishedParsed != nil:
			d.published = localDay(it.Published, *it.PublishedParsed)
		case it.UpdatedParsed != nil:
			d.published = localDay(it.Updated, *it.UpdatedParsed)
		}
		d.bodyText = strings.Join(blocks, "\n\n")
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, errors.New("feed: no item has a title and text")
	}
	return out, nil
}

// localDay is the calendar day a feed gives, in the publisher's own time
// zone (gofeed's parsed time is in UTC, which can move it a day).
func localDay(raw string, parsed time.Time) time.Time {
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC3339, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, strings.TrimSpace(raw)); err == nil {
			parsed = t
			break
		}
	}
	day, _ := dayOf(parsed.Year(), parsed.Month(), parsed.Day())
	return day
}

// blockTags end a paragraph of text in an HTML fragment.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "blockquote": true, "section": true, "article": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "figcaption": true,
}

// htmlBlocks turns an HTML fragment (or plain text) into its paragraphs of
// text; scripts and styles are left out.
func htmlBlocks(fragment string) []string {
	fragment = strings.TrimSpace(fragment)
	if fragment == "" {
		return nil
	}
	if !strings.Contains(fragment, "<") {
		var out []string
		for _, p := range strings.Split(html.UnescapeString(fragment), "\n\n") {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil
	}
	return blocksOf(nodes)
}

// blocksOf collects the paragraphs of text under nodes.
func blocksOf(nodes []*html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if p := strings.Join(strings.Fields(cur.String()), " "); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "iframe", "figure", "nav", "aside":
				return
			}
			if blockTags[n.Data] {
				flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			flush()
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	flush()
	return out
}

// isFeed sniffs whether an .xml file is a feed.
func isFeed(data []byte) bool {
	head := data
	if len(head) > 2048 {
		head = head[:2048]
	}
	s := strings.ToLower(string(head))
	return strings.Contains(s, "<rss") || strings.Contains(s, "<feed") || strings.Contains(s, "<rdf:rdf")
}

// webKind tells how a file's extension is read: "html", "feed" or "".
func webKind(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case htmlExts[ext]:
		return "html"
	case feedExts[ext]:
		return "feed"
	}
	return ""
}
