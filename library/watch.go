package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
)

// WatchOptions tune Watch.
type WatchOptions struct {
	// Debounce gathers a burst of changes (an editor's save, a copy of a
	// thousand files) into one update: it waits this long after the last
	// change. Default 100 ms.
	Debounce time.Duration
	// MaxDelay bounds how long a steady stream of changes can hold an
	// update back. Default 1 s.
	MaxDelay time.Duration
	// Settle is how long a file must be left alone before it is read, so
	// that one still being written is never indexed half. Default 250 ms.
	Settle time.Duration
	// Rescan forces a full re-scan of the corpus when it receives (SIGHUP).
	Rescan <-chan struct{}
	// OnUpdate, when set, is told of every update that changed the index;
	// catchUp marks the one at start-up, which brings in what changed
	// while nothing watched.
	OnUpdate func(rep index.SyncReport, catchUp bool)
}

// After an update fails, the watcher re-scans the corpus after
// retryAfterError, then twice as long after each failure in a row, up to
// maxRetryAfterError.
const (
	retryAfterError    = time.Second
	maxRetryAfterError = time.Minute
)

// Watch keeps the index in step with the corpus folder until ctx ends:
// it watches the folder and its subfolders with fsnotify and applies what
// changed in batches. Questions keep being answered throughout: each
// article changes in one index batch, so a search sees it wholly old or
// wholly new.
func (l *Library) Watch(ctx context.Context, opts WatchOptions) error {
	if l.corpusDir == "" {
		return ErrNoCorpus
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 100 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = time.Second
	}
	if opts.Settle <= 0 {
		opts.Settle = 250 * time.Millisecond
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching the corpus: %w", err)
	}
	defer w.Close()
	unwatched := make(map[string]string) // folders it cannot watch, reported: path → error
	if err := l.addTree(w, l.corpusDir, unwatched, true); err != nil {
		return fmt.Errorf("watching the corpus: %w", err)
	}
	l.log.Info("watching the corpus folder for changes", "corpus", l.corpusDir)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var firstChange time.Time // of the changes not yet applied; zero when none
	schedule := func(after time.Duration) {
		if firstChange.IsZero() {
			firstChange = time.Now()
		}
		if left := opts.MaxDelay - time.Since(firstChange); after > left {
			after = max(left, 0)
		}
		timer.Reset(after)
	}
	full := false
	retry := retryAfterError
	dirty := map[string]bool{} // paths changed since the last update
	// lookAgain notes the files an update left because they were still
	// being written, and comes back to them once they may have settled:
	// no event may ever name them again (one written just before the
	// folder was watched has none at all).
	lookAgain := func(res *corpus.Result) {
		if len(res.Pending) == 0 {
			return
		}
		for _, rel := range res.Pending {
			dirty[filepath.Join(l.corpusDir, filepath.FromSlash(rel))] = true
		}
		schedule(opts.Settle)
	}
	// Catch up with what changed while no one watched, and fill the cache
	// that later updates read only the changed files against.
	if res, rep, err := l.update(ctx, opts.Settle, nil); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while catching up: nothing went wrong
		}
		l.log.Error("catching up with the corpus", "err", err)
	} else {
		if rep.Changed() {
			l.log.Info("index caught up with the corpus", "added", len(rep.Added), "updated", len(rep.Updated), "removed", len(rep.Removed))
			if opts.OnUpdate != nil {
				opts.OnUpdate(rep, true)
			}
		}
		lookAgain(res)
	}

	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if corpus.Hidden(l.corpusDir, ev.Name) {
				continue
			}
			dirty[ev.Name] = true
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if err := l.addTree(w, ev.Name, unwatched, false); err != nil {
						l.log.Warn("not watching a new folder it cannot read", "path", l.rel(ev.Name), "err", err)
					}
				}
			}
			schedule(opts.Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			l.watchFailed()
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				l.log.Warn("too many changes at once to follow one by one; re-scanning the corpus")
				full = true
				schedule(opts.Debounce)
				continue
			}
			l.log.Warn("watching the corpus", "err", err)
		case <-opts.Rescan:
			l.log.Info("re-scanning the whole corpus")
			// Folders that could not be read before may be readable now.
			if err := l.addTree(w, l.corpusDir, unwatched, true); err != nil {
				l.log.Warn("watching the corpus", "err", err)
			}
			full = true
			schedule(0)
		case <-timer.C:
			firstChange = time.Time{}
			changed := make([]string, 0, len(dirty))
			for p := range dirty {
				changed = append(changed, p)
			}
			dirty = map[string]bool{}
			if full {
				l.cache.Reset()
				full = false
				changed = nil // read everything
			}
			res, rep, err := l.update(ctx, opts.Settle, changed)
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				l.log.Error("updating the index from the corpus", "err", err, "retry_in", retry)
				// Read everything next time, and try again without waiting
				// for another change: the failed update's changes would
				// otherwise wait for one.
				full = true
				firstChange = time.Now()
				timer.Reset(retry)
				retry = min(2*retry, maxRetryAfterError)
				continue
			}
			retry = retryAfterError
			if n := len(rep.Added) + len(rep.Updated) + len(rep.Removed); n > 0 {
				l.log.Info("index updated", "added", len(rep.Added), "updated", len(rep.Updated), "removed", len(rep.Removed), "took", rep.Took.Round(time.Millisecond))
				if opts.OnUpdate != nil {
					opts.OnUpdate(rep, false)
				}
			}
			lookAgain(res) // files still being written
		}
	}
}

// addTree watches dir and every folder below it, hidden ones aside. A
// folder below dir that cannot be read or watched is reported with its
// path and left out, and the rest is watched: one unreadable folder must
// not turn live updates off for the whole corpus (the corpus reader skips
// it and reports it too). Only dir itself failing is an error.
//
// unwatched holds the folders reported before, so that a re-scan reports
// a folder again only when its error changes; whole says that dir is the
// corpus folder, after which a folder no longer failing is dropped from
// it (and reported again should it fail again).
func (l *Library) addTree(w *fsnotify.Watcher, dir string, unwatched map[string]string, whole bool) error {
	failing := make(map[string]bool)
	unwatchable := func(p string, err error) {
		rel := l.rel(p)
		failing[rel] = true
		if unwatched[rel] == err.Error() {
			return
		}
		unwatched[rel] = err.Error()
		l.log.Warn("not watching a folder it cannot read; its articles are skipped until it can be read and the corpus is re-scanned (SIGHUP or /reindex)", "path", rel, "err", err)
	}
	root := corpus.WalkRoot(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			unwatchable(p, err)
			return nil // WalkDir goes on past it
		}
		if !d.IsDir() {
			return nil
		}
		if p == root {
			return w.Add(dir) // a link is followed, and events are named under it
		}
		if strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			unwatchable(p, err)
			return filepath.SkipDir
		}
		return nil
	})
	if whole && err == nil {
		for rel := range unwatched {
			if !failing[rel] {
				delete(unwatched, rel)
			}
		}
	}
	return err
}

// rel is path relative to the corpus folder, for log lines.
func (l *Library) rel(path string) string {
	if r, err := filepath.Rel(l.corpusDir, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}
