package bot

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestHTTPRefusesAReplay(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "feedback.jsonl")
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	lib := sampleLibrary(t)
	h := NewHTTPHandler(New(lib, Config{Feedback: NewFeedbackLog(logPath)}), HTTPConfig{PublicKey: pub, AnswerWithin: 2 * time.Second})
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); h.Close() })
	now := time.Now()

	// A question, then the very same signed request again.
	ask, _ := json.Marshal(goodQuestion("910001"))
	if resp, body := post(t, srv.URL, ask, priv, now); resp.StatusCode != http.StatusOK {
		t.Fatalf("first: %d %s", resp.StatusCode, body)
	}
	if resp, body := post(t, srv.URL, ask, priv, now); resp.StatusCode != http.StatusConflict {
		t.Errorf("replayed question: %d %s, want 409", resp.StatusCode, body)
	}

	// A 👍, replayed: recorded once.
	answer := New(lib, Config{}).Handle(context.Background(), goodQuestion("910002"))
	msg := &discordgo.Message{ID: "answer-1", Embeds: answer.Data.Embeds}
	vote, _ := json.Marshal(press("910003", "vote:up:why", msg))
	if resp, body := post(t, srv.URL, vote, priv, now); resp.StatusCode != http.StatusOK || !strings.Contains(string(body), msgVoted) {
		t.Fatalf("vote: %d %s", resp.StatusCode, body)
	}
	if resp, body := post(t, srv.URL, vote, priv, now); resp.StatusCode != http.StatusConflict {
		t.Errorf("replayed vote: %d %s, want 409", resp.StatusCode, body)
	}
	if lines := readLines(t, logPath); len(lines) != 1 {
		t.Errorf("feedback log has %d votes, want 1", len(lines))
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(raw)), "\n")
}

func TestVoteCountsOncePerUserAndAnswer(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "feedback.jsonl")
	lib := sampleLibrary(t)
	b := New(lib, Config{Feedback: NewFeedbackLog(logPath)})
	ctx := context.Background()
	answer := b.Handle(ctx, goodQuestion("1"))
	msg := &discordgo.Message{ID: "answer-1", Embeds: answer.Data.Embeds}
	other := &discordgo.Message{ID: "answer-2", Embeds: answer.Data.Embeds}

	next := 100
	vote := func(b *Bot, user, customID string, m *discordgo.Message) string {
		next++
		i := press(strconv.Itoa(next), customID, m)
		i.Member.User.ID = user
		return b.Handle(ctx, i).Data.Content
	}
	steps := []struct {
		user, vote string
		msg        *discordgo.Message
		want       string
	}{
		{"alice", "vote:up:why", msg, msgVoted},
		{"alice", "vote:up:why", msg, msgVoteAgain},    // the same vote again
		{"alice", "vote:down:why", msg, msgVoteChange}, // changed her mind
		{"alice", "vote:down:why", msg, msgVoteAgain},
		{"bob", "vote:up:why", msg, msgVoted},     // another user
		{"alice", "vote:up:why", other, msgVoted}, // another answer
	}
	for k, s := range steps {
		if got := vote(b, s.user, s.vote, s.msg); got != s.want {
			t.Errorf("step %d (%s %s on %s): %q, want %q", k, s.user, s.vote, s.msg.ID, got, s.want)
		}
	}
	summary := func() *FeedbackSummary {
		f, err := os.Open(logPath)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		s, err := Summarize(f)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := summary(); s.Up != 2 || s.Down != 1 || s.Superseded != 1 {
		t.Errorf("summary = %d up, %d down, %d superseded; want 2, 1, 1", s.Up, s.Down, s.Superseded)
	}

	// After a restart the log still knows alice's vote on answer-1: voting
	// again adds a line, but it counts once.
	restarted := New(lib, Config{Feedback: NewFeedbackLog(logPath)})
	vote(restarted, "alice", "vote:down:why", msg)
	if s := summary(); s.Up != 2 || s.Down != 1 || s.Superseded != 2 {
		t.Errorf("after a restart: %d up, %d down, %d superseded; want 2, 1, 2", s.Up, s.Down, s.Superseded)
	}

	// Neither user IDs nor message IDs are in the log; the key is private.
	raw, _ := os.ReadFile(logPath)
	for _, secret := range []string{"alice", "bob", "answer-1", "answer-2"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the feedback log holds %q", secret)
		}
	}
	if fi, err := os.Stat(logPath + ".key"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("voter key file: %v %v", fi, err)
	}
}

func TestRecentIDsExpireAndStayBounded(t *testing.T) {
	r := newRecentIDs(5000)
	start := time.Unix(1_800_000_000, 0)
	for n := 0; n < 4000; n++ {
		if got := r.first(strconv.Itoa(n), start, start.Add(10*time.Minute)); got != seenFirst {
			t.Fatalf("id %d: %v", n, got)
		}
	}
	if got := r.first("17", start.Add(time.Minute), start.Add(11*time.Minute)); got != seenAgain {
		t.Errorf("a repeat within the window: %v, want seenAgain", got)
	}
	for n := 4000; n < 5000; n++ {
		r.first(strconv.Itoa(n), start, start.Add(10*time.Minute))
	}
	if got := r.first("new", start.Add(2*time.Minute), start.Add(12*time.Minute)); got != seenFull {
		t.Errorf("over the bound: %v, want seenFull", got)
	}
	// Once the window has passed, the old IDs go and new ones are taken.
	later := start.Add(11 * time.Minute)
	if got := r.first("new", later, later.Add(10*time.Minute)); got != seenFirst {
		t.Errorf("after the window: %v, want seenFirst", got)
	}
	if n := r.size(); n != 1 {
		t.Errorf("%d IDs remembered after the window, want 1", n)
	}
	if got := r.first("17", later, later.Add(10*time.Minute)); got != seenFirst {
		t.Errorf("an ID seen before the window: %v, want seenFirst", got)
	}
}

func TestHTTPServesOnlyItsPath(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := NewHTTPHandler(New(sampleLibrary(t), Config{}), HTTPConfig{PublicKey: pub, Path: "/interactions"})
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); h.Close() })
	ping := []byte(`{"id":"920001","type":1,"application_id":"777","token":"t"}`)
	for _, path := range []string{"/", "/interactions/", "/admin", "/interactions/../x"} {
		if resp, _ := post(t, srv.URL+path, ping, priv, time.Now()); resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", path, resp.StatusCode)
		}
	}
	if resp, body := post(t, srv.URL+"/interactions", ping, priv, time.Now()); resp.StatusCode != http.StatusOK {
		t.Errorf("POST /interactions: %d %s", resp.StatusCode, body)
	}
	resp, err := http.Get(srv.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /favicon.ico: %d, want 404", resp.StatusCode)
	}
}
