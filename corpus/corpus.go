// Package corpus reads a folder of news articles into newsbot.Articles: it
// understands plain text, Markdown or text with YAML front matter, JSON and
// JSON Lines; takes the source link and dateline as metadata; splits bodies
// into paragraphs; drops scraped junk (teasers, photo credits, adverts,
// boilerplate lines repeated at the edges of many articles of one source);
// and makes identical files one article with several locations. Bad files
// are reported and skipped.
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
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
	// Changed, when not nil, names the only paths that may have changed
	// since the last Load with the same Cache (a file watcher knows): the
	// other files are taken from the cache without looking at the disk.
	// A changed folder, or a cache not yet filled, reads everything.
	Changed []string
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
// parsed to (articles with their dates found, before the decisions made
// across articles: copies and boilerplate). Use one Cache for one corpus folder; it is
// safe for concurrent use, though Loads sharing it take turns.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cachedFile
	// complete is set once a whole folder was read into the cache, after
	// which a Load may look only at the files said to have changed.
	complete bool
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: make(map[string]*cachedFile)} }

// Reset forgets every file, so that the next Load reads them all again.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.files = make(map[string]*cachedFile)
	c.complete = false
	c.mu.Unlock()
}

// hinted turns the paths said to have changed into relative paths below
// dir; false when the whole folder must be read: no hint, a cache not yet
// complete, or a changed path that is a folder (moved in, with files the
// watcher saw no event for).
func (c *Cache) hinted(dir string, changed []string) (map[string]string, bool) {
	if changed == nil || !c.complete {
		return nil, false
	}
	out := make(map[string]string, len(changed))
	for _, p := range changed {
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		if Hidden(dir, p) {
			continue
		}
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			return nil, false
		}
		out[rel] = p
	}
	return out, true
}

// forget drops a file, or every file below a folder, from the cache.
func (c *Cache) forget(rel string) {
	delete(c.files, rel)
	for other := range c.files {
		if strings.HasPrefix(other, rel+"/") {
			delete(c.files, other)
		}
	}
}

// WalkRoot returns the path to walk the corpus folder dir by: dir itself,
// or, when dir is a symbolic link, dir with a trailing separator, which
// filepath.WalkDir follows (it does not follow a link it is given as root,
// and would find no files).
func WalkRoot(dir string) string {
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return dir + string(filepath.Separator)
	}
	return dir
}

// Hidden reports whether path, below the corpus folder dir, lies in a
// hidden file or folder (an editor's swap file, .git), which the corpus
// reader ignores.
func Hidden(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}

type cachedFile struct {
	size    int64
	mod     time.Time
	drafts  []parsedArticle
	dropped []Dropped
	skip    string // why the file was skipped; empty when it was read
}

// parsedArticle is an article as its file gives it, with the digest of
// the article as read, and what the decisions across articles need:
// digests (numbers, not text, so the cache of a large corpus stays small)
// of its content, which finds identical copies, and of its edge lines,
// which finds boilerplate.
type parsedArticle struct {
	article newsbot.Article
	hash    string
	content uint64
	edges   edges
	// Set by each Load: the article's copies, and how many boilerplate
	// lines were cut from its top and bottom; with hash they make the
	// article's final digest.
	copies []newsbot.Copy
	cut    [2]int
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
	now := opts.Now()
	// use adds what a file parsed to.
	use := func(rel string, f *cachedFile) {
		if f.skip != "" {
			skip(rel, f.skip)
			return
		}
		res.Dropped = append(res.Dropped, f.dropped...)
		for i := range f.drafts {
			pa := f.drafts[i]
			if other, dup := byID[pa.article.ID]; dup {
				skip(rel, fmt.Sprintf("article ID %q already used by %s", pa.article.ID, other))
				continue
			}
			byID[pa.article.ID] = rel
			pa.copies, pa.cut = nil, [2]int{}
			drafts = append(drafts, &pa)
		}
	}
	// visit notes a file, to be read unless the cache holds it as it is
	// now; order keeps the files in reading order.
	var order []string
	var toRead []fileToRead
	visit := func(p, rel string, fi fs.FileInfo) {
		f := cache.files[rel]
		switch {
		case f != nil && f.size == fi.Size() && f.mod.Equal(fi.ModTime()):
			// unchanged since the last scan
		case opts.Settle > 0 && now.Sub(fi.ModTime()) < opts.Settle:
			res.Pending = append(res.Pending, rel)
			if f == nil {
				return // new, and not finished yet
			}
		default:
			toRead = append(toRead, fileToRead{path: p, rel: rel, info: fi})
		}
		order = append(order, rel)
	}

	if changed, ok := cache.hinted(dir, opts.Changed); ok {
		// Only the files named changed: the others are as the cache has them.
		rels := make([]string, 0, len(cache.files)+len(changed))
		for rel := range cache.files {
			if _, ch := changed[rel]; !ch {
				rels = append(rels, rel)
			}
		}
		for rel := range changed {
			rels = append(rels, rel)
		}
		sort.Strings(rels)
		for _, rel := range rels {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("reading corpus %s: %w", dir, err)
			}
			p, ch := changed[rel]
			if !ch {
				order = append(order, rel)
				continue
			}
			fi, err := os.Lstat(p)
			switch {
			case errors.Is(err, fs.ErrNotExist) || err == nil && !fi.Mode().IsRegular():
				cache.forget(rel)
			case err != nil:
				skip(rel, "unreadable: "+err.Error())
			default:
				visit(p, rel, fi)
			}
		}
	} else {
		seen := make(map[string]bool)
		root := WalkRoot(dir)
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, walkErr error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			if walkErr != nil {
				if p == root {
					return walkErr
				}
				skip(rel, "unreadable: "+walkErr.Error())
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && p != root {
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
			visit(p, rel, fi)
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
		cache.complete = true
	}
	// Files are read and parsed, and their dates found, on every core.
	for i, f := range readFiles(toRead, opts.MaxFileBytes) {
		cache.files[toRead[i].rel] = f
	}
	for _, rel := range order {
		use(rel, cache.files[rel])
	}
	drafts = collapseCopies(drafts)
	res.Dropped = append(res.Dropped, dropBoilerplate(drafts)...)
	for _, pa := range drafts {
		a := &pa.article
		if len(a.Paragraphs) == 0 {
			skip(a.Path, fmt.Sprintf("article %q has no text", a.ID))
			continue
		}
		a.Hash = finalHash(pa.hash, pa.cut, pa.copies)
		res.Articles = append(res.Articles, *a)
	}
	sort.Slice(res.Articles, func(i, j int) bool { return res.Articles[i].ID < res.Articles[j].ID })
	sort.Strings(res.Pending)
	return res, nil
}

// fileToRead is a file a Load must read.
type fileToRead struct {
	path, rel string
	info      fs.FileInfo
}

// readFiles reads and parses files on as many goroutines as there are
// cores, and returns what each parsed to, in order.
func readFiles(files []fileToRead, limit int64) []*cachedFile {
	out := make([]*cachedFile, len(files))
	parallel(len(files), func(i int) { out[i] = readFile(files[i].path, files[i].rel, files[i].info, limit) })
	return out
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
		f.drafts = append(f.drafts, parsedArticle{article: a, hash: hashArticle(&a), content: contentKey(&a), edges: articleEdges(&a)})
	}
	return f
}

// FindDatesAll runs FindDates on every article, on every core.
func FindDatesAll(articles []newsbot.Article) {
	parallel(len(articles), func(i int) { FindDates(&articles[i]) })
}

// parallel runs do(0) to do(n-1) on as many goroutines as there are cores.
func parallel(n int, do func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
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
