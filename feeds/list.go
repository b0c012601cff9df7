package feeds

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsbot-dev/newsbot/corpus"
)

// SplitList splits a list of feed URLs separated by spaces, commas or
// new lines (NEWSBOT_FEEDS).
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
}

// readListFile reads a feed-list file: one URL a line; blank lines and
// lines starting with # are left out. A missing file is an empty list.
func readListFile(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feed list: %w", err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		if f := listLine(sc.Text()); f != "" {
			out = append(out, f)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("feed list %s: %w", path, err)
	}
	return out, nil
}

// listed finds the feed whose urlKey is key among the lines of a
// feed-list file.
func listed(lines []string, key string) (string, bool) {
	for _, line := range lines {
		if f := listLine(line); f != "" && urlKey(f) == key {
			return f, true
		}
	}
	return "", false
}

// listLine is the feed URL on a line of a feed-list file: its first word,
// unless the line is blank or a # comment.
func listLine(line string) string {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return ""
	}
	return strings.Fields(line)[0]
}

// configured is a feed URL and where it was configured.
type configured struct {
	url     string
	fromEnv bool
}

// feedList is every feed followed: those of NEWSBOT_FEEDS, then those of
// the feed-list file, each once.
func (c *Crawler) feedList() ([]configured, error) {
	fromFile, err := readListFile(c.cfg.ListFile)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []configured
	add := func(raw string, fromEnv bool) {
		k := urlKey(raw)
		if k == "" {
			k = raw
		}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, configured{url: strings.TrimSpace(raw), fromEnv: fromEnv})
	}
	for _, u := range c.cfg.Feeds {
		add(u, true)
	}
	for _, u := range fromFile {
		add(u, false)
	}
	return out, nil
}

// FeedCount is how many feeds are followed.
func (c *Crawler) FeedCount() (int, error) {
	l, err := c.feedList()
	return len(l), err
}

// RefusedError is a /follow or /unfollow that cannot be done, with the
// reason to tell the user.
type RefusedError struct{ Reason string }

// Error is the reason.
func (e *RefusedError) Error() string { return e.Reason }

func refused(format string, args ...any) error {
	return &RefusedError{Reason: fmt.Sprintf(format, args...)}
}

// Followed is a feed newly followed.
type Followed struct {
	// URL is the feed as it is now followed, Title its own.
	URL, Title string
	// Items is how many items the feed held when it was read.
	Items int
}

// Follow adds a feed to the feed-list file, after checking that it is a
// public web address (unless Config.AllowPrivateFollow) and that it reads
// as a feed, and wakes the poller. What cannot be followed is a
// *RefusedError saying why.
func (c *Crawler) Follow(ctx context.Context, raw string) (Followed, error) {
	if c.cfg.ListFile == "" {
		return Followed{}, refused("no feed-list file is set (NEWSBOT_FEED_FILE), so feeds can be followed only in NEWSBOT_FEEDS")
	}
	u, err := ParseFeedURL(raw)
	if err != nil {
		return Followed{}, refused("%v", err)
	}
	list, err := c.feedList()
	if err != nil {
		return Followed{}, err
	}
	for _, f := range list {
		if urlKey(f.url) == urlKey(u.String()) {
			return Followed{}, refused("already following %s", f.url)
		}
	}
	if !c.cfg.AllowPrivateFollow {
		lookup, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := checkPublic(lookup, u)
		cancel()
		if err != nil {
			return Followed{}, refused("%v", err)
		}
	}
	resp, err := c.fetch.get(ctx, request{url: u, accept: feedAccept, robots: true, publicOnly: !c.cfg.AllowPrivateFollow})
	if err != nil {
		if ctx.Err() != nil {
			return Followed{}, ctx.Err()
		}
		return Followed{}, refused("could not read %s: %v", u, trimURL(err.Error(), u.String()))
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.body))
	if err != nil {
		return Followed{}, refused("%s is not an RSS, Atom or JSON feed", u)
	}
	if err := c.editList(ctx, func(lines []string) ([]string, error) {
		// Looked at again under the list's lock: another /follow of the
		// same feed may have been read at the same time.
		if f, ok := listed(lines, urlKey(u.String())); ok {
			return nil, refused("already following %s", f)
		}
		return append(lines, u.String()), nil
	}); err != nil {
		return Followed{}, err
	}
	c.log.Info("feed followed", "feed", u.String(), "title", feed.Title)
	c.Wake()
	return Followed{URL: u.String(), Title: strings.TrimSpace(feed.Title), Items: len(feed.Items)}, nil
}

