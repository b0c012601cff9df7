package feeds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/newsbot-dev/newsbot/corpus"
)

// stateVersion is the layout of the state file.
const stateVersion = 1

// state is what the crawler knows between polls, kept in the state file.
type state struct {
	Version int `json:"version"`
	// Feeds by feed URL.
	Feeds map[string]*feedState `json:"feeds"`
	// Items by feed URL and the item's GUID (else its link, else title).
	Items map[string]*itemState `json:"items"`
	// Articles maps every URL an article is known by (urlKey: its
	// canonical URL, the feed's link, where a redirect led) to the file in
	// the corpus folder that holds it, so that the same article in two
	// feeds is one article.
	Articles map[string]string `json:"articles"`
}

// feedState is one feed's polling record.
type feedState struct {
	Title string `json:"title,omitempty"`
	// ETag and LastModified make the next GET conditional.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// LastPoll is when it was last asked for; LastOK when it last answered.
	LastPoll time.Time `json:"last_poll,omitzero"`
	LastOK   time.Time `json:"last_ok,omitzero"`
	// Result says how the last poll went, briefly.
	Result string `json:"result,omitempty"`
	// Failures in a row, and when the feed is tried again after them.
	Failures int       `json:"failures,omitempty"`
	NextTry  time.Time `json:"next_try,omitzero"`
}

// itemState is what became of one feed item.
type itemState struct {
	Feed string `json:"feed"`
	// Stamp is when the feed said the item was last updated (else
	// published); a later one means the article is fetched again.
	Stamp time.Time `json:"stamp,omitzero"`
	// Path is the article file, relative to the corpus folder; empty when
	// the item gave no article.
	Path string `json:"path,omitempty"`
	// Skipped says why the item gave no article.
	Skipped string `json:"skipped,omitempty"`
	// Attempts counts polls whose page fetch failed for a reason that may
	// pass; the item is tried again until maxAttempts.
	Attempts int `json:"attempts,omitempty"`
	// Done is false while the item is to be tried again.
	Done bool `json:"done"`
	// Seen is when a feed last listed the item.
	Seen time.Time `json:"seen"`
}

// forgetAfter is how long an item no feed lists any more is remembered.
const forgetAfter = 90 * 24 * time.Hour

func newState() *state {
	return &state{Version: stateVersion, Feeds: map[string]*feedState{}, Items: map[string]*itemState{}, Articles: map[string]string{}}
}

// loadState reads the state file; a missing file is a first run. A file
// that does not read is set aside (and the crawler starts afresh: articles
// already written are found again by Add, which rewrites an identical
// file in place).
func loadState(path string, log *slog.Logger) (*state, error) {
	st, err := readState(path)
	if !errors.Is(err, errBadState) {
		return st, err
	}
	bad := path + ".bad"
	if rerr := os.Rename(path, bad); rerr != nil {
		return nil, fmt.Errorf("feed state %s is unreadable (%v) and could not be set aside: %w", path, err, rerr)
	}
	log.Warn("feed state unreadable; set aside and started afresh", "path", path, "moved_to", bad, "err", err)
	return newState(), nil
}

// errBadState is a state file that does not read.
var errBadState = errors.New("feed state unreadable")

// readState reads the state file, never moving it; a missing file is a
// first run, and a file that does not read is errBadState. What does not
// belong in a state is left out: missing records, and article paths that
// would lead out of the corpus folder.
func readState(path string) (*state, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("feed state: %w", err)
	}
	st := newState()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("%w: %w", errBadState, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("%w: version %d, not %d", errBadState, st.Version, stateVersion)
	}
	fresh := newState()
	for k, v := range st.Feeds {
		if v != nil {
			fresh.Feeds[k] = v
		}
	}
	for k, v := range st.Items {
		if v != nil {
			if !corpusRelative(v.Path) {
				v.Path = ""
			}
			fresh.Items[k] = v
		}
	}
	for k, v := range st.Articles {
		if corpusRelative(v) && v != "" {
			fresh.Articles[k] = v
		}
	}
	return fresh, nil
}

// corpusRelative reports whether path (slash-separated, as the state
// keeps it) names a file inside the corpus folder, or is empty.
func corpusRelative(path string) bool {
	return path == "" || filepath.IsLocal(filepath.FromSlash(path))
}

// prune forgets items no feed has listed for forgetAfter, the URLs of
// articles no remembered item leads to, and feeds not polled for
// forgetAfter (no longer followed).
func (st *state) prune(now time.Time) {
	for k, fs := range st.Feeds {
		if now.Sub(fs.LastPoll) > forgetAfter {
			delete(st.Feeds, k)
		}
	}
	paths := map[string]bool{}
	for k, it := range st.Items {
		if now.Sub(it.Seen) > forgetAfter {
			delete(st.Items, k)
			continue
		}
		if it.Path != "" {
			paths[it.Path] = true
		}
	}
	for k, p := range st.Articles {
		if !paths[p] {
			delete(st.Articles, k)
		}
	}
}

// save writes the state file whole (corpus.WriteFile: under a hidden
// name, then renamed).
func (st *state) save(path string) error {
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("feed state: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("feed state: %w", err)
	}
	return corpus.WriteFile(path, data)
}

// lockFile takes an exclusive lock on path+".lock", waiting while another
// newsbot (a `fetch` beside a `serve`) holds it. onWait is called once if
// it has to wait.
func lockFile(ctx context.Context, path string, onWait func()) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	l := flock.New(path + ".lock")
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if !ok {
		if onWait != nil {
			onWait()
		}
		if ok, err = l.TryLockContext(ctx, 100*time.Millisecond); err != nil || !ok {
			return nil, fmt.Errorf("locking %s: %w", path, errors.Join(err, ctx.Err()))
		}
	}
	return func() { _ = l.Unlock() }, nil
}
