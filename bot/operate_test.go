package bot

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/bot/discordtest"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/internal/syncbuf"
	"github.com/newsbot-dev/newsbot/metrics"
)

// scrape reads the metrics text from m.
func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func hasAll(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w+"\n") {
			t.Errorf("metrics lack %q", w)
		}
	}
}

// TestGatewayCountsInteractionsAndReconnects drives interactions of each
// outcome through the gateway, drops the connection, and reads the
// metrics: no question text or user ID appears in them.
func TestGatewayCountsInteractionsAndReconnects(t *testing.T) {
	m := metrics.New(nil)
	stand, _ := connect(t, sampleLibrary(t), GatewayConfig{}, Config{Metrics: m})

	question := "Why did North Korea blow up the building?"
	callback(t, stand, slash("601", "why", map[string]string{"question": question}, 0))
	callback(t, stand, slash("602", "ask", map[string]string{"question": "zyzzyva quokka"}, 0))
	for k := range 6 { // over the limit of 5 per 10 s from the same user
		i := slash(fmt.Sprintf("61%d", k), "ask", map[string]string{"question": "What did South Korea's Unification Minister say?"}, 0)
		i.Member.User.ID = "user-900"
		callback(t, stand, i)
	}
	callback(t, stand, press("620", "nonsense:1", nil))
	body := scrape(t, m)
	hasAll(t, body,
		`newsbot_interactions_total{command="why",outcome="answered"} 1`,
		`newsbot_interactions_total{command="ask",outcome="no_answer"} 1`,
		`newsbot_interactions_total{command="ask",outcome="answered"} 5`,
		`newsbot_interactions_total{command="ask",outcome="rate_limited"} 1`,
		`newsbot_interactions_total{command="unknown",outcome="answered"} 1`,
		`newsbot_answer_duration_seconds_count{command="ask"} 7`,
		"newsbot_gateway_reconnects_total 0",
	)
	for _, secret := range []string{"North Korea", "zyzzyva", "user-900", "token-"} {
		if k := strings.Index(body, secret); k >= 0 {
			t.Errorf("metrics hold %q: %s", secret, body[max(k-200, 0):k+50])
		}
	}

	// The connection drops; discordgo resumes, and the bot answers again.
	stand.DropConnections()
	deadline := time.Now().Add(wait)
	for !strings.Contains(scrape(t, m), "newsbot_gateway_reconnects_total 1\n") {
		if time.Now().After(deadline) {
			t.Fatalf("no reconnect counted; resumes seen by the stand-in: %d", stand.Resumes.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
	hasAll(t, scrape(t, m), "newsbot_gateway_disconnects_total 1")
	resp, _ := callback(t, stand, slash("630", "when", map[string]string{"question": "When did North Korea reopen communication lines?"}, 0))
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) == 0 {
		t.Errorf("answer after the reconnect: %+v", resp)
	}
}

// blockingService answers only when released, or fails when its context
// ends: a question still being worked on at shutdown.
type blockingService struct {
	Service
	started chan struct{}
	release chan struct{}
}

func (s blockingService) Answer(ctx context.Context, cmd newsbot.Command, q string, k int) (*newsbot.Answer, error) {
	s.started <- struct{}{}
	select {
	case <-s.release:
		return s.Service.Answer(ctx, cmd, q, k)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func TestGatewayShutdownDrainsInFlightAnswers(t *testing.T) {
	svc := blockingService{Service: sampleLibrary(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	stand, g := connect(t, svc, GatewayConfig{AnswerWithin: 20 * time.Millisecond}, Config{})
	i := slash("701", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0)
	if err := stand.Interact(i); err != nil {
		t.Fatal(err)
	}
	<-svc.started
	done := make(chan error, 1)
	go func() { done <- g.Shutdown(context.Background()) }()
	select {
	case err := <-done:
		t.Fatalf("shutdown returned while an answer was in flight: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(svc.release)
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	edits, ok := stand.Edits(i.Token, 1, 0)
	if !ok || !strings.Contains(string(edits[0]), "The immediate issue seems to be") {
		t.Errorf("the answer in flight was not delivered before shutdown returned: %s", edits)
	}
}

func TestGatewayShutdownIsBounded(t *testing.T) {
	svc := blockingService{Service: sampleLibrary(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	stand, g := connect(t, svc, GatewayConfig{AnswerWithin: 20 * time.Millisecond}, Config{})
	i := slash("702", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0)
	if err := stand.Interact(i); err != nil {
		t.Fatal(err)
	}
	<-svc.started
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := g.Shutdown(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Fatalf("bounded shutdown: %v after %s", err, time.Since(start))
	}
	// The asker was told, not left with "thinking…".
	edits, ok := stand.Edits(i.Token, 1, 0)
	if !ok || !strings.Contains(string(edits[0]), "something went wrong") {
		t.Errorf("cancelled answer: %s", edits)
	}
}

// TestHTTPHealthBesideInteractions serves /healthz and /readyz on the
// interactions listener, for a load balancer, and drains on shutdown.
func TestHTTPHealthBesideInteractions(t *testing.T) {
	var mu sync.Mutex
	status := metrics.Status{Role: "replica"}
	m := metrics.New(func() metrics.Status { mu.Lock(); defer mu.Unlock(); return status })
	svc := blockingService{Service: sampleLibrary(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	stand := discordtest.New(testToken, botUserID)
	defer stand.Close()
	session, _ := newSession("", stand.Client())
	h := NewHTTPHandler(New(svc, Config{Metrics: m}), HTTPConfig{PublicKey: pub, AnswerWithin: 20 * time.Millisecond, Session: session, Health: m.HealthHandler()})
	srv := httptest.NewServer(h)
	defer srv.Close()

	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get("/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz before the index is open = %d", code)
	}
	mu.Lock()
	status = metrics.Status{Role: "replica", Ready: true, Articles: 2, Paragraphs: 15}
	mu.Unlock()
	if code, body := get("/readyz"); code != http.StatusOK || !strings.Contains(body, "index: 2 articles, 15 paragraphs") {
		t.Errorf("/readyz when ready = %d %q", code, body)
	}
	// Any other path, or method on the health paths, is not the endpoint.
	if code, _ := get("/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on the interactions listener = %d, want 404 (only on the admin listener)", code)
	}
	resp, _ := post(t, srv.URL+"/healthz", []byte(`{"type":1}`), nil, time.Now())
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unsigned POST /healthz = %d, want 404", resp.StatusCode)
	}

	// A deferred answer in flight at shutdown is delivered, within the
	// bound.
	i := slash("801", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0)
	raw, _ := json.Marshal(i)
	if resp, _ := post(t, srv.URL, raw, priv, time.Now()); resp.StatusCode != http.StatusOK {
		t.Fatalf("interaction: %d", resp.StatusCode)
	}
	<-svc.started
	m.ShuttingDown()
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz while draining = %d", code)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		close(svc.release)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if edits, ok := stand.Edits(i.Token, 1, 0); !ok || !strings.Contains(string(edits[0]), "The immediate issue seems to be") {
		t.Errorf("the deferred answer was not delivered before shutdown returned: %s", edits)
	}
	body := scrape(t, m)
	hasAll(t, body, `newsbot_interactions_total{command="why",outcome="answered"} 1`, "newsbot_shutting_down 1")
}

// readOnlyService is a replica: it answers, and cannot re-index.
type readOnlyService struct{ Service }

func (readOnlyService) Sync(context.Context) (*corpus.Result, index.SyncReport, error) {
	return nil, index.SyncReport{}, index.ErrReadOnly
}

func TestReindexOnAReplicaSaysWhere(t *testing.T) {
	m := metrics.New(nil)
	b := New(readOnlyService{sampleLibrary(t)}, Config{Metrics: m})
	resp := b.Handle(context.Background(), slash("901", "reindex", nil, discordgo.PermissionManageGuild))
	if resp.Data.Content != msgReadOnly || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("reindex on a replica: %+v", resp.Data)
	}
	hasAll(t, scrape(t, m), `newsbot_interactions_total{command="reindex",outcome="answered"} 1`)
}

// TestEveryInteractionIsCounted: follow-ups, the thread button and
// autocomplete are interactions too, each counted under a name of its own.
func TestEveryInteractionIsCounted(t *testing.T) {
	m := metrics.New(nil)
	b := New(sampleLibrary(t), Config{Metrics: m})
	ctx := context.Background()
	chat := NewChat(b)
	for _, line := range []string{"/why Why did North Korea blow up the building?", "when was that?"} {
		if _, err := chat.Do(ctx, line); err != nil {
			t.Fatal(err)
		}
	}
	if chat.Resolved() == nil {
		t.Fatal("the second line was not taken as a follow-up")
	}
	b.Handle(ctx, press("1002", threadButtonID, nil))
	b.Handle(ctx, &discordgo.Interaction{ID: "1003", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "source", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "article", Type: discordgo.ApplicationCommandOptionString, Value: "relationship", Focused: true}}}})
	hasAll(t, scrape(t, m),
		`newsbot_interactions_total{command="why",outcome="answered"} 1`,
		`newsbot_interactions_total{command="followup",outcome="answered"} 1`,
		`newsbot_interactions_total{command="button_thread",outcome="answered"} 1`,
		`newsbot_interactions_total{command="autocomplete",outcome="answered"} 1`,
		`newsbot_answer_duration_seconds_count{command="followup"} 1`,
	)
}

// TestGatewayShutdownIsNotADrop: discordgo reports its own Close as a
// disconnect; a shutdown is neither counted as a dropped connection nor
// logged as a warning that it will reconnect.
func TestGatewayShutdownIsNotADrop(t *testing.T) {
	m := metrics.New(nil)
	logs := &syncbuf.Buffer{}
	_, g := connect(t, sampleLibrary(t), GatewayConfig{Logger: slog.New(slog.NewTextHandler(logs, nil))}, Config{Metrics: m})
	if err := g.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // discordgo runs its event handlers in goroutines
	hasAll(t, scrape(t, m), "newsbot_gateway_disconnects_total 0")
	if strings.Contains(logs.String(), "level=WARN") || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a shutdown logged a warning or an error:\n%s", logs.String())
	}
}
