package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// FuzzHTTPInteraction sends any body as a correctly signed request to the
// interactions endpoint over the sample corpus: whatever it holds, the
// endpoint answers with a status it documents, and a 200 carries a response
// within Discord's limits. `go test ./...` runs it for 8 seconds
// (internal/fuzzing); a crash ends the fuzzing with the input that caused
// it, saved under testdata/fuzz.
func FuzzHTTPInteraction(f *testing.F) {
	for _, body := range malformedInteractions {
		f.Add([]byte(body))
	}
	for k, i := range []*discordgo.Interaction{
		goodQuestion("1"),
		slash("2", "timeline", map[string]string{"topic": "North Korea", "from": "2026", "to": "2026-03"}, 0),
		slash("3", "source", map[string]string{"article": "North Korea"}, 0),
		slash("4", "sources", nil, 0),
		slash("5", "reindex", nil, discordgo.PermissionManageGuild),
		press("6", "more:why:2", &discordgo.Message{ID: "m", Embeds: []*discordgo.MessageEmbed{{Title: "Why did North Korea blow up the building?"}}}),
		press("7", "full:1:000_7372d195acbf193c", nil),
		press("8", "vote:up:why", &discordgo.Message{ID: "m", Embeds: []*discordgo.MessageEmbed{{Title: "q", Fields: []*discordgo.MessageEmbedField{{Value: "1. t — d, ¶2 · `004_ad30c935bafc3323`"}}}}}),
	} {
		raw, err := json.Marshal(i)
		if err != nil {
			f.Fatal(k, err)
		}
		f.Add(raw)
	}
	f.Add([]byte(`{"id":"9","type":1}`))
	f.Add([]byte(`{"id":"10","type":4,"data":{"name":"source","options":[{"name":"article","type":3,"value":"kor","focused":true}]}}`))

	pub, priv, err := ed25519.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if err != nil {
		f.Fatal(err)
	}
	// One handler for every input, as one process serves every request;
	// no answer is deferred (a deferral would edit through Discord). Each
	// input comes ten minutes after the one before, on the handler's clock,
	// so that an ID an earlier input used is not refused as a replay: most
	// inputs are mutations of a seed and keep its ID, and would otherwise
	// only ever reach the replay check.
	var clock atomic.Int64
	clock.Store(time.Now().Unix())
	now := func() time.Time { return time.Unix(clock.Load(), 0) }
	h := NewHTTPHandler(New(sampleLibrary(f), Config{RateBurst: 1 << 30}), HTTPConfig{PublicKey: pub, AnswerWithin: time.Minute, Now: now})
	f.Cleanup(h.Close)
	f.Fuzz(func(t *testing.T, body []byte) {
		stamp := strconv.FormatInt(clock.Add(600), 10)
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...))))
		req.Header.Set("X-Signature-Timestamp", stamp)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			return
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		var resp discordgo.InteractionResponse
		if err := json.Unmarshal(w.Body.Bytes(), &struct {
			Type *discordgo.InteractionResponseType `json:"type"`
		}{&resp.Type}); err != nil {
			t.Fatalf("response is not JSON: %v: %s", err, w.Body)
		}
		if !utf8.Valid(w.Body.Bytes()) {
			t.Fatalf("response is not UTF-8: %q", w.Body)
		}
		if resp.Type == discordgo.InteractionResponsePong {
			return
		}
		checkLimitsFuzz(t, w.Body.Bytes())
	})
}

// checkLimitsFuzz decodes a response as the tests do and checks Discord's
// limits on it.
func checkLimitsFuzz(t *testing.T, raw []byte) {
	t.Helper()
	checkLimits(t, decodeResponse(t, raw))
	if t.Failed() {
		t.Fatalf("response: %s", raw)
	}
}

// FuzzChatLine types any line into the terminal chat, after an answer so
// that its buttons can be pressed: no line ends the chat or breaks a limit.
func FuzzChatLine(f *testing.F) {
	for _, line := range []string{
		"/why Why did North Korea blow up the building?", "/more", "/full", "/vote up", "/vote sideways",
		"/timeline North Korea from:2026-02 to:2026-13", "/timeline from:yesterday", "/source North", "/source",
		"/sources", "/reindex", "/ask", "/", "//", "/ask \x00", "/when \u202e\u0000\uffff", "no slash at all?",
		"/ask " + string(bytes.Repeat([]byte("korea "), 2000)),
	} {
		f.Add(line)
	}
	chat := NewChat(New(sampleLibrary(f), Config{RateBurst: 1 << 30}))
	chat.ManageServer = false // no re-scans: they would dominate the run
	ctx := context.Background()
	if _, err := chat.Do(ctx, "/why Why did North Korea blow up the building?"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		resp, err := chat.Do(ctx, line)
		if err != nil || resp == nil {
			return
		}
		checkLimits(t, resp)
		_ = RenderText(resp, true)
	})
}
