package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTPConfig is how the bot serves Discord's HTTP interactions endpoint.
type HTTPConfig struct {
	// PublicKey is the application's public key (DISCORD_PUBLIC_KEY):
	// every request must be signed with its private half.
	PublicKey ed25519.PublicKey
	// MaxBody caps a request body; default 64 KiB (interactions are small).
	MaxBody int64
	// MaxSkew is how old (or early) a signed timestamp may be; default 5
	// minutes. Older requests are refused as replays.
	MaxSkew time.Duration
	// AnswerWithin is how long an answer may take before the endpoint
	// defers; default 2.5 s.
	AnswerWithin time.Duration
	// Session sends deferred answers (a webhook edit, which needs no bot
	// token); nil makes one that talks to Discord.
	Session *discordgo.Session
	Logger  *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Health, when set, answers GET /healthz and GET /readyz on the same
	// listener, for a load balancer's checks (metrics.Metrics.HealthHandler).
	Health http.Handler
}

// ParsePublicKey reads a hex-encoded Ed25519 public key.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	raw, err := hex.DecodeString(s)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY must be the 64 hex digits shown as Public Key under General Information in the developer portal")
	}
	return ed25519.PublicKey(raw), nil
}

// HTTPHandler serves Discord's interactions endpoint.
type HTTPHandler struct {
	bot   *Bot
	cfg   HTTPConfig
	log   *slog.Logger
	resp  responder
	wg    sync.WaitGroup
	ctx   context.Context
	close context.CancelFunc
}

// NewHTTPHandler returns the endpoint for b. Close it to wait for deferred
// answers still being worked on.
func NewHTTPHandler(b *Bot, cfg HTTPConfig) *HTTPHandler {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 64 << 10
	}
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = 5 * time.Minute
	}
	if cfg.AnswerWithin <= 0 {
		cfg.AnswerWithin = 2500 * time.Millisecond
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := cfg.Session
	if s == nil {
		s, _ = newSession("", nil)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &HTTPHandler{bot: b, cfg: cfg, log: log, resp: responder{session: s, log: log}, ctx: ctx, close: cancel}
}

// Close waits for deferred answers to be sent.
func (h *HTTPHandler) Close() { _ = h.Shutdown(context.Background()) }

// Shutdown waits for deferred answers still being worked on to be sent,
// until ctx ends; then it cancels them (each asker is told something went
// wrong), waits for that, and returns ctx's error. Call it after the HTTP
// server has stopped taking requests.
func (h *HTTPHandler) Shutdown(ctx context.Context) error {
	if waitGroupDone(ctx, h.wg.Wait) {
		h.close()
		return nil
	}
	h.close()
	h.wg.Wait()
	return fmt.Errorf("deferred answers still in flight: %w", ctx.Err())
}

// ServeHTTP verifies the request's signature and answers the interaction.
func (h *HTTPHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.cfg.Health != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
		(r.URL.Path == "/healthz" || r.URL.Path == "/readyz") {
		h.cfg.Health.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if !h.verify(r.Header, body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	// The first response goes in the HTTP reply; a late answer goes by
	// webhook edit after a deferral.
	first := make(chan *discordgo.InteractionResponse, 1)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		answerInTime(h.ctx, h.bot, &i, h.cfg.AnswerWithin,
			func(_ *discordgo.Interaction, resp *discordgo.InteractionResponse) error { first <- resp; return nil },
			h.resp.edit)
	}()
	writeJSON(w, <-first)
}

// verify checks the Ed25519 signature over timestamp+body and that the
// timestamp is recent, so a captured request cannot be replayed later.
func (h *HTTPHandler) verify(header http.Header, body []byte) bool {
	sig, err := hex.DecodeString(header.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize || len(h.cfg.PublicKey) != ed25519.PublicKeySize {
		return false
	}
	ts := header.Get("X-Signature-Timestamp")
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if skew := h.cfg.Now().Sub(time.Unix(secs, 0)); skew > h.cfg.MaxSkew || skew < -h.cfg.MaxSkew {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	return ed25519.Verify(h.cfg.PublicKey, msg, sig)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
