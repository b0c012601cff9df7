package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/bot"
	"github.com/newsbot-dev/newsbot/feeds"
	"github.com/newsbot-dev/newsbot/followup"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/library"
)

// defaultFeedback is where 👍/👎 votes are logged unless NEWSBOT_FEEDBACK says.
const defaultFeedback = ".newsbot/feedback.jsonl"

// discordEnv is the Discord configuration from the environment (and .env).
type discordEnv struct {
	token, appID, guildID, publicKey string
	newsChannel                      string
	shardID, shardCount              int
	feedback                         string
}

func readDiscordEnv(getenv func(string) string) (discordEnv, error) {
	e := discordEnv{
		token:       strings.TrimSpace(getenv("DISCORD_TOKEN")),
		appID:       strings.TrimSpace(getenv("DISCORD_APP_ID")),
		guildID:     strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		publicKey:   strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")),
		newsChannel: strings.TrimSpace(getenv("DISCORD_NEWS_CHANNEL")),
		feedback:    envOr(getenv, "NEWSBOT_FEEDBACK", defaultFeedback),
	}
	for _, v := range []struct {
		name string
		dst  *int
	}{{"DISCORD_SHARD_ID", &e.shardID}, {"DISCORD_SHARD_COUNT", &e.shardCount}} {
		if s := strings.TrimSpace(getenv(v.name)); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return e, usagef("%s must be a whole number, not %q", v.name, s)
			}
			*v.dst = n
		}
	}
	if e.shardCount > 0 && e.shardID >= e.shardCount {
		return e, usagef("DISCORD_SHARD_ID (%d) must be below DISCORD_SHARD_COUNT (%d)", e.shardID, e.shardCount)
	}
	return e, nil
}

// feedbackOff in NEWSBOT_FEEDBACK turns the vote log off.
const feedbackOff = "off"

// newBot makes the bot over lib, logging votes to the feedback file, with
// the feed crawler behind /feeds, /follow and /unfollow.
func newBot(lib *library.Library, feedback string, crawler *feeds.Crawler, log *slog.Logger) (*bot.Bot, error) {
	if feedback == feedbackOff {
		feedback = ""
	}
	if feedback != "" {
		if err := os.MkdirAll(filepath.Dir(feedback), 0o755); err != nil {
			return nil, fmt.Errorf("feedback log: %w", err)
		}
	}
	return bot.New(lib, bot.Config{Logger: log, Feedback: bot.NewFeedbackLog(feedback), Feeds: crawler}), nil
}

