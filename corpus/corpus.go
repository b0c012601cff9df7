// Package corpus reads a folder of news articles into newsbot.Articles: it
// understands plain text, Markdown or text with YAML front matter, JSON and
// JSON Lines; takes the source link and dateline as metadata; splits bodies
// into paragraphs; and drops scraped junk (teasers, photo credits, adverts,
// paragraphs repeated across articles). Bad files are reported and skipped.
package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// DefaultMaxFileBytes is the default size above which a file is skipped.
const DefaultMaxFileBytes = 5 << 20

// Options tune Load.
type Options struct {
	// MaxFileBytes is the largest file read; larger ones are skipped.
	// Zero means DefaultMaxFileBytes.
	MaxFileBytes int64
	// Logger receives one line per skipped file; nil discards.
	Logger *slog.Logger
	// Cache, when set, remembers what each file parsed to, so that a
	// re-scan reads and parses only the files that changed.
	Cache *Cache
	// Settle, when set, leaves alone a file modified less than Settle ago:
	// it may still be being written. It is listed in Result.Pending, and
	// the version read before (if any) stands in for it.
	Settle time.Duration
	// Now is the clock for Settle; nil means time.Now.
	Now func() time.Time
}

// Skipped is a file that could not be read as articles, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Result is a loaded corpus.
type Result struct {
	// Articles are sorted by ID.
	Articles []newsbot.Article
	// Skipped lists the files that were not read, with the reason.
	Skipped []Skipped
	// Dropped lists what was taken out of the articles as junk.
	Dropped []Dropped
	// Pending lists files left for later because they were still being
	// written (see Options.Settle).
	Pending []string
}

// Paragraphs counts the paragraphs of all articles.
func (r *Result) Paragraphs() int {
	n := 0
	for _, a := range r.Articles {
		n += len(a.Paragraphs)
	}
	return n
}

// Cache remembers, per file, its size, modification time and what it
// parsed to (articles with their dates found, before paragraphs repeated
// across articles are dropped). Use one Cache for one corpus folder; it is
// safe for concurrent use, though Loads sharing it take turns.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cachedFile
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: make(map[string]*cachedFile)} }

// Reset forgets every file, so that the next Load reads them all again.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.files = make(map[string]*cachedFile)
	c.mu.Unlock()
}

type cachedFile struct {
	size    int64
	mod     time.Time
	drafts  []parsedArticle
	dropped []Dropped
	skip    string // why the file was skipped; empty when it was read
}

// parsedArticle is an article as its file gives it, with the normalised
// text of each paragraph, which finds paragraphs repeated across articles.
type parsedArticle struct {
	article newsbot.Article
	keys    []string
}

// Load reads every article file below dir. A file that cannot be read or
// parsed is listed in Result.Skipped and the rest still load; only a missing
// or unreadable dir is an error.
func Load(ctx context.Context, dir string, opts Options) (*Result, error) {
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = DefaultMaxFileBytes
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("corpus folder %s: not a directory", dir)
	}
	cache := opts.Cache
	if cache == nil {
		cache = NewCache()
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()

	res := &Result{}
	skip := func(rel, reason string) {
		res.Skipped = append(res.Skipped, Skipped{Path: rel, Reason: reason})
		log.Warn("skipped article file", "path", rel, "reason", reason)
	}
	var drafts []*parsedArticle
	byID := make(map[string]string)
	seen := make(map[string]bool)
	now := opts.Now()
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, walkErr error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if walkErr != nil {
			if p == dir {
				return walkErr
			}
			skip(rel, "unreadable: "+walkErr.Error())
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // hidden files: editor swap files, .DS_Store
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			skip(rel, "unreadable: "+err.Error())
			return nil
		}
		seen[rel] = true
		f := cache.files[rel]
		switch {
		case f != nil && f.size == fi.Size() && f.mod.Equal(fi.ModTime()):
			// unchanged since the last scan
		case opts.Settle > 0 && now.Sub(fi.ModTime()) < opts.Settle:
			res.Pending = append(res.Pending, rel)
			if f == nil {
				return nil // new, and not finished yet
			}
		default:
			f = readFile(p, rel, fi, opts.MaxFileBytes)
			cache.files[rel] = f
		}
		if f.skip != "" {
			skip(rel, f.skip)
			return nil
		}
		res.Dropped = append(res.Dropped, f.dropped...)
		for i := range f.drafts {
			pa := f.drafts[i]
			if other, dup := byID[pa.article.ID]; dup {
				skip(rel, fmt.Sprintf("article ID %q already used by %s", pa.article.ID, other))
				continue
			}
			byID[pa.article.ID] = rel
			// Junk removal across articles edits the paragraphs: work on a copy.
			pa.article.Paragraphs = append([]newsbot.Paragraph(nil), pa.article.Paragraphs...)
			pa.keys = append([]string(nil), pa.keys...)
			drafts = append(drafts, &pa)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading corpus %s: %w", dir, err)
	}
	for rel := range cache.files {
		if !seen[rel] {
			delete(cache.files, rel)
		}
	}
	res.Dropped = append(res.Dropped, dedupeAcross(drafts)...)
	for _, pa := range drafts {
		a := &pa.article
		if len(a.Paragraphs) == 0 {
			skip(a.Path, fmt.Sprintf("article %q has no paragraphs left after junk removal", a.ID))
			continue
		}
		a.Hash = hashArticle(a)
		res.Articles = append(res.Articles, *a)
	}
	sort.Slice(res.Articles, func(i, j int) bool { return res.Articles[i].ID < res.Articles[j].ID })
	sort.Strings(res.Pending)
	return res, nil
}

// readFile reads and parses one file into its articles, with their dates.
func readFile(p, rel string, fi fs.FileInfo, limit int64) *cachedFile {
	f := &cachedFile{size: fi.Size(), mod: fi.ModTime()}
	data, err := readLimited(p, limit)
	if err != nil {
		f.skip = err.Error()
		return f
	}
	parsed, err := parseFile(rel, data)
	if err != nil {
		f.skip = err.Error()
		return f
	}
	for _, dr := range parsed {
		a, dropped := dr.finish(rel)
		f.dropped = append(f.dropped, dropped...)
		FindDates(&a)
		keys := make([]string, len(a.Paragraphs))
		for i, p := range a.Paragraphs {
			keys[i] = normalise(p.Text)
		}
		f.drafts = append(f.drafts, parsedArticle{article: a, keys: keys})
	}
	return f
}

// FindDates sets every paragraph's Dates: its time expressions, resolved
// against the article's publication date.
func FindDates(a *newsbot.Article) {
	for i := range a.Paragraphs {
		a.Paragraphs[i].Dates = timex.Extract(a.Paragraphs[i].Text, a.Published)
	}
}

// ErrTooLarge is returned for a file over the size limit.
var ErrTooLarge = errors.New("file too large")

// readLimited reads a file, refusing one larger than limit bytes.
func readLimited(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over the %d-byte limit", ErrTooLarge, limit)
	}
	return data, nil
}
