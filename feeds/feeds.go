// Package feeds follows publishers' RSS and Atom feeds and brings each new
// article into the corpus folder, whole: the item's linked page is fetched
// and its article extracted by the corpus package's HTML path
// (go-trafilatura, go-htmldate), falling back to the item's own full text
// (content:encoded). Articles are written as `newsbot add` writes them
// (Markdown with front matter), so the folder stays the single source of
// truth and the index follows it as it follows any file.
//
// It crawls with manners: a User-Agent naming newsbot and a contact,
// robots.txt obeyed, one request at a time per host with a delay between
// them, conditional GETs of feeds, known items not downloaded again,
// timeouts, a size cap, limited redirects, and a back-off for a feed that
// fails. It knows nothing of Discord.
package feeds

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
)

// Defaults of Config.
const (
	DefaultInterval     = 10 * time.Minute
	DefaultDelay        = time.Second
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultMaxItems     = 100
	defaultParallel     = 4
	// maxBackoff is the longest a failing feed waits between tries.
	maxBackoff = time.Hour
	// maxAttempts is how many polls an item's page is tried when it fails
	// for a reason that may pass, before the feed's summary stands in.
	maxAttempts = 3
	// robotsAgent is the name robots.txt rules are matched against.
	robotsAgent = "newsbot"
	// projectURL is the contact in the User-Agent when none is configured.
	projectURL = "https://github.com/newsbot-dev/newsbot"
)

// What the crawler asks for.
const (
	feedAccept = "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
	pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
)

// Config sets up a Crawler.
type Config struct {
	// Corpus is the folder articles are written to.
	Corpus string
	// Feeds are feed URLs given in the environment (NEWSBOT_FEEDS).
	Feeds []string
	// ListFile is the feed-list file: one URL a line, read at every poll;
	// Follow and Unfollow edit it. Empty: none.
	ListFile string
	// StateFile keeps what the crawler knows between polls (ETags, items
	// seen, articles written, failures).
	StateFile string
	// Contact is a URL (or mailto:) where publishers can reach whoever
	// runs the bot; it goes into the User-Agent.
	Contact string
	// Delay between two requests to one host; default 1 s. A longer
	// Crawl-delay in the host's robots.txt wins (up to a minute).
	Delay time.Duration
	// Timeout of each request, body included; default 30 s.
	Timeout time.Duration
	// MaxBytes caps a feed or page; default corpus.DefaultMaxFileBytes.
	MaxBytes int64
	// MaxRedirects followed per request; default 5.
	MaxRedirects int
	// MaxItems is how many new items of one feed are read in one poll;
	// the rest wait for the next. Default 100.
	MaxItems int
	// Interval between polls, and the first wait of a failing feed, which
	// doubles with each failure up to an hour. Default 10 minutes.
	Interval time.Duration
	// Parallel is how many feeds are polled at once (each host still gets
	// one request at a time). Default 4.
	Parallel int
	// AllowPrivateFollow lets Follow take feeds on this machine or a
	// private network; off, only public addresses can be followed from
	// Discord (feeds in NEWSBOT_FEEDS or the list file may be anywhere).
	AllowPrivateFollow bool
	// nonPublic tells addresses that a feed on the public web may not lead
	// to; nil is the real test (tests treat some loopback addresses as
	// public).
	nonPublic func(netip.Addr) bool
	// Logger takes a line per poll that changed something, one per article
	// written, a warning per failing feed, every request at debug level;
	// nil: none.
	Logger *slog.Logger
	// Now dates what the crawler records (polls, back-offs, items seen,
	// robots.txt's cache); nil means time.Now. The delay between requests
	// and the wait between polls are real time whatever it says.
	Now func() time.Time
}

// userAgent names newsbot and where its operator can be reached.
func (c Config) userAgent() string {
	contact := strings.TrimSpace(c.Contact)
	if contact == "" {
		contact = projectURL
	}
	return fmt.Sprintf("newsbot/1.0 (+%s; feed reader)", contact)
}

// Crawler polls the feeds and writes new articles into the corpus.
type Crawler struct {
	cfg    Config
	log    *slog.Logger
	fetch  *fetcher
	wake   chan struct{}
	pollMu sync.Mutex // one poll at a time in this process
}

