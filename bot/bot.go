// Package bot is newsbot on Discord: slash commands, buttons and mentions
// answered with quoted, cited passages, through the gateway
// (github.com/bwmarrin/discordgo) or Discord's HTTP interactions endpoint.
// Bot turns an interaction into its response and knows no transport, so the
// gateway, the HTTP endpoint and the terminal chat mode give the same
// answers.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/metrics"
	"github.com/newsbot-dev/newsbot/timeline"
)

// Service is what the bot asks of newsbot; *library.Library is one.
type Service interface {
	Answer(ctx context.Context, cmd newsbot.Command, question string, k int) (*newsbot.Answer, error)
	Timeline(ctx context.Context, req timeline.Request) (*timeline.Timeline, error)
	Articles() []newsbot.Article
	Article(ctx context.Context, id string) (newsbot.Article, bool, error)
	Sync(ctx context.Context) (*corpus.Result, index.SyncReport, error)
}

// What the bot says when it does not answer. Each tells the user why.
const (
	msgNoAnswer        = "No passage in the corpus answers this question."
	msgNoEvents        = "No dated event in the corpus matches this topic."
	msgNoEventsInRange = "No event in the corpus is dated in that range."
	msgNoDatedEvents   = "No event in the corpus has a date."
	msgFromAfterTo     = "from: must come before to (from:2011-02 to:2011-10)."
	msgRateLimit       = "You are asking quickly: please wait a few seconds (5 questions per 10 seconds)."
	msgNotReady        = "The news index is being built. Please try again in a minute."
	msgInternal        = "Sorry, something went wrong on our side while answering. It has been logged."
	msgNoMore          = "There are no more passages for this question."
	msgNoArticle       = "That article is not in the corpus (any more)."
	msgNeedManage      = "Re-scanning the corpus needs the Manage Server permission."
	msgVoted           = "Thanks, your vote is recorded."
	msgVoteAgain       = "You have already voted this way on this answer; a vote counts once."
	msgVoteChange      = "Your vote on this answer is changed; only the last one counts."
	msgUnknown         = "This command or button is not one newsbot knows; it may be from an older version."
	msgReadOnly        = "This newsbot answers from a read-only copy of the index, which another newsbot process keeps up to date: re-index there (it follows the corpus folder by itself)."
)

// Config tunes a Bot.
type Config struct {
	Logger *slog.Logger
	// Feedback records 👍/👎 votes; nil records none.
	Feedback *FeedbackLog
	// RateBurst questions per RateWindow per user; defaults 5 per 10 s.
	RateBurst  int
	RateWindow time.Duration
	// Feeds serves /feeds, /follow and /unfollow; nil: the bot follows no feeds.
	Feeds FeedService
	// Metrics counts interactions by command and outcome, and times them;
	// nil counts nothing.
	Metrics *metrics.Metrics
}

// Bot answers Discord interactions from a Service.
type Bot struct {
	svc      Service
	log      *slog.Logger
	feedback *FeedbackLog
	limiter  *userLimiter
	feeds    FeedService
	// threads continues answers in threads; nil where Discord cannot be
	// asked (HTTP mode, the terminal).
	threads Threads
	// readsAllMessages: the Message Content intent was granted, so thread
	// messages that do not mention the bot can be read.
	readsAllMessages atomic.Bool
	metrics          *metrics.Metrics
	// seen are the interactions received lately, so that a replay of one
	// is refused (see HTTPHandler and Gateway).
	seen *recentIDs
}

// New returns a Bot over svc.
func New(svc Service, cfg Config) *Bot {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = 5
	}
	if cfg.RateWindow <= 0 {
		cfg.RateWindow = 10 * time.Second
	}
	if cfg.Feedback == nil {
		cfg.Feedback = NewFeedbackLog("") // votes still count once each, in memory
	}
	return &Bot{svc: svc, log: cfg.Logger, feedback: cfg.Feedback, limiter: newUserLimiter(cfg.RateBurst, cfg.RateWindow),
		feeds: cfg.Feeds, metrics: cfg.Metrics, seen: newRecentIDs(maxRecentIDs)}
}

