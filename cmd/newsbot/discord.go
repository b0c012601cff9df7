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
	"sync"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/bot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/feeds"
	"github.com/newsbot-dev/newsbot/followup"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/metrics"
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
// the feed crawler (nil: none) behind /feeds, /follow and /unfollow, and
// counting interactions in m (nil: not counted).
func newBot(lib *library.Library, feedback string, crawler *feeds.Crawler, log *slog.Logger, m *metrics.Metrics) (*bot.Bot, error) {
	if feedback == feedbackOff {
		feedback = ""
	}
	if feedback != "" {
		if err := os.MkdirAll(filepath.Dir(feedback), 0o755); err != nil {
			return nil, fmt.Errorf("feedback log: %w", err)
		}
	}
	cfg := bot.Config{Logger: log, Feedback: bot.NewFeedbackLog(feedback), Metrics: m}
	if crawler != nil { // a nil *Crawler in the interface would not be nil
		cfg.Feeds = crawler
	}
	return bot.New(lib, cfg), nil
}

// runServe runs the Discord bot: on the gateway, or with --http as an
// interactions endpoint.
func runServe(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	o, err := addOperateFlags(fs, getenv)
	if err != nil {
		return err
	}
	httpAddr := fs.String("http", "", "serve Discord's HTTP interactions endpoint on `ADDR` (e.g. :8080) instead of the gateway")
	httpPath := fs.String("path", "/", "with --http, the endpoint's URL `PATH`; other paths get 404")
	verbose := fs.Bool("v", false, "log more")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	if err := o.check(); err != nil {
		return err
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
	var ln net.Listener
	if *httpAddr != "" {
		if env.publicKey == "" {
			return usagef("serve --http needs DISCORD_PUBLIC_KEY: the Public Key under General Information in the developer portal")
		}
		if key, err = bot.ParsePublicKey(env.publicKey); err != nil {
			return usageError{err.Error()}
		}
		if err := checkListenAddr(*httpAddr); err != nil {
			return err
		}
		if !strings.HasPrefix(*httpPath, "/") {
			return usagef("serve --path %q: a URL path starts with /", *httpPath)
		}
		// Listen before anything else starts, so that a port in use is the
		// first and only thing said.
		if ln, err = net.Listen("tcp", *httpAddr); err != nil {
			return fmt.Errorf("serve --http: %w", err)
		}
		defer ln.Close()
	}

	lib, err := openServing(ctx, p, o, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := lib.Close(); err != nil {
			log.Error("closing the index", "err", err)
		}
		log.Info("index closed; newsbot stopped")
	}()
	m := metrics.New(lib.Status)
	stopAdmin, err := startAdmin(o.admin, m, log)
	if err != nil {
		return err
	}
	defer stopAdmin()
	// Feeds are followed where the corpus is: at the writer, not at a
	// read-only replica.
	var crawler *feeds.Crawler
	if !o.readOnly {
		if crawler, err = newCrawler(p, fenv, false, log, countFeedErrors(m)); err != nil {
			return err
		}
	}
	b, err := newBot(lib, env.feedback, crawler, log, m)
	if err != nil {
		return err
	}
	if *httpAddr != "" {
		stopKeepingUp := keepUp(ctx, lib, o, log, nil)
		defer stopKeepingUp()
		if crawler != nil {
			stopPolling := startPolling(ctx, crawler, fenv, log)
			defer stopPolling()
		}
		return serveHTTP(ctx, b, ln, *httpPath, key, env, log, m, o.drain)
	}
	// The answers outlive the signal: Shutdown drains them, then cancels.
	g, err := bot.ConnectGateway(context.WithoutCancel(ctx), b, bot.GatewayConfig{
		Token: env.token, AppID: env.appID, GuildID: env.guildID,
		ShardID: env.shardID, ShardCount: env.shardCount, Logger: log,
	})
	if errors.Is(err, bot.ErrTokenMissing) || errors.Is(err, bot.ErrTokenRejected) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	stopKeepingUp := keepUp(ctx, lib, o, log, announcer(g, lib, env.newsChannel, log))
	defer stopKeepingUp()
	if crawler != nil {
		stopPolling := startPolling(ctx, crawler, fenv, log)
		defer stopPolling()
	}
	log.Info("newsbot is serving on the gateway; Ctrl-C stops it", "reads_all_messages", g.ReadsAllMessages)
	<-ctx.Done()
	log.Info("shutting down: draining the interactions in flight", "for_at_most", o.drain)
	m.ShuttingDown()
	drain, cancel := context.WithTimeout(context.Background(), o.drain)
	defer cancel()
	if err := g.Shutdown(drain); err != nil {
		log.Warn("gateway shutdown", "err", err)
	}
	return nil
}

// serveHTTP serves the interactions endpoint until ctx ends. With a token
// it registers the commands first; without one it serves and warns.
func serveHTTP(ctx context.Context, b *bot.Bot, ln net.Listener, path string, key []byte, env discordEnv, log *slog.Logger, m *metrics.Metrics, drain time.Duration) error {
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
	h := bot.NewHTTPHandler(b, bot.HTTPConfig{PublicKey: key, Logger: log, Health: m.HealthHandler(), Path: path})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 16 << 10}
	log.Info("newsbot is serving Discord interactions over HTTP; set the Interactions Endpoint URL in the developer portal", "addr", ln.Addr().String(), "path", path)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		h.Close()
		return fmt.Errorf("serve --http: %w", err)
	case <-ctx.Done():
	}
	// Readiness fails first, then the listener closes; requests being
	// answered and deferred answers get until the drain bound.
	log.Info("shutting down: draining the interactions in flight", "for_at_most", drain)
	m.ShuttingDown()
	shutdown, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Warn("requests still open when the drain ended; closing them", "err", err)
		srv.Close()
	}
	if err := h.Shutdown(shutdown); err != nil {
		log.Warn("deferred answers still open when the drain ended; their askers were told", "err", err)
	}
	return nil
}