// runServe runs the Discord bot: on the gateway, or with --http as an
// interactions endpoint.
func runServe(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	httpAddr := fs.String("http", "", "serve Discord's HTTP interactions endpoint on `ADDR` (e.g. :8080) instead of the gateway")
	verbose := fs.Bool("v", false, "log more")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	env, err := readDiscordEnv(getenv)
	if err != nil {
		return err
	}
	fenv, err := readFeedEnv(getenv, p)
	if err != nil {
		return err
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	routeDiscordgoLogs(log)
	if *httpAddr == "" && env.token == "" {
		return usageError{bot.ErrTokenMissing.Error()}
	}
	var key []byte
	if *httpAddr != "" {
		if env.publicKey == "" {
			return usagef("serve --http needs DISCORD_PUBLIC_KEY: the Public Key under General Information in the developer portal")
		}
		if key, err = bot.ParsePublicKey(env.publicKey); err != nil {
			return usageError{err.Error()}
		}
	}

	lib, err := library.Open(ctx, p.corpus, p.index, library.Options{Logger: log, Background: true})
	if err != nil {
		return err
	}
	defer lib.Close()
	crawler, err := newCrawler(p, fenv, false, log)
	if err != nil {
		return err
	}
	b, err := newBot(lib, env.feedback, crawler, log)
	if err != nil {
		return err
	}
	if *httpAddr != "" {
		stopWatching := watchCorpus(ctx, lib, log, nil)
		defer stopWatching()
		stopPolling := startPolling(ctx, crawler, fenv, log)
		defer stopPolling()
		return serveHTTP(ctx, b, *httpAddr, key, env, log)
	}
	g, err := bot.ConnectGateway(ctx, b, bot.GatewayConfig{
		Token: env.token, AppID: env.appID, GuildID: env.guildID,
		ShardID: env.shardID, ShardCount: env.shardCount, Logger: log,
	})
	if errors.Is(err, bot.ErrTokenMissing) || errors.Is(err, bot.ErrTokenRejected) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	stopWatching := watchCorpus(ctx, lib, log, announcer(g, lib, env.newsChannel, log))
	defer stopWatching()
	stopPolling := startPolling(ctx, crawler, fenv, log)
	defer stopPolling()
	log.Info("newsbot is serving on the gateway; Ctrl-C stops it", "mentions", g.MentionsEnabled)
	<-ctx.Done()
	log.Info("shutting down")
	return g.Close()
}

// serveHTTP serves the interactions endpoint until ctx ends. With a token
// it registers the commands first; without one it serves and warns.
func serveHTTP(ctx context.Context, b *bot.Bot, addr string, key []byte, env discordEnv, log *slog.Logger) error {
	if env.token == "" {
		log.Warn("DISCORD_TOKEN is not set: the slash commands were not registered. Register them once by running with a token.")
	} else {
		s, err := discordgo.New("Bot " + env.token)
		if err != nil {
			return fmt.Errorf("discord session: %w", err)
		}
		appID := env.appID
		if appID == "" {
			me, err := s.User("@me")
			if err != nil {
				var re *discordgo.RESTError
				if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
					return usageError{bot.ErrTokenRejected.Error()}
				}
				return fmt.Errorf("discord: reading the application: %w", err)
			}
			appID = me.ID
		}
		if err := bot.RegisterCommands(s, appID, env.guildID); err != nil {
			return err
		}
		log.Info("slash commands registered", "guild", env.guildID)
	}
	h := bot.NewHTTPHandler(b, bot.HTTPConfig{PublicKey: key, Logger: log})
	defer h.Close()
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 16 << 10}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve --http: %w", err)
	}
	log.Info("newsbot is serving Discord interactions over HTTP; set the Interactions Endpoint URL in the developer portal", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve --http: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// watchCorpus keeps the index in step with the corpus folder, and re-scans
// it all on SIGHUP, until the returned function is called.
func watchCorpus(ctx context.Context, lib *library.Library, log *slog.Logger, onUpdate func(index.SyncReport, bool)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	rescan := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				select {
				case rescan <- struct{}{}:
				default: // one is already waiting
				}
			}
		}
	}()
	go func() {
		defer close(done)
		if err := lib.Watch(ctx, library.WatchOptions{Rescan: rescan, OnUpdate: onUpdate}); err != nil {
			log.Error("not watching the corpus folder; restart or send SIGHUP after changes", "err", err)
		}
	}()
	return func() {
		signal.Stop(hup)
		cancel()
		<-done
	}
}

// announcer posts a card for each article added while the bot runs to the
// channel DISCORD_NEWS_CHANNEL names; nil when it names none. What the
// start-up catch-up brings in is not announced.
func announcer(g *bot.Gateway, lib *library.Library, channel string, log *slog.Logger) func(index.SyncReport, bool) {
	if channel == "" {
		return nil
	}
	return func(rep index.SyncReport, catchUp bool) {
		if catchUp || len(rep.Added) == 0 {
			return
		}
		added := make(map[string]bool, len(rep.Added))
		for _, id := range rep.Added {
			added[id] = true
		}
		var articles []newsbot.Article
		for _, a := range lib.Articles() {
			if added[a.ID] {
				articles = append(articles, a)
			}
		}
		if err := g.Announce(channel, articles); err != nil {
			log.Warn("announcing new articles", "channel", channel, "err", err)
		}
	}
}

// routeDiscordgoLogs sends discordgo's own log lines (reconnects, gateway
// errors) to the structured log, with anything token-shaped removed.
func routeDiscordgoLogs(log *slog.Logger) {
	discordgo.Logger = func(level, _ int, format string, a ...interface{}) {
		msg := bot.Redact(fmt.Sprintf(format, a...))
		switch level {
		case discordgo.LogError:
			log.Error("discordgo", "msg", msg)
		case discordgo.LogWarning:
			log.Warn("discordgo", "msg", msg)
		default:
			log.Debug("discordgo", "msg", msg)
		}
	}
}

