package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// ErrTokenMissing and ErrTokenRejected say what is wrong with the bot
// token, without the token.
var (
	ErrTokenMissing  = errors.New("DISCORD_TOKEN is not set: create an application at https://discord.com/developers/applications, open Bot, press Reset Token, and put the token in DISCORD_TOKEN (environment or .env)")
	ErrTokenRejected = errors.New("Discord rejected DISCORD_TOKEN: it may be mistyped or reset; get a new one under Bot → Reset Token at https://discord.com/developers/applications")
)

// GatewayConfig is how the bot connects to Discord's gateway.
type GatewayConfig struct {
	Token string
	// AppID is the application's ID; empty means the bot user's ID, which
	// is the same for bots made in the developer portal.
	AppID string
	// GuildID registers the commands in one server only (instant, for
	// development); empty registers them globally.
	GuildID string
	// ShardID and ShardCount split a large bot over several processes.
	ShardID, ShardCount int
	// AnswerWithin is how long an answer may take before the bot defers
	// and edits the reply later (Discord allows 3 s); default 2.5 s.
	AnswerWithin time.Duration
	// HTTPClient, when set, carries the REST calls (tests point it at a
	// stand-in for Discord).
	HTTPClient *http.Client
	// Dialer, when set, opens the gateway WebSocket.
	Dialer *websocket.Dialer
	Logger *slog.Logger
}

// Gateway is a bot connected to Discord's gateway.
type Gateway struct {
	bot     *Bot
	cfg     GatewayConfig
	session *discordgo.Session
	log     *slog.Logger
	appID   string
	userID  string
	ctx     context.Context // of the answers; cancelled by Shutdown
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	// connected is set by the first connection; later ones are reconnects.
	connected atomic.Bool
	// closing is set by Shutdown: the disconnect discordgo then reports is
	// not a drop.
	closing atomic.Bool
	threads *threadBook // follow-up threads and their conversations
	// ReadsAllMessages reports whether the Message Content intent was
	// granted, so that a question in a follow-up thread is read without a
	// mention. Without it Discord still gives the bot the content of
	// messages that mention it (and of replies that ping it), so questions
	// asked by mention are answered either way.
	ReadsAllMessages bool
}

// intentsWithContent are the gateway intents newsbot asks for: messages in
// servers and DMs, and the content of those that do not mention the bot
// (follow-up questions in its threads); intentsBase is the fallback when
// the application has not been granted Message Content.
const (
	intentsBase        = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	intentsWithContent = intentsBase | discordgo.IntentsMessageContent
	// closeDisallowedIntents is the gateway close code for an intent the
	// application has not been granted.
	closeDisallowedIntents = 4014
	closeAuthFailed        = 4004
)

// ConnectGateway checks the token, registers the commands with one bulk
// overwrite, and connects to the gateway. Interactions are handled until
// Close or Shutdown; ending ctx cancels the answers being worked on, so
// to drain them on shutdown pass a ctx that outlives the signal and call
// Shutdown.
func ConnectGateway(ctx context.Context, b *Bot, cfg GatewayConfig) (*Gateway, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, ErrTokenMissing
	}
	if cfg.AnswerWithin <= 0 {
		cfg.AnswerWithin = 2500 * time.Millisecond
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, err := newSession(cfg.Token, cfg.HTTPClient)
	if err != nil {
		return nil, err
	}
	if cfg.Dialer != nil {
		s.Dialer = cfg.Dialer
	}
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	g := &Gateway{bot: b, cfg: cfg, session: s, log: log, threads: newThreadBook()}
	g.ctx, g.cancel = context.WithCancel(ctx)
	fail := func(err error) (*Gateway, error) {
		g.cancel()
		return nil, err
	}
	b.threads = sessionThreads{s}

	me, err := s.User("@me")
	if err != nil {
		return fail(classify(err))
	}
	g.userID = me.ID
	g.appID = cfg.AppID
	if g.appID == "" {
		g.appID = me.ID
	}
	if err := RegisterCommands(s, g.appID, cfg.GuildID); err != nil {
		return fail(err)
	}
	where := "globally (may take up to an hour to appear)"
	if cfg.GuildID != "" {
		where = "in server " + cfg.GuildID
	}
	log.Info("slash commands registered", "where", where, "count", len(Commands()))

	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		log.Info("connected to the Discord gateway", "user", r.User.Username, "shard", cfg.ShardID, "shards", max(cfg.ShardCount, 1), "servers", len(r.Guilds))
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { log.Info("gateway session resumed") })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		if g.closing.Load() {
			return
		}
		b.metrics.GatewayDisconnected()
		log.Warn("disconnected from the gateway; discordgo reconnects")
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) {
		if g.connected.Swap(true) {
			b.metrics.GatewayReconnected()
			log.Info("reconnected to the gateway")
		}
	})
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { g.onInteraction(ic.Interaction) })
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { g.onMessage(m) })

	s.Identify.Intents = intentsWithContent
	if err := s.Open(); err != nil {
		var ce *websocket.CloseError
		switch {
		case errors.As(err, &ce) && ce.Code == closeDisallowedIntents:
			log.Warn("the Message Content intent is not enabled for this application: slash commands and questions that mention the bot (or reply to its answers) work, but follow-up questions in threads must mention it too. Enable it under Bot → Privileged Gateway Intents in the developer portal to read them without a mention.")
			s.Identify.Intents = intentsBase
			if err := s.Open(); err != nil {
				return fail(classify(err))
			}
		case err != nil:
			return fail(classify(err))
		}
	} else {
		g.ReadsAllMessages = true
	}
	b.readsAllMessages.Store(g.ReadsAllMessages)
	return g, nil
}