// New returns a crawler for cfg.
func New(cfg Config) (*Crawler, error) {
	if cfg.Corpus == "" {
		return nil, fmt.Errorf("feeds: no corpus folder")
	}
	if cfg.StateFile == "" {
		return nil, fmt.Errorf("feeds: no state file")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Delay <= 0 {
		cfg.Delay = DefaultDelay
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = corpus.DefaultMaxFileBytes
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.MaxItems <= 0 {
		cfg.MaxItems = DefaultMaxItems
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = defaultParallel
	}
	return &Crawler{cfg: cfg, log: cfg.Logger, fetch: newFetcher(cfg), wake: make(chan struct{}, 1)}, nil
}

// UserAgent is the User-Agent the crawler sends.
func (c *Crawler) UserAgent() string { return c.fetch.userAgent }

// Wake makes a running poller poll now (after Follow).
func (c *Crawler) Wake() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Run polls every feed at once and then every interval (Config.Interval)
// until ctx ends; Wake polls sooner. What each poll did is logged.
func (c *Crawler) Run(ctx context.Context) {
	for {
		start := time.Now() // real time: the crawler's clock dates records
		rep, err := c.Poll(ctx, PollOptions{})
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			c.log.Error("polling feeds", "err", err)
		case len(rep.Feeds) > 0:
			level := slog.LevelDebug // a poll that changed nothing is not news
			if rep.Failed()+rep.Count(Added)+rep.Count(Updated) > 0 {
				level = slog.LevelInfo
			}
			c.log.Log(ctx, level, "feeds polled", "feeds", len(rep.Feeds), "read", rep.Read(), "failed", rep.Failed(),
				"added", rep.Count(Added), "updated", rep.Count(Updated), "skipped", rep.Count(Skipped), "took", time.Since(start).Round(time.Millisecond))
		}
		wait := time.NewTimer(max(c.cfg.Interval-time.Since(start), 0))
		select {
		case <-ctx.Done():
			wait.Stop()
			return
		case <-c.wake:
			wait.Stop()
		case <-wait.C:
		}
	}
}

// PollOptions tune one poll.
type PollOptions struct {
	// Force polls feeds that are backing off after failures, too.
	Force bool
	// OnWait is called if the poll must wait for another newsbot's poll
	// (they share the state file).
	OnWait func()
}

// Outcome is how a feed's poll went.
type Outcome int

// The outcomes of polling a feed.
const (
	// Read: the feed was fetched and its items gone through.
	Read Outcome = iota
	// NotModified: the server said the feed has not changed (304).
	NotModified
	// Failed: the feed could not be fetched or read.
	Failed
	// Waiting: the feed failed before and is not tried again yet.
	Waiting
)

// Action is what became of an item.
type Action int

// The actions taken on items.
const (
	// Added: a new article was written into the corpus.
	Added Action = iota
	// Updated: the feed said the item changed, and its article was rewritten.
	Updated
	// Skipped: no article was written, for the reason given.
	Skipped
	// Retry: the page could not be fetched for a reason that may pass; the
	// item is tried again at the next poll.
	Retry
)

// String is how fetch prints the action: "added", "updated", ….
func (a Action) String() string {
	return [...]string{"added", "updated", "skipped", "will retry"}[a]
}

// Report is what one poll did.
type Report struct {
	// Feeds are the followed feeds, in the order of the feed list.
	Feeds []FeedReport
}

// FeedReport is what one feed's poll did.
type FeedReport struct {
	// URL is the feed as it is followed; Title its own, when it has been read.
	URL, Title string
	Outcome    Outcome
	// Err says why the feed could not be read (Failed, Waiting).
	Err string
	// NextTry is when a failing feed is tried again.
	NextTry time.Time
	// Items are the new and updated items and what became of them.
	Items []ItemReport
	// Known counts items seen before and not updated: not downloaded again.
	Known int
	// Left counts new items left for the next poll (Config.MaxItems).
	Left int
}

// ItemReport is what became of one item.
type ItemReport struct {
	// Title is the item's; URL its article's (the page's canonical URL when
	// the page was read, else the item's link).
	Title, URL string
	Action     Action
	// Path is the article's file (Added, Updated; for a Skipped duplicate,
	// the file that already has it).
	Path string
	// Note says why an item was skipped, or where the text came from when
	// not from the linked page.
	Note string
}

// Read counts the feeds that answered (with news or a 304).
func (r *Report) Read() int {
	n := 0
	for _, f := range r.Feeds {
		if f.Outcome == Read || f.Outcome == NotModified {
			n++
		}
	}
	return n
}

// Failed counts the feeds that could not be read, or wait after failing.
func (r *Report) Failed() int { return len(r.Feeds) - r.Read() }

// Count counts the items that met action a.
func (r *Report) Count(a Action) int {
	n := 0
	for _, f := range r.Feeds {
		n += f.Count(a)
	}
	return n
}

// Count counts the feed's items that met action a.
func (f *FeedReport) Count(a Action) int {
	n := 0
	for _, it := range f.Items {
		if it.Action == a {
			n++
		}
	}
	return n
}

// Poll polls every feed once: new and updated items become articles in the
// corpus folder. A feed that fails is reported and backs off; the others
// go on. The error is for what stops the whole poll (the state file).
func (c *Crawler) Poll(ctx context.Context, opts PollOptions) (*Report, error) {
	c.pollMu.Lock()
	defer c.pollMu.Unlock()
	list, err := c.feedList()
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return &Report{}, nil
	}
	unlock, err := lockFile(ctx, c.cfg.StateFile, opts.OnWait)
	if err != nil {
		return nil, err
	}
	defer unlock()
	st, err := loadState(c.cfg.StateFile, c.log)
	if err != nil {
		return nil, err
	}
	p := &poll{c: c, st: st, inflight: map[string]chan struct{}{}}
	rep := &Report{Feeds: make([]FeedReport, len(list))}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(c.cfg.Parallel, len(list)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rep.Feeds[i] = p.feed(ctx, list[i].url, opts.Force)
			}
		}()
	}
	for i := range list {
		next <- i
	}
	close(next)
	wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	st.prune(c.cfg.Now())
	if err := st.save(c.cfg.StateFile); err != nil {
		return rep, err
	}
	if p.saveErr != nil {
		return rep, p.saveErr
	}
	return rep, ctx.Err()
}

