package library

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/metrics"
)

// generation is one open index that questions are answered from. A
// replica swaps in a newer one when its writer publishes a snapshot: the
// questions being answered on the old one finish there, then it is
// closed.
type generation struct {
	ix     *index.Index
	engine *answer.Engine
	// snapshot is the published snapshot it was opened from; empty for a
	// writer's own index.
	snapshot string

	mu     sync.RWMutex // held for reading while a question uses ix
	closed bool
}

func newGeneration(ix *index.Index, snapshot string) *generation {
	return &generation{ix: ix, engine: answer.New(ix, answer.Config{}), snapshot: snapshot}
}

// acquire returns the current generation, held open until release; nil
// when no index is open (a replica before its first snapshot). It never
// returns a closed generation: one being retired is skipped for the
// newer one that replaced it.
func (l *Library) acquire() *generation {
	for {
		g := l.cur.Load()
		if g == nil {
			return nil
		}
		g.mu.RLock()
		if !g.closed {
			return g
		}
		g.mu.RUnlock()
	}
}

func (g *generation) release() { g.mu.RUnlock() }

// retire waits for the questions still using g, then closes its index.
// The caller has already made another generation (or none) current.
func (g *generation) retire() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	return g.ix.Close()
}

// health is what the library knows of how well it keeps up, for Status.
type health struct {
	mu sync.Mutex
	// caughtUp: a full update succeeded since start (a writer), or a
	// snapshot is open (a replica).
	caughtUp    bool
	lastUpdate  time.Time
	behindSince time.Time // zero while caught up
	problem     string    // what keeps it behind, for /readyz
	published   string    // the last snapshot a writer published
	// publishProblem says why publishing snapshots fails.
	publishProblem string

	updateErrors, watchErrors atomic.Uint64
	publishedCount, swaps     atomic.Uint64
}

// updated records an update that succeeded: changed says whether it
// changed the index, full whether it re-read the whole corpus.
func (l *Library) updated(changed, full bool) {
	h := &l.health
	h.mu.Lock()
	if changed || (full && !h.caughtUp) {
		h.lastUpdate = time.Now()
	}
	h.caughtUp = h.caughtUp || full
	h.behindSince, h.problem = time.Time{}, ""
	h.mu.Unlock()
	if changed {
		l.signalChanged()
	}
}

// updateFailed records an update that failed; one stopped by ctx ending
// is not a failure.
func (l *Library) updateFailed(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	l.health.updateErrors.Add(1)
	l.behind(fmt.Sprintf("updating the index from the corpus folder %s fails: %v", l.corpusDir, err))
}

// behind records that the index is behind what it should serve, and why.
func (l *Library) behind(problem string) {
	h := &l.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.behindSince.IsZero() {
		h.behindSince = time.Now()
	}
	h.problem = problem
}

// watchFailed counts an error of the file watcher itself.
func (l *Library) watchFailed() { l.health.watchErrors.Add(1) }

// signalChanged tells the snapshot publisher, if any, that the index
// changed.
func (l *Library) signalChanged() {
	if l.changed == nil {
		return
	}
	select {
	case l.changed <- struct{}{}:
	default: // one is already waiting
	}
}

// Status reports the index and how well it keeps up, for /readyz and the
// metrics.
func (l *Library) Status() metrics.Status {
	s := metrics.Status{Role: "writer"}
	if l.replica != nil {
		s.Role = "replica"
	}
	if g := l.acquire(); g != nil {
		s.Articles, s.Paragraphs = g.ix.Articles(), g.ix.Paragraphs()
		s.Snapshot = g.snapshot
		g.release()
	}
	h := &l.health
	h.mu.Lock()
	s.Ready = l.Ready() && h.caughtUp
	s.LastUpdate, s.BehindSince = h.lastUpdate, h.behindSince
	if h.problem != "" {
		s.Problems = append(s.Problems, h.problem)
	}
	if h.publishProblem != "" {
		s.Problems = append(s.Problems, h.publishProblem)
	}
	if l.replica == nil && h.published != "" {
		s.Snapshot = h.published
	}
	h.mu.Unlock()
	s.UpdateErrors, s.WatchErrors = h.updateErrors.Load(), h.watchErrors.Load()
	s.SnapshotsPublished, s.SnapshotSwaps = h.publishedCount.Load(), h.swaps.Load()
	return s
}