// newSession makes a discordgo session whose REST calls go through client
// when it is set.
func newSession(token string, client *http.Client) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + strings.TrimSpace(token))
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	if client != nil {
		s.Client = client
	}
	s.LogLevel = discordgo.LogError // debug logging would print the identify packet, token included
	return s, nil
}

// classify turns a failed Discord call into an error that never holds the
// token: a rejected token, or what failed.
func classify(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return ErrTokenRejected
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) && ce.Code == closeAuthFailed {
		return ErrTokenRejected
	}
	return fmt.Errorf("discord: %s", Redact(err.Error()))
}

// tokenLike matches a Discord bot token (three dot-separated base64 parts).
var tokenLike = regexp.MustCompile(`[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}`)

// Redact hides anything shaped like a bot token, or an interaction token
// in a URL, so that a log line or an error never shows one.
func Redact(s string) string {
	s = tokenLike.ReplaceAllString(s, "[token]")
	return interactionURL.ReplaceAllString(s, "$1[token]")
}

var interactionURL = regexp.MustCompile(`((?:interactions/\d+|webhooks/\d+)/)[^/\s"']+`)

// RegisterCommands replaces the application's commands with newsbot's, in
// one server when guildID is set, else globally.
func RegisterCommands(s *discordgo.Session, appID, guildID string) error {
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, Commands()); err != nil {
		return fmt.Errorf("registering slash commands: %w", classify(err))
	}
	return nil
}

// Close disconnects from the gateway and waits for interactions in flight.
func (g *Gateway) Close() error { return g.Shutdown(context.Background()) }

// Shutdown disconnects from the gateway, so no more interactions arrive,
// and waits for those in flight until ctx ends; then it cancels them (each
// asker is told something went wrong), waits for that, and returns ctx's
// error.
func (g *Gateway) Shutdown(ctx context.Context) error {
	g.closing.Store(true)
	err := g.session.Close()
	if !waitGroupDone(ctx, g.wg.Wait) {
		g.cancel()
		g.wg.Wait()
		return fmt.Errorf("interactions still in flight: %w", ctx.Err())
	}
	g.cancel()
	return err
}

// onInteraction answers in the background: inline when the answer is ready
// in time, otherwise a deferral and then an edit with the answer.
func (g *Gateway) onInteraction(i *discordgo.Interaction) {
	if i == nil || i.ID == "" {
		return // nothing to answer: a callback needs the ID
	}
	// Discord sends an interaction once; one that comes again (a resumed
	// session's replay) was already answered.
	if now := time.Now(); g.bot.seen.first(i.ID, now, now.Add(gatewayReplayWindow)) != seenFirst {
		g.log.Warn("ignored an interaction received twice", "interaction", i.ID)
		return
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer func() {
			if v := recover(); v != nil {
				logPanic(g.log, "answering an interaction", i.ID, v)
			}
		}()
		r := responder{session: g.session, appID: g.appID, log: g.log}
		answerInTime(g.ctx, g.bot, i, g.cfg.AnswerWithin, r.respond, r.edit)
	}()
}

// gatewayReplayWindow is how long the gateway remembers an interaction ID;
// an interaction can be answered for 15 minutes, but a repeat comes, if at
// all, on a resume seconds later.
const gatewayReplayWindow = 5 * time.Minute