// poll is one poll's shared work: the state, and the article URLs being
// fetched right now (so that two feeds with the same article fetch it once).
type poll struct {
	c        *Crawler
	mu       sync.Mutex
	st       *state
	inflight map[string]chan struct{}
	saveErr  error
}

// saveLocked writes the state after an article was written, so that a
// crash loses no record of it. p.mu is held.
func (p *poll) saveLocked() {
	if err := p.st.save(p.c.cfg.StateFile); err != nil && p.saveErr == nil {
		p.saveErr = err
	}
}

// feed polls one feed.
func (p *poll) feed(ctx context.Context, raw string, force bool) FeedReport {
	c := p.c
	rep := FeedReport{URL: raw}
	u, err := ParseFeedURL(raw)
	if err != nil {
		rep.Outcome, rep.Err = Failed, "not a feed URL: "+err.Error()
		return rep
	}
	now := c.cfg.Now()
	p.mu.Lock()
	fs := p.st.Feeds[raw]
	if fs == nil {
		fs = &feedState{}
		p.st.Feeds[raw] = fs
	}
	rep.Title = fs.Title
	if !force && now.Before(fs.NextTry) {
		rep.Outcome, rep.NextTry = Waiting, fs.NextTry
		rep.Err = fmt.Sprintf("failed %s in a row (%s); next try at %s", plural(fs.Failures, "time"), fs.Result, fs.NextTry.UTC().Format("15:04:05 UTC"))
		p.mu.Unlock()
		return rep
	}
	etag, lastMod := fs.ETag, fs.LastModified
	p.mu.Unlock()

	resp, err := c.fetch.get(ctx, request{url: u, accept: feedAccept, etag: etag, lastModified: lastMod, robots: true})
	var feed *gofeed.Feed
	if err == nil && resp.status != 304 {
		if resp.status < 200 || resp.status >= 300 {
			err = &fetchError{msg: fmt.Sprintf("HTTP %d", resp.status)}
		} else if feed, err = gofeed.NewParser().Parse(bytes.NewReader(resp.body)); err != nil {
			err = &fetchError{msg: "not an RSS, Atom or JSON feed: " + err.Error()}
		}
	}
	p.mu.Lock()
	fs.LastPoll = now
	if err != nil {
		if ctx.Err() != nil {
			p.mu.Unlock()
			rep.Outcome, rep.Err = Failed, ctx.Err().Error()
			return rep
		}
		fs.Failures++
		wait := backoff(c.cfg.Interval, fs.Failures)
		var fe *fetchError
		if errors.As(err, &fe) && fe.retryAfter > wait {
			wait = fe.retryAfter
		}
		fs.NextTry = now.Add(wait)
		fs.Result = trimURL(err.Error(), u.String())
		rep.Outcome, rep.Err, rep.NextTry = Failed, fs.Result, fs.NextTry
		p.mu.Unlock()
		c.log.Warn("feed failed; backing off", "feed", raw, "err", rep.Err, "failures", fs.Failures, "next_try", wait)
		return rep
	}
	listed := fs.LastOK // when the feed last gave what it still lists
	fs.Failures, fs.NextTry, fs.LastOK = 0, time.Time{}, now
	if resp.status == 304 {
		// The feed still lists the items it listed then: they are seen
		// now, or a feed quiet for months would have them forgotten.
		for _, it := range p.st.Items {
			if it.Feed == raw && !it.Seen.Before(listed) {
				it.Seen = now
			}
		}
		fs.Result = "not changed"
		rep.Outcome = NotModified
		p.mu.Unlock()
		return rep
	}
	if t := strings.TrimSpace(feed.Title); t != "" {
		fs.Title, rep.Title = t, t
	}
	p.mu.Unlock()

	// A feed on the public web leads only to public pages: its items cannot
	// make the bot read this machine or its network.
	publicOnly := resp.remote.IsValid() && !c.fetch.nonPublic(resp.remote)
	complete := p.items(ctx, &rep, raw, resp.url, feed, publicOnly)
	p.mu.Lock()
	defer p.mu.Unlock()
	// The validators are kept only when every item was dealt with: a 304
	// next time must not hide an item left for later.
	if complete {
		fs.ETag, fs.LastModified = resp.header.Get("ETag"), resp.header.Get("Last-Modified")
	} else {
		fs.ETag, fs.LastModified = "", ""
	}
	fs.Result = fmt.Sprintf("%s: %s, %d updated", plural(len(feed.Items), "item"), plural(rep.Count(Added), "new article"), rep.Count(Updated))
	rep.Outcome = Read
	return rep
}

