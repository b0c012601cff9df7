package library

import (
	"context"
	"time"

	"github.com/newsbot-dev/newsbot/index"
)

// PublishOptions tune Publish.
type PublishOptions struct {
	// Dir is the shared folder snapshots are published into.
	Dir string
	// Keep is how many snapshots stay; default index.DefaultKeep.
	Keep int
	// MinInterval is the least time between two publications: changes
	// that come faster are published together. Default 1 s.
	MinInterval time.Duration
}

// After a publication fails, Publish tries again after retryPublish, then
// twice as long after each failure in a row, up to maxRetryAfterError.
const retryPublish = time.Second

// Publish keeps a snapshot of the index in opts.Dir for read-only replicas
// until ctx ends: one as soon as the index is ready, then one after every
// update that changes the index (and after a compaction). A snapshot is
// made between updates, never during one, so it holds whole updates.
func (l *Library) Publish(ctx context.Context, opts PublishOptions) error {
	if l.ix == nil {
		return index.ErrReadOnly
	}
	if opts.MinInterval <= 0 {
		opts.MinInterval = time.Second
	}
	var last time.Time
	retry := retryPublish
	timer := time.NewTimer(0) // the first publication, once ready
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-l.changed:
			timer.Reset(max(opts.MinInterval-time.Since(last), 0))
			continue
		case <-timer.C:
		}
		if !l.Ready() {
			timer.Reset(opts.MinInterval) // the index is still being built
			continue
		}
		if err := l.PublishNow(ctx, opts.Dir, opts.Keep); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			l.log.Error("publishing an index snapshot", "dir", opts.Dir, "err", err, "retry_in", retry)
			timer.Reset(retry)
			retry = min(2*retry, maxRetryAfterError)
			continue
		}
		retry = retryPublish
		last = time.Now()
	}
}

// PublishNow publishes one snapshot of the index into dir, between
// updates, and keeps the keep newest there.
func (l *Library) PublishNow(ctx context.Context, dir string, keep int) error {
	if l.ix == nil {
		return index.ErrReadOnly
	}
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	start := time.Now()
	snap, err := l.ix.Publish(ctx, dir, keep)
	h := &l.health
	if err != nil {
		if ctx.Err() == nil {
			h.updateErrors.Add(1)
			h.mu.Lock()
			h.publishProblem = "publishing index snapshots to " + dir + " fails: " + err.Error()
			h.mu.Unlock()
		}
		return err
	}
	h.publishedCount.Add(1)
	h.mu.Lock()
	h.published, h.publishProblem = snap.Name, ""
	h.mu.Unlock()
	l.log.Info("index snapshot published", "snapshot", snap.Path, "took", time.Since(start).Round(time.Millisecond))
	return nil
}
