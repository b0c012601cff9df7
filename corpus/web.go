package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// webFormats are the extensions of web pages and feeds.
var (
	htmlExts = map[string]bool{".html": true, ".htm": true, ".xhtml": true}
	feedExts = map[string]bool{".rss": true, ".atom": true, ".xml": true}
)

// utf16ToUTF8 turns a page or feed written in UTF-16 into UTF-8 before
// anything else reads it: its NUL bytes would make it look binary. UTF-16
// is known by its byte-order mark, or without one by the first bytes of
// markup ("<" and a letter or "?" or "!", each beside a NUL). An XML
// declaration's encoding="UTF-16" is changed to UTF-8 with it. Anything
// else, or what does not decode, is returned as it is.
func utf16ToUTF8(data []byte) []byte {
	var order unicode.Endianness
	bom := unicode.IgnoreBOM
	markup := func(b0, b1 byte) bool { return b0 == '<' && b1 == 0 }
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order, bom = unicode.LittleEndian, unicode.ExpectBOM
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order, bom = unicode.BigEndian, unicode.ExpectBOM
	case len(data) >= 4 && markup(data[0], data[1]) && data[3] == 0 && markupStart(data[2]):
		order = unicode.LittleEndian
	case len(data) >= 4 && markup(data[1], data[0]) && data[2] == 0 && markupStart(data[3]):
		order = unicode.BigEndian
	default:
		return data
	}
	out, err := unicode.UTF16(order, bom).NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return xmlEncodingUTF16.ReplaceAll(out, []byte("${1}UTF-8${2}"))
}

// markupStart reports whether b can follow "<" at the start of a page or
// feed: a letter, "?" (an XML declaration) or "!" (a doctype or comment).
func markupStart(b byte) bool {
	return b == '?' || b == '!' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// xmlEncodingUTF16 matches the encoding of an XML declaration that says
// UTF-16.
var xmlEncodingUTF16 = regexp.MustCompile(`(?i)^(\s*<\?xml[^>]*encoding\s*=\s*["'])utf-16(?:le|be)?(["'])`)

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
	extracted := blocksOf([]*html.Node{res.ContentNode})
	if wholeText(extracted, res.ContentText, titleOf(doc)) {
		// go-trafilatura's last resort for a page of little text adds the
		// text of the whole page, <title> and all, run together as one more
		// paragraph ("Wombatfund titleThe wombatfund …"): read the page's
		// body as it stands instead.
		if body := bodyOf(data, contentType); body != nil {
			extracted = blocksOf([]*html.Node{body})
		}
	}
	var blocks []string
	words := 0
	for _, b := range extracted {
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

// wholeText reports whether the paragraphs go-trafilatura extracted end
// with the text of the whole page: its baseline's fallbacks (the body's
// text, or the whole document's) return that text, which is the last
// paragraph, after the paragraphs it found before, which it repeats; or,
// when it is the only paragraph, it starts with the page's <title> that
// no paragraph of a body holds.
func wholeText(blocks []string, text, title string) bool {
	if len(blocks) == 0 {
		return false
	}
	last := blocks[len(blocks)-1]
	if last != spaced(text) {
		return false
	}
	if len(blocks) > 1 {
		return true
	}
	return title != "" && len(last) > len(title) && strings.HasPrefix(last, title)
}

// titleOf is the text of the page's <title>, spaced; "" when it has none.
func titleOf(doc *html.Node) string {
	var find func(n *html.Node) string
	find = func(n *html.Node) string {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			return spaced(b.String())
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return ""
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if t := find(c); t != "" {
				return t
			}
		}
		return ""
	}
	return find(doc)
}

// bodyOf parses the page again (go-trafilatura changes the tree it is
// given) and returns its <body>; nil when it has none.
func bodyOf(data []byte, contentType string) *html.Node {
	r, err := utf8Reader(data, contentType)
	if err != nil {
		return nil
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil
	}
	var find func(n *html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if b := find(c); b != nil {
				return b
			}
		}
		return nil
	}
	return find(doc)
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