// Handle returns the response to an interaction. It never fails: what
// goes wrong is logged with the interaction ID and told to the user in
// a short ephemeral reply.
//
// Every field that comes from Discord is checked before it is used, and a
// panic while answering (a bug) is recovered: it is logged with the
// interaction ID and the stack, and the user gets the short apology. One
// bad interaction never ends the process.
func (b *Bot) Handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	if i == nil {
		return apology(nil)
	}
	start := time.Now()
	defer func() {
		if v := recover(); v != nil {
			logPanic(b.log, "interaction", i.ID, v)
			b.observe(commandLabel(i), metrics.Error, start)
			resp = apology(i)
		}
	}()
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommandAutocomplete:
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: b.autocomplete(i)}}
		b.observe(commandLabel(i), metrics.Answered, start)
		return resp
	}
	data, err := b.respond(ctx, i)
	b.observe(commandLabel(i), outcomeOf(data, err), start)
	if err != nil {
		data = b.failure(i, err)
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

// Deferred is the response that buys time when an answer may take longer
// than Discord's 3 seconds; the answer then replaces it. It is ephemeral
// when the answer will be.
func Deferred(i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions()}}
	if i.Type == discordgo.InteractionMessageComponent || i.Type == discordgo.InteractionApplicationCommand && ephemeralCommands[commandName(i)] {
		resp.Data.Flags = discordgo.MessageFlagsEphemeral
	}
	return resp
}

// ephemeralCommands answer only the member who used them.
var ephemeralCommands = map[string]bool{"reindex": true, "follow": true, "unfollow": true}

// errRateLimited is returned for a user over the rate limit.
var errRateLimited = errors.New("rate limited")

// failure turns an error into what the user is told, and logs it.
func (b *Bot) failure(i *discordgo.Interaction, err error) *discordgo.InteractionResponseData {
	switch {
	case errors.Is(err, errRateLimited):
		return ephemeral(msgRateLimit)
	case errors.Is(err, library.ErrNotReady):
		return ephemeral(msgNotReady)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		b.log.Warn("interaction timed out", "interaction", i.ID, "err", err)
		return ephemeral(msgInternal)
	}
	b.log.Error("interaction failed", "interaction", i.ID, "err", err)
	return ephemeral(msgInternal)
}

// userOf is the ID of whoever caused the interaction.
func userOf(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

func (b *Bot) respond(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponseData, error) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return b.command(ctx, i)
	case discordgo.InteractionMessageComponent:
		return b.component(ctx, i)
	}
	return ephemeral(msgUnknown), nil
}

func (b *Bot) command(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponseData, error) {
	data, ok := commandData(i)
	if !ok {
		return ephemeral(msgUnknown), nil
	}
	opts := stringOptions(data.Options)
	switch data.Name {
	case "ask", "why", "when":
		if !b.limiter.allow(userOf(i)) {
			return nil, errRateLimited
		}
		cmd, _ := newsbot.ParseCommand(data.Name)
		resp, err := b.answer(ctx, cmd, opts["question"], 1)
		if err == nil && i.GuildID != "" && i.AppPermissions&threadPermissions == threadPermissions {
			b.offerThread(resp)
		}
		return resp, err
	case "timeline":
		if !b.limiter.allow(userOf(i)) {
			return nil, errRateLimited
		}
		return b.timeline(ctx, opts["topic"], opts["from"], opts["to"])
	case "sources":
		return b.sources(), nil
	case "source":
		return b.source(ctx, opts["article"])
	case "reindex":
		return b.reindex(ctx, i)
	case "feeds":
		return b.feedList()
	case "follow":
		return b.follow(ctx, i, opts["url"])
	case "unfollow":
		return b.unfollow(ctx, i, opts["url"])
	}
	return ephemeral(msgUnknown), nil
}

// Question answers a question asked in a message that mentions the bot:
// the intent comes from its first wh-word. user is the asker's ID.
func (b *Bot) Question(ctx context.Context, question, user, interactionID string) (data *discordgo.InteractionResponseData) {
	start := time.Now()
	defer func() {
		if v := recover(); v != nil {
			logPanic(b.log, "question", interactionID, v)
			b.observe("mention", metrics.Error, start)
			data = ephemeral(msgInternal)
		}
	}()
	if !b.limiter.allow(user) {
		b.observe("mention", metrics.RateLimited, start)
		return ephemeral(msgRateLimit)
	}
	data, err := b.answer(ctx, answer.Intent(question), question, 1)
	b.observe("mention", outcomeOf(data, err), start)
	if err != nil {
		return b.failure(&discordgo.Interaction{ID: interactionID}, err)
	}
	return data
}

func (b *Bot) answer(ctx context.Context, cmd newsbot.Command, question string, page int) (*discordgo.InteractionResponseData, error) {
	question = strings.TrimSpace(question)
	if question == "" {
		return ephemeral("Please ask a question."), nil
	}
	ans, err := b.svc.Answer(ctx, cmd, question, page*PerPage+1) // one more tells whether a next page exists
	if err != nil {
		return nil, err
	}
	if len(ans.Passages) == 0 {
		return ephemeral(msgNoAnswer), nil
	}
	if len(ans.Passages) <= (page-1)*PerPage {
		return ephemeral(msgNoMore), nil
	}
	msg := answerMessage(ans, page)
	if page > 1 {
		msg.Flags = discordgo.MessageFlagsEphemeral
	}
	return msg, nil
}

