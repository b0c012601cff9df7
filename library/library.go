// Package library is newsbot as a service: the corpus folder, its index, the
// answer engine and timelines behind one value that the CLI, the bot and the
// tests share. It knows nothing of Discord.
package library

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/timeline"
)

// ErrNotReady is returned while the index is first being built.
var ErrNotReady = errors.New("the index is being built")

// Library answers questions from a corpus folder through its index (a
// writer), or from the snapshots a writer publishes (a replica, see
// OpenReplica).
type Library struct {
	corpusDir  string
	ix         *index.Index // the writer's index; nil in a replica
	log        *slog.Logger
	ready      atomic.Bool
	syncMu     sync.Mutex // one re-scan (or snapshot publication) at a time
	cache      *corpus.Cache
	compacting atomic.Bool
	bg         sync.WaitGroup // background build and compaction, closing swapped-out snapshots

	// cur is the index questions are answered from: the writer's own, or
	// the replica's newest snapshot.
	cur atomic.Pointer[generation]
	// changed is signalled after every update that changed the index, for
	// the snapshot publisher.
	changed chan struct{}
	health  health
	replica *follower // set in a replica

	progress      func(BuildProgress)
	progressEvery time.Duration
	memoryLimit   int64 // while writing or compacting the index; see Options.BuildMemoryLimit
}

// BuildProgress is how a build of the index from nothing is going.
type BuildProgress struct {
	// Indexed is how many articles the index holds so far; Total how many
	// the corpus holds, 0 while its files are still being read.
	Indexed, Total int
	Elapsed        time.Duration
	// Done is set on the last report, when the build has ended.
	Done bool
}

// defaultProgressEvery is how often a build reports its progress.
const defaultProgressEvery = 2 * time.Second

// Options tune Open.
type Options struct {
	// Logger receives what the corpus reader and the index report.
	Logger *slog.Logger
	// Background builds an empty index after Open returns; until it is
	// built, queries fail with ErrNotReady. Otherwise Open builds it.
	Background bool
	// NoBuild leaves an empty index empty: the caller syncs.
	NoBuild bool
	// Progress, when set, is told every ProgressEvery (default 2 s) how a
	// build of an empty index goes (the first build, or a rebuild), and
	// once when it ends.
	Progress      func(BuildProgress)
	ProgressEvery time.Duration
	// BuildMemoryLimit is the soft limit on the Go runtime's memory while
	// the index is written or compacted, in bytes: 0 is
	// DefaultBuildMemoryLimit, less than 0 none. A GOMEMLIMIT in the
	// environment takes its place.
	BuildMemoryLimit int64
}

// Open opens (or creates) the index in indexDir for the corpus in
// corpusDir, and builds an empty index from the corpus as opts say.
func Open(ctx context.Context, corpusDir, indexDir string, opts Options) (*Library, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ix, err := index.Open(ctx, indexDir, log)
	if err != nil {
		return nil, err
	}
	l := &Library{corpusDir: corpusDir, ix: ix, log: log, cache: corpus.NewCache(), changed: make(chan struct{}, 1),
		progress: opts.Progress, progressEvery: opts.ProgressEvery, memoryLimit: opts.BuildMemoryLimit}
	if l.progressEvery <= 0 {
		l.progressEvery = defaultProgressEvery
	}
	if l.memoryLimit == 0 {
		l.memoryLimit = DefaultBuildMemoryLimit
	}
	l.cur.Store(newGeneration(ix, ""))
	if ix.Articles() > 0 || opts.NoBuild {
		l.ready.Store(ix.Articles() > 0)
		return l, nil
	}
	build := func() error {
		log.Info("building the index from the corpus", "corpus", corpusDir, "index", indexDir)
		if _, _, err := l.Sync(ctx); err != nil {
			return err
		}
		l.ready.Store(true)
		return nil
	}
	if !opts.Background {
		if err := build(); err != nil {
			ix.Close()
			return nil, err
		}
		return l, nil
	}
	l.bg.Add(1) // Close waits for the build rather than closing the index under it
	go func() {
		defer l.bg.Done()
		if err := build(); err != nil {
			if ctx.Err() != nil { // stopped, as on SIGTERM: not a failure
				log.Info("building the index stopped", "reason", context.Cause(ctx))
				return
			}
			log.Error("building the index failed", "err", err)
		}
	}()
	return l, nil
}

