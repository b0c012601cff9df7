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
	// Settle, when set, leaves alone a file that may still be being
	// written: one whose size and modification time have not been seen
	// unchanged, by Loads with the same Cache, for Settle. (A file first
	// seen with a modification time at least Settle in the past is read at
	// once; one dated in the future waits like any other.) It is listed
	// in Result.Pending, and the version read before (if any) stands in
	// for it.
	Settle time.Duration
	// Now is the clock for Settle; nil means time.Now.
	Now func() time.Time
	// Changed, when not nil, names the only paths that may have changed
	// since the last Load with the same Cache (a file watcher knows): the
	// other files are taken from the cache without looking at the disk.
	// A changed folder, or a cache not yet filled, reads everything.
	Changed []string
	// Lean keeps no article text in memory: Result.Articles come without
	// their paragraphs (Paragraphs nil; Result.Paragraphs still counts
	// them), and the Cache keeps of each article only its metadata and
	// digests. Result.Fetch reads the articles wanted whole again, a few
	// at a time: an index needs only those it does not hold as they are.
	// Result.Dropped then lists what was dropped from the files read in
	// this Load, and paragraphs repeated across articles without their
	// text.
	Lean bool
}

// SkippedFileMessage is the message of the warning Load logs for each file
// it skips (with "path" and "reason"). Loads with the same Cache log a
// path once, and again only when its reason changes or it is skipped
// again after a Load that read it (or found it gone).
const SkippedFileMessage = "skipped article file"

// SkippedFolderMessage is SkippedFileMessage for a folder that cannot be
// read.
const SkippedFolderMessage = "skipped folder"

// Skipped is a file (or a folder) that could not be read as articles, and
// why.
type Skipped struct {
	Path   string
	Reason string
	// Folder is set when Path is a folder, none of whose files was read.
	Folder bool
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

	// leanParagraphs counts the paragraphs of the articles that came
	// without them; fetch reads those again.
	leanParagraphs int
	fetch          *fetcher
}

// Paragraphs counts the paragraphs of all articles.
func (r *Result) Paragraphs() int {
	n := r.leanParagraphs
	for _, a := range r.Articles {
		n += len(a.Paragraphs)
	}
	return n
}

// Cache remembers, per file, its size, modification time and what it
// parsed to (articles with their dates found, before the decisions made
// across articles: copies and boilerplate; with Options.Lean, their
// metadata and digests only). Use one Cache for one corpus folder; it is
// safe for concurrent use, though Loads sharing it take turns.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cachedFile
	// observed are the files waiting to settle (see Options.Settle): their
	// size and modification time, and since when they have been so.
	observed map[string]observation
	// complete is set once a whole folder was read into the cache, after
	// which a Load may look only at the files said to have changed.
	complete bool
	// reported are the paths the last Load skipped, with their reasons,
	// so that each is logged once, not on every re-scan. Reset keeps them.
	reported map[Skipped]bool
}

// observation is what a Load saw of a file that was not settled yet.
type observation struct {
	size  int64
	mod   time.Time
	since time.Time
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: make(map[string]*cachedFile), observed: make(map[string]observation), reported: make(map[Skipped]bool)}
}

// Reset forgets every file, so that the next Load reads them all again.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.files = make(map[string]*cachedFile)
	c.observed = make(map[string]observation)
	c.complete = false
	c.mu.Unlock()
}