func (b *Bot) timeline(ctx context.Context, topic, from, to string) (*discordgo.InteractionResponseData, error) {
	req := timeline.Request{Topic: topic}
	var err error
	if req.From, _, err = timeline.ParseBound(from); err != nil {
		return ephemeral("from: " + Truncate(err.Error(), 200)), nil
	}
	if _, req.To, err = timeline.ParseBound(to); err != nil {
		return ephemeral("to: " + Truncate(err.Error(), 200)), nil
	}
	if !req.From.IsZero() && !req.To.IsZero() && !req.From.Before(req.To) {
		return ephemeral(msgFromAfterTo), nil
	}
	tl, err := b.svc.Timeline(ctx, req)
	if err != nil {
		return nil, err
	}
	if tl.RangeExcludes() {
		return ephemeral(Escape(Truncate(tl.RangeNote(req.From, req.To), 1000))), nil
	}
	if len(tl.Events)+len(tl.Undated) == 0 {
		if tl.Topic == "" && (!req.From.IsZero() || !req.To.IsZero()) {
			return ephemeral(msgNoEventsInRange), nil
		}
		if tl.Topic == "" {
			return ephemeral(msgNoDatedEvents), nil
		}
		return ephemeral(msgNoEvents), nil
	}
	return timelineMessage(tl), nil
}

// sources lists what the corpus holds.
func (b *Bot) sources() *discordgo.InteractionResponseData {
	articles := b.svc.Articles()
	if len(articles) == 0 {
		return ephemeral("The corpus is empty.")
	}
	var lines []string
	for k, a := range articles {
		if k == 10 {
			break
		}
		lines = append(lines, citationLine(k+1, newsbot.Citation{Article: a.ID, Title: a.Title, URL: a.URL, Published: a.Published, Copies: a.Copies}, 100))
	}
	embed := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("The corpus holds %s", count(len(articles), "article", "articles")),
		Description: Truncate("Newest first, by publication date (undated articles last):\n"+strings.ReplaceAll(strings.Join(lines, "\n"), ", ¶0", ""), MaxEmbedDescription),
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Use /source to read one article"},
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, AllowedMentions: noMentions()}
}

// count is "1 paragraph", "2 paragraphs".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// findArticle resolves an article ID or an articleKey digest. The ID of
// one of an article's copies (another file holding it, which a citation or
// report may show) resolves to the article.
func (b *Bot) findArticle(key string) (string, bool) {
	articles := b.svc.Articles()
	for _, a := range articles {
		if a.ID == key || articleKey(a.ID) == key {
			return a.ID, true
		}
	}
	for _, a := range articles {
		for _, c := range a.Copies {
			if c.ID == key || articleKey(c.ID) == key {
				return a.ID, true
			}
		}
	}
	return "", false
}