// backoff is how long a feed that failed n times in a row waits: twice
// the interval after the first failure, doubling after each, up to an hour.
func backoff(interval time.Duration, n int) time.Duration {
	wait := interval
	for i := 0; i < n && wait < maxBackoff; i++ {
		wait *= 2
	}
	return min(wait, maxBackoff)
}

// items goes through a feed's items; false when some are left for later.
func (p *poll) items(ctx context.Context, rep *FeedReport, feedURL string, base *url.URL, feed *gofeed.Feed, publicOnly bool) bool {
	complete := true
	fresh := 0
	for _, it := range feed.Items {
		if ctx.Err() != nil {
			return false
		}
		if it == nil {
			continue
		}
		in := p.describe(feedURL, base, feed, it)
		in.publicOnly = publicOnly
		if in.id == "" {
			continue // no title, no link, no GUID: nothing to go by
		}
		p.mu.Lock()
		rec := p.st.Items[in.key]
		if rec != nil {
			rec.Seen = p.c.cfg.Now()
		}
		update := rec != nil && rec.Done && !rec.Stamp.IsZero() && in.stamp.After(rec.Stamp)
		if rec != nil && rec.Done && !update {
			rep.Known++
			p.mu.Unlock()
			continue
		}
		p.mu.Unlock()
		if fresh >= p.c.cfg.MaxItems {
			rep.Left++
			complete = false
			continue
		}
		fresh++
		ir := p.item(ctx, in, rec, update)
		if ir.Action == Retry {
			complete = false
		}
		rep.Items = append(rep.Items, ir)
	}
	return complete
}

// itemInfo is what the crawler goes by for one feed item.
type itemInfo struct {
	feedURL, feedTitle string
	key, id            string
	title, link        string
	stamp, published   time.Time
	content, summary   string
	publicOnly         bool // the page must be on a public address
}

