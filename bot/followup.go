package bot

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/followup"
	"github.com/newsbot-dev/newsbot/metrics"
	"github.com/newsbot-dev/newsbot/timeline"
)

// What the bot says about follow-up threads.
const (
	msgThreadIntro = "Ask follow-ups here: “why?”, “when was that?”, “what happened next?”. " +
		"Each answer says in small print what your question was understood as; a question that names its own subject starts afresh."
	msgThreadIntroMention = " I can read only messages that mention me here: start each follow-up with @newsbot, or reply to one of my answers."
	msgNoThreadHere       = "I can't open a thread here (threads need a server channel where I have Create Public Threads and Send Messages in Threads). Reply to my answer instead: a reply is a follow-up."
	msgThreadOpen         = "Follow-up thread: <#%s>"
	msgNoDate             = "The corpus gives no date for the event just quoted, so it cannot tell what came %s it."
	msgNothingAround      = "No dated event in the corpus comes %s the event just quoted."
)

// threadButtonID is the custom ID of the "Follow up" button.
const threadButtonID = "thread:open"

// Threads is what the bot needs of Discord to continue answers in threads;
// the gateway provides it.
type Threads interface {
	// OpenThread starts a public thread from a message and returns its ID
	// (a message's thread has the message's ID). ErrThreadExists and
	// ErrNoThreadPermission say why it could not.
	OpenThread(ctx context.Context, channelID, messageID, name string) (string, error)
	// Post sends a message to a channel or thread, as a reply to reply
	// when it is set.
	Post(ctx context.Context, channelID string, data *discordgo.InteractionResponseData, reply *discordgo.MessageReference) error
}

// FollowUp answers text as a follow-up in conv: resolved against the
// conversation, answered as the question it was understood as, which the
// message says in small print, and remembered in conv. user is the asker,
// for the rate limit only; id names the message in logs.
func (b *Bot) FollowUp(ctx context.Context, conv *followup.Conversation, text, user, id string) (*discordgo.InteractionResponseData, followup.Resolution) {
	start := time.Now()
	r := conv.Resolve(text)
	if strings.TrimSpace(text) == "" {
		b.observe("followup", metrics.NoAnswer, start)
		return ephemeral("Please ask a question."), r
	}
	if !b.limiter.allow(user) {
		b.observe("followup", metrics.RateLimited, start)
		return ephemeral(msgRateLimit), r
	}
	data, err := b.followUp(ctx, conv, r)
	b.observe("followup", outcomeOf(data, err), start)
	if err != nil {
		return b.failure(&discordgo.Interaction{ID: id}, err), r
	}
	return data, r
}

func (b *Bot) followUp(ctx context.Context, conv *followup.Conversation, r followup.Resolution) (*discordgo.InteractionResponseData, error) {
	var data *discordgo.InteractionResponseData
	switch r.Kind {
	case followup.Next, followup.Before:
		d, err := b.around(ctx, conv, r)
		if err != nil {
			return nil, fmt.Errorf("what happened %s: %w", r.Kind, err)
		}
		data = d
	default:
		ans, err := b.svc.Answer(ctx, r.Command, r.Question, PerPage+1)
		if err != nil {
			return nil, fmt.Errorf("answering a follow-up: %w", err)
		}
		if len(ans.Passages) == 0 {
			data = ephemeral(msgNoAnswer)
		} else {
			data = answerMessage(ans, 1)
			conv.Record(r.Question, r.Command, &ans.Passages[0])
		}
	}
	if note := smallPrint(r); note != "" {
		data.Content = Truncate(note+"\n"+data.Content, MaxContent)
		data.Content = strings.TrimSuffix(data.Content, "\n")
	}
	return data, nil
}

// smallPrint says what a follow-up was understood as, in Discord's small
// print (subtext), so that the asker can see it and correct it.
func smallPrint(r followup.Resolution) string {
	if !r.Understood() {
		return ""
	}
	return "-# Understood as: " + Escape(Truncate(r.Question, 400))
}

