package feeds

import (
	"context"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
)

// claim marks an article URL as being fetched by this item. It returns
// the file that already holds the article (and no release), or waits while
// another feed's item fetches it and then looks again. release is nil
// when ctx ends.
func (p *poll) claim(ctx context.Context, key string) (release func(), path string) {
	for {
		p.mu.Lock()
		if path, ok := p.st.Articles[key]; ok {
			p.mu.Unlock()
			return nil, path
		}
		ch, busy := p.inflight[key]
		if !busy {
			ch = make(chan struct{})
			p.inflight[key] = ch
			p.mu.Unlock()
			return func() {
				p.mu.Lock()
				delete(p.inflight, key)
				p.mu.Unlock()
				close(ch)
			}, ""
		}
		p.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ""
		}
	}
}

// duplicateLocked records an item whose article the corpus already has
// (from another feed, or under another URL). p.mu is held.
func (p *poll) duplicateLocked(in itemInfo, path string, keys []string) ItemReport {
	p.st.Items[in.key] = &itemState{Feed: in.feedURL, Stamp: in.stamp, Path: path, Done: true, Seen: p.c.cfg.Now()}
	p.remember(keys, path)
	p.saveLocked()
	return ItemReport{Title: in.title, URL: in.link, Action: Skipped, Path: filepath.Join(p.c.cfg.Corpus, filepath.FromSlash(path)),
		Note: "already in the corpus (the same article from another feed or URL)"}
}

// remember notes the URLs an article is known by. p.mu is held.
func (p *poll) remember(keys []string, path string) {
	for _, k := range keys {
		if k != "" {
			p.st.Articles[k] = path
		}
	}
}

// page fetches an item's linked page and extracts its article.
func (p *poll) page(ctx context.Context, link string, publicOnly bool) (newsbot.Article, *url.URL, error) {
	if link == "" {
		return newsbot.Article{}, nil, &fetchError{msg: "the item has no link"}
	}
	u, err := ParseFeedURL(link)
	if err != nil {
		return newsbot.Article{}, nil, &fetchError{msg: err.Error()}
	}
	resp, err := p.c.fetch.get(ctx, request{url: u, accept: pageAccept, robots: true, publicOnly: publicOnly})
	if err != nil {
		return newsbot.Article{}, nil, err
	}
	if resp.status < 200 || resp.status >= 300 {
		return newsbot.Article{}, nil, &fetchError{msg: fmt.Sprintf("HTTP %d", resp.status)}
	}
	ct := resp.header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(resp.body))
	}
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return newsbot.Article{}, nil, &fetchError{msg: fmt.Sprintf("not a web page (%s)", mt)}
	}
	a, _, err := corpus.ParsePage(resp.body, ct)
	if err != nil {
		return newsbot.Article{}, nil, &fetchError{msg: err.Error()}
	}
	return a, resp.url, nil
}

// canonical is the URL an article is written with: the page's canonical
// URL when it is on the same site and not the site's home page (a page
// that names another site's copy as canonical is a copy of a story, which
// stays its own article), else where the link led, else the link.
func canonical(pageURL string, final *url.URL, link string) string {
	ref, _ := url.Parse(link)
	fallback := link
	if final != nil {
		ref, fallback = final, final.String()
	}
	cu, err := url.Parse(strings.TrimSpace(pageURL))
	if pageURL == "" || err != nil || (cu.Scheme != "http" && cu.Scheme != "https") || cu.Host == "" || ref == nil {
		return fallback
	}
	site := func(h string) string { return strings.TrimPrefix(strings.ToLower(h), "www.") }
	if site(cu.Hostname()) != site(ref.Hostname()) {
		return fallback
	}
	if (cu.Path == "" || cu.Path == "/") && ref.Path != "" && ref.Path != "/" {
		return fallback
	}
	return cu.String()
}

// cleanTitle is a feed item's title as plain text on one line.
func cleanTitle(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("corpus folder: %w", err)
	}
	return nil
}
