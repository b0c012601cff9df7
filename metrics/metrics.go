// Package metrics is what an operator sees of a running newsbot: Prometheus
// metrics (interactions by command and outcome, answer latency, the index,
// its upkeep and the gateway connection) and the endpoints /healthz,
// /readyz and /metrics. It knows nothing of Discord: the bot reports
// interactions to it, and the library reports the index through Status.
//
// Labels hold only command names and outcomes, never question text or user
// IDs, so the number of series stays small and nothing personal is kept.
package metrics

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcome is how an interaction ended.
type Outcome string

// The outcomes of an interaction.
const (
	// Answered: the user got what was asked for (an answer, a list, a vote
	// recorded).
	Answered Outcome = "answered"
	// NoAnswer: nothing in the corpus answers, and the user was told so.
	NoAnswer Outcome = "no_answer"
	// RateLimited: the user asked too quickly.
	RateLimited Outcome = "rate_limited"
	// NotReady: the index was still being built.
	NotReady Outcome = "not_ready"
	// Error: something went wrong; the user got an apology.
	Error Outcome = "error"
)

// Status is what the library reports of its index, read at every scrape and
// every /readyz.
type Status struct {
	// Ready: the index is open and can answer (for a writer, built and
	// caught up with the corpus once since start; for a replica, a
	// snapshot is open).
	Ready bool
	// Role is "writer" or "replica".
	Role string
	// Articles and Paragraphs are what the index holds.
	Articles, Paragraphs int
	// LastUpdate is when the index last changed: an update applied, or for
	// a replica the publication time of the snapshot it serves. Zero when
	// unknown.
	LastUpdate time.Time
	// BehindSince is when the index fell behind what it should serve (an
	// update failing, a newer snapshot it cannot open or reach); zero while
	// it is caught up.
	BehindSince time.Time
	// UpdateErrors counts failed index updates (a writer's corpus re-reads,
	// a replica's snapshot look-ups and opens); WatchErrors counts errors
	// of the file watcher itself.
	UpdateErrors, WatchErrors uint64
	// Snapshot is the snapshot a replica serves, or the last one a writer
	// published; SnapshotsPublished and SnapshotSwaps count them.
	Snapshot                          string
	SnapshotsPublished, SnapshotSwaps uint64
	// Problems are short sentences for /readyz: what is wrong while the
	// index still answers (a snapshot folder unreachable, updates failing).
	Problems []string
}

// Metrics holds newsbot's Prometheus metrics in a registry of its own. The
// zero value is not usable; a nil *Metrics records nothing, so code may
// take one optionally.
type Metrics struct {
	reg               *prometheus.Registry
	interactions      *prometheus.CounterVec
	answerSeconds     *prometheus.HistogramVec
	feedErrors        prometheus.Counter
	gatewayReconnects prometheus.Counter
	gatewayDisconnect prometheus.Counter
	status            func() Status
	shuttingDown      atomic.Bool
	now               func() time.Time
}

// LatencyBuckets are the answer latency histogram's upper bounds, in
// seconds: an answer takes about a millisecond, a slow one seconds (the
// bot defers after 2.5 s).
var LatencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// New returns the metrics of one newsbot process; status, when not nil,
// reports the index at each scrape and /readyz.
func New(status func() Status) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), status: status, now: time.Now}
	m.interactions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsbot_interactions_total",
		Help: "Interactions handled, by command and outcome (answered, no_answer, rate_limited, not_ready, error).",
	}, []string{"command", "outcome"})
	m.answerSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "newsbot_answer_duration_seconds",
		Help:    "Time from an interaction's arrival to its response being ready, by command.",
		Buckets: LatencyBuckets,
	}, []string{"command"})
	m.feedErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "newsbot_feed_errors_total",
		Help: "Errors fetching or reading news feeds.",
	})
	m.gatewayReconnects = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "newsbot_gateway_reconnects_total",
		Help: "Times the Discord gateway connection was made again after it dropped.",
	})
	m.gatewayDisconnect = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "newsbot_gateway_disconnects_total",
		Help: "Times the Discord gateway connection dropped.",
	})
	m.reg.MustRegister(m.interactions, m.answerSeconds, m.feedErrors, m.gatewayReconnects, m.gatewayDisconnect,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if status != nil {
		m.reg.MustRegister(&statusCollector{m: m})
	}
	// Commands and outcomes that have not happened yet show as 0, not as
	// missing, so that rate() and alerts see them from the start.
	for _, c := range []string{"ask", "why", "when", "timeline", "mention"} {
		for _, o := range []Outcome{Answered, NoAnswer, RateLimited, NotReady, Error} {
			m.interactions.WithLabelValues(c, string(o))
		}
		m.answerSeconds.WithLabelValues(c)
	}
	return m
}

