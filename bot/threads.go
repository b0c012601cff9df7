package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/followup"
)

// Limits on what the gateway remembers of threads.
const (
	// maxThreads is how many threads' conversations are kept in memory;
	// the least recently used is forgotten first (and read back from its
	// messages if it speaks again).
	maxThreads = 1000
	// threadIdle is how long a thread's conversation is kept without a
	// message: the auto-archive time the bot gives its threads.
	threadIdle = 24 * time.Hour
	// threadArchiveMinutes is the auto-archive duration of a new thread.
	threadArchiveMinutes = 1440
	// historyLimit is how many thread messages are read back after a
	// restart (Discord's most per request).
	historyLimit = 100
)

// sessionThreads opens threads and posts in them through discordgo.
type sessionThreads struct{ s *discordgo.Session }

func (t sessionThreads) OpenThread(ctx context.Context, channelID, messageID, name string) (string, error) {
	ch, err := t.s.MessageThreadStartComplex(channelID, messageID,
		&discordgo.ThreadStart{Name: name, AutoArchiveDuration: threadArchiveMinutes}, discordgo.WithContext(ctx))
	if err != nil {
		var re *discordgo.RESTError
		if errors.As(err, &re) {
			switch {
			case re.Message != nil && re.Message.Code == discordgo.ErrCodeThreadAlreadyCreatedForThisMessage:
				return "", ErrThreadExists
			case re.Message != nil && (re.Message.Code == discordgo.ErrCodeMissingPermissions || re.Message.Code == discordgo.ErrCodeMissingAccess),
				re.Response != nil && re.Response.StatusCode == http.StatusForbidden:
				return "", ErrNoThreadPermission
			case re.Response != nil && re.Response.StatusCode == http.StatusBadRequest:
				// A DM, a thread inside a thread, a forum: no thread here.
				return "", ErrNoThreadPermission
			}
		}
		return "", fmt.Errorf("opening a thread: %s", Redact(err.Error()))
	}
	return ch.ID, nil
}

func (t sessionThreads) Post(ctx context.Context, channelID string, data *discordgo.InteractionResponseData, reply *discordgo.MessageReference) error {
	send := &discordgo.MessageSend{Content: data.Content, Embeds: data.Embeds, Components: data.Components,
		AllowedMentions: noMentions(), Reference: reply}
	if _, err := t.s.ChannelMessageSendComplex(channelID, send, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("posting to %s: %s", channelID, Redact(err.Error()))
	}
	return nil
}

// threadBook remembers, per channel, whether it is a follow-up thread and
// the thread's conversation; bounded in count and time. It holds no user.
type threadBook struct {
	mu      sync.Mutex
	entries map[string]*threadEntry
	now     func() time.Time
}

type threadEntry struct {
	mu     sync.Mutex // one follow-up at a time in a thread, in order
	ours   bool       // a thread started from one of the bot's answers
	parent string
	conv   *followup.Conversation // nil until read back
	used   time.Time
}

func newThreadBook() *threadBook {
	return &threadBook{entries: map[string]*threadEntry{}, now: time.Now}
}

// get returns the entry of a channel, or nil.
func (tb *threadBook) get(id string) *threadEntry {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	e := tb.entries[id]
	if e != nil && tb.now().Sub(e.used) > threadIdle {
		delete(tb.entries, id)
		return nil
	}
	if e != nil {
		e.used = tb.now()
	}
	return e
}

// put adds an entry, forgetting idle ones and the least recently used
// beyond maxThreads.
func (tb *threadBook) put(id string, e *threadEntry) *threadEntry {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if old := tb.entries[id]; old != nil {
		return old
	}
	now := tb.now()
	e.used = now
	if len(tb.entries) >= maxThreads {
		oldest := ""
		for k, x := range tb.entries {
			if now.Sub(x.used) > threadIdle {
				delete(tb.entries, k)
				continue
			}
			if oldest == "" || x.used.Before(tb.entries[oldest].used) {
				oldest = k
			}
		}
		if len(tb.entries) >= maxThreads && oldest != "" {
			delete(tb.entries, oldest)
		}
	}
	tb.entries[id] = e
	return e
}

// size is how many channels the book holds.
func (tb *threadBook) size() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return len(tb.entries)
}

// followUp takes a message that continues an answer: a reply to one of the
// bot's answers, or a question in a thread started from one. It reports
// whether it took the message; it answers in the background.
func (g *Gateway) followUp(m *discordgo.MessageCreate) bool {
	text := strings.TrimSpace(g.stripMention(m.Content))
	if text == "" {
		return false // nothing to read: no Message Content intent, no mention
	}
	ref := m.ReferencedMessage
	replyToAnswer := ref != nil && ref.Author != nil && ref.Author.ID == g.userID && isAnswer(ref)
	if m.GuildID != "" {
		e := g.threads.get(m.ChannelID)
		if e == nil {
			e = g.threads.put(m.ChannelID, g.checkThread(m.ChannelID))
		}
		if e.ours {
			// In a follow-up thread, a reply to one of its answers is one
			// more follow-up of the thread.
			if !replyToAnswer && !looksLikeQuestion(text) && !g.mentionsMe(m) {
				return false
			}
			if replyToAnswer {
				// A reply to one answer of the thread follows up that
				// answer, whichever came after it.
				g.inBackground(func(ctx context.Context) {
					conv := g.bot.Conversation(ctx, g.userID, []*discordgo.Message{ref})
					data, _ := g.bot.FollowUp(ctx, conv, text, m.Author.ID, m.ID)
					if err := g.bot.threads.Post(ctx, m.ChannelID, data, m.Reference()); err != nil {
						g.log.Error("answering a reply in a thread", "message", m.ID, "err", err)
					}
				})
				return true
			}
			g.inBackground(func(ctx context.Context) { g.answerInThread(ctx, m.ChannelID, e, text, m) })
			return true
		}
	}
	if replyToAnswer {
		g.inBackground(func(ctx context.Context) { g.answerReply(ctx, m, text) })
		return true
	}
	return false
}

