package bot

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/bot/discordtest"
)

// signedServer serves the interactions endpoint for the sample corpus with a
// fresh key pair, deferred answers going to a Discord stand-in.
func signedServer(t *testing.T, svc Service, within time.Duration) (*httptest.Server, ed25519.PrivateKey, *discordtest.Server) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	session, err := newSession("", stand.Client())
	if err != nil {
		t.Fatal(err)
	}
	h := NewHTTPHandler(New(svc, Config{}), HTTPConfig{PublicKey: pub, AnswerWithin: within, Session: session})
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); h.Close() })
	return srv, priv, stand
}

// post sends body signed with key at time ts (unsigned when key is nil).
func post(t *testing.T, url string, body []byte, key ed25519.PrivateKey, ts time.Time) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if key != nil {
		stamp := strconv.FormatInt(ts.Unix(), 10)
		sig := ed25519.Sign(key, append([]byte(stamp), body...))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		req.Header.Set("X-Signature-Timestamp", stamp)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

func TestHTTPInteractions(t *testing.T) {
	srv, key, _ := signedServer(t, sampleLibrary(t), 2*time.Second)
	now := time.Now()

	// PING → PONG.
	resp, body := post(t, srv.URL, []byte(`{"id":"1","type":1,"application_id":"777","token":"t"}`), key, now)
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Fatalf("ping: %d %s", resp.StatusCode, body)
	}

	// A command answers inline, as through the gateway.
	i := slash("2", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0)
	raw, _ := json.Marshal(i)
	resp, body = post(t, srv.URL, raw, key, now)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("why: %d %s", resp.StatusCode, body)
	}
	answer := decodeResponse(t, body)
	checkLimits(t, answer)
	if len(answer.Data.Embeds) != 1 || !strings.Contains(answer.Data.Embeds[0].Description, "The immediate issue seems to be") {
		t.Errorf("why over HTTP: %s", body)
	}
}

func TestHTTPRefusesBadRequests(t *testing.T) {
	srv, key, _ := signedServer(t, sampleLibrary(t), 2*time.Second)
	ping := []byte(`{"id":"1","type":1,"application_id":"777","token":"t"}`)
	now := time.Now()
	_, other, _ := ed25519.GenerateKey(rand.Reader)

	cases := []struct {
		name   string
		do     func() *http.Response
		status int
	}{
		{"missing signature", func() *http.Response { r, _ := post(t, srv.URL, ping, nil, now); return r }, http.StatusUnauthorized},
		{"wrong key", func() *http.Response { r, _ := post(t, srv.URL, ping, other, now); return r }, http.StatusUnauthorized},
		{"stale timestamp (replay)", func() *http.Response { r, _ := post(t, srv.URL, ping, key, now.Add(-10*time.Minute)); return r }, http.StatusUnauthorized},
		{"timestamp from the future", func() *http.Response { r, _ := post(t, srv.URL, ping, key, now.Add(10*time.Minute)); return r }, http.StatusUnauthorized},
		{"body changed after signing", func() *http.Response {
			stamp := strconv.FormatInt(now.Unix(), 10)
			sig := ed25519.Sign(key, append([]byte(stamp), ping...))
			req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(bytes.Replace(ping, []byte(`"t"`), []byte(`"u"`), 1)))
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
			req.Header.Set("X-Signature-Timestamp", stamp)
			r, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			return r
		}, http.StatusUnauthorized},
		{"oversized body", func() *http.Response {
			big := append([]byte(`{"id":"1","type":1,"x":"`), bytes.Repeat([]byte("a"), 100<<10)...)
			big = append(big, `"}`...)
			r, _ := post(t, srv.URL, big, key, now)
			return r
		}, http.StatusRequestEntityTooLarge},
		{"GET", func() *http.Response {
			r, err := http.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			return r
		}, http.StatusMethodNotAllowed},
	}
	for _, c := range cases {
		if got := c.do().StatusCode; got != c.status {
			t.Errorf("%s: status %d, want %d", c.name, got, c.status)
		}
	}
}

func TestHTTPDefersSlowAnswers(t *testing.T) {
	srv, key, stand := signedServer(t, slowService{Service: sampleLibrary(t), delay: 300 * time.Millisecond}, 50*time.Millisecond)
	i := slash("3", "when", map[string]string{"question": "When did North Korea reopen communication lines?"}, 0)
	raw, _ := json.Marshal(i)
	start := time.Now()
	resp, body := post(t, srv.URL, raw, key, time.Now())
	if resp.StatusCode != http.StatusOK || decodeResponse(t, body).Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("slow answer: %d %s", resp.StatusCode, body)
	}
	if time.Since(start) > 250*time.Millisecond {
		t.Errorf("deferral took %s", time.Since(start))
	}
	edits, ok := stand.Edits(i.Token, 1, wait)
	if !ok {
		t.Fatal("deferred answer never edited in")
	}
	if !strings.Contains(string(edits[0]), "**21 February 2026**") {
		t.Errorf("edit = %s", edits[0])
	}
}

func TestParsePublicKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	if got, err := ParsePublicKey(hex.EncodeToString(pub)); err != nil || !got.Equal(pub) {
		t.Errorf("ParsePublicKey(valid) = %v, %v", got, err)
	}
	for _, bad := range []string{"", "zz", hex.EncodeToString(pub[:10])} {
		if _, err := ParsePublicKey(bad); err == nil || !strings.Contains(err.Error(), "DISCORD_PUBLIC_KEY") {
			t.Errorf("ParsePublicKey(%q) = %v", bad, err)
		}
	}
}
