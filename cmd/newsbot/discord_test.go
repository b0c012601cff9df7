package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

func TestChatWithoutToken(t *testing.T) {
	c := newCLI(t)
	c.env["NEWSBOT_FEEDBACK"] = filepath.Join(t.TempDir(), "feedback.jsonl")
	in := "/why Why did North Korea blow up the building?\n/full\n/vote down\n/timeline North Korea\n/nonsense\n"
	code, stdout, stderr := c.run(in, "chat")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"━━ Why did North Korea blow up the building? ━━",
		"“The immediate issue seems to be Seoul's failure",
		"1. North Korea blows up the relationship. Why? — date unknown, ¶2",
		"[More passages: /more] [Full paragraph: /full] [👍 /vote up] [👎 /vote down]",
		"(only you can see this)\nThanks, your vote is recorded.",
		"━━ Timeline: North Korea ━━",
		"the day before publication (date unknown) — “Then, yesterday, North Korea",
		"unknown command /nonsense (try /help)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("chat output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "**") || strings.Contains(stdout, "\x1b[") {
		t.Error("Markdown or ANSI codes in non-terminal chat output")
	}
	code, stdout, _ = c.run("", "feedback")
	if code != exitOK || !strings.HasPrefix(stdout, "1 vote: 0 👍, 1 👎") || !strings.Contains(stdout, "Why did North Korea blow up the building?") {
		t.Errorf("feedback = %d %q", code, stdout)
	}
}

func TestChatJSONIsThePayload(t *testing.T) {
	c := newCLI(t)
	c.env["NEWSBOT_FEEDBACK"] = feedbackOff
	code, stdout, stderr := c.run("", "chat", "--json", "/when When did North Korea reopen communication lines?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var payload struct {
		Type int `json:"type"`
		Data struct {
			Embeds []struct {
				Description string `json:"description"`
			} `json:"embeds"`
			AllowedMentions struct {
				Parse []string `json:"parse"`
			} `json:"allowed_mentions"`
			Components []json.RawMessage `json:"components"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(stdout), &payload); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if payload.Type != 4 || len(payload.Data.Embeds) != 1 || !strings.HasPrefix(payload.Data.Embeds[0].Description, "**21 February 2026** — ") ||
		payload.Data.AllowedMentions.Parse == nil || len(payload.Data.Components) != 1 {
		t.Errorf("payload = %s", stdout)
	}
}

func TestServeConfigurationErrors(t *testing.T) {
	c := newCLI(t)
	code, _, stderr := c.run("", "serve")
	if code != exitUsage || !strings.Contains(stderr, "DISCORD_TOKEN is not set") || !strings.Contains(stderr, "developers/applications") {
		t.Errorf("serve without a token: %d %q", code, stderr)
	}
	code, _, stderr = c.run("", "serve", "--http", "127.0.0.1:0")
	if code != exitUsage || !strings.Contains(stderr, "DISCORD_PUBLIC_KEY") {
		t.Errorf("serve --http without a key: %d %q", code, stderr)
	}
	c.env["DISCORD_PUBLIC_KEY"] = "not-hex"
	code, _, stderr = c.run("", "serve", "--http", "127.0.0.1:0")
	if code != exitUsage || !strings.Contains(stderr, "DISCORD_PUBLIC_KEY must be") {
		t.Errorf("serve --http with a bad key: %d %q", code, stderr)
	}
	c.env["DISCORD_PUBLIC_KEY"] = ""
	c.env["DISCORD_TOKEN"] = "x"
	c.env["DISCORD_SHARD_ID"] = "2"
	c.env["DISCORD_SHARD_COUNT"] = "2"
	code, _, stderr = c.run("", "serve")
	if code != exitUsage || !strings.Contains(stderr, "DISCORD_SHARD_ID (2) must be below DISCORD_SHARD_COUNT (2)") {
		t.Errorf("bad shard: %d %q", code, stderr)
	}
}

func TestServeHTTPWithoutTokenServesAndStops(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	c := newCLI(t)
	c.env["DISCORD_PUBLIC_KEY"] = hex.EncodeToString(pub)
	c.env["NEWSBOT_FEEDBACK"] = feedbackOff
	env := map[string]string{"NEWSBOT_INDEX": c.index}
	for k, v := range c.env {
		env[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--http", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, logs, func(k string) string { return env[k] })
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "serving Discord interactions over HTTP") {
		if time.Now().After(deadline) {
			t.Fatalf("not serving after 10 s: %s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, logs.String())
	}
	if !strings.Contains(logs.String(), "DISCORD_TOKEN is not set: the slash commands were not registered") {
		t.Errorf("no warning about the missing token: %s", logs.String())
	}
}

// TestChatStopsOnSignal: a chat session waiting for the next line stops
// when SIGTERM or Ctrl-C comes (the context ends), with exit code 0,
// rather than when the user next presses Enter.
func TestChatStopsOnSignal(t *testing.T) {
	c := newCLI(t)
	env := map[string]string{"NEWSBOT_INDEX": c.index, "NEWSBOT_FEEDS": ""}
	for k, v := range c.env {
		env[k] = v
	}
	stdin, typing := io.Pipe()
	defer typing.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &syncbuf.Buffer{}, &syncbuf.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"chat"}, stdin, stdout, stderr, func(k string) string { return env[k] })
	}()
	if _, err := io.WriteString(typing, "/why Why did North Korea blow up the building?\n"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "The immediate issue seems to be") {
		if time.Now().After(deadline) {
			t.Fatalf("no answer: %s %s", stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel() // the signal, while the chat waits for a line
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("chat stopped by a signal: exit %d, %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("chat still waiting for a line 10 s after the signal")
	}
}