// Interaction records one interaction: its command (a fixed name such as
// "ask" or "button_more", never user text), how it ended and how long it
// took.
func (m *Metrics) Interaction(command string, o Outcome, took time.Duration) {
	if m == nil {
		return
	}
	m.interactions.WithLabelValues(command, string(o)).Inc()
	m.answerSeconds.WithLabelValues(command).Observe(took.Seconds())
}

// FeedError counts an error fetching or reading a news feed.
func (m *Metrics) FeedError() {
	if m != nil {
		m.feedErrors.Inc()
	}
}

// GatewayReconnected counts a gateway connection made again after a drop.
func (m *Metrics) GatewayReconnected() {
	if m != nil {
		m.gatewayReconnects.Inc()
	}
}

// GatewayDisconnected counts a dropped gateway connection.
func (m *Metrics) GatewayDisconnected() {
	if m != nil {
		m.gatewayDisconnect.Inc()
	}
}

// ShuttingDown makes /readyz answer 503 from now on, so that a load
// balancer sends no more requests while the process drains.
func (m *Metrics) ShuttingDown() {
	if m != nil {
		m.shuttingDown.Store(true)
	}
}

// Registry is where the metrics are registered; other packages may add
// their own collectors to it.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// statusCollector turns Status into gauges and counters at each scrape.
type statusCollector struct{ m *Metrics }

var (
	descArticles    = prometheus.NewDesc("newsbot_index_articles", "Articles in the index being served.", nil, nil)
	descParagraphs  = prometheus.NewDesc("newsbot_index_paragraphs", "Paragraphs in the index being served.", nil, nil)
	descReady       = prometheus.NewDesc("newsbot_ready", "1 when the index is open and can answer (what /readyz says), else 0.", []string{"role"}, nil)
	descLastUpdate  = prometheus.NewDesc("newsbot_index_last_update_timestamp_seconds", "When the index last changed (for a replica: when the snapshot it serves was published), as a Unix time.", nil, nil)
	descUpdateAge   = prometheus.NewDesc("newsbot_index_last_update_age_seconds", "Seconds since the index last changed (for a replica: since the snapshot it serves was published). A quiet corpus makes this grow; alert on newsbot_index_behind_seconds.", nil, nil)
	descBehind      = prometheus.NewDesc("newsbot_index_behind_seconds", "Seconds the index has been behind what it should serve (updates failing, a newer snapshot not loaded or the snapshot folder unreachable); 0 when caught up.", nil, nil)
	descUpdateErrs  = prometheus.NewDesc("newsbot_index_update_errors_total", "Failed index updates: corpus re-reads at a writer, snapshot look-ups and opens at a replica.", nil, nil)
	descWatchErrs   = prometheus.NewDesc("newsbot_watcher_errors_total", "Errors reported by the corpus folder watcher.", nil, nil)
	descPublished   = prometheus.NewDesc("newsbot_snapshots_published_total", "Index snapshots published by this writer.", nil, nil)
	descSwaps       = prometheus.NewDesc("newsbot_snapshot_swaps_total", "Newer snapshots this replica opened and swapped in.", nil, nil)
	descShutdown    = prometheus.NewDesc("newsbot_shutting_down", "1 while the process drains before it exits.", nil, nil)
	statusDescribed = []*prometheus.Desc{descArticles, descParagraphs, descReady, descLastUpdate, descUpdateAge, descBehind,
		descUpdateErrs, descWatchErrs, descPublished, descSwaps, descShutdown}
)

func (c *statusCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range statusDescribed {
		ch <- d
	}
}

func (c *statusCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.m.status()
	now := c.m.now()
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v uint64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v))
	}
	gauge(descArticles, float64(s.Articles))
	gauge(descParagraphs, float64(s.Paragraphs))
	gauge(descReady, b2f(s.Ready), s.Role)
	if !s.LastUpdate.IsZero() {
		gauge(descLastUpdate, float64(s.LastUpdate.UnixNano())/1e9)
		gauge(descUpdateAge, max(now.Sub(s.LastUpdate).Seconds(), 0))
	}
	behind := 0.0
	if !s.BehindSince.IsZero() {
		behind = max(now.Sub(s.BehindSince).Seconds(), 0)
	}
	gauge(descBehind, behind)
	counter(descUpdateErrs, s.UpdateErrors)
	counter(descWatchErrs, s.WatchErrors)
	counter(descPublished, s.SnapshotsPublished)
	counter(descSwaps, s.SnapshotSwaps)
	gauge(descShutdown, b2f(c.m.shuttingDown.Load()))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Handler serves /metrics, /healthz and /readyz: the admin listener.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	m.routeHealth(mux)
	return mux
}

// HealthHandler serves /healthz and /readyz only, for a listener that also
// serves other things (the interactions endpoint behind a load balancer).
func (m *Metrics) HealthHandler() http.Handler {
	mux := http.NewServeMux()
	m.routeHealth(mux)
	return mux
}

func (m *Metrics) routeHealth(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", m.serveReady)
}
