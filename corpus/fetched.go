package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
)

// ParsePage reads a web page fetched over HTTP as Parse reads an .html file:
// the main text with go-trafilatura (navigation, adverts, asides and footers
// left out), the publication date with go-htmldate, and the title,
// canonical URL and site name from the page's metadata. contentType is the
// response's Content-Type header: a character set it names wins over the
// one the page declares, as in a browser.
func ParsePage(data []byte, contentType string) (newsbot.Article, []Dropped, error) {
	if len(data) > DefaultMaxFileBytes {
		return newsbot.Article{}, nil, fmt.Errorf("page: %w (over %d bytes)", ErrTooLarge, DefaultMaxFileBytes)
	}
	if err := checkMarkup(data); err != nil {
		return newsbot.Article{}, nil, fmt.Errorf("page: %w", err)
	}
	if strings.TrimSpace(contentType) == "" {
		contentType = "text/html"
	}
	d, err := parsePage("page", data, contentType)
	if err != nil {
		return newsbot.Article{}, nil, err
	}
	return finishOne(d)
}

// Fragment is an article whose text is an HTML fragment, as a feed item's
// full text (content:encoded) gives it.
type Fragment struct {
	Title, URL, Source string
	Published          time.Time
	HTML               string
}

// ParseFragment reads f as a feed item is read: its paragraphs from the
// HTML (scripts, styles, figures, navigation and asides left out), junk
// removed, dates found.
func ParseFragment(f Fragment) (newsbot.Article, []Dropped, error) {
	title := strings.TrimSpace(f.Title)
	blocks := htmlBlocks(f.HTML)
	if title == "" || len(blocks) == 0 {
		return newsbot.Article{}, nil, errEmpty
	}
	d := draft{id: "item", title: title, url: strings.TrimSpace(f.URL), source: strings.TrimSpace(f.Source),
		published: f.Published, bodyText: strings.Join(blocks, "\n\n")}
	return finishOne(d)
}

// FeedDay is the day of publication a feed gives an item, as `newsbot add`
// reads a feed file: the calendar day in the publisher's own time zone
// (raw is the date as the feed writes it; parsed is gofeed's reading of
// it, in UTC, which can move it a day). A year outside 1000-9999 is no
// date (zero).
func FeedDay(raw string, parsed time.Time) time.Time { return localDay(raw, parsed) }

// finishOne finishes a draft read from the web into an article with its
// dates found.
func finishOne(d draft) (newsbot.Article, []Dropped, error) {
	a, dropped := d.finish("")
	if len(a.Paragraphs) == 0 {
		return a, dropped, errors.New("no paragraphs left after junk removal")
	}
	FindDates(&a)
	return a, dropped, nil
}

// Replace writes article a, in the form Add writes, over the file at path
// (a new version of an article Add wrote before keeps its file, and so its
// ID). Like Add it writes with WriteFile, so a watching bot never reads
// half a file. It reports false, and writes nothing, when
// the file already holds exactly this.
func Replace(path string, a newsbot.Article) (bool, error) {
	data, err := Normalised(a)
	if err != nil {
		return false, fmt.Errorf("article %q: %w", a.Title, err)
	}
	if existing, err := os.ReadFile(path); err == nil && bytes.Equal(existing, data) {
		return false, nil
	}
	if err := WriteFile(path, data); err != nil {
		return false, fmt.Errorf("replacing article %q: %w", a.Title, err)
	}
	return true, nil
}
