package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sync"
	"time"

	"github.com/newsbot-dev/newsbot/index"
)

// A replica answers from the snapshots a writer publishes (see Publish)
// into a shared folder, and never writes. It opens the newest snapshot
// read-only and, when a newer one appears, opens it and swaps it in:
// questions being answered on the old one finish there, and it is closed
// after them. When the folder cannot be read, the replica keeps answering
// from the snapshot it has, and says so in its Status.

// ReplicaOptions tune OpenReplica.
type ReplicaOptions struct {
	Logger *slog.Logger
}

// follower is what a replica knows of its snapshot folder.
type follower struct {
	dir         string
	mu          sync.Mutex      // one look at the folder at a time
	failed      map[string]bool // snapshots that did not open, by name
	unreachable bool
	closed      bool
}

// OpenReplica opens the newest snapshot in dir read-only. With none there
// yet (or dir unreachable), the library is not ready until Follow finds
// one; it is not an error.
func OpenReplica(ctx context.Context, dir string, opts ReplicaOptions) (*Library, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dir == "" {
		return nil, errors.New("a replica needs the folder its writer publishes snapshots into")
	}
	l := &Library{log: log, replica: &follower{dir: dir, failed: map[string]bool{}}}
	l.followOnce(ctx)
	return l, nil
}

// FollowOptions tune Follow.
type FollowOptions struct {
	// Poll is how often the snapshot folder is looked at; default 500 ms.
	// (A shared folder on a network file system sends no change events.)
	Poll time.Duration
	// OnSwap, when set, is told of each snapshot swapped in.
	OnSwap func(index.Snapshot)
}

// Follow swaps in each newer snapshot the writer publishes, until ctx
// ends. Stop it before Close.
func (l *Library) Follow(ctx context.Context, opts FollowOptions) error {
	if l.replica == nil {
		return errors.New("following snapshots: this library is not a replica")
	}
	if opts.Poll <= 0 {
		opts.Poll = 500 * time.Millisecond
	}
	l.log.Info("following the index snapshots", "dir", l.replica.dir, "poll", opts.Poll)
	tick := time.NewTicker(opts.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			if snap, ok := l.followOnce(ctx); ok && opts.OnSwap != nil {
				opts.OnSwap(snap)
			}
		}
	}
}

// followOnce looks at the snapshot folder and swaps in the newest snapshot
// that opens, when it is newer than the one served.
func (l *Library) followOnce(ctx context.Context) (index.Snapshot, bool) {
	f := l.replica
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return index.Snapshot{}, false
	}
	current := ""
	if g := l.cur.Load(); g != nil {
		current = g.snapshot
	}
	snaps, err := index.Snapshots(f.dir)
	if errors.Is(err, fs.ErrNotExist) && current == "" {
		// A replica started before its writer: the writer makes the folder.
		err, snaps = nil, nil
	}
	if err != nil {
		if !f.unreachable {
			f.unreachable = true
			l.health.updateErrors.Add(1)
			l.log.Error("the snapshot folder is unreachable; answering from the last snapshot", "dir", f.dir, "snapshot", current, "err", err)
		}
		serving := "no snapshot is open"
		if current != "" {
			serving = "answering from " + current
		}
		l.behind(fmt.Sprintf("the snapshot folder %s is unreachable (%s): %v", f.dir, serving, err))
		return index.Snapshot{}, false
	}
	if f.unreachable {
		f.unreachable = false
		l.log.Info("the snapshot folder is reachable again", "dir", f.dir)
	}
	listed := make(map[string]bool, len(snaps))
	for _, s := range snaps {
		listed[s.Name] = true
	}
	for name := range f.failed {
		if !listed[name] {
			delete(f.failed, name) // pruned by the writer
		}
	}
	var lastErr error
	for _, s := range snaps { // newest first
		if s.Name <= current {
			break
		}
		if f.failed[s.Name] {
			continue
		}
		ix, err := index.OpenSnapshot(ctx, s.Path, l.log)
		if err != nil {
			if ctx.Err() != nil {
				return index.Snapshot{}, false
			}
			f.failed[s.Name] = true
			l.health.updateErrors.Add(1)
			l.log.Error("a snapshot does not open; keeping the one served", "snapshot", s.Path, "err", err)
			lastErr = err
			continue
		}
		l.swap(newGeneration(ix, s.Name), s)
		if lastErr != nil { // a newer one failed: still behind
			l.behind(fmt.Sprintf("the newest snapshot does not open: %v", lastErr))
		}
		return s, true
	}
	switch {
	case len(snaps) == 0:
		l.behind(fmt.Sprintf("no snapshot has been published in %s yet", f.dir))
	case snaps[0].Name > current && f.failed[snaps[0].Name]:
		l.behind(fmt.Sprintf("the newest snapshot %s does not open (see the log); answering from %q", snaps[0].Name, current))
	default:
		l.caughtUpWith(time.Time{})
	}
	return index.Snapshot{}, false
}

// swap makes g the generation questions are answered from, and retires
// the one before once the questions on it are answered.
func (l *Library) swap(g *generation, s index.Snapshot) {
	old := l.cur.Swap(g)
	l.ready.Store(true)
	l.caughtUpWith(s.Published)
	if old == nil {
		l.log.Info("answering from an index snapshot", "snapshot", s.Path, "articles", g.ix.Articles())
		return
	}
	l.health.swaps.Add(1)
	l.log.Info("swapped in a newer index snapshot", "snapshot", s.Path, "articles", g.ix.Articles(), "published", s.Published)
	l.bg.Add(1)
	go func() {
		defer l.bg.Done()
		if err := old.retire(); err != nil {
			l.log.Warn("closing the previous snapshot", "snapshot", old.snapshot, "err", err)
		}
	}()
}

// caughtUpWith records that a replica serves the newest snapshot;
// published, when set, is that snapshot's publication time.
func (l *Library) caughtUpWith(published time.Time) {
	h := &l.health
	h.mu.Lock()
	defer h.mu.Unlock()
	h.caughtUp = true
	if !published.IsZero() {
		h.lastUpdate = published
	}
	h.behindSince, h.problem = time.Time{}, ""
}