// describe reads what matters of a feed item: its identity (GUID, else
// link, else title), its link made absolute, when it was last updated, the
// day it was published, and its full text and summary.
func (p *poll) describe(feedURL string, base *url.URL, feed *gofeed.Feed, it *gofeed.Item) itemInfo {
	in := itemInfo{feedURL: feedURL, feedTitle: strings.TrimSpace(feed.Title), title: cleanTitle(it.Title),
		content: it.Content, summary: it.Description}
	link := strings.TrimSpace(it.Link)
	if link == "" && strings.HasPrefix(it.GUID, "http") {
		link = strings.TrimSpace(it.GUID)
	}
	if link != "" {
		if lu, err := base.Parse(link); err == nil && (lu.Scheme == "http" || lu.Scheme == "https") {
			in.link = cleanURL(lu.String())
		}
	}
	switch {
	case strings.TrimSpace(it.GUID) != "":
		in.id = strings.TrimSpace(it.GUID)
	case in.link != "":
		in.id = urlKey(in.link)
	case in.title != "":
		in.id = "title:" + in.title
	}
	in.key = feedURL + " " + in.id
	switch {
	case it.UpdatedParsed != nil:
		in.stamp = it.UpdatedParsed.UTC()
	case it.PublishedParsed != nil:
		in.stamp = it.PublishedParsed.UTC()
	}
	switch {
	case it.PublishedParsed != nil:
		in.published = corpus.FeedDay(it.Published, *it.PublishedParsed)
	case it.UpdatedParsed != nil:
		in.published = corpus.FeedDay(it.Updated, *it.UpdatedParsed)
	}
	return in
}