// runChat is the terminal chat: the bot's commands without Discord.
func runChat(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	asJSON := fs.Bool("json", false, "print the exact interaction response payload of each command")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fenv, err := readFeedEnv(getenv, p)
	if err != nil {
		return err
	}
	log := newLogger(stderr, false)
	lib, err := openLibrary(ctx, p, log)
	if err != nil {
		return err
	}
	defer lib.Close()
	crawler, err := newCrawler(p, fenv, true, log)
	if err != nil {
		return err
	}
	b, err := newBot(lib, envOr(getenv, "NEWSBOT_FEEDBACK", defaultFeedback), crawler, log)
	if err != nil {
		return err
	}
	chat := bot.NewChat(b)
	if fs.NArg() == 0 { // a session, not one command: follow the corpus and the feeds
		stopWatching := watchCorpus(ctx, lib, log, nil)
		defer stopWatching()
		stopPolling := startPolling(ctx, crawler, fenv, log)
		defer stopPolling()
	}
	interactive := isTerminal(stdout) && fs.NArg() == 0
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	do := func(line string) error {
		if strings.TrimSpace(line) == "/help" {
			fmt.Fprintln(out, bot.ChatHelp)
			return nil
		}
		resp, err := chat.Do(ctx, line)
		if err != nil {
			fmt.Fprintf(out, "%v\n", err)
			return nil
		}
		if resp == nil {
			return nil
		}
		if *asJSON {
			if r := chat.Resolved(); r != nil {
				// A follow-up: the payload, and what it was understood as.
				return writeJSON(out, struct {
					*discordgo.InteractionResponse
					FollowUp *followup.Resolution `json:"followup"`
				}{resp, r})
			}
			return writeJSON(out, resp)
		}
		_, err = fmt.Fprintln(out, bot.RenderText(resp, isTerminal(stdout)))
		return err
	}
	if fs.NArg() > 0 { // one command given as arguments
		return do(strings.Join(fs.Args(), " "))
	}
	if interactive {
		fmt.Fprintf(out, "newsbot chat on %s: %d articles. Type /help for the commands.\n", p.corpus, len(lib.Articles()))
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for {
		if interactive {
			fmt.Fprint(out, "> ")
		}
		out.Flush()
		if !sc.Scan() {
			break
		}
		line := sc.Text()
		if t := strings.TrimSpace(line); t == "/quit" || t == "/exit" {
			break
		}
		if err := do(line); err != nil {
			return err
		}
	}
	return sc.Err()
}

// runFeedback summarises the feedback log.
func runFeedback(args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("feedback", flag.ContinueOnError)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path := envOr(getenv, "NEWSBOT_FEEDBACK", defaultFeedback)
	if fs.NArg() > 0 {
		path = fs.Arg(0)
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdout, "no feedback yet (%s does not exist)\n", path)
		return nil
	}
	if err != nil {
		return fmt.Errorf("feedback: %w", err)
	}
	defer f.Close()
	s, err := bot.Summarize(f)
	if err != nil {
		return err
	}
	total := s.Up + s.Down
	fmt.Fprintf(stdout, "%d votes: %d 👍, %d 👎", total, s.Up, s.Down)
	if total > 0 {
		fmt.Fprintf(stdout, " (%.0f%% helpful)", 100*float64(s.Up)/float64(total))
	}
	fmt.Fprintln(stdout)
	for _, cmd := range []string{"ask", "why", "when"} {
		if c := s.ByCommand[cmd]; c[0]+c[1] > 0 {
			fmt.Fprintf(stdout, "  /%s: %d 👍, %d 👎\n", cmd, c[0], c[1])
		}
	}
	if len(s.Worst) > 0 {
		fmt.Fprintln(stdout, "questions with the most 👎:")
		for _, q := range s.Worst {
			fmt.Fprintf(stdout, "  %d 👎 %d 👍  %s\n", q.Down, q.Up, q.Question)
		}
	}
	if s.Malformed > 0 {
		fmt.Fprintf(stdout, "%d lines were not votes and were skipped\n", s.Malformed)
	}
	return nil
}