// around answers "what happened next/before?" with the dated events just
// after or before the event the conversation last quoted.
func (b *Bot) around(ctx context.Context, conv *followup.Conversation, r followup.Resolution) (*discordgo.InteractionResponseData, error) {
	word := "after"
	if r.Kind == followup.Before {
		word = "before"
	}
	last, _ := conv.Last()
	var tls []*timeline.Timeline
	for _, topic := range followup.Topics(last.Subject, *r.Anchor) {
		tl, err := b.svc.Timeline(ctx, timeline.Request{Topic: topic, Limit: 60})
		if err != nil {
			return nil, fmt.Errorf("timeline of %q: %w", topic, err)
		}
		tls = append(tls, tl)
	}
	tl, anchor, err := followup.Story(ctx, b.svc, followup.Merge(tls...), *r.Anchor, conv.StoryArticles()...)
	if err != nil {
		return nil, err
	}
	steps, ok := followup.Around(tl, anchor, r.Kind, PerPage)
	if !ok {
		return ephemeral(fmt.Sprintf(msgNoDate, word)), nil
	}
	if len(steps) == 0 {
		return ephemeral(fmt.Sprintf(msgNothingAround, word)), nil
	}
	shown := &timeline.Timeline{Topic: r.Question}
	for _, s := range steps {
		shown.Events = append(shown.Events, timeline.Event{Words: s.Words, Text: s.Text, Citations: s.Citations})
	}
	data := timelineMessage(shown)
	data.Embeds[0].Title = Truncate(Escape(r.Question), MaxEmbedTitle)
	nearest := steps[0]
	if r.Kind == followup.Before {
		nearest = steps[len(steps)-1]
	}
	conv.RecordEvent(r.Question, nearest.Text, nearest.Citations[0])
	return data, nil
}

// quotedLine reads a timeline line back: its quoted sentence and its first
// source number.
var quotedLine = regexp.MustCompile(`“(.+?)” \[(\d+)\]`)

// Conversation reads a conversation back from messages, oldest first: the
// answers botID posted carry their question in the embed's title, their
// command in their buttons and their sources in the embed's fields, and
// the lead passage is read again from the corpus. Nothing else is needed,
// so a thread's conversation survives a restart without being stored.
func (b *Bot) Conversation(ctx context.Context, botID string, msgs []*discordgo.Message) *followup.Conversation {
	conv := &followup.Conversation{}
	for _, m := range msgs {
		if m == nil || m.Author == nil || m.Author.ID != botID || len(m.Embeds) == 0 || m.Embeds[0] == nil {
			continue
		}
		e := m.Embeds[0]
		question := unescape(e.Title)
		refs := refsIn(m.Embeds[:1])
		if question == "" || len(refs) == 0 {
			continue
		}
		lead := refs[0]
		isAround := strings.HasPrefix(question, "What happened after “") || strings.HasPrefix(question, "What happened before “")
		sentence := ""
		if isAround {
			lines := quotedLine.FindAllStringSubmatch(e.Description, -1)
			if len(lines) == 0 {
				continue
			}
			line := lines[0]
			if strings.HasPrefix(question, "What happened before") {
				line = lines[len(lines)-1]
			}
			n, _ := strconv.Atoi(line[2])
			if n < 1 || n > len(refs) {
				continue
			}
			lead, sentence = refs[n-1], unescape(line[1])
		}
		p, ok := b.passage(ctx, lead)
		if !ok {
			continue
		}
		if isAround {
			conv.RecordEvent(question, sentence, p.Citation)
			continue
		}
		conv.Record(question, commandOf(m.Components), &p)
	}
	return conv
}

// passage reads the paragraph a reference ("article#3") names.
func (b *Bot) passage(ctx context.Context, ref string) (newsbot.Passage, bool) {
	i := strings.LastIndexByte(ref, '#')
	if i < 0 {
		return newsbot.Passage{}, false
	}
	n, err := strconv.Atoi(ref[i+1:])
	if err != nil {
		return newsbot.Passage{}, false
	}
	a, found, err := b.svc.Article(ctx, ref[:i])
	if err != nil || !found || n < 1 || n > len(a.Paragraphs) {
		return newsbot.Passage{}, false
	}
	p := a.Paragraphs[n-1]
	return newsbot.Passage{
		Citation: newsbot.Citation{Article: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published, Paragraph: p.N},
		Section:  p.Section, Text: p.Text,
	}, true
}

// commandOf reads an answer's command from its vote buttons.
func commandOf(rows []discordgo.MessageComponent) newsbot.Command {
	for btn := range buttons(rows) {
		if rest, ok := strings.CutPrefix(btn.CustomID, "vote:up:"); ok {
			if cmd, ok := newsbot.ParseCommand(rest); ok {
				return cmd
			}
		}
	}
	return newsbot.Ask
}