// Unfollow takes a feed out of the feed-list file. The articles it brought
// stay in the corpus. A feed of NEWSBOT_FEEDS, or one not followed, is a
// *RefusedError.
func (c *Crawler) Unfollow(ctx context.Context, raw string) (string, error) {
	key := urlKey(raw)
	if key == "" {
		return "", refused("not a web address: %q", strings.TrimSpace(raw))
	}
	for _, f := range c.cfg.Feeds {
		if urlKey(f) == key {
			return "", refused("%s is set in NEWSBOT_FEEDS; take it out there", f)
		}
	}
	removed := ""
	if c.cfg.ListFile != "" {
		if err := c.editList(ctx, func(lines []string) ([]string, error) {
			out := lines[:0]
			for _, line := range lines {
				if f, ok := listed([]string{line}, key); ok && removed == "" {
					removed = f
					continue
				}
				out = append(out, line)
			}
			return out, nil
		}); err != nil {
			return "", err
		}
	}
	if removed == "" {
		return "", refused("not following %s", strings.TrimSpace(raw))
	}
	c.log.Info("feed unfollowed", "feed", removed)
	return removed, nil
}

// editList rewrites the feed-list file through edit, under its lock.
func (c *Crawler) editList(ctx context.Context, edit func(lines []string) ([]string, error)) error {
	unlock, err := lockFile(ctx, c.cfg.ListFile, nil)
	if err != nil {
		return err
	}
	defer unlock()
	data, err := os.ReadFile(c.cfg.ListFile)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("feed list: %w", err)
	}
	var lines []string
	if len(data) == 0 {
		lines = []string{"# Feeds newsbot follows, one URL a line (/follow and /unfollow edit this file)."}
	} else {
		lines = strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	}
	lines, err = edit(lines)
	if err != nil {
		return err
	}
	// lockFile made the list's folder.
	return corpus.WriteFile(c.cfg.ListFile, []byte(strings.Join(lines, "\n")+"\n"))
}

// Status is how a followed feed is doing.
type Status struct {
	URL, Title string
	// FromEnv is true for a feed of NEWSBOT_FEEDS (not unfollowed from
	// Discord).
	FromEnv bool
	// LastPoll is when it was last asked for (zero: not yet); LastOK when
	// it last answered.
	LastPoll, LastOK time.Time
	// Result says how the last poll went.
	Result string
	// Failures in a row, and when it is tried next after them.
	Failures int
	NextTry  time.Time
	// Articles is how many articles in the corpus came from it.
	Articles int
}

// Status lists the followed feeds with how each is doing, from the state
// file the last poll saved.
func (c *Crawler) Status() ([]Status, error) {
	list, err := c.feedList()
	if err != nil {
		return nil, err
	}
	st, err := readState(c.cfg.StateFile)
	if errors.Is(err, errBadState) {
		st, err = newState(), nil // the next poll sets it aside and says so
	}
	if err != nil {
		return nil, err
	}
	articles := map[string]map[string]bool{}
	for _, it := range st.Items {
		if it.Path == "" {
			continue
		}
		if articles[it.Feed] == nil {
			articles[it.Feed] = map[string]bool{}
		}
		articles[it.Feed][it.Path] = true
	}
	out := make([]Status, 0, len(list))
	for _, f := range list {
		s := Status{URL: f.url, FromEnv: f.fromEnv, Articles: len(articles[f.url])}
		if fs := st.Feeds[f.url]; fs != nil {
			s.Title, s.LastPoll, s.LastOK, s.Result, s.Failures, s.NextTry = fs.Title, fs.LastPoll, fs.LastOK, fs.Result, fs.Failures, fs.NextTry
		}
		out = append(out, s)
	}
	return out, nil
}

// FollowedURLs lists the feeds of the feed-list file (those /unfollow can
// take out), sorted. A list that cannot be read is logged and gives none.
func (c *Crawler) FollowedURLs() []string {
	list, err := c.feedList()
	if err != nil {
		c.log.Warn("reading the feed list", "err", err)
		return nil
	}
	var out []string
	for _, f := range list {
		if !f.fromEnv {
			out = append(out, f.url)
		}
	}
	sort.Strings(out)
	return out
}

// trimURL drops a leading "URL: " from a message that already names it.
func trimURL(msg, u string) string {
	return strings.TrimPrefix(msg, u+": ")
}