// settled reports whether a file that changed since it was cached can be
// read: its size and modification time were seen unchanged for settle, or
// it is seen for the first time with a modification time at least settle
// in the past. Settling is observed across Loads, not read from the
// file's time alone, which may lie in the future.
func (c *Cache) settled(rel string, fi fs.FileInfo, now time.Time, settle time.Duration) bool {
	o, ok := c.observed[rel]
	if ok && o.size == fi.Size() && o.mod.Equal(fi.ModTime()) {
		if now.Sub(o.since) >= settle {
			delete(c.observed, rel)
			return true
		}
		return false
	}
	if age := now.Sub(fi.ModTime()); age >= settle {
		delete(c.observed, rel)
		return true
	}
	c.observed[rel] = observation{size: fi.Size(), mod: fi.ModTime(), since: now}
	return false
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

// report logs what a Load skipped that the Load before did not skip, or
// skipped for another reason, and remembers it. A Load that looked only at
// the changed paths (hinted) did not look again at links, pipes and
// folders it could not read elsewhere: those skipped before and not
// changed are still skipped, and are added to what it returns.
func (c *Cache) report(skipped []Skipped, hinted bool, changed map[string]string, log *slog.Logger) []Skipped {
	now := make(map[Skipped]bool, len(skipped))
	listed := make(map[string]bool, len(skipped))
	for _, s := range skipped {
		now[s], listed[s.Path] = true, true
	}
	if hinted {
		var kept []Skipped
		for s := range c.reported {
			if !listed[s.Path] && !touched(s.Path, changed) {
				now[s] = true
				kept = append(kept, s)
			}
		}
		sort.Slice(kept, func(i, j int) bool {
			if kept[i].Path != kept[j].Path {
				return kept[i].Path < kept[j].Path
			}
			return kept[i].Reason < kept[j].Reason
		})
		skipped = append(skipped, kept...)
	}
	for _, s := range skipped {
		if c.reported[s] {
			continue
		}
		msg := SkippedFileMessage
		if s.Folder {
			msg = SkippedFolderMessage
		}
		log.Warn(msg, "path", s.Path, "reason", s.Reason)
		c.reported[s] = true // once, though listed twice
	}
	c.reported = now
	return skipped
}

// touched reports whether rel, or a folder above it, is among the changed
// paths.
func touched(rel string, changed map[string]string) bool {
	for {
		if _, ok := changed[rel]; ok {
			return true
		}
		i := strings.LastIndexByte(rel, '/')
		if i < 0 {
			return false
		}
		rel = rel[:i]
	}
}

// forget drops a file, or every file below a folder, from the cache.
func (c *Cache) forget(rel string) {
	delete(c.files, rel)
	delete(c.observed, rel)
	for other := range c.files {
		if strings.HasPrefix(other, rel+"/") {
			delete(c.files, other)
		}
	}
	for other := range c.observed {
		if strings.HasPrefix(other, rel+"/") {
			delete(c.observed, other)
		}
	}
}

// notRegular says why a corpus entry that is neither a folder nor a regular
// file is not read; "" for a regular file or a folder.
func notRegular(mode fs.FileMode) string {
	switch {
	case mode.IsRegular() || mode.IsDir():
		return ""
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link: links inside the corpus are not followed (copy the file in, or link the whole corpus folder)"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a file: reading it could wait forever"
	case mode&fs.ModeSocket != 0:
		return "a socket, not a file"
	case mode&fs.ModeDevice != 0:
		return "a device, not a file"
	}
	return "not a regular file"
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
	lean    bool   // drafts without their paragraphs (Options.Lean)
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
	// lines counts the lines of each paragraph as read: what a lean draft
	// (Options.Lean), which holds no paragraphs, keeps of them.
	lines []int
	// Set by each Load: the file's modification time (which copy stands
	// for the others); the article's copies, and how many boilerplate
	// lines were cut from its top and bottom, which with hash make the
	// article's final digest.
	mod    time.Time
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
		if opts.Lean {
			f.dropped = nil // reported once, when the file is read
		}
		for i := range f.drafts {
			pa := f.drafts[i]
			if other, dup := byID[pa.article.ID]; dup {
				skip(rel, fmt.Sprintf("article ID %q already used by %s", pa.article.ID, other))
				continue
			}
			byID[pa.article.ID] = rel
			pa.mod, pa.copies, pa.cut = f.mod, nil, [2]int{}
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
		case f != nil && f.size == fi.Size() && f.mod.Equal(fi.ModTime()) && (opts.Lean || !f.lean):
			// unchanged since the last scan (a lean one is read again for
			// a Load that wants the text)
		case opts.Settle > 0 && !cache.settled(rel, fi, now, opts.Settle):
			res.Pending = append(res.Pending, rel)
			if f == nil {
				return // new, and not finished yet
			}
		default:
			toRead = append(toRead, fileToRead{path: p, rel: rel, info: fi})
		}
		order = append(order, rel)
	}

	changed, hinted := cache.hinted(dir, opts.Changed)
	if hinted {
		// Only the files named changed: the others are as the cache has
		// them. What is gone goes first, with everything below it (a folder
		// moved out of the corpus, or into a hidden one), so that none of
		// its files is still listed.
		stats := make(map[string]fs.FileInfo, len(changed))
		for rel, p := range changed {
			fi, err := os.Lstat(p)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				cache.forget(rel)
			case err != nil:
				cache.forget(rel)
				skip(rel, "unreadable: "+err.Error())
			case notRegular(fi.Mode()) != "":
				cache.forget(rel)
				skip(rel, notRegular(fi.Mode()))
			default:
				stats[rel] = fi
			}
		}
		rels := make([]string, 0, len(cache.files)+len(stats))
		for rel := range cache.files {
			if _, ch := changed[rel]; !ch {
				rels = append(rels, rel)
			}
		}
		for rel := range stats {
			rels = append(rels, rel)
		}
		sort.Strings(rels)
		for _, rel := range rels {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("reading corpus %s: %w", dir, err)
			}
			if fi, ch := stats[rel]; ch {
				visit(changed[rel], rel, fi)
			} else {
				order = append(order, rel)
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
				if d != nil && d.IsDir() {
					res.Skipped = append(res.Skipped, Skipped{Path: rel, Reason: "unreadable folder: " + walkErr.Error(), Folder: true})
				} else {
					skip(rel, "unreadable: "+walkErr.Error())
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && p != root {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil // hidden files: editor swap files, .DS_Store
			}
			if d.IsDir() {
				return nil
			}
			if why := notRegular(d.Type()); why != "" {
				skip(rel, why)
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
		for rel := range cache.observed {
			if !seen[rel] {
				delete(cache.observed, rel)
			}
		}
		cache.complete = true
	}
	// Files are read and parsed, and their dates found, on every core.
	for i, f := range readFiles(toRead, opts.MaxFileBytes, opts.Lean) {
		cache.files[toRead[i].rel] = f
	}
	for _, rel := range order {
		use(rel, cache.files[rel])
	}
	res.Skipped = cache.report(res.Skipped, hinted, changed, log)
	// The decisions across articles are made on digests and line counts,
	// so that lean drafts, which hold no text, make the same ones.
	drafts = collapseCopies(drafts)
	res.Dropped = withoutCopies(res.Dropped, drafts)
	res.Dropped = append(res.Dropped, dropBoilerplate(drafts)...)
	if opts.Lean {
		res.fetch = &fetcher{dir: dir, limit: opts.MaxFileBytes, files: make([]leanFile, 0, len(drafts))}
	}
	for _, pa := range drafts {
		a := &pa.article
		n := len(a.Paragraphs)
		if opts.Lean {
			n = paragraphsLeft(pa.lines, pa.cut)
		}
		if n == 0 {
			skip(a.Path, fmt.Sprintf("article %q has no text", a.ID))
			continue
		}
		a.Hash = finalHash(pa.hash, pa.cut, pa.copies)
		res.Articles = append(res.Articles, *a)
		if opts.Lean {
			f := cache.files[a.Path]
			res.fetch.files = append(res.fetch.files, leanFile{size: f.size, mod: f.mod, hash: pa.hash, cut: pa.cut})
			res.leanParagraphs += n
		}
	}
	if res.fetch != nil {
		sort.Sort(articlesByID{res.Articles, res.fetch.files}) // Fetch finds an article by ID
	} else {
		sort.Slice(res.Articles, func(i, j int) bool { return res.Articles[i].ID < res.Articles[j].ID })
	}
	sort.Strings(res.Pending)
	return res, nil
}

// withoutCopies leaves out what was dropped from articles that are copies
// of others: the article that stands lost the same text, and lists it.
func withoutCopies(dropped []Dropped, standing []*parsedArticle) []Dropped {
	copies := make(map[string]bool)
	for _, pa := range standing {
		for _, c := range pa.copies {
			copies[c.ID] = true
		}
	}
	if len(copies) == 0 {
		return dropped
	}
	out := dropped[:0]
	for _, d := range dropped {
		if !copies[d.Article] {
			out = append(out, d)
		}
	}
	return out
}

// fileToRead is a file a Load must read.
type fileToRead struct {
	path, rel string
	info      fs.FileInfo
}

// readFiles reads and parses files on as many goroutines as there are
// cores, and returns what each parsed to, in order.
func readFiles(files []fileToRead, limit int64, lean bool) []*cachedFile {
	out := make([]*cachedFile, len(files))
	parallel(len(files), func(i int) { out[i] = readFile(files[i].path, files[i].rel, files[i].info, limit, lean) })
	return out
}

// readFile reads and parses one file into its articles, with their dates;
// lean, into their metadata and digests only (no text, no dates).
func readFile(p, rel string, fi fs.FileInfo, limit int64, lean bool) *cachedFile {
	f := &cachedFile{size: fi.Size(), mod: fi.ModTime(), lean: lean}
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
		if !lean {
			FindDates(&a)
		}
		pa := parsedArticle{article: a, hash: hashArticle(&a), content: contentKey(&a), edges: articleEdges(&a)}
		if lean {
			pa.lines = make([]int, len(a.Paragraphs))
			for i, p := range a.Paragraphs {
				pa.lines[i] = strings.Count(p.Text, "\n") + 1
			}
			// The title and the rest are cut from the file's text: copies
			// let the text go.
			la := &pa.article
			la.Paragraphs = nil
			la.ID, la.Title, la.URL = strings.Clone(la.ID), strings.Clone(la.Title), strings.Clone(la.URL)
			la.Source, la.Place, la.Path = strings.Clone(la.Source), strings.Clone(la.Place), strings.Clone(la.Path)
		}
		f.drafts = append(f.drafts, pa)
	}
	return f
}

// fetcher reads the articles of a lean Load whole again.
type fetcher struct {
	dir   string
	limit int64
	// files holds, for each of Result.Articles (same order), what Fetch
	// needs to read it again.
	files []leanFile
}

// leanFile is what Fetch needs to read an article of a lean Load again,
// beside the article as the Load made it (its metadata, copies, link and
// source decided across articles): its file as the Load saw it, the
// article's digest as read, and the boilerplate lines cut from it.
type leanFile struct {
	size int64
	mod  time.Time
	hash string
	cut  [2]int
}

// articlesByID sorts articles by ID, and their leanFiles with them.
type articlesByID struct {
	articles []newsbot.Article
	files    []leanFile
}

func (b articlesByID) Len() int           { return len(b.articles) }
func (b articlesByID) Less(i, j int) bool { return b.articles[i].ID < b.articles[j].ID }
func (b articlesByID) Swap(i, j int) {
	b.articles[i], b.articles[j] = b.articles[j], b.articles[i]
	b.files[i], b.files[j] = b.files[j], b.files[i]
}

// ErrNotLean is returned by Fetch on a Result of a Load that was not Lean:
// its articles are whole already.
var ErrNotLean = errors.New("corpus: Fetch reads the articles of a Lean Load")

// Fetch reads the articles with the given IDs of a Lean Load whole again:
// their paragraphs and dates, less what the Load dropped across articles,
// with the same digest (Article.Hash). The files are read on every core.
// An article whose file has changed since the Load, or is gone, is left
// out: the change is the next Load's to see. The articles come in the
// order of ids. An ID of one of an article's Copies (which citations and
// reports show too) fetches that article, under its own ID, once.
// Result.Articles must be as Load returned them.
func (r *Result) Fetch(ctx context.Context, ids []string) ([]newsbot.Article, error) {
	if r.fetch == nil {
		return nil, ErrNotLean
	}
	var files []string
	byFile := make(map[string][]int) // file → positions in r.Articles
	var copyOf map[string]int        // copy ID → position in r.Articles, made on the first miss
	resolved := make([]string, 0, len(ids))
	picked := make(map[int]bool, len(ids))
	for _, id := range ids {
		k, ok := sort.Find(len(r.Articles), func(k int) int { return strings.Compare(id, r.Articles[k].ID) })
		if !ok {
			if copyOf == nil {
				copyOf = r.copyPositions()
			}
			k, ok = copyOf[id]
		}
		if !ok {
			continue
		}
		resolved = append(resolved, r.Articles[k].ID)
		if picked[k] {
			continue
		}
		picked[k] = true
		rel := r.Articles[k].Path
		if _, seen := byFile[rel]; !seen {
			files = append(files, rel)
		}
		byFile[rel] = append(byFile[rel], k)
	}
	read := make([]map[string]newsbot.Article, len(files))
	parallel(len(files), func(k int) {
		if ctx.Err() == nil {
			read[k] = r.read(files[k], byFile[files[k]])
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	found := make(map[string]newsbot.Article, len(ids))
	for _, m := range read {
		for id, a := range m {
			found[id] = a
		}
	}
	out := make([]newsbot.Article, 0, len(found))
	for _, id := range resolved {
		if a, ok := found[id]; ok {
			out = append(out, a)
			delete(found, id)
		}
	}
	return out, nil
}

// copyPositions maps the ID of each copy of an article (Article.Copies) to
// the article's position in r.Articles.
func (r *Result) copyPositions() map[string]int {
	m := make(map[string]int)
	for k := range r.Articles {
		for _, c := range r.Articles[k].Copies {
			m[c.ID] = k
		}
	}
	return m
}

// read reads the articles at the given positions of r.Articles, all from
// the file rel, whole again.
func (r *Result) read(rel string, positions []int) map[string]newsbot.Article {
	seen := r.fetch.files[positions[0]]
	p := filepath.Join(r.fetch.dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != seen.size || !fi.ModTime().Equal(seen.mod) {
		return nil // changed or gone since the Load
	}
	data, err := readLimited(p, r.fetch.limit)
	if err != nil {
		return nil
	}
	parsed, err := parseFile(rel, data)
	if err != nil {
		return nil
	}
	want := make(map[string]int, len(positions))
	for _, k := range positions {
		want[r.Articles[k].ID] = k
	}
	out := make(map[string]newsbot.Article, len(positions))
	for _, dr := range parsed {
		k, ok := want[dr.id]
		if !ok {
			continue
		}
		read, _ := dr.finish(rel)
		lf := r.fetch.files[k]
		if hashArticle(&read) != lf.hash {
			continue // the file changed, keeping its size and time
		}
		a := r.Articles[k]
		a.Paragraphs = read.Paragraphs
		if lf.cut != [2]int{} {
			a.Paragraphs = cutLines(a.Paragraphs, lf.cut[0], lf.cut[1])
		}
		FindDates(&a)
		out[a.ID] = a
	}
	return out
}

// paragraphsLeft counts the paragraphs of lines lines each that keep a
// line once cut[0] lines are cut from the top and cut[1] from the bottom,
// as cutLines does.
func paragraphsLeft(lines []int, cut [2]int) int {
	total := 0
	for _, n := range lines {
		total += n
	}
	left, line := 0, 0
	for _, n := range lines {
		if line+n > cut[0] && line < total-cut[1] {
			left++
		}
		line += n
	}
	return left
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
// against the article's publication date, the paragraphs read in order as
// one text (timex.Reader): "Two days later the parliament voted." counts
// from the last date named before it, in an earlier paragraph if its own
// names none. An expression never spans two paragraphs, and its offsets
// count from its paragraph's start.
func FindDates(a *newsbot.Article) {
	r := timex.NewReader(a.Published)
	for i := range a.Paragraphs {
		a.Paragraphs[i].Dates = r.Extract(a.Paragraphs[i].Text)
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