// source shows one article's paragraphs, as many as fit.
func (b *Bot) source(ctx context.Context, key string) (*discordgo.InteractionResponseData, error) {
	id, ok := b.findArticle(key)
	if !ok {
		// Typed, not picked: match a title.
		for _, a := range b.svc.Articles() {
			if strings.EqualFold(a.Title, strings.TrimSpace(key)) {
				id, ok = a.ID, true
				break
			}
		}
	}
	if !ok {
		return ephemeral(msgNoArticle), nil
	}
	a, found, err := b.svc.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	if !found {
		return ephemeral(msgNoArticle), nil
	}
	date := "date unknown"
	if !a.Published.IsZero() {
		date = a.Published.Format("2 January 2006")
	}
	head := &discordgo.MessageEmbed{Title: Truncate(Escape(a.Title), MaxEmbedTitle), Color: embedColor,
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%s · %s · %s", date, count(len(a.Paragraphs), "paragraph", "paragraphs"), footerText)}}
	if strings.HasPrefix(a.URL, "http") {
		head.URL = a.URL
	}
	room := MaxEmbedTotal - embedSize(head) - 50
	var parts []string
	shown := 0
	for _, p := range a.Paragraphs {
		line := fmt.Sprintf("**¶%d** %s", p.N, Escape(p.Text))
		if Runes(line)+1 > room {
			if shown == 0 {
				parts = append(parts, Truncate(line, room))
				shown++
			}
			break
		}
		parts = append(parts, line)
		room -= Runes(line) + 2
		shown++
	}
	head.Description = Truncate(strings.Join(parts, "\n\n"), MaxEmbedDescription)
	if shown < len(a.Paragraphs) {
		head.Footer.Text = fmt.Sprintf("%s · paragraphs 1–%d of %d · %s", date, shown, len(a.Paragraphs), footerText)
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{head}, AllowedMentions: noMentions()}, nil
}

// autocomplete offers article titles that contain what was typed.
func (b *Bot) autocomplete(i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	data, _ := commandData(i)
	typed := strings.ToLower(strings.TrimSpace(focusedText(data.Options)))
	if data.Name == "unfollow" {
		return b.feedChoices(typed)
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, a := range b.svc.Articles() {
		if len(choices) == MaxChoices {
			break
		}
		if typed != "" && !strings.Contains(strings.ToLower(a.Title), typed) {
			continue
		}
		name := a.Title
		if name == "" {
			name = a.ID
		}
		if hasControl(name) { // a choice is one line
			name = strings.Join(strings.FieldsFunc(strings.ToValidUTF8(name, "\uFFFD"), unicode.IsControl), " ")
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(name, MaxChoiceName), Value: articleKey(a.ID)})
	}
	return choices
}

// reindex re-scans the corpus for members allowed to manage the server.
// canManage reports whether the member may use the commands for Manage
// Server (/reindex, /follow, /unfollow). Discord hides them from others
// (default_member_permissions), but a server can override that: check
// again here.
func canManage(i *discordgo.Interaction) bool {
	return i.Member != nil && i.Member.Permissions&discordgo.PermissionManageGuild != 0
}

func (b *Bot) reindex(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponseData, error) {
	if !canManage(i) {
		return ephemeral(msgNeedManage), nil
	}
	res, rep, err := b.svc.Sync(ctx)
	if errors.Is(err, index.ErrReadOnly) {
		return ephemeral(msgReadOnly), nil
	}
	if err != nil {
		return nil, err
	}
	b.log.Info("corpus re-scanned", "interaction", i.ID, "added", len(rep.Added), "updated", len(rep.Updated), "removed", len(rep.Removed))
	return ephemeral(fmt.Sprintf("Re-scanned the corpus: %d added, %d updated, %d removed, %d unchanged; %d files skipped.",
		len(rep.Added), len(rep.Updated), len(rep.Removed), rep.Unchanged, len(res.Skipped))), nil
}

// component handles the buttons under an answer.
func (b *Bot) component(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponseData, error) {
	data, ok := componentData(i)
	if !ok {
		return ephemeral(msgUnknown), nil
	}
	parts := strings.SplitN(data.CustomID, ":", 3)
	embeds := messageEmbeds(i)
	question := ""
	if len(embeds) > 0 {
		question = unescape(embeds[0].Title)
	}
	switch {
	case data.CustomID == threadButtonID:
		return b.openThread(ctx, i, question)
	case len(parts) == 3 && parts[0] == "more":
		cmd, ok := newsbot.ParseCommand(parts[1])
		page, err := strconv.Atoi(parts[2])
		if !ok || err != nil || page < 2 || page > 20 || question == "" {
			return ephemeral(msgUnknown), nil
		}
		if !b.limiter.allow(userOf(i)) {
			return nil, errRateLimited
		}
		return b.answer(ctx, cmd, question, page)
	case len(parts) == 3 && parts[0] == "full":
		n, err := strconv.Atoi(parts[1])
		articleID, ok := b.findArticle(parts[2])
		if err != nil || !ok {
			return ephemeral(msgNoArticle), nil
		}
		a, found, err := b.svc.Article(ctx, articleID)
		if err != nil {
			return nil, err
		}
		if !found || n < 1 || n > len(a.Paragraphs) {
			return ephemeral(msgNoArticle), nil
		}
		return paragraphMessage(a, a.Paragraphs[n-1]), nil
	case len(parts) == 3 && parts[0] == "vote" && (parts[1] == "up" || parts[1] == "down"):
		user, answerID := userOf(i), messageID(i)
		if user == "" || answerID == "" || question == "" {
			return ephemeral(msgUnknown), nil // not under an answer newsbot can read
		}
		v := Vote{Time: time.Now().UTC(), Command: parts[2], Question: question, Passages: refsIn(embeds), Vote: parts[1]}
		switch cast, err := b.feedback.Cast(user, answerID, v); {
		case err != nil:
			return nil, err
		case cast == VoteRepeated:
			return ephemeral(msgVoteAgain), nil
		case cast == VoteChanged:
			return ephemeral(msgVoteChange), nil
		}
		return ephemeral(msgVoted), nil
	}
	return ephemeral(msgUnknown), nil
}