// checkThread finds out whether a channel is a thread started from one of
// the bot's answers; a thread has the ID of the message it started from.
func (g *Gateway) checkThread(id string) *threadEntry {
	ctx, cancel := context.WithTimeout(g.ctx, 10*time.Second)
	defer cancel()
	ch, err := g.session.Channel(id, discordgo.WithContext(ctx))
	if err != nil || !ch.IsThread() || ch.ParentID == "" {
		if err != nil {
			g.log.Debug("looking up a channel", "channel", id, "err", Redact(err.Error()))
		}
		return &threadEntry{}
	}
	start, err := g.session.ChannelMessage(ch.ParentID, id, discordgo.WithContext(ctx))
	if err != nil || start.Author == nil || start.Author.ID != g.userID || !isAnswer(start) {
		return &threadEntry{parent: ch.ParentID}
	}
	return &threadEntry{ours: true, parent: ch.ParentID}
}

// answerInThread answers a follow-up in its thread, as a reply to it. The
// thread's conversation is read back from its messages the first time.
func (g *Gateway) answerInThread(ctx context.Context, thread string, e *threadEntry, text string, m *discordgo.MessageCreate) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conv == nil {
		e.conv = g.readBack(ctx, e.parent, thread)
	}
	data, _ := g.bot.FollowUp(ctx, e.conv, text, m.Author.ID, m.ID)
	if err := g.bot.threads.Post(ctx, thread, data, m.Reference()); err != nil {
		g.log.Error("answering a follow-up", "message", m.ID, "err", err)
	}
}

// answerReply answers a reply to one of the bot's answers: in the answer's
// thread, opened if need be; where no thread can be opened (a DM, no
// permission), as a reply in the channel.
func (g *Gateway) answerReply(ctx context.Context, m *discordgo.MessageCreate, text string) {
	ref := m.ReferencedMessage
	if m.GuildID != "" {
		thread, err := g.bot.threads.OpenThread(ctx, m.ChannelID, ref.ID, threadName(unescape(ref.Embeds[0].Title)))
		if errors.Is(err, ErrThreadExists) {
			thread, err = ref.ID, nil
		}
		if err == nil {
			e := g.threads.get(thread)
			if e == nil {
				e = g.threads.put(thread, &threadEntry{ours: true, parent: m.ChannelID})
			}
			e.mu.Lock()
			if e.conv == nil {
				e.conv = g.readBack(ctx, m.ChannelID, thread)
			}
			data, r := g.bot.FollowUp(ctx, e.conv, text, m.Author.ID, m.ID)
			e.mu.Unlock()
			// The reply stands in the channel, the answer in the thread:
			// say what it answers.
			data.Content = Truncate("-# Follow-up: “"+Escape(Truncate(r.Text, 200))+"”\n"+data.Content, MaxContent)
			if err := g.bot.threads.Post(ctx, thread, data, nil); err != nil {
				g.log.Error("answering a reply in its thread", "message", m.ID, "err", err)
			}
			return
		}
		if !errors.Is(err, ErrNoThreadPermission) {
			g.log.Warn("opening a thread for a reply", "message", m.ID, "err", err)
		}
	}
	conv := g.bot.Conversation(ctx, g.userID, []*discordgo.Message{ref})
	data, _ := g.bot.FollowUp(ctx, conv, text, m.Author.ID, m.ID)
	if err := g.bot.threads.Post(ctx, m.ChannelID, data, m.Reference()); err != nil {
		g.log.Error("answering a reply", "message", m.ID, "err", err)
	}
}

// readBack rebuilds a thread's conversation from the answer it started
// from and the bot's answers in it.
func (g *Gateway) readBack(ctx context.Context, parent, thread string) *followup.Conversation {
	var msgs []*discordgo.Message
	if parent != "" {
		if start, err := g.session.ChannelMessage(parent, thread, discordgo.WithContext(ctx)); err == nil {
			msgs = append(msgs, start)
		} else {
			g.log.Warn("reading a thread's first answer", "thread", thread, "err", Redact(err.Error()))
		}
	}
	later, err := g.session.ChannelMessages(thread, historyLimit, "", "", "", discordgo.WithContext(ctx))
	if err != nil {
		g.log.Warn("reading a thread's messages", "thread", thread, "err", Redact(err.Error()))
	}
	slices.Reverse(later) // Discord lists the newest first
	return g.bot.Conversation(ctx, g.userID, append(msgs, later...))
}

// stripMention removes the bot's own mention from a message.
func (g *Gateway) stripMention(content string) string {
	return mentionPattern.ReplaceAllStringFunc(content, func(s string) string {
		if strings.Trim(s, "<@!>") == g.userID {
			return ""
		}
		return s
	})
}

func (g *Gateway) mentionsMe(m *discordgo.MessageCreate) bool {
	for _, u := range m.Mentions {
		if u.ID == g.userID {
			return true
		}
	}
	return false
}

// inBackground runs f with a bounded context, counted for Close.
func (g *Gateway) inBackground(f func(ctx context.Context)) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		ctx, cancel := context.WithTimeout(g.ctx, time.Minute)
		defer cancel()
		f(ctx)
	}()
}