// item fetches one new or updated item's article and writes it.
func (p *poll) item(ctx context.Context, in itemInfo, rec *itemState, update bool) ItemReport {
	c := p.c
	ir := ItemReport{Title: in.title, URL: in.link}
	linkKey := urlKey(in.link)
	// An update of an item that gave an article rewrites that article.
	rewrite := update && rec.Path != ""
	// The same article from another feed, or fetched right now by one.
	if !update && linkKey != "" {
		release, path := p.claim(ctx, linkKey)
		if release == nil {
			if path != "" {
				p.mu.Lock()
				defer p.mu.Unlock()
				return p.duplicateLocked(in, path, []string{linkKey})
			}
			return ItemReport{Title: in.title, URL: in.link, Action: Retry, Note: "poll stopped"}
		}
		defer release()
	}

	var fromFeed string
	a, final, pageErr := p.page(ctx, in.link, in.publicOnly)
	if pageErr != nil {
		if ctx.Err() != nil {
			return ItemReport{Title: in.title, URL: in.link, Action: Retry, Note: "poll stopped"}
		}
		why := trimURL(pageErr.Error(), in.link)
		attempts := 1
		if rec != nil {
			attempts = rec.Attempts + 1
		}
		if isDeferred(pageErr) {
			// Not asked for: this poll does not count as an attempt.
			attempts--
		}
		var ok bool
		switch a, ok = itemText(in, in.content); {
		case ok:
			fromFeed = "text from the feed's content:encoded, as the page gave none (" + why + ")"
		case isTemporary(pageErr) && attempts < maxAttempts:
			p.mu.Lock()
			if rewrite {
				// The article and the stamp it was written at stay, so the
				// next poll sees the update again.
				rec.Attempts, rec.Skipped, rec.Seen = attempts, why, c.cfg.Now()
			} else {
				p.st.Items[in.key] = &itemState{Feed: in.feedURL, Stamp: in.stamp, Attempts: attempts, Seen: c.cfg.Now(), Skipped: why}
			}
			p.mu.Unlock()
			ir.Action, ir.Note = Retry, fmt.Sprintf("page: %s; trying again at the next poll (attempt %d of %d)", why, attempts, maxAttempts)
			if isDeferred(pageErr) {
				ir.Note = "page: " + why + "; trying again at the next poll"
			}
			return ir
		case rewrite:
			// A summary does not replace the article's full text.
			p.mu.Lock()
			rec.Stamp, rec.Attempts, rec.Skipped, rec.Seen = in.stamp, 0, why, c.cfg.Now()
			p.saveLocked()
			p.mu.Unlock()
			ir.Action, ir.Path = Skipped, filepath.Join(c.cfg.Corpus, filepath.FromSlash(rec.Path))
			ir.Note = "updated in the feed, but the page gave no text (" + why + "); the article keeps its earlier version"
			return ir
		default:
			if a, ok = itemText(in, in.summary); !ok {
				p.mu.Lock()
				p.st.Items[in.key] = &itemState{Feed: in.feedURL, Stamp: in.stamp, Done: true, Seen: c.cfg.Now(), Skipped: why}
				p.mu.Unlock()
				ir.Action, ir.Note = Skipped, "no text: page: "+why
				return ir
			}
			fromFeed = "only the feed's summary, as the page gave no text (" + why + ")"
		}
	} else {
		// The feed's title and date are the publisher's own; the page's
		// metadata fills what the feed leaves out.
		if in.title != "" {
			a.Title = in.title
		}
		if !in.published.IsZero() {
			a.Published = in.published
		}
		a.URL = canonical(a.URL, final, in.link)
		if a.Source == "" {
			a.Source = in.feedTitle
		}
	}
	if a.Title == "" {
		a.Title = in.link
	}
	a.URL = cleanURL(a.URL)
	ir.URL = a.URL
	ir.Note = fromFeed
	keys := []string{urlKey(a.URL), linkKey}
	if final != nil {
		keys = append(keys, urlKey(final.String()))
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	if rewrite {
		path := filepath.Join(c.cfg.Corpus, filepath.FromSlash(rec.Path))
		if !exists(path) {
			rec.Stamp, rec.Seen, rec.Attempts = in.stamp, c.cfg.Now(), 0
			p.saveLocked()
			ir.Action, ir.Path, ir.Note = Skipped, path, "updated in the feed, but its file was taken out of the corpus; not put back"
			return ir
		}
		changed, err := corpus.Replace(path, a)
		if err != nil {
			ir.Action, ir.Note = Retry, err.Error()
			return ir
		}
		rec.Stamp, rec.Seen, rec.Attempts, rec.Skipped = in.stamp, c.cfg.Now(), 0, ""
		p.remember(keys, rec.Path)
		p.saveLocked()
		ir.Action, ir.Path = Updated, path
		if !changed {
			ir.Note = strings.TrimPrefix(strings.TrimSpace(ir.Note+"; the article had not changed"), "; ")
		}
		c.log.Info("article updated from feed", "feed", in.feedURL, "title", a.Title, "path", path)
		return ir
	}
	for _, k := range keys {
		if path, ok := p.st.Articles[k]; ok && k != "" {
			return p.duplicateLocked(in, path, keys)
		}
	}
	if err := ensureDir(c.cfg.Corpus); err != nil {
		ir.Action, ir.Note = Retry, err.Error()
		return ir
	}
	written, err := corpus.Add(c.cfg.Corpus, []newsbot.Article{a})
	if err != nil || len(written) != 1 {
		ir.Action, ir.Note = Retry, fmt.Sprintf("writing the article: %v", err)
		return ir
	}
	rel, _ := filepath.Rel(c.cfg.Corpus, written[0])
	rel = filepath.ToSlash(rel)
	p.st.Items[in.key] = &itemState{Feed: in.feedURL, Stamp: in.stamp, Path: rel, Done: true, Seen: c.cfg.Now()}
	p.remember(keys, rel)
	p.saveLocked()
	ir.Action, ir.Path = Added, written[0]
	c.log.Info("article added from feed", "feed", in.feedURL, "title", a.Title, "path", written[0], "from_feed_text", fromFeed != "")
	return ir
}

// itemText reads a feed item's own HTML (its content:encoded, or its
// summary) as its article; false when it holds no text.
func itemText(in itemInfo, html string) (newsbot.Article, bool) {
	if strings.TrimSpace(html) == "" {
		return newsbot.Article{}, false
	}
	a, _, err := corpus.ParseFragment(corpus.Fragment{Title: cmp.Or(in.title, in.link), URL: in.link, Source: in.feedTitle, Published: in.published, HTML: html})
	return a, err == nil
}

// plural writes "1 item", "2 items".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
