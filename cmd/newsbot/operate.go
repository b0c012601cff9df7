package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/metrics"
)

// operateFlags are the settings of a long-running newsbot: health and
// metrics, snapshots for replicas, and how long to drain on shutdown.
type operateFlags struct {
	admin     string
	snapshots string
	keep      int
	readOnly  bool
	drain     time.Duration
}

// Defaults of the operating settings.
const (
	defaultDrain = 8 * time.Second // Docker waits 10 s after SIGTERM before SIGKILL
	defaultPoll  = 500 * time.Millisecond
)

// addOperateFlags registers --admin, --snapshots, --keep-snapshots,
// --read-only and --drain on fs, with defaults from the environment.
func addOperateFlags(fs *flag.FlagSet, getenv func(string) string) (*operateFlags, error) {
	o := &operateFlags{keep: index.DefaultKeep, drain: defaultDrain}
	if s := strings.TrimSpace(getenv("NEWSBOT_KEEP_SNAPSHOTS")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, usagef("NEWSBOT_KEEP_SNAPSHOTS must be a whole number of at least 1, not %q", s)
		}
		o.keep = n
	}
	if s := strings.TrimSpace(getenv("NEWSBOT_READ_ONLY")); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, usagef("NEWSBOT_READ_ONLY must be true or false, not %q", s)
		}
		o.readOnly = b
	}
	if s := strings.TrimSpace(getenv("NEWSBOT_DRAIN")); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return nil, usagef("NEWSBOT_DRAIN must be a duration such as 8s, not %q", s)
		}
		o.drain = d
	}
	fs.StringVar(&o.admin, "admin", envOr(getenv, "NEWSBOT_ADMIN", ""), "serve /healthz, /readyz and /metrics on `ADDR` (e.g. :9090)")
	fs.StringVar(&o.snapshots, "snapshots", envOr(getenv, "NEWSBOT_SNAPSHOTS", ""), "publish index snapshots into `DIR` (with --read-only: answer from the newest there)")
	fs.IntVar(&o.keep, "keep-snapshots", o.keep, "how many snapshots to keep in the snapshots folder")
	fs.BoolVar(&o.readOnly, "read-only", o.readOnly, "a replica: answer from the newest snapshot in --snapshots, never write")
	fs.DurationVar(&o.drain, "drain", o.drain, "on SIGTERM, how long to let interactions in flight finish")
	return o, nil
}

// check reports settings that do not go together.
func (o *operateFlags) check() error {
	if o.readOnly && o.snapshots == "" {
		return usagef("--read-only needs --snapshots DIR (or NEWSBOT_SNAPSHOTS): the folder the writer publishes index snapshots into")
	}
	if o.keep < 1 {
		return usagef("--keep-snapshots must be at least 1")
	}
	return nil
}

// openServing opens what a long-running process answers from: the index
// of the corpus, built in the background when new, or for a replica the
// newest snapshot.
func openServing(ctx context.Context, p *paths, o *operateFlags, log *slog.Logger) (*library.Library, error) {
	if o.readOnly {
		return library.OpenReplica(ctx, o.snapshots, library.ReplicaOptions{Logger: log})
	}
	return library.Open(ctx, p.corpus, p.index, library.Options{Logger: log, Background: true})
}

// keepUp keeps lib current until the returned function is called: a writer
// watches its corpus folder (onUpdate is told of changes) and publishes
// snapshots when --snapshots is set; a replica follows the snapshots.
func keepUp(ctx context.Context, lib *library.Library, o *operateFlags, log *slog.Logger, onUpdate func(index.SyncReport, bool)) (stop func()) {
	if o.readOnly {
		ctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := lib.Follow(ctx, library.FollowOptions{Poll: defaultPoll}); err != nil {
				log.Error("not following the index snapshots", "err", err)
			}
		}()
		return func() {
			cancel()
			<-done
		}
	}
	stopWatching := watchCorpus(ctx, lib, log, onUpdate)
	if o.snapshots == "" {
		return stopWatching
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		log.Info("publishing index snapshots for read-only replicas", "dir", o.snapshots, "keep", o.keep)
		if err := lib.Publish(ctx, library.PublishOptions{Dir: o.snapshots, Keep: o.keep}); err != nil {
			log.Error("not publishing index snapshots", "err", err)
		}
	}()
	return func() {
		cancel()
		<-done
		stopWatching()
	}
}

// startAdmin serves /healthz, /readyz and /metrics on addr until the
// returned function is called; with no addr it does nothing.
func startAdmin(addr string, m *metrics.Metrics, log *slog.Logger) (stop func(), err error) {
	if addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--admin: %w", err)
	}
	srv := &http.Server{Handler: m.Handler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 16 << 10}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("admin listener stopped", "err", err)
		}
	}()
	log.Info("serving /healthz, /readyz and /metrics", "admin", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
		<-done
	}, nil
}
