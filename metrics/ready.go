package metrics

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// serveReady answers /readyz: 200 when the index can answer, 503 while it
// is being built or the process is shutting down. The body says why, and
// lists what is wrong while the index still answers (a replica whose
// snapshot folder is unreachable serves its last snapshot and says so
// here, with 200: taking every replica out of a load balancer because the
// shared folder went away would stop all answers).
func (m *Metrics) serveReady(w http.ResponseWriter, _ *http.Request) {
	var s Status
	if m.status != nil {
		s = m.status()
	}
	var b strings.Builder
	code := http.StatusOK
	switch {
	case m.shuttingDown.Load():
		code = http.StatusServiceUnavailable
		b.WriteString("not ready: shutting down\n")
	case m.status == nil || !s.Ready:
		code = http.StatusServiceUnavailable
		b.WriteString("not ready: the index is not open yet or is being built\n")
	default:
		b.WriteString("ready\n")
	}
	if s.Role != "" {
		fmt.Fprintf(&b, "role: %s\n", s.Role)
	}
	fmt.Fprintf(&b, "index: %d articles, %d paragraphs\n", s.Articles, s.Paragraphs)
	now := m.now()
	if !s.LastUpdate.IsZero() {
		fmt.Fprintf(&b, "last update: %s (%s ago)\n", s.LastUpdate.UTC().Format(time.RFC3339), now.Sub(s.LastUpdate).Round(time.Second))
	}
	if s.Snapshot != "" {
		fmt.Fprintf(&b, "snapshot: %s\n", s.Snapshot)
	}
	if !s.BehindSince.IsZero() {
		fmt.Fprintf(&b, "behind for: %s\n", now.Sub(s.BehindSince).Round(time.Second))
	}
	for _, p := range s.Problems {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(b.String()))
}
