package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

// server is a `newsbot serve` running in the test's process.
type server struct {
	name        string
	http, admin string // base URLs
	logs        *syncbuf.Buffer
	done        chan int
	stop        context.CancelFunc
}

var (
	httpAddrLog  = regexp.MustCompile(`serving Discord interactions over HTTP.* addr=(\S+)`)
	adminAddrLog = regexp.MustCompile(`serving /healthz, /readyz and /metrics.* admin=(\S+)`)
)

// startServe runs newsbot with args and env until the test ends, and waits
// for its HTTP and admin listeners.
func startServe(t *testing.T, name string, env map[string]string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{name: name, logs: &syncbuf.Buffer{}, done: make(chan int, 1), stop: cancel}
	go func() {
		s.done <- run(ctx, args, strings.NewReader(""), io.Discard, s.logs, func(k string) string { return env[k] })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			t.Errorf("%s did not stop", name)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		logs := s.logs.String()
		h, a := httpAddrLog.FindStringSubmatch(logs), adminAddrLog.FindStringSubmatch(logs)
		if (h != nil || !slices.Contains(args, "--http")) && a != nil {
			if h != nil {
				s.http = "http://" + h[1]
			}
			s.admin = "http://" + a[1]
			return s
		}
		select {
		case code := <-s.done:
			t.Fatalf("%s exited with %d: %s", name, code, logs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not serving after 30 s: %s", name, logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// interaction is a signed /ask, /why or /when sent to an interactions
// endpoint.
func interaction(key ed25519.PrivateKey, id, command, question string) (*http.Request, error) {
	i := discordgo.Interaction{ID: id, AppID: "777", Type: discordgo.InteractionApplicationCommand, Token: "token-" + id,
		Member: &discordgo.Member{User: &discordgo.User{ID: "user-" + id}},
		Data: discordgo.ApplicationCommandInteractionData{ID: "c", Name: command, CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: question}}}}
	body, err := json.Marshal(i)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	req.Header.Set("X-Signature-Timestamp", stamp)
	return req, nil
}

var httpClient = &http.Client{Timeout: 10 * time.Second}

// askHTTP sends a signed interaction to base and returns the reply's first
// embed description (empty when the reply has none) and its content.
// errDeferred is askHTTP's error for an answer that took longer than the
// bot's deferral threshold (2.5 s, as on a machine under heavy load): the
// bot acknowledged it and would edit the answer in through Discord's REST
// API, which these tests do not stand in for.
var errDeferred = errors.New("answer deferred")

func askHTTP(base string, key ed25519.PrivateKey, id, command, question string) (description, content string, err error) {
	req, err := interaction(key, id, command, question)
	if err != nil {
		return "", "", err
	}
	u, err := req.URL.Parse(base + "/")
	if err != nil {
		return "", "", err
	}
	req.URL = u
	resp, err := httpClient.Do(req)
	if err != nil {
		return "", "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("status %d: %s", resp.StatusCode, raw)
	}
	var r struct {
		Type int `json:"type"`
		Data struct {
			Content string `json:"content"`
			Embeds  []struct {
				Description string `json:"description"`
			} `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return "", "", fmt.Errorf("%w: %s", err, raw)
	}
	if r.Type == int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		return "", "", errDeferred
	}
	if len(r.Data.Embeds) > 0 {
		description = r.Data.Embeds[0].Description
	}
	return description, r.Data.Content, nil
}

func getText(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := httpClient.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestWriterAndTwoReplicas runs one writer and two read-only replicas, all
// `serve --http` on loopback, with askers questioning the replicas without
// pause. An article added at the writer with `newsbot add` is answered by
// both replicas within a few seconds; no question fails while they swap
// snapshots; health and metrics say what happened; all three stop cleanly.
func TestWriterAndTwoReplicas(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	corpusDir, snapshots := filepath.Join(root, "corpus"), filepath.Join(root, "snapshots")
	if err := os.CopyFS(corpusDir, os.DirFS("../../corpus/articles")); err != nil {
		t.Fatal(err)
	}
	env := func(extra ...string) map[string]string {
		e := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "NEWSBOT_FEEDBACK": feedbackOff, "NEWSBOT_SNAPSHOTS": snapshots}
		for k := 0; k < len(extra); k += 2 {
			e[extra[k]] = extra[k+1]
		}
		return e
	}
	writer := startServe(t, "writer", env("NEWSBOT_CORPUS", corpusDir, "NEWSBOT_INDEX", filepath.Join(root, "index")),
		"serve", "--http", "127.0.0.1:0", "--admin", "127.0.0.1:0")
	replicas := []*server{
		startServe(t, "replica 1", env("NEWSBOT_READ_ONLY", "true"), "serve", "--http", "127.0.0.1:0", "--admin", "127.0.0.1:0"),
		startServe(t, "replica 2", env(), "serve", "--read-only", "--http", "127.0.0.1:0", "--admin", "127.0.0.1:0"),
	}
	for _, s := range append([]*server{writer}, replicas...) {
		deadline := time.Now().Add(30 * time.Second)
		for {
			code, body := getText(t, s.http+"/readyz") // beside the interactions
			if code == http.StatusOK {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s not ready after 30 s: %d %s\n%s", s.name, code, body, s.logs.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	// Askers question both replicas until the end.
	var asked, failed, deferred atomic.Int64
	var firstFailure atomic.Value
	stopAsking := make(chan struct{})
	var wg sync.WaitGroup
	for k, r := range replicas {
		for a := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; ; n++ {
					select {
					case <-stopAsking:
						return
					default:
					}
					desc, _, err := askHTTP(r.http, key, fmt.Sprintf("%d%d%d", k, a, n), "why", "Why did North Korea blow up the building?")
					if errors.Is(err, errDeferred) { // slow, not failed: a loaded machine
						deferred.Add(1)
						err = nil
						desc = "The immediate issue seems to be"
					}
					if err == nil && !strings.Contains(desc, "The immediate issue seems to be") {
						err = fmt.Errorf("not answered: %q", desc)
					}
					if err != nil {
						failed.Add(1)
						firstFailure.CompareAndSwap(nil, fmt.Sprintf("%s: %v", r.name, err))
					}
					asked.Add(1)
					time.Sleep(2 * time.Millisecond)
				}
			}()
		}
	}

	// Three articles, one after the other, written by `newsbot add`.
	var figures []time.Duration
	for n := range 3 {
		src := filepath.Join(root, fmt.Sprintf("zebras-%d.txt", n))
		text := fmt.Sprintf("Zebras escape from zoo number %d\n\nSEOUL, South Korea - March 3rd, 2026 - Three zebras escaped from zoo number %d on Tuesday after keepers left gate %d open.\n", n, n, n)
		if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		var out, errOut bytes.Buffer
		if code := run(t.Context(), []string{"add", src}, strings.NewReader(""), &out, &errOut, func(k string) string { return env("NEWSBOT_CORPUS", corpusDir)[k] }); code != exitOK {
			t.Fatalf("add: %d %s", code, errOut.String())
		}
		want := fmt.Sprintf("left gate %d open", n)
		var took []time.Duration
		for k, r := range replicas {
			for q := 0; ; q++ {
				desc, _, err := askHTTP(r.http, key, fmt.Sprintf("z%d%d%d", n, k, q), "ask", fmt.Sprintf("How did the zebras escape from zoo number %d?", n))
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(strings.ReplaceAll(desc, "**", ""), want) { // the question's words are in bold
					break
				}
				if time.Since(start) > 10*time.Second {
					t.Fatalf("%s does not answer about the added article after 10 s: %q\nwriter:\n%s\n%s:\n%s", r.name, desc, writer.logs.String(), r.name, r.logs.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			took = append(took, time.Since(start))
		}
		t.Logf("article %d added by `newsbot add`: answered by replica 1 after %s, by both after %s",
			n, took[0].Round(time.Millisecond), took[1].Round(time.Millisecond))
		figures = append(figures, took[1])
	}
	close(stopAsking)
	wg.Wait()
	if failed.Load() > 0 || asked.Load()-deferred.Load() < 50 {
		t.Errorf("%d questions asked of the replicas, %d failed, %d deferred; first failure: %v", asked.Load(), failed.Load(), deferred.Load(), firstFailure.Load())
	}
	slices.Sort(figures)
	t.Logf("time from `newsbot add` to both replicas answering: %s to %s; %d questions asked during swaps, %d failed, %d deferred",
		figures[0].Round(time.Millisecond), figures[len(figures)-1].Round(time.Millisecond), asked.Load(), failed.Load(), deferred.Load())

	// Health and metrics, on the admin listeners.
	for _, r := range replicas {
		code, body := getText(t, r.admin+"/readyz")
		if code != http.StatusOK || !strings.Contains(body, "role: replica\nindex: 5 articles") || strings.Contains(body, "problem") {
			t.Errorf("%s /readyz = %d %q", r.name, code, body)
		}
		if code, body := getText(t, r.admin+"/healthz"); code != http.StatusOK || body != "ok\n" {
			t.Errorf("%s /healthz = %d %q", r.name, code, body)
		}
		_, metricsText := getText(t, r.admin+"/metrics")
		for _, want := range []string{`newsbot_ready{role="replica"} 1`, "newsbot_index_articles 5", `newsbot_interactions_total{command="why",outcome="answered"} `,
			"newsbot_snapshot_swaps_total ", `newsbot_answer_duration_seconds_bucket{command="ask",le="0.1"} `} {
			if !strings.Contains(metricsText, want) {
				t.Errorf("%s /metrics lacks %q", r.name, want)
			}
		}
		if strings.Contains(metricsText, "newsbot_snapshot_swaps_total 0\n") {
			t.Errorf("%s swapped no snapshot", r.name)
		}
	}
	_, metricsText := getText(t, writer.admin+"/metrics")
	if !strings.Contains(metricsText, `newsbot_ready{role="writer"} 1`) || strings.Contains(metricsText, "newsbot_snapshots_published_total 0\n") {
		t.Errorf("writer metrics: %s", metricsText)
	}

	// A replica never writes: it made nothing in the snapshot folder.
	entries, err := os.ReadDir(snapshots)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "snapshot-") && !strings.HasPrefix(e.Name(), ".tmp-snapshot-") && !strings.HasPrefix(e.Name(), ".pruned-snapshot-") {
			t.Errorf("unexpected %s in the snapshot folder", e.Name())
		}
	}

	// Stopped as SIGTERM stops them: each closes its index and exits 0.
	for _, s := range append(replicas, writer) {
		s.stop()
		select {
		case code := <-s.done:
			if code != exitOK || !strings.Contains(s.logs.String(), "index closed; newsbot stopped") || strings.Contains(s.logs.String(), "level=ERROR") {
				t.Errorf("%s exited %d (want 0, no error logged):\n%s", s.name, code, s.logs.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s did not stop", s.name)
		}
		s.done <- exitOK // for the cleanup
	}
}

func TestOperateSettingsAreChecked(t *testing.T) {
	c := newCLI(t)
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	c.env["DISCORD_PUBLIC_KEY"] = hex.EncodeToString(pub)
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"serve", "--http", "127.0.0.1:0", "--read-only"}, "--read-only needs --snapshots"},
		{map[string]string{"NEWSBOT_READ_ONLY": "maybe"}, []string{"serve", "--http", "127.0.0.1:0"}, "NEWSBOT_READ_ONLY must be true or false"},
		{map[string]string{"NEWSBOT_DRAIN": "soon"}, []string{"serve", "--http", "127.0.0.1:0"}, "NEWSBOT_DRAIN must be a duration"},
		{map[string]string{"NEWSBOT_KEEP_SNAPSHOTS": "0"}, []string{"index"}, "NEWSBOT_KEEP_SNAPSHOTS must be"},
		{nil, []string{"index", "--read-only", "--snapshots", t.TempDir()}, "--read-only is for serve"},
	} {
		for k, v := range tc.env {
			c.env[k] = v
		}
		code, _, stderr := c.run("", tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v %v: exit %d, %q", tc.env, tc.args, code, stderr)
		}
		for k := range tc.env {
			delete(c.env, k)
		}
	}
}

func TestIndexPublishesASnapshot(t *testing.T) {
	c := newCLI(t)
	snapshots := filepath.Join(t.TempDir(), "snapshots")
	code, stdout, stderr := c.run("", "index", "--snapshots", snapshots)
	if code != exitOK || !strings.Contains(stdout, "published a snapshot of the index into "+snapshots) {
		t.Fatalf("index --snapshots: %d %s %s", code, stdout, stderr)
	}
	entries, _ := os.ReadDir(snapshots)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "snapshot-") {
		t.Errorf("snapshot folder holds %v", entries)
	}
}

// TestIndexWatchIsAWriter runs `index --watch`: a writer that serves no
// one, keeping the index in step with the corpus and publishing snapshots.
func TestIndexWatchIsAWriter(t *testing.T) {
	root := t.TempDir()
	corpusDir, snapshots := filepath.Join(root, "corpus"), filepath.Join(root, "snapshots")
	if err := os.CopyFS(corpusDir, os.DirFS("../../corpus/articles")); err != nil {
		t.Fatal(err)
	}
	w := startServe(t, "writer", map[string]string{"NEWSBOT_CORPUS": corpusDir, "NEWSBOT_INDEX": filepath.Join(root, "index")},
		"index", "--watch", "--snapshots", snapshots, "--keep-snapshots", "2", "--admin", "127.0.0.1:0")
	published := func() int {
		_, body := getText(t, w.admin+"/metrics")
		m := regexp.MustCompile(`newsbot_snapshots_published_total (\d+)`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no snapshot count in the metrics: %s", body)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	deadline := time.Now().Add(10 * time.Second)
	for published() < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no snapshot after 10 s: %s", w.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, body := getText(t, w.admin+"/readyz"); code != http.StatusOK || !strings.Contains(body, "role: writer\nindex: 2 articles") {
		t.Errorf("/readyz = %d %q", code, body)
	}
	for n := range 3 {
		before := published()
		if err := os.WriteFile(filepath.Join(corpusDir, fmt.Sprintf("zebras-%d.txt", n)), []byte(fmt.Sprintf("Zebras escape from zoo %d\n\nThree zebras escaped from zoo number %d after keepers left gate %d open.\n", n, n, n)), 0o644); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for published() == before {
			if time.Now().After(deadline) {
				t.Fatalf("no snapshot after an article was added: %s", w.logs.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	entries, _ := os.ReadDir(snapshots)
	if len(entries) != 2 {
		t.Errorf("%d snapshots kept, want 2", len(entries))
	}
	w.stop()
	if code := <-w.done; code != exitOK || strings.Contains(w.logs.String(), "level=ERROR") {
		t.Errorf("index --watch exited %d (want 0, no error logged): %s", code, w.logs.String())
	}
	w.done <- exitOK
}

// TestHealthCommand: `newsbot health`, the image's HEALTHCHECK, asks the
// admin listener NEWSBOT_ADMIN names (on loopback when it names all
// addresses), or a URL, and exits 0 only on 200.
func TestHealthCommand(t *testing.T) {
	var ready atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/healthz":
			fmt.Fprintln(w, "ok")
		case r.URL.Path == "/readyz" && ready.Load():
			fmt.Fprintln(w, "ready")
		default:
			http.Error(w, "not ready", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	health := func(admin string, args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(t.Context(), append([]string{"health"}, args...), strings.NewReader(""), &out, &errOut,
			func(k string) string { return map[string]string{"NEWSBOT_ADMIN": admin}[k] })
		return code, out.String() + errOut.String()
	}
	for _, tc := range []struct {
		admin string
		args  []string
		code  int
	}{
		{":" + port, nil, exitOK},
		{"0.0.0.0:" + port, nil, exitOK},
		{"127.0.0.1:" + port, []string{"--ready"}, exitError},
		{"", []string{srv.URL + "/readyz"}, exitError},
		{"", []string{srv.URL + "/healthz"}, exitOK},
		{"", nil, exitUsage},
		{"9090", nil, exitUsage},
	} {
		if code, out := health(tc.admin, tc.args...); code != tc.code {
			t.Errorf("NEWSBOT_ADMIN=%q health %v: exit %d, want %d: %s", tc.admin, tc.args, code, tc.code, out)
		}
	}
	ready.Store(true)
	if code, out := health("127.0.0.1:"+port, "--ready"); code != exitOK || out != "ready\n" {
		t.Errorf("health --ready when ready: exit %d: %q", code, out)
	}
	srv.Close()
	if code, out := health(":" + port); code != exitError {
		t.Errorf("health with nothing listening: exit %d: %s", code, out)
	}
}

// TestIndexWatchAnswersHealthWhileBuilding: `index --watch` serves
// /healthz (and a 503 /readyz) while its first build runs, so that a
// liveness check does not restart it in a loop, and SIGTERM during that
// build stops it with exit code 0 and no error logged.
func TestIndexWatchAnswersHealthWhileBuilding(t *testing.T) {
	root := t.TempDir()
	corpusDir := filepath.Join(root, "corpus")
	if err := os.Mkdir(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for n := range 2000 { // a build that takes a while
		var b strings.Builder
		fmt.Fprintf(&b, "Zebras escape from zoo number %d\n\n", n)
		for p := range 6 {
			fmt.Fprintf(&b, "SEOUL, South Korea - March 3rd, 2026 - Keepers at zoo %d said in statement %d that three zebras escaped through gate %d on Tuesday.\n\n", n, p, p)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, fmt.Sprintf("zoo-%04d.txt", n)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := startServe(t, "writer", map[string]string{"NEWSBOT_CORPUS": corpusDir, "NEWSBOT_INDEX": filepath.Join(root, "index")},
		"index", "--watch", "--snapshots", filepath.Join(root, "snapshots"), "--admin", "127.0.0.1:0")
	if code, body := getText(t, w.admin+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz during the first build = %d %q", code, body)
	}
	if code, body := getText(t, w.admin+"/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "being built") {
		t.Errorf("/readyz during the first build = %d %q", code, body)
	}
	w.stop()
	if code := <-w.done; code != exitOK || strings.Contains(w.logs.String(), "level=ERROR") {
		t.Errorf("index --watch stopped during its first build: exit %d (want 0, no error logged): %s", code, w.logs.String())
	}
	w.done <- exitOK
}
