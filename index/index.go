// Package index keeps the Bleve full-text index of the corpus's paragraphs:
// it builds and incrementally updates the index from articles, rebuilds an
// index of another schema or one that fails to open, and answers searches
// with BM25 scores, stored fields and where the question's terms occur in
// each hit. It is the only package
// that imports Bleve.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/gofrs/flock"
	bolterrors "go.etcd.io/bbolt/errors"
	"golang.org/x/sync/errgroup"

	"github.com/newsbot-dev/newsbot"
)

// Internal keys stored beside the documents. An article's manifest entry
// is written in the same batch as its paragraphs, and deleted with them, so
// the two never disagree, whatever order batches are applied in.
var keySchema = []byte("newsbot:schema")

// articleKey is the internal key of an article's manifest entry.
func articleKey(id string) []byte { return []byte("newsbot:article:" + id) }

// batchDocs is roughly how many paragraphs go into one Bleve batch: about
// 1,000 index fastest.
const batchDocs = 1000

// entry is what the manifest records of one indexed article: its change
// hash, its size for BM25 statistics, and the article metadata a citation
// needs, kept once here rather than stored again on every paragraph.
type entry struct {
	Hash       string    `json:"hash"`
	Paragraphs int       `json:"paragraphs"`
	TextTokens int       `json:"text_tokens"`
	Title      string    `json:"title"`
	URL        string    `json:"url,omitempty"`
	Source     string    `json:"source,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	// Copies are the other files that hold the same article.
	Copies []newsbot.Copy `json:"copies,omitempty"`
}

// Index is an open paragraph index. It is safe for concurrent use: searches
// run while Sync updates the index.
type Index struct {
	dir      string
	bleve    bleve.Index
	analyzer analysis.Analyzer
	counter  *tokenCounter
	matches  *matchFinder
	log      *slog.Logger
	readOnly bool // opened from a published snapshot

	titleMu sync.Mutex
	titles  map[string]map[string]bool // analysed title terms, by title

	closeOnce sync.Once
	closeErr  error
	lock      *flock.Flock // newsbot's lock file beside the folder, held while open

	mu       sync.RWMutex // guards manifest, versions and totals
	manifest map[string]entry
	// versions are the manifest's entries by article hash, and while a batch
	// is being applied also the entries of the versions it brings in. A hit
	// takes its title and link from the version of the article it belongs
	// to, so a search that runs during an update never pairs new text with
	// old metadata, or finds text whose article it cannot name.
	versions map[string]entry
	// retired are versions replaced or removed by a batch, with when; a
	// search that began before the batch may still find their paragraphs,
	// so they stay in versions for retireAfter.
	retired map[string]time.Time
	totals  totals
}

// totals are sums over the manifest that every search needs.
type totals struct {
	paragraphs, textTokens int
}

func sumManifest(m map[string]entry) totals {
	var t totals
	for _, e := range m {
		t.paragraphs += e.Paragraphs
		t.textTokens += e.TextTokens
	}
	return t
}

// Open opens the index in dir, creating it when absent. An index that fails
// to open, or that was written with another SchemaVersion, is deleted and
// created anew, with a log line saying why; Sync then fills it from the
// corpus. A non-empty dir that is not a Bleve index is never deleted.
//
// One process at a time may have an index open: Open fails at once with an
// *InUseError (errors.Is ErrInUse) naming the newsbot that has it, from the
// lock file beside the folder (dir + ".lock"), and within a few seconds for
// a process that holds Bleve's own lock without that file. It never waits
// for the other process to end.
func Open(ctx context.Context, dir string, log *slog.Logger) (*Index, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lock, err := lockIndex(dir)
	if err != nil {
		return nil, err
	}
	ix, err := open(ctx, dir, log)
	if err != nil {
		lock.Close()
		return nil, err
	}
	ix.lock = lock
	return ix, nil
}

// open opens the index in dir, whose lock is held.
func open(ctx context.Context, dir string, log *slog.Logger) (*Index, error) {
	b, err := openOrCreate(dir, log)
	if err != nil {
		return nil, err
	}
	ix, err := newIndex(dir, b, log)
	if err != nil {
		return nil, err
	}
	if ix.manifest, err = loadManifest(b); err != nil {
		b.Close()
		log.Warn("rebuilding index: manifest unreadable", "dir", dir, "reason", err.Error())
		if err := removeIndex(dir); err != nil {
			return nil, err
		}
		return open(ctx, dir, log)
	}
	ix.totals = sumManifest(ix.manifest)
	ix.versions = versionsOf(ix.manifest)
	return ix, nil
}

// newIndex wraps an open Bleve index; it closes b when it fails.
func newIndex(dir string, b bleve.Index, log *slog.Logger) (*Index, error) {
	ix := &Index{dir: dir, bleve: b, log: log, manifest: map[string]entry{}, titles: map[string]map[string]bool{}}
	ix.analyzer = b.Mapping().AnalyzerNamed(analyzerName)
	if ix.analyzer == nil {
		b.Close()
		return nil, fmt.Errorf("index %s: analyzer %q missing", dir, analyzerName)
	}
	var err error
	if ix.matches, err = newMatchFinder(ix.analyzer); err != nil {
		b.Close()
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	if ix.counter, err = newTokenCounter(); err != nil {
		b.Close()
		return nil, fmt.Errorf("index %s: stop words: %w", dir, err)
	}
	return ix, nil
}

// openOrCreate opens the Bleve index in dir, replacing it when it is corrupt
// or of another schema.
func openOrCreate(dir string, log *slog.Logger) (bleve.Index, error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return create(dir)
	}
	b, err := bleve.OpenUsing(dir, map[string]any{"bolt_timeout": boltTimeout.String()})
	if errors.Is(err, bolterrors.ErrTimeout) {
		// Another process holds Bleve's lock: never delete its index.
		return nil, &InUseError{Dir: dir}
	}
	if err != nil {
		if !isBleveIndex(dir) {
			if empty, _ := isEmptyDir(dir); empty {
				return create(dir)
			}
			return nil, fmt.Errorf("index folder %s exists but is not a newsbot index; choose another folder or remove it", dir)
		}
		log.Warn("rebuilding index: it does not open", "dir", dir, "reason", err.Error())
		if err := removeIndex(dir); err != nil {
			return nil, err
		}
		return create(dir)
	}
	schema, err := b.GetInternal(keySchema)
	if err != nil || string(schema) != SchemaVersion {
		b.Close()
		found := string(schema)
		if found == "" {
			found = "none"
		}
		log.Warn("rebuilding index: schema changed", "dir", dir, "found", found, "want", SchemaVersion)
		if err := removeIndex(dir); err != nil {
			return nil, err
		}
		return create(dir)
	}
	return b, nil
}

func create(dir string) (bleve.Index, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("creating index folder: %w", err)
	}
	if empty, _ := isEmptyDir(dir); empty {
		if err := os.Remove(dir); err != nil {
			return nil, fmt.Errorf("creating index folder: %w", err)
		}
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.New(dir, m)
	if err != nil {
		return nil, fmt.Errorf("creating index %s: %w", dir, err)
	}
	if err := b.SetInternal(keySchema, []byte(SchemaVersion)); err != nil {
		b.Close()
		return nil, fmt.Errorf("creating index %s: %w", dir, err)
	}
	return b, nil
}

// isBleveIndex reports whether dir holds Bleve's metadata file.
func isBleveIndex(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

func isEmptyDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0, err
}

func removeIndex(dir string) error {
	if !isBleveIndex(dir) {
		return fmt.Errorf("index folder %s is not a Bleve index; refusing to delete it", dir)
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("removing old index %s: %w", dir, err)
	}
	return nil
}

// Close closes the index. Closing it again does nothing (Bleve itself
// panics on a second close).
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() {
		if err := ix.bleve.Close(); err != nil {
			ix.closeErr = fmt.Errorf("closing index %s: %w", ix.dir, err)
		}
		if ix.lock != nil {
			ix.lock.Close() // releases the lock
		}
	})
	return ix.closeErr
}

// SyncReport says what Sync changed.
type SyncReport struct {
	Added, Updated, Removed []string
	Unchanged               int
	// Paragraphs is the number of paragraphs in the index afterwards.
	Paragraphs int
	// ParagraphsWritten counts the paragraphs added, replaced or deleted.
	ParagraphsWritten int
	// Unread are articles SyncLean had to write but could not read whole
	// (their file changed while being indexed): the index keeps the version
	// it had, if any, until the next Sync.
	Unread []string
	Took   time.Duration
}

// Changed reports whether Sync changed anything.
func (r SyncReport) Changed() bool {
	return len(r.Added)+len(r.Updated)+len(r.Removed) > 0
}

// loadManifest reads the manifest entries of the articles the index holds:
// the article IDs are the terms of the article field.
func loadManifest(b bleve.Index) (map[string]entry, error) {
	r, err := readerOf(b)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dict, err := r.FieldDict(fieldArticle)
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	manifest := make(map[string]entry)
	for {
		term, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if term == nil {
			return manifest, nil
		}
		raw, err := r.GetInternal(articleKey(term.Term))
		if err != nil {
			return nil, err
		}
		if raw == nil {
			continue // deleted: its term lasts until segments merge
		}
		var e entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("article %s: %w", term.Term, err)
		}
		manifest[term.Term] = e
	}
}

// Sync makes the index hold exactly the given articles: it adds new ones,
// replaces changed ones (old paragraphs out, new in, in one batch) and
// removes the ones that are gone. Unchanged articles are not touched.
//
// Batches are prepared on one goroutine and written on another (see
// batchesInFlight). Each batch carries the manifest entries of its own
// articles, and no article is in two batches, so the order they are
// applied in does not matter.
func (ix *Index) Sync(ctx context.Context, articles []newsbot.Article) (SyncReport, error) {
	return ix.SyncLean(ctx, articles, nil)
}

// Fetch reads whole the articles with the given IDs, which came to
// SyncLean without their paragraphs; it may leave out one it can no longer
// read as it was (a file changed since), which then stays as the index has
// it.
type Fetch func(ctx context.Context, ids []string) ([]newsbot.Article, error)

// fetchArticles is how many articles SyncLean fetches at a time: enough
// for a few batches, few enough that their text is small.
const fetchArticles = 256

// SyncLean is Sync over articles that may come without their paragraphs
// (see corpus.Options.Lean): only their IDs and digests are compared with
// the index, and those it must write are read whole through fetch, a few
// hundred at a time, so that a build of a large corpus never holds all its
// text at once. fetch may be nil when every article is whole.
func (ix *Index) SyncLean(ctx context.Context, articles []newsbot.Article, fetch Fetch) (SyncReport, error) {
	if ix.readOnly {
		return SyncReport{}, ErrReadOnly
	}
	start := time.Now()
	var rep SyncReport
	ix.mu.RLock()
	manifest := make(map[string]entry, len(ix.manifest))
	for id, e := range ix.manifest {
		manifest[id] = e
	}
	ix.mu.RUnlock()

	w := ix.newWriter(manifest)
	// The first batch that fails stops the others and the preparing.
	g, gctx := errgroup.WithContext(ctx)
	ready := make(chan sealedBatch)
	for range batchesInFlight {
		g.Go(func() error {
			for b := range ready {
				if err := ix.apply(gctx, b); err != nil {
					return err
				}
			}
			return nil
		})
	}
	err := w.prepare(gctx, articles, fetch, &rep, ready)
	close(ready)
	if applyErr := g.Wait(); applyErr != nil {
		return rep, applyErr // prepare then stopped for it
	}
	if err != nil {
		return rep, err
	}
	rep.Paragraphs = ix.Paragraphs()
	rep.ParagraphsWritten = w.written
	rep.Took = time.Since(start)
	return rep, nil
}

// batchesInFlight is how many batches Sync writes at once. One: Bleve
// analyses a batch on every core, and the next batch is read and parsed
// while one is written. Two in flight kept the cores a little busier but
// held two batches' segments in memory at once, and kept Bleve's persister
// from ever catching up during a build, so that it removed none of the
// snapshots it had replaced until the end (its root.bolt grew to 105 MiB,
// all of it mapped): the build's peak went over 400 MiB on a busy machine
// (README, scale section).
const batchesInFlight = 1

// prepare fills batches with the changes that make the index hold articles
// and hands each, sealed, to ready; articles without paragraphs are read
// whole through fetch first.
func (w *writer) prepare(ctx context.Context, articles []newsbot.Article, fetch Fetch, rep *SyncReport, ready chan<- sealedBatch) error {
	present := make(map[string]bool, len(articles))
	var toFetch []string
	flush := func() error {
		if len(toFetch) == 0 {
			return nil
		}
		if fetch == nil {
			return fmt.Errorf("indexing article %s: no paragraphs to index", toFetch[0])
		}
		whole, err := fetch(ctx, toFetch)
		if err != nil {
			return fmt.Errorf("reading articles to index: %w", err)
		}
		got := make(map[string]bool, len(whole))
		for i := range whole {
			if len(whole[i].Paragraphs) == 0 {
				continue
			}
			got[whole[i].ID] = true
			if err := w.write(ctx, &whole[i], rep, ready); err != nil {
				return err
			}
		}
		for _, id := range toFetch {
			if !got[id] {
				rep.Unread = append(rep.Unread, id)
			}
		}
		toFetch = toFetch[:0]
		return nil
	}
	for i := range articles {
		a := &articles[i]
		present[a.ID] = true
		if old, had := w.manifest[a.ID]; had && old.Hash == a.Hash {
			rep.Unchanged++
			continue
		}
		if len(a.Paragraphs) == 0 {
			if toFetch = append(toFetch, a.ID); len(toFetch) == fetchArticles {
				if err := flush(); err != nil {
					return err
				}
			}
			continue
		}
		if err := w.write(ctx, a, rep, ready); err != nil {
			return err
		}
	}
	if err := flush(); err != nil {
		return err
	}
	var gone []string
	for id := range w.manifest {
		if !present[id] {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	for _, id := range gone {
		w.deleteArticle(id, w.manifest[id])
		rep.Removed = append(rep.Removed, id)
	}
	return w.send(ctx, ready)
}

// write puts a, new or changed, into the batch, in place of the version the
// index holds, and sends the batch when it is full.
func (w *writer) write(ctx context.Context, a *newsbot.Article, rep *SyncReport, ready chan<- sealedBatch) error {
	if old, had := w.manifest[a.ID]; had {
		if old.Hash == a.Hash {
			rep.Unchanged++ // fetched, and found as the index has it
			return nil
		}
		w.deleteArticle(a.ID, old)
		rep.Updated = append(rep.Updated, a.ID)
	} else {
		rep.Added = append(rep.Added, a.ID)
	}
	if err := w.addArticle(a); err != nil {
		return err
	}
	if w.docs >= batchDocs {
		return w.send(ctx, ready)
	}
	return nil
}

// writer accumulates changes into Bleve batches: paragraphs and the
// manifest entries of their articles.
type writer struct {
	ix       *Index
	batch    *bleve.Batch
	changes  map[string]*entry // the pending batch's manifest changes; nil removes
	manifest map[string]entry  // the manifest as it will be
	docs     int
	written  int // paragraphs written over all batches
}

func (ix *Index) newWriter(manifest map[string]entry) *writer {
	return &writer{ix: ix, batch: ix.bleve.NewBatch(), changes: make(map[string]*entry), manifest: manifest}
}

func (w *writer) deleteArticle(id string, e entry) {
	for n := 1; n <= e.Paragraphs; n++ {
		w.batch.Delete(docID(id, n))
	}
	w.batch.DeleteInternal(articleKey(id))
	w.changes[id] = nil
	delete(w.manifest, id)
	w.docs += e.Paragraphs
}

func (w *writer) addArticle(a *newsbot.Article) error {
	// The manifest outlives the article: copies, so that it does not hold
	// on to the text of the file they were cut from.
	e := entry{Hash: strings.Clone(a.Hash), Paragraphs: len(a.Paragraphs),
		Title: strings.Clone(a.Title), URL: strings.Clone(a.URL), Source: strings.Clone(a.Source), Published: a.Published,
		Copies: cloneCopies(a.Copies)}
	for _, p := range a.Paragraphs {
		doc := map[string]any{
			fieldText:    p.Text,
			fieldArticle: a.ID,
			fieldSection: p.Section,
			fieldHash:    a.Hash,
		}
		if len(p.Dates) > 0 {
			raw, err := encodeDates(p.Dates)
			if err != nil {
				return fmt.Errorf("indexing article %s paragraph %d: %w", a.ID, p.N, err)
			}
			doc[fieldTimex] = raw
			if events := eventDateTerms(p.Dates); len(events) > 0 {
				doc[fieldDates] = events
			}
		}
		if err := w.batch.Index(docID(a.ID, p.N), doc); err != nil {
			return fmt.Errorf("indexing article %s paragraph %d: %w", a.ID, p.N, err)
		}
		e.TextTokens += w.ix.counter.count(p.Text)
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("indexing article %s: %w", a.ID, err)
	}
	w.batch.SetInternal(articleKey(a.ID), raw)
	id := strings.Clone(a.ID)
	w.changes[id] = &e
	w.manifest[id] = e
	w.docs += len(a.Paragraphs)
	return nil
}

// cloneCopies copies an article's copies, strings and all, for the
// manifest.
func cloneCopies(copies []newsbot.Copy) []newsbot.Copy {
	if len(copies) == 0 {
		return nil
	}
	out := make([]newsbot.Copy, len(copies))
	for i, c := range copies {
		out[i] = newsbot.Copy{ID: strings.Clone(c.ID), Path: strings.Clone(c.Path), URL: strings.Clone(c.URL), Source: strings.Clone(c.Source)}
	}
	return out
}

// sealedBatch is a batch ready to apply, with the manifest changes it
// makes.
type sealedBatch struct {
	batch   *bleve.Batch
	changes map[string]*entry
}

// seal closes the pending batch and starts a new one. ok is false when the
// pending batch is empty.
func (w *writer) seal() (b sealedBatch, ok bool) {
	if w.docs == 0 {
		return sealedBatch{}, false
	}
	b = sealedBatch{batch: w.batch, changes: w.changes}
	w.batch, w.changes = w.ix.bleve.NewBatch(), make(map[string]*entry)
	w.written += w.docs
	w.docs = 0
	return b, true
}

// send seals the pending batch and hands it to ready.
func (w *writer) send(ctx context.Context, ready chan<- sealedBatch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, ok := w.seal()
	if !ok {
		return nil
	}
	select {
	case ready <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// apply writes a sealed batch and brings its changes into the manifest.
func (ix *Index) apply(ctx context.Context, b sealedBatch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// The versions this batch brings in are known before searches can see
	// their paragraphs.
	ix.mu.Lock()
	for _, e := range b.changes {
		if e != nil {
			ix.versions[e.Hash] = *e
		}
	}
	ix.mu.Unlock()
	if err := ix.bleve.Batch(b.batch); err != nil {
		return fmt.Errorf("writing index batch: %w", err)
	}
	ix.mu.Lock()
	for id, e := range b.changes {
		if e == nil {
			delete(ix.manifest, id)
		} else {
			ix.manifest[id] = *e
		}
	}
	ix.retire(time.Now())
	ix.totals = sumManifest(ix.manifest)
	ix.mu.Unlock()
	return nil
}

// docID is the Bleve document ID of an article's paragraph.
func docID(article string, n int) string {
	return article + "#" + strconv.Itoa(n)
}

// parseDocID splits a document ID into its article and paragraph number.
func parseDocID(id string) (article string, n int, err error) {
	i := strings.LastIndexByte(id, '#')
	if i >= 0 {
		n, err = strconv.Atoi(id[i+1:])
	}
	if i < 0 || err != nil || n < 1 {
		return "", 0, fmt.Errorf("document ID %q: not article#paragraph", id)
	}
	return id[:i], n, nil
}

// Paragraphs returns the number of paragraphs indexed.
func (ix *Index) Paragraphs() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.totals.paragraphs
}

// retireAfter is how long a replaced version still names its paragraphs for
// searches that began before the batch that replaced it.
const retireAfter = time.Minute

// retire marks the versions no longer in the manifest as retired, and
// forgets those retired longer than retireAfter ago. ix.mu must be held.
func (ix *Index) retire(now time.Time) {
	current := make(map[string]bool, len(ix.manifest))
	for _, e := range ix.manifest {
		current[e.Hash] = true
	}
	if ix.retired == nil {
		ix.retired = make(map[string]time.Time)
	}
	for hash := range ix.versions {
		if current[hash] {
			delete(ix.retired, hash)
			continue
		}
		since, ok := ix.retired[hash]
		if !ok {
			ix.retired[hash] = now
		} else if now.Sub(since) > retireAfter {
			delete(ix.versions, hash)
			delete(ix.retired, hash)
		}
	}
}

// versionsOf indexes manifest entries by article hash.
func versionsOf(m map[string]entry) map[string]entry {
	v := make(map[string]entry, len(m))
	for _, e := range m {
		v[e.Hash] = e
	}
	return v
}

// version returns the entry of one version of an article, by its hash.
func (ix *Index) version(hash string) (entry, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e, ok := ix.versions[hash]
	return e, ok
}

// Articles returns the number of articles indexed.
func (ix *Index) Articles() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.manifest)
}

// Remove deletes the index in dir, if there is one. It refuses to delete a
// folder that is not a Bleve index, or one another process has open (an
// *InUseError, as from Open).
func Remove(dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if empty, _ := isEmptyDir(dir); empty {
		return nil
	}
	lock, err := lockIndex(dir)
	if err != nil {
		return err
	}
	defer lock.Close()
	return removeIndex(dir)
}
