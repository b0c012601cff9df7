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
}

// Paragraphs counts the paragraphs of all articles.
func (r *Result) Paragraphs() int {
	n := 0
	for _, a := range r.Articles {
		n += len(a.Paragraphs)
	}
	return n
}

// Load reads every article file below dir. A file that cannot be read or
// parsed is listed in Result.Skipped and the rest still load; only a missing
// or unreadable dir is an error.
func Load(ctx context.Context, dir string, opts Options) (*Result, error) {
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = DefaultMaxFileBytes
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
	res := &Result{}
	skip := func(rel, reason string) {
		res.Skipped = append(res.Skipped, Skipped{Path: rel, Reason: reason})
		log.Warn("skipped article file", "path", rel, "reason", reason)
	}
	var drafts []*newsbot.Article
	byID := make(map[string]string)
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
		data, err := readLimited(p, opts.MaxFileBytes)
		if err != nil {
			skip(rel, err.Error())
			return nil
		}
		parsed, err := parseFile(rel, data)
		if err != nil {
			skip(rel, err.Error())
			return nil
		}
		for _, dr := range parsed {
			if other, dup := byID[dr.id]; dup {
				skip(rel, fmt.Sprintf("article ID %q already used by %s", dr.id, other))
				continue
			}
			byID[dr.id] = rel
			a, dropped := dr.finish(rel)
			res.Dropped = append(res.Dropped, dropped...)
			drafts = append(drafts, &a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading corpus %s: %w", dir, err)
	}
	res.Dropped = append(res.Dropped, dedupeAcross(drafts)...)
	for _, a := range drafts {
		if len(a.Paragraphs) == 0 {
			skip(a.Path, fmt.Sprintf("article %q has no paragraphs left after junk removal", a.ID))
			continue
		}
		a.Hash = hashArticle(a)
		FindDates(a)
		res.Articles = append(res.Articles, *a)
	}
	sort.Slice(res.Articles, func(i, j int) bool { return res.Articles[i].ID < res.Articles[j].ID })
	return res, nil
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