// ErrNoCorpus is returned by Sync on a library made from an index alone.
var ErrNoCorpus = errors.New("this library has no corpus folder to re-scan")

// FromIndex makes a library over an index built elsewhere (evaluation data,
// benchmarks); it answers, but has no corpus folder to re-scan.
func FromIndex(ix *index.Index) *Library {
	l := &Library{ix: ix, log: slog.New(slog.DiscardHandler), changed: make(chan struct{}, 1)}
	l.cur.Store(newGeneration(ix, ""))
	l.ready.Store(true)
	l.health.caughtUp = true
	return l
}

// WaitCompaction returns once a background compaction (or build), if any,
// is done.
func (l *Library) WaitCompaction() { l.bg.Wait() }

// Close waits for a background build or compaction and for the questions
// being answered, and closes the index. To stop a build rather than wait
// for it, end the context given to Open.
func (l *Library) Close() error {
	if f := l.replica; f != nil {
		f.mu.Lock()
		f.closed = true
		f.mu.Unlock()
	}
	l.bg.Wait()
	if g := l.cur.Swap(nil); g != nil {
		return g.retire()
	}
	return nil
}

// Index is the library's index: a replica's is the snapshot it serves now,
// which a newer one may replace (and close) at any time.
func (l *Library) Index() *index.Index {
	if l.ix != nil {
		return l.ix
	}
	if g := l.cur.Load(); g != nil {
		return g.ix
	}
	return nil
}

// Ready reports whether the index can be queried.
func (l *Library) Ready() bool { return l.ready.Load() }

// Sync re-reads the whole corpus folder and brings the index up to date:
// a full re-scan, as `newsbot index`, /reindex and SIGHUP ask for.
func (l *Library) Sync(ctx context.Context) (*corpus.Result, index.SyncReport, error) {
	if l.replica != nil {
		return nil, index.SyncReport{}, index.ErrReadOnly
	}
	if l.corpusDir == "" {
		return nil, index.SyncReport{}, ErrNoCorpus
	}
	l.cache.Reset()
	return l.update(ctx, 0, nil)
}

// Refresh re-reads only the files that changed since the last scan and
// applies them: what the watcher does after a change. With paths, only
// those paths are looked at (a watcher knows which changed).
func (l *Library) Refresh(ctx context.Context, paths ...string) (*corpus.Result, index.SyncReport, error) {
	if l.replica != nil {
		return nil, index.SyncReport{}, index.ErrReadOnly
	}
	if l.corpusDir == "" {
		return nil, index.SyncReport{}, ErrNoCorpus
	}
	if len(paths) == 0 {
		paths = nil
	}
	return l.update(ctx, 0, paths)
}

// update re-reads the files that changed since the last scan (files
// modified less than settle ago wait) and applies the changes to the index.
// changed, when not nil, names the only paths that may have changed.
func (l *Library) update(ctx context.Context, settle time.Duration, changed []string) (*corpus.Result, index.SyncReport, error) {
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	// Most updates write little, but a build or a large update allocates
	// much more than it keeps: the soft limit makes Go collect before the
	// heap doubles (see DefaultBuildMemoryLimit).
	defer buildMemory.hold(l.memoryLimit)()
	var total atomic.Int64
	if l.progress != nil && l.ix.Articles() == 0 {
		stop := l.reportProgress(&total)
		defer stop()
	}
	// Lean: no article's text stays in memory; the index reads whole, a
	// few hundred at a time, only the articles it does not hold as they
	// are (the README's scale section says what this saves).
	res, err := corpus.Load(ctx, l.corpusDir, corpus.Options{Logger: l.log, Cache: l.cache, Settle: settle, Changed: changed, Lean: true})
	if err != nil {
		l.updateFailed(ctx, err)
		return nil, index.SyncReport{}, err
	}
	total.Store(int64(len(res.Articles)))
	rep, err := l.ix.SyncLean(ctx, res.Articles, res.Fetch)
	if err != nil {
		err = fmt.Errorf("updating index: %w", err)
		l.updateFailed(ctx, err)
		return res, rep, err
	}
	if len(rep.Unread) > 0 {
		l.log.Info("articles changed while being indexed; the next update takes them", "articles", len(rep.Unread), "first", rep.Unread[0])
	}
	l.ready.Store(true)
	l.updated(rep.Changed(), changed == nil)
	if rep.ParagraphsWritten >= compactAfter {
		l.compactInBackground()
	}
	return res, rep, nil
}