// logProgress logs a long build of the index every ten seconds.
func logProgress(log *slog.Logger) func(library.BuildProgress) {
	var last time.Duration
	return func(p library.BuildProgress) {
		switch {
		case p.Done:
			log.Info("index built", "articles", p.Indexed, "took", p.Elapsed.Round(time.Millisecond))
		case p.Elapsed-last >= 10*time.Second:
			last = p.Elapsed
			log.Info("building the index", "indexed", p.Indexed, "articles", p.Total, "elapsed", p.Elapsed.Round(time.Second))
		}
	}
}

// checkListenAddr tells a mistyped --http address before anything starts:
// "8080" instead of ":8080" once gave a misleading log line first.
func checkListenAddr(addr string) error {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		hint := ""
		if _, convErr := strconv.Atoi(addr); convErr == nil {
			hint = fmt.Sprintf(`; for port %s on every interface write ":%s"`, addr, addr)
		}
		return usagef("serve --http %q is not an address to listen on (HOST:PORT or :PORT)%s", addr, hint)
	}
	return nil
}

// watchCorpus keeps the index in step with the corpus folder, and re-scans
// it all on SIGHUP, until the returned function is called. When the folder
// cannot be watched at all, SIGHUP still re-scans it.
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
		err := lib.Watch(ctx, library.WatchOptions{Rescan: rescan, OnUpdate: onUpdate})
		if err == nil {
			return
		}
		log.Error("not watching the corpus folder for changes; send SIGHUP (or use /reindex) after changes to re-scan it", "err", err)
		for {
			select {
			case <-ctx.Done():
				return
			case <-rescan:
				log.Info("re-scanning the whole corpus")
				_, rep, err := lib.Sync(ctx)
				if err != nil {
					if ctx.Err() == nil {
						log.Error("re-scanning the corpus", "err", err)
					}
					continue
				}
				log.Info("index updated", "added", len(rep.Added), "updated", len(rep.Updated), "removed", len(rep.Removed))
				if onUpdate != nil && rep.Changed() {
					onUpdate(rep, false)
				}
			}
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
	interactive := isTerminal(stdout) && fs.NArg() == 0
	// Warnings about skipped files would land in the middle of the prompt:
	// in a session they are counted, and the count is shown at the start.
	var skips *skipCounter
	log := newLogger(stderr, false)
	if interactive {
		skips = newSkipCounter(log.Handler())
		log = slog.New(skips)
	}
	lib, err := openLibrary(ctx, p, log, stderr)
	if err != nil {
		return err
	}
	defer lib.Close()
	crawler, err := newCrawler(p, fenv, true, log, nil)
	if err != nil {
		return err
	}
	b, err := newBot(lib, envOr(getenv, "NEWSBOT_FEEDBACK", defaultFeedback), crawler, log, nil)
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
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	do := func(line string) error {
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "/help", "help":
			fmt.Fprintln(out, bot.ChatHelp)
			return nil
		case "/clear", "clear":
			if isTerminal(stdout) {
				fmt.Fprint(out, "\x1b[H\x1b[2J") // home, clear the screen
			}
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
		fmt.Fprintf(out, "newsbot chat on %s: %d articles. Type /help for the commands, exit to leave.\n", p.corpus, len(lib.Articles()))
		if n := skips.count(); n > 0 {
			them := "them"
			if n == 1 {
				them = "it"
			}
			fmt.Fprintf(out, "(%s in the corpus could not be read; `newsbot index` lists %s and why)\n", plural(n, "file", "files"), them)
		}
	}
	lines := newLineReader(ctx, stdin)
	for {
		if interactive {
			fmt.Fprint(out, "> ")
		}
		out.Flush()
		l, ok, err := lines.next(ctx)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if l.tooLong > 0 {
			fmt.Fprintf(out, "That line is %d bytes long; a line may have at most %d. It was skipped.\n", l.tooLong, maxLine)
			continue
		}
		switch strings.ToLower(strings.TrimSpace(l.text)) {
		case "/quit", "/exit", "quit", "exit":
			return nil
		}
		if err := do(l.text); err != nil {
			return err
		}
	}
	return nil
}

