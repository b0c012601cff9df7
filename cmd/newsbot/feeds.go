package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot/feeds"
)

// Bounds of the feed settings.
const (
	minFeedInterval = time.Second
	minFeedDelay    = 100 * time.Millisecond
)

// feedEnv is the feed configuration from the environment (and .env).
type feedEnv struct {
	feeds           []string
	listFile, state string
	interval, delay time.Duration
	contact         string
}

// readFeedEnv reads NEWSBOT_FEEDS and the NEWSBOT_FEED_* settings. The
// feed-list and state files default to the folder that holds the index.
func readFeedEnv(getenv func(string) string, p *paths) (feedEnv, error) {
	beside := filepath.Dir(p.index)
	e := feedEnv{
		listFile: envOr(getenv, "NEWSBOT_FEED_FILE", filepath.Join(beside, "feeds.txt")),
		state:    envOr(getenv, "NEWSBOT_FEED_STATE", filepath.Join(beside, "feed-state.json")),
		contact:  strings.TrimSpace(getenv("NEWSBOT_FEED_CONTACT")),
		interval: feeds.DefaultInterval,
		delay:    feeds.DefaultDelay,
	}
	for _, raw := range feeds.SplitList(getenv("NEWSBOT_FEEDS")) {
		u, err := feeds.ParseFeedURL(raw)
		if err != nil {
			return e, usagef("NEWSBOT_FEEDS: %v", err)
		}
		e.feeds = append(e.feeds, u.String())
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
		min  time.Duration
	}{{"NEWSBOT_FEED_INTERVAL", &e.interval, minFeedInterval}, {"NEWSBOT_FEED_DELAY", &e.delay, minFeedDelay}} {
		s := strings.TrimSpace(getenv(d.name))
		if s == "" {
			continue
		}
		v, err := time.ParseDuration(s)
		if err != nil || v < d.min {
			return e, usagef("%s must be a duration of at least %s (such as 10m or 90s), not %q", d.name, d.min, s)
		}
		*d.dst = v
	}
	return e, nil
}

// newCrawler makes the feed crawler that writes into the corpus folder.
// local lets /follow take feeds on this machine or a private network: in
// the terminal chat, whose user runs the bot; never from Discord.
func newCrawler(p *paths, e feedEnv, local bool, log *slog.Logger) (*feeds.Crawler, error) {
	return feeds.New(feeds.Config{
		Corpus: p.corpus, Feeds: e.feeds, ListFile: e.listFile, StateFile: e.state,
		Contact: e.contact, Delay: e.delay, Interval: e.interval, AllowPrivateFollow: local, Logger: log,
	})
}

// startPolling polls the feeds every interval until the returned function
// is called; new articles reach the index through the corpus watcher.
func startPolling(ctx context.Context, c *feeds.Crawler, e feedEnv, log *slog.Logger) (stop func()) {
	n, err := c.FeedCount()
	if err != nil {
		log.Warn("reading the feed list", "err", err)
	}
	if n > 0 {
		log.Info("following news feeds", "feeds", n, "every", e.interval, "user_agent", c.UserAgent())
		if e.contact == "" {
			log.Warn("NEWSBOT_FEED_CONTACT is not set: publishers cannot reach whoever runs this bot; set it to a URL or mailto: address")
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// runFetch polls every feed once and says what it added, skipped and why.
func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	verbose := fs.Bool("v", false, "log every request")
	force := fs.Bool("force", false, "also poll feeds that are backing off after failures")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("fetch: unexpected argument %q (feeds come from NEWSBOT_FEEDS and the feed-list file)", fs.Arg(0))
	}
	e, err := readFeedEnv(getenv, p)
	if err != nil {
		return err
	}
	log := newLogger(stderr, *verbose)
	c, err := newCrawler(p, e, false, log)
	if err != nil {
		return err
	}
	n, err := c.FeedCount()
	if err != nil {
		return err
	}
	if n == 0 {
		return usagef("fetch: no feeds to follow: set NEWSBOT_FEEDS, or list feed URLs one a line in %s (NEWSBOT_FEED_FILE)", e.listFile)
	}
	if e.contact == "" {
		fmt.Fprintln(stderr, "newsbot: NEWSBOT_FEED_CONTACT is not set: publishers cannot reach you; set it to a URL or mailto: address")
	}
	start := time.Now()
	rep, err := c.Poll(ctx, feeds.PollOptions{Force: *force, OnWait: func() {
		fmt.Fprintln(stderr, "newsbot: another newsbot is polling the feeds; waiting for it to finish")
	}})
	if rep != nil {
		writeFetchReport(stdout, rep, time.Since(start))
	}
	if err != nil {
		return err
	}
	if rep.Read() == 0 {
		return errors.New("fetch: no feed could be read")
	}
	return nil
}

// writeFetchReport prints what a poll did, feed by feed.
func writeFetchReport(w io.Writer, rep *feeds.Report, took time.Duration) {
	for _, f := range rep.Feeds {
		name := f.URL
		if f.Title != "" {
			name = fmt.Sprintf("%s (%s)", f.URL, f.Title)
		}
		switch f.Outcome {
		case feeds.NotModified:
			fmt.Fprintf(w, "feed %s: not changed since the last poll\n", name)
		case feeds.Failed:
			fmt.Fprintf(w, "feed %s: FAILED: %s", name, f.Err)
			if !f.NextTry.IsZero() {
				fmt.Fprintf(w, "; next try after %s", f.NextTry.Local().Format("15:04:05"))
			}
			fmt.Fprintln(w)
		case feeds.Waiting:
			fmt.Fprintf(w, "feed %s: not polled: %s (--force polls it now)\n", name, f.Err)
		default:
			fmt.Fprintf(w, "feed %s: %d new or updated, %d known", name, len(f.Items), f.Known)
			if f.Left > 0 {
				fmt.Fprintf(w, ", %d left for the next poll", f.Left)
			}
			fmt.Fprintln(w)
		}
		for _, it := range f.Items {
			title := it.Title
			if title == "" {
				title = it.URL
			}
			switch it.Action {
			case feeds.Added, feeds.Updated:
				fmt.Fprintf(w, "  %-8s %s: %s <%s>\n", it.Action, it.Path, title, it.URL)
				if it.Note != "" {
					fmt.Fprintf(w, "           (%s)\n", it.Note)
				}
			default:
				fmt.Fprintf(w, "  %-8s %s <%s>: %s\n", it.Action, title, it.URL, it.Note)
			}
		}
	}
	fmt.Fprintf(w, "%d of %d feeds read; articles: %d added, %d updated, %d skipped, %d to retry; took %s\n",
		rep.Read(), len(rep.Feeds), rep.Count(feeds.Added), rep.Count(feeds.Updated), rep.Count(feeds.Skipped), rep.Count(feeds.Retry),
		took.Round(time.Millisecond))
}