// reportProgress tells l.progress how the build goes every l.progressEvery,
// until the returned function is called, which reports the end.
func (l *Library) reportProgress(total *atomic.Int64) (stop func()) {
	start := time.Now()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(l.progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				l.progress(BuildProgress{Indexed: l.ix.Articles(), Total: int(total.Load()), Elapsed: time.Since(start)})
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		l.progress(BuildProgress{Indexed: l.ix.Articles(), Total: int(total.Load()), Elapsed: time.Since(start), Done: true})
	}
}

// compactAfter is how many paragraphs an update must write for the index
// to be compacted after it: a large update leaves many small segments,
// and each one costs every search.
const compactAfter = 2000

// compactInBackground merges the index's segments while it keeps serving;
// one compaction at a time.
func (l *Library) compactInBackground() {
	if !l.compacting.CompareAndSwap(false, true) {
		return
	}
	release := buildMemory.hold(l.memoryLimit) // from here, so that no gap follows the update's
	l.bg.Add(1)
	go func() {
		defer l.bg.Done()
		defer l.compacting.Store(false)
		defer release()
		start := time.Now()
		if err := l.ix.Compact(context.Background()); err != nil {
			l.log.Warn("compacting the index", "err", err)
			return
		}
		l.log.Info("index compacted", "took", time.Since(start).Round(time.Millisecond))
		l.signalChanged() // replicas get the compact index too
	}()
}

// Answer answers question as cmd with up to k passages.
func (l *Library) Answer(ctx context.Context, cmd newsbot.Command, question string, k int) (*newsbot.Answer, error) {
	g, err := l.acquireReady()
	if err != nil {
		return nil, err
	}
	defer g.release()
	return g.engine.Answer(ctx, cmd, question, k)
}

// Timeline builds the timeline of req.Topic.
func (l *Library) Timeline(ctx context.Context, req timeline.Request) (*timeline.Timeline, error) {
	g, err := l.acquireReady()
	if err != nil {
		return nil, err
	}
	defer g.release()
	return timeline.Build(ctx, g.ix, req)
}

// Articles lists the indexed articles, newest first, without paragraphs.
func (l *Library) Articles() []newsbot.Article {
	g := l.acquire()
	if g == nil {
		return nil
	}
	defer g.release()
	return g.ix.List()
}

// Article returns one article with its paragraphs. The ID of one of its
// copies (Article.Copies: another file holding the same article, which a
// citation or report may show) returns the article too, under its own ID.
func (l *Library) Article(ctx context.Context, id string) (newsbot.Article, bool, error) {
	g, err := l.acquireReady()
	if err != nil {
		return newsbot.Article{}, false, err
	}
	defer g.release()
	a, found, err := g.ix.Article(ctx, id)
	if found || err != nil {
		return a, found, err
	}
	for _, a := range g.ix.List() {
		for _, c := range a.Copies {
			if c.ID == id {
				return g.ix.Article(ctx, a.ID)
			}
		}
	}
	return newsbot.Article{}, false, nil
}

// acquireReady is acquire for a ready library.
func (l *Library) acquireReady() (*generation, error) {
	if !l.Ready() {
		return nil, ErrNotReady
	}
	g := l.acquire()
	if g == nil {
		return nil, ErrNotReady
	}
	return g, nil
}