// skipCounter is a log handler that counts the files reported skipped, and
// passes every other record on.
type skipCounter struct {
	slog.Handler
	*skipped
}

// skipped are the paths of the files reported skipped, shared by a
// skipCounter and the handlers made from it.
type skipped struct {
	mu    sync.Mutex
	paths map[string]bool
}

func newSkipCounter(h slog.Handler) *skipCounter {
	return &skipCounter{Handler: h, skipped: &skipped{paths: map[string]bool{}}}
}

func (s *skipCounter) Handle(ctx context.Context, r slog.Record) error {
	if r.Message != corpus.SkippedFileMessage && r.Message != corpus.SkippedFolderMessage {
		return s.Handler.Handle(ctx, r)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "path" {
			s.paths[a.Value.String()] = true
		}
		return true
	})
	return nil
}

func (s *skipCounter) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn || s.Handler.Enabled(ctx, level)
}

func (s *skipCounter) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &skipCounter{Handler: s.Handler.WithAttrs(attrs), skipped: s.skipped}
}

func (s *skipCounter) WithGroup(name string) slog.Handler {
	return &skipCounter{Handler: s.Handler.WithGroup(name), skipped: s.skipped}
}

// count is how many files were reported skipped; 0 for a nil counter.
func (s *skipCounter) count() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.paths)
}

// plural is "1 file", "2 files".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
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
	fmt.Fprintf(stdout, "%s: %d 👍, %d 👎", plural(total, "vote", "votes"), s.Up, s.Down)
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
	if s.Superseded > 0 {
		fmt.Fprintf(stdout, "%s replaced by a later vote of the same user on the same answer (a user's last vote on an answer counts)\n",
			plural(s.Superseded, "vote was", "votes were"))
	}
	if s.Malformed > 0 {
		fmt.Fprintf(stdout, "%s skipped:\n", plural(s.Malformed, "line that is not a vote was", "lines that are not votes were"))
		for _, l := range s.Skipped {
			fmt.Fprintf(stdout, "  line %d: %s\n", l.Line, printable(l.Reason))
		}
		if more := s.Malformed - len(s.Skipped); more > 0 {
			fmt.Fprintf(stdout, "  and %d more\n", more)
		}
	}
	return nil
}