// buttons yields the buttons in rows of message components, whether they
// were built here (values) or decoded from Discord's JSON (pointers).
func buttons(rows []discordgo.MessageComponent) iter.Seq[discordgo.Button] {
	return func(yield func(discordgo.Button) bool) {
		for _, row := range rows {
			var comps []discordgo.MessageComponent
			switch r := row.(type) {
			case discordgo.ActionsRow:
				comps = r.Components
			case *discordgo.ActionsRow:
				comps = r.Components
			}
			for _, c := range comps {
				var btn discordgo.Button
				switch b := c.(type) {
				case discordgo.Button:
					btn = b
				case *discordgo.Button:
					btn = *b
				default:
					continue
				}
				if !yield(btn) {
					return
				}
			}
		}
	}
}

// isAnswer reports whether a message is one of newsbot's answers: an embed
// with numbered sources.
func isAnswer(m *discordgo.Message) bool {
	return m != nil && len(m.Embeds) > 0 && len(refsIn(m.Embeds[:1])) > 0
}

// looksLikeQuestion reports whether a thread message asks something: it
// ends with a question mark or opens with a wh-word or an auxiliary. Other
// talk in a thread ("thanks!") is left alone.
func looksLikeQuestion(text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasSuffix(t, "?") {
		return true
	}
	first, _, _ := strings.Cut(strings.ToLower(t), " ")
	first = strings.Trim(first, ",.!")
	switch first {
	case "what", "which", "who", "whom", "whose", "where", "when", "why", "how", "did", "does", "do", "is", "was", "were", "are", "and", "tell":
		return true
	}
	return false
}

// threadName names a follow-up thread after its question, within
// Discord's 100 characters.
func threadName(question string) string {
	q := strings.Join(strings.Fields(question), " ")
	if q == "" {
		q = "Follow-up"
	}
	return Truncate(q, 100)
}

// threadPermissions are what the bot needs in a channel to continue an
// answer in a thread.
const threadPermissions = discordgo.PermissionCreatePublicThreads | discordgo.PermissionSendMessagesInThreads

// Errors a Threads implementation returns.
var (
	ErrThreadExists       = errors.New("a thread already exists for this message")
	ErrNoThreadPermission = errors.New("no permission to open a thread here")
)

// offerThread adds the "Follow up" button to an answer, when the bot can
// open threads and the answer has room for a button.
func (b *Bot) offerThread(data *discordgo.InteractionResponseData) {
	if b.threads == nil || data == nil || len(data.Embeds) == 0 || data.Flags&discordgo.MessageFlagsEphemeral != 0 || len(data.Components) == 0 {
		return
	}
	row, ok := data.Components[0].(discordgo.ActionsRow)
	if !ok || len(row.Components) >= 5 {
		return
	}
	row.Components = append([]discordgo.MessageComponent{discordgo.Button{Label: "Follow up", Style: discordgo.PrimaryButton,
		CustomID: threadButtonID, Emoji: &discordgo.ComponentEmoji{Name: "🧵"}}}, row.Components...)
	data.Components[0] = row
}

// openThread opens the follow-up thread of the answer whose button was
// pressed, and says where it is, only to the presser.
func (b *Bot) openThread(ctx context.Context, i *discordgo.Interaction, question string) (*discordgo.InteractionResponseData, error) {
	if b.threads == nil || i.Message == nil || i.GuildID == "" {
		return ephemeral(msgNoThreadHere), nil
	}
	id, err := b.threads.OpenThread(ctx, i.ChannelID, i.Message.ID, threadName(question))
	switch {
	case errors.Is(err, ErrThreadExists):
		return ephemeral(fmt.Sprintf(msgThreadOpen, i.Message.ID)), nil
	case errors.Is(err, ErrNoThreadPermission):
		return ephemeral(msgNoThreadHere), nil
	case err != nil:
		return nil, fmt.Errorf("follow-up thread for message %s: %w", i.Message.ID, err)
	}
	b.introduce(ctx, id)
	return ephemeral(fmt.Sprintf(msgThreadOpen, id)), nil
}

// introduce says in a new follow-up thread how to ask, and, without the
// Message Content intent, that follow-ups must mention the bot.
func (b *Bot) introduce(ctx context.Context, thread string) {
	intro := msgThreadIntro
	if !b.readsAllMessages.Load() {
		intro += msgThreadIntroMention
	}
	if err := b.threads.Post(ctx, thread, &discordgo.InteractionResponseData{Content: intro, AllowedMentions: noMentions()}, nil); err != nil {
		b.log.Warn("posting in a new follow-up thread", "thread", thread, "err", err)
	}
}
