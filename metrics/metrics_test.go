package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// statusBox is a Status the test changes while the handler reads it.
type statusBox struct {
	mu sync.Mutex
	s  Status
}

func (b *statusBox) get() Status { b.mu.Lock(); defer b.mu.Unlock(); return b.s }
func (b *statusBox) set(s Status) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.s = s
}

func TestMetricsExposeInteractionsIndexAndUpkeep(t *testing.T) {
	now := time.Date(2026, 2, 21, 12, 0, 0, 0, time.UTC)
	box := &statusBox{}
	box.set(Status{Ready: true, Role: "writer", Articles: 2, Paragraphs: 21,
		LastUpdate: now.Add(-90 * time.Second), BehindSince: now.Add(-30 * time.Second),
		UpdateErrors: 3, WatchErrors: 1, SnapshotsPublished: 4})
	m := New(box.get)
	m.now = func() time.Time { return now }
	m.Interaction("why", Answered, 2*time.Millisecond)
	m.Interaction("why", Answered, 3*time.Millisecond)
	m.Interaction("ask", NoAnswer, time.Millisecond)
	m.Interaction("ask", RateLimited, 0)
	m.Interaction("timeline", Error, 4*time.Second)
	m.FeedError()
	m.GatewayDisconnected()
	m.GatewayReconnected()

	code, body := get(t, m.Handler(), "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`newsbot_interactions_total{command="why",outcome="answered"} 2`,
		`newsbot_interactions_total{command="ask",outcome="no_answer"} 1`,
		`newsbot_interactions_total{command="ask",outcome="rate_limited"} 1`,
		`newsbot_interactions_total{command="timeline",outcome="error"} 1`,
		`newsbot_interactions_total{command="when",outcome="error"} 0`, // present before it happens
		`newsbot_answer_duration_seconds_bucket{command="why",le="0.0025"} 1`,
		`newsbot_answer_duration_seconds_bucket{command="why",le="0.005"} 2`,
		`newsbot_answer_duration_seconds_count{command="timeline"} 1`,
		`newsbot_answer_duration_seconds_bucket{command="timeline",le="2.5"} 0`,
		"newsbot_index_articles 2",
		"newsbot_index_paragraphs 21",
		`newsbot_ready{role="writer"} 1`,
		"newsbot_index_last_update_age_seconds 90",
		"newsbot_index_behind_seconds 30",
		"newsbot_index_update_errors_total 3",
		"newsbot_watcher_errors_total 1",
		"newsbot_snapshots_published_total 4",
		"newsbot_feed_errors_total 1",
		"newsbot_gateway_reconnects_total 1",
		"newsbot_gateway_disconnects_total 1",
		"newsbot_shutting_down 0",
		"go_goroutines ",
	} {
		if !strings.Contains(body, want+"\n") && !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	// Only command and outcome (and the role, and le) are labels.
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(line, "newsbot_") || !strings.Contains(line, "{") {
			continue
		}
		labels := line[strings.Index(line, "{")+1 : strings.Index(line, "}")]
		for _, kv := range strings.Split(labels, ",") {
			switch name := kv[:strings.Index(kv, "=")]; name {
			case "command", "outcome", "le", "role":
			default:
				t.Errorf("unexpected label %q in %s", name, line)
			}
		}
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.Interaction("ask", Answered, time.Millisecond)
	m.FeedError()
	m.GatewayReconnected()
	m.GatewayDisconnected()
	m.ShuttingDown()
}

func TestHealthAndReadiness(t *testing.T) {
	now := time.Date(2026, 2, 21, 12, 0, 0, 0, time.UTC)
	box := &statusBox{}
	box.set(Status{Role: "replica"})
	m := New(box.get)
	m.now = func() time.Time { return now }

	for _, h := range []http.Handler{m.Handler(), m.HealthHandler()} {
		if code, body := get(t, h, "/healthz"); code != http.StatusOK || body != "ok\n" {
			t.Errorf("/healthz = %d %q", code, body)
		}
	}
	if code, body := get(t, m.Handler(), "/readyz"); code != http.StatusServiceUnavailable || !strings.HasPrefix(body, "not ready: the index") {
		t.Errorf("/readyz before the index opens = %d %q", code, body)
	}

	box.set(Status{Ready: true, Role: "replica", Articles: 2, Paragraphs: 21, Snapshot: "snapshot-20260221T115900.000000000Z",
		LastUpdate: now.Add(-time.Minute)})
	code, body := get(t, m.HealthHandler(), "/readyz")
	if code != http.StatusOK || !strings.HasPrefix(body, "ready\nrole: replica\nindex: 2 articles, 21 paragraphs\n") ||
		!strings.Contains(body, "snapshot: snapshot-20260221T115900.000000000Z") || strings.Contains(body, "problem") {
		t.Errorf("/readyz when ready = %d %q", code, body)
	}

	// Still answering from its last snapshot: ready, and says what is wrong.
	box.set(Status{Ready: true, Role: "replica", BehindSince: now.Add(-42 * time.Second),
		Problems: []string{"the snapshot folder /shared/snapshots is unreachable: stat: no such file or directory"}})
	code, body = get(t, m.Handler(), "/readyz")
	if code != http.StatusOK || !strings.Contains(body, "behind for: 42s\n") ||
		!strings.Contains(body, "problem: the snapshot folder /shared/snapshots is unreachable") {
		t.Errorf("/readyz while behind = %d %q", code, body)
	}

	m.ShuttingDown()
	if code, body := get(t, m.Handler(), "/readyz"); code != http.StatusServiceUnavailable || !strings.HasPrefix(body, "not ready: shutting down") {
		t.Errorf("/readyz while shutting down = %d %q", code, body)
	}
	if code, _ := get(t, m.Handler(), "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz while shutting down = %d, want 200 (alive)", code)
	}
	if code, _ := get(t, m.HealthHandler(), "/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on the health-only handler = %d, want 404", code)
	}
}