// answerInTime runs the bot on i and sends its answer with respond when it
// is ready within `within`; otherwise it sends a deferral and edits the
// answer in when it comes.
func answerInTime(ctx context.Context, b *Bot, i *discordgo.Interaction, within time.Duration,
	respond func(*discordgo.Interaction, *discordgo.InteractionResponse) error,
	edit func(*discordgo.Interaction, *discordgo.InteractionResponseData) error) {
	// An interaction token lasts 15 minutes; no answer may take that long.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	done := make(chan *discordgo.InteractionResponse, 1)
	go func() { done <- b.Handle(ctx, i) }()
	timer := time.NewTimer(within)
	defer timer.Stop()
	select {
	case resp := <-done:
		if err := respond(i, resp); err != nil {
			b.log.Error("sending interaction response", "interaction", i.ID, "err", err)
		}
	case <-timer.C:
		if err := respond(i, Deferred(i)); err != nil {
			b.log.Error("deferring interaction response", "interaction", i.ID, "err", err)
		}
		resp := <-done
		if resp.Data == nil { // a PONG or an autocomplete answer has nothing to edit in
			resp.Data = ephemeral(msgInternal)
		}
		if err := edit(i, resp.Data); err != nil {
			b.log.Error("editing deferred response", "interaction", i.ID, "err", err)
		}
	}
}

// responder sends interaction responses over REST.
type responder struct {
	session *discordgo.Session
	appID   string
	log     *slog.Logger
}

// callbackBuckets spreads interaction callbacks over a fixed set of
// discordgo rate-limit buckets. discordgo's own InteractionRespond keys a
// bucket by the full URL, which holds the interaction's token, so a
// long-running bot kept one bucket per interaction ever answered
// (bwmarrin/discordgo#1333). Callbacks are not rate limited per route in a
// way these buckets need to track; a few buckets keep them parallel.
const callbackBuckets = 64

func bucketFor(kind, interactionID string) string {
	h := fnv.New32a()
	h.Write([]byte(interactionID))
	return fmt.Sprintf("newsbot/%s/%d", kind, h.Sum32()%callbackBuckets)
}

func (r responder) respond(i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	_, err := r.session.RequestWithBucketID(http.MethodPost, discordgo.EndpointInteractionResponse(i.ID, i.Token), resp, bucketFor("callback", i.ID))
	if err != nil {
		return fmt.Errorf("interaction callback: %s", Redact(err.Error()))
	}
	return nil
}

func (r responder) edit(i *discordgo.Interaction, data *discordgo.InteractionResponseData) error {
	appID := i.AppID
	if appID == "" {
		appID = r.appID
	}
	edit := webhookEdit(data)
	_, err := r.session.RequestWithBucketID(http.MethodPatch, discordgo.EndpointWebhookMessage(appID, i.Token, "@original"), edit, bucketFor("edit", i.ID))
	if err != nil {
		return fmt.Errorf("editing original response: %s", Redact(err.Error()))
	}
	return nil
}

// webhookEdit is the body that replaces a deferred response.
func webhookEdit(data *discordgo.InteractionResponseData) map[string]any {
	body := map[string]any{
		"content":          data.Content,
		"embeds":           data.Embeds,
		"components":       data.Components,
		"allowed_mentions": noMentions(),
	}
	if body["embeds"] == nil {
		body["embeds"] = []*discordgo.MessageEmbed{}
	}
	if body["components"] == nil {
		body["components"] = []discordgo.MessageComponent{}
	}
	return body
}

// mentionPattern matches a user mention, <@id> or <@!id>.
var mentionPattern = regexp.MustCompile(`<@!?(\d+)>`)

// onMessage answers a question asked by mentioning the bot, as a reply.
func (g *Gateway) onMessage(m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil {
		return
	}
	defer func() {
		if v := recover(); v != nil {
			logPanic(g.log, "reading a message", m.ID, v)
		}
	}()
	if m.Author == nil || m.Author.Bot || m.Author.ID == g.userID {
		return
	}
	if g.followUp(m) {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		mentioned = mentioned || u != nil && u.ID == g.userID
	}
	if !mentioned {
		return
	}
	question := strings.TrimSpace(mentionPattern.ReplaceAllStringFunc(m.Content, func(s string) string {
		if strings.Trim(s, "<@!>") == g.userID {
			return ""
		}
		return s
	}))
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer func() {
			if v := recover(); v != nil {
				logPanic(g.log, "replying to a mention", m.ID, v)
			}
		}()
		ctx, cancel := context.WithTimeout(g.ctx, time.Minute)
		defer cancel()
		var data *discordgo.InteractionResponseData
		if question == "" {
			data = ephemeral("Ask me a question after the mention, e.g. “@newsbot why did North Korea blow up the building?”")
		} else {
			data = g.bot.Question(ctx, question, m.Author.ID, m.ID)
			if g.threadsPossibleIn(m) {
				g.bot.offerThread(data)
			}
		}
		send := &discordgo.MessageSend{
			Content:         data.Content,
			Embeds:          data.Embeds,
			Components:      data.Components,
			AllowedMentions: noMentions(),
			Reference:       m.Reference(),
		}
		if _, err := g.session.ChannelMessageSendComplex(m.ChannelID, send); err != nil {
			g.log.Error("replying to a mention", "message", m.ID, "err", Redact(err.Error()))
		}
	}()
}
