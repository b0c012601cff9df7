package bot

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/bot/discordtest"
)

// threadPerms are the permissions Discord reports for the bot in a
// channel where it may open threads.
const threadPerms = discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory |
	discordgo.PermissionCreatePublicThreads | discordgo.PermissionSendMessagesInThreads

// gatewayOn connects a new bot (a fresh process, as after a restart) to an
// existing stand-in, once the connections of closed bots are gone, so that
// it ends with conns connections, the new one among them.
func gatewayOn(t *testing.T, stand *discordtest.Server, svc Service, conns int) *Gateway {
	t.Helper()
	if !stand.Disconnected(conns-1, wait) {
		t.Fatal("a closed bot is still connected")
	}
	g, err := ConnectGateway(context.Background(), New(svc, Config{}), GatewayConfig{Token: testToken, HTTPClient: stand.Client()})
	if err != nil {
		t.Fatalf("connecting: %v", err)
	}
	if !stand.Connected(conns, wait) {
		t.Fatal("no gateway connection")
	}
	return g
}

// postAnswer asks a slash command and puts the answer into the channel as
// Discord would, returning the message.
func postAnswer(t *testing.T, stand *discordtest.Server, id, cmd, question string) *discordgo.Message {
	t.Helper()
	i := slash(id, cmd, map[string]string{"question": question}, 0)
	i.AppPermissions = threadPerms
	resp, _ := callback(t, stand, i)
	if len(resp.Data.Embeds) == 0 {
		t.Fatalf("/%s %q: no answer", cmd, question)
	}
	return stand.AddMessage("55", &discordgo.Message{Author: &discordgo.User{ID: botUserID, Bot: true}, Embeds: resp.Data.Embeds,
		Components: resp.Data.Components, GuildID: "42"})
}

// say dispatches a user's message; the stand-in gives it a new ID.
func say(t *testing.T, stand *discordtest.Server, channel, content string, ref *discordgo.Message, mention bool) {
	t.Helper()
	m := &discordgo.Message{ChannelID: channel, GuildID: "42", Content: content,
		Author: &discordgo.User{ID: "user-1", Username: "asker"}}
	if mention {
		m.Mentions = []*discordgo.User{{ID: botUserID}}
		m.Content = "<@" + botUserID + "> " + content
	}
	if ref != nil {
		m.ReferencedMessage = ref
		m.MessageReference = &discordgo.MessageReference{MessageID: ref.ID, ChannelID: ref.ChannelID, GuildID: "42"}
		m.Type = discordgo.MessageTypeReply
	}
	stand.AddMessage(channel, m)
	if err := stand.Dispatch("MESSAGE_CREATE", m); err != nil {
		t.Fatal(err)
	}
}

// embedText is everything an answer message shows.
func embedText(m *discordgo.Message) string {
	all := m.Content
	for _, e := range m.Embeds {
		all += "\n" + e.Title + "\n" + e.Description
		for _, f := range e.Fields {
			all += "\n" + f.Value
		}
	}
	return all
}

func TestFollowUpThread(t *testing.T) {
	lib := sampleLibrary(t)
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, lib, 1)

	answer := postAnswer(t, stand, "601", "ask", "What did North Korea blow up?")
	if commandOf(answer.Components) != "ask" {
		t.Fatalf("answer buttons %+v", answer.Components)
	}
	if !strings.Contains(buttonIDs(answer.Components), threadButtonID) {
		t.Fatal("no Follow up button under an answer where threads are allowed")
	}

	// The button opens a thread from the answer, named after the question.
	resp, raw := callback(t, stand, press("602", threadButtonID, answer))
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "<#"+answer.ID+">") {
		t.Fatalf("button reply: %s", raw)
	}
	threads := stand.Threads()
	if len(threads) != 1 || threads[0].ID != answer.ID || threads[0].ParentID != "55" || threads[0].Name != "What did North Korea blow up?" || threads[0].AutoArchiveDuration != 1440 {
		t.Fatalf("threads = %+v", threads)
	}
	intro, ok := stand.MessagesIn(answer.ID, 1, wait)
	if !ok || !strings.Contains(intro[0].Content, "Ask follow-ups here") {
		t.Fatalf("no introduction in the thread: %+v", intro)
	}
	// Pressed again: the same thread.
	resp, _ = callback(t, stand, press("603", threadButtonID, answer))
	if !strings.Contains(resp.Data.Content, "<#"+answer.ID+">") || len(stand.Threads()) != 1 {
		t.Fatalf("second press: %q, %d threads", resp.Data.Content, len(stand.Threads()))
	}

	// A pronoun follow-up in the thread: the leaflets, with what it was
	// understood as in small print, as a reply to the question.
	say(t, stand, answer.ID, "why did they do that?", nil, false)
	msgs, ok := stand.MessagesIn(answer.ID, 3, wait)
	if !ok {
		t.Fatal("no answer in the thread")
	}
	why := msgs[2]
	if !strings.HasPrefix(why.Content, "-# Understood as: Why did North Korea blow up a building?") ||
		!strings.Contains(why.Embeds[0].Description, "leaflets over the border") || why.MessageReference == nil {
		t.Fatalf("follow-up answer:\n%s", embedText(why))
	}
	if !strings.Contains(embedText(why), "¶2 · `004_ad30c935bafc3323`") {
		t.Errorf("the leaflets paragraph is not cited:\n%s", embedText(why))
	}

	// A bare "when was that?": the date the corpus gives for the blow-up.
	say(t, stand, answer.ID, "when was that?", nil, false)
	if msgs, ok = stand.MessagesIn(answer.ID, 5, wait); !ok {
		t.Fatal("no answer to when was that?")
	}
	when := msgs[4]
	if !strings.Contains(when.Content, "When did North Korea blow up a building?") || !strings.Contains(when.Embeds[0].Description, "the day before publication (date unknown)") {
		t.Fatalf("when was that:\n%s", embedText(when))
	}

	// Talk that asks nothing is left alone: once the process has finished
	// all it was doing, the thread ends with the user's message.
	say(t, stand, answer.ID, "thanks, interesting", nil, false)
	if _, ok := stand.MessagesIn(answer.ID, 6, wait); !ok {
		t.Fatal("the small talk was not posted")
	}

	// Restart: a new process reads the conversation back from the thread.
	g.Close()
	if h := stand.History(answer.ID); len(h) != 6 || h[5].Author.ID == botUserID {
		t.Fatalf("the bot answered small talk: %d messages, the last %s", len(h), embedText(h[len(h)-1]))
	}
	g2 := gatewayOn(t, stand, lib, 1)
	t.Cleanup(func() { g2.Close() })
	say(t, stand, answer.ID, "what happened next?", nil, false)
	msgs, ok = stand.MessagesIn(answer.ID, 8, wait)
	if !ok {
		t.Fatalf("no answer after the restart; thread holds %d messages", len(msgs))
	}
	next := msgs[7]
	if !strings.Contains(next.Content, "What happened after “Then, yesterday, North Korea quite literally blew up a building") ||
		!strings.Contains(next.Embeds[0].Description, "in the coming months") {
		t.Fatalf("what happened next, after a restart:\n%s", embedText(next))
	}

	// A change of subject starts afresh: no small print.
	say(t, stand, answer.ID, "What did South Korea's Unification Minister say?", nil, false)
	if msgs, ok = stand.MessagesIn(answer.ID, 10, wait); !ok {
		t.Fatal("no answer to a change of subject")
	}
	fresh := msgs[9]
	if strings.Contains(fresh.Content, "Understood as") || !strings.Contains(fresh.Embeds[0].Description, "Kwon Young-se") {
		t.Fatalf("change of subject:\n%s", embedText(fresh))
	}
	// …and the next pronoun refers to the new subject.
	say(t, stand, answer.ID, "why did he say that?", nil, false)
	if msgs, ok = stand.MessagesIn(answer.ID, 12, wait); !ok {
		t.Fatal("no answer to why did he say that?")
	}
	if !strings.Contains(msgs[11].Content, "Why did South Korea's Unification Minister say") {
		t.Fatalf("pronoun after a change of subject:\n%s", embedText(msgs[11]))
	}
	// A reply, in the thread, to an earlier answer follows up that answer.
	say(t, stand, answer.ID, "why did they do that?", msgs[4], true)
	if msgs, ok = stand.MessagesIn(answer.ID, 14, wait); !ok {
		t.Fatal("no answer to a reply in the thread")
	}
	if !strings.Contains(msgs[13].Content, "Understood as: Why did North Korea blow up a building?") || msgs[13].MessageReference == nil {
		t.Fatalf("a reply to an earlier answer in the thread:\n%s", embedText(msgs[13]))
	}
	// Its answer is now the thread's latest, as a process reading the
	// thread back would see it: "when was that?" is about the blow-up.
	say(t, stand, answer.ID, "when was that?", nil, false)
	if msgs, ok = stand.MessagesIn(answer.ID, 16, wait); !ok {
		t.Fatal("no answer after the reply")
	}
	if !strings.Contains(msgs[15].Content, "Understood as: When did North Korea blow up a building?") {
		t.Fatalf("after a reply to an earlier answer:\n%s", embedText(msgs[15]))
	}
}

func TestReplyToAnswerIsAFollowUp(t *testing.T) {
	lib := sampleLibrary(t)
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, lib, 1)
	t.Cleanup(func() { g.Close() })

	// A reply (which mentions the bot, as Discord's replies do by default)
	// is answered in the answer's thread, opened for it, which opens as
	// every follow-up thread does: saying how to ask.
	answer := postAnswer(t, stand, "701", "ask", "What did North Korea blow up?")
	say(t, stand, "55", "why did they do that?", answer, true)
	msgs, ok := stand.MessagesIn(answer.ID, 2, wait)
	if !ok {
		t.Fatalf("no introduction and answer in a thread: %d messages", len(msgs))
	}
	if !strings.Contains(msgs[0].Content, "Ask follow-ups here") {
		t.Errorf("a thread opened for a reply does not say how to ask: %q", msgs[0].Content)
	}
	if len(stand.Threads()) != 1 || !strings.Contains(msgs[1].Content, "Follow-up: “why did they do that?”") ||
		!strings.Contains(msgs[1].Content, "Understood as: Why did North Korea blow up a building?") ||
		!strings.Contains(msgs[1].Embeds[0].Description, "leaflets") {
		t.Fatalf("reply answered as:\n%s", embedText(msgs[1]))
	}

	// Where threads are not allowed, the reply is answered as a reply.
	stand.SetDenyThreads(true)
	answer2 := postAnswer(t, stand, "702", "ask", "What did North Korea blow up?")
	say(t, stand, "55", "when was that?", answer2, true)
	var reply *discordgo.Message
	waitFor(wait, func() bool {
		for _, m := range stand.History("55") {
			if m.Author != nil && m.Author.ID == botUserID && m.MessageReference != nil {
				reply = m
			}
		}
		return reply != nil
	})
	if reply == nil || !strings.Contains(reply.Content, "When did North Korea blow up a building?") || len(stand.Threads()) != 1 {
		t.Fatalf("reply without threads: %+v", reply)
	}
}

func TestThreadButtonWithoutPermission(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	stand.DenyThreads = true
	g := gatewayOn(t, stand, sampleLibrary(t), 1)
	t.Cleanup(func() { g.Close() })
	answer := postAnswer(t, stand, "801", "why", "Why did North Korea blow up the building?")
	resp, _ := callback(t, stand, press("802", threadButtonID, answer))
	if !strings.Contains(resp.Data.Content, "Create Public Threads") || len(stand.Threads()) != 0 {
		t.Fatalf("without permission: %q", resp.Data.Content)
	}
	// Where Discord says the bot may not open threads, no button is offered.
	i := slash("803", "ask", map[string]string{"question": "What did North Korea blow up?"}, 0)
	i.AppPermissions = discordgo.PermissionSendMessages
	resp, _ = callback(t, stand, i)
	if strings.Contains(buttonIDs(resp.Data.Components), threadButtonID) {
		t.Fatal("Follow up offered without Create Public Threads")
	}
}

// buttonIDs lists the custom IDs of the buttons in rows, however decoded.
func buttonIDs(rows []discordgo.MessageComponent) string {
	var ids []string
	for b := range buttons(rows) {
		ids = append(ids, b.CustomID)
	}
	return strings.Join(ids, " ")
}

func TestThreadBookIsBounded(t *testing.T) {
	tb := newThreadBook()
	now := time.Date(2026, 2, 21, 12, 0, 0, 0, time.UTC)
	tb.now = func() time.Time { return now }
	for k := 0; k < 3*maxThreads; k++ {
		now = now.Add(time.Second)
		tb.put(strconv.Itoa(k), &threadEntry{ours: true})
	}
	if n := tb.size(); n != maxThreads {
		t.Fatalf("%d threads kept, want %d", n, maxThreads)
	}
	if tb.get("0") != nil || tb.get(strconv.Itoa(3*maxThreads-1)) == nil {
		t.Error("the least recently used thread was not the one forgotten")
	}
	// A thread quiet for longer than its auto-archive time is forgotten
	// (and read back from its messages if it speaks again).
	now = now.Add(threadIdle + time.Minute)
	if tb.get(strconv.Itoa(3*maxThreads-1)) != nil {
		t.Error("an idle thread is still remembered")
	}
}

// Without the Message Content intent Discord sends the bot the content of
// messages that mention it and no other: the thread says to mention the
// bot, a follow-up that does not is not seen, and one that does is
// answered.
func TestFollowUpsWithoutMessageContent(t *testing.T) {
	lib := sampleLibrary(t)
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	stand.AllowMessageContent = false
	g := gatewayOn(t, stand, lib, 1)

	answer := postAnswer(t, stand, "901", "ask", "What did North Korea blow up?")
	callback(t, stand, press("902", threadButtonID, answer))
	intro, ok := stand.MessagesIn(answer.ID, 1, wait)
	if !ok || !strings.Contains(intro[0].Content, "start each follow-up with @newsbot") {
		t.Fatalf("the thread does not say to mention the bot: %+v", intro)
	}
	say(t, stand, answer.ID, "why did they do that?", nil, false)
	say(t, stand, answer.ID, "when was that?", nil, true)
	msgs, ok := stand.MessagesIn(answer.ID, 4, wait)
	if !ok || !strings.Contains(msgs[3].Content, "Understood as: When did North Korea blow up a building?") {
		t.Fatalf("a follow-up that mentions the bot is not answered: %d messages", len(msgs))
	}
	g.Close()
	if h := stand.History(answer.ID); len(h) != 4 {
		t.Errorf("the thread holds %d messages, want 4 (the unseen follow-up unanswered):\n%s", len(h), embedText(h[len(h)-1]))
	}
}

// A channel lookup that fails for a moment is not remembered as "not a
// follow-up thread": the next follow-up in the thread is answered.
func TestThreadLookupFailureIsNotRemembered(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, sampleLibrary(t), 1)
	t.Cleanup(func() { g.Close() })
	answer := postAnswer(t, stand, "1001", "ask", "What did North Korea blow up?")
	callback(t, stand, press("1002", threadButtonID, answer))
	if _, ok := stand.MessagesIn(answer.ID, 1, wait); !ok {
		t.Fatal("no thread")
	}

	// A new process, which knows nothing of the thread; Discord fails its
	// first look at the channel.
	g.Close()
	g2 := gatewayOn(t, stand, sampleLibrary(t), 1)
	t.Cleanup(func() { g2.Close() })
	stand.FailChannelLookups.Store(1)
	say(t, stand, answer.ID, "why did they do that?", nil, false)
	if !waitFor(wait, func() bool { return stand.FailChannelLookups.Load() == 0 }) {
		t.Fatal("the bot did not look the channel up")
	}
	say(t, stand, answer.ID, "when was that?", nil, false)
	var when *discordgo.Message
	waitFor(wait, func() bool {
		for _, m := range stand.History(answer.ID) {
			if m.Author.ID == botUserID && strings.Contains(m.Content, "Understood as: When did North Korea blow up a building?") {
				when = m
			}
		}
		return when != nil
	})
	if when == nil {
		t.Fatalf("after a failed lookup the thread is ignored: %d messages", len(stand.History(answer.ID)))
	}
}

// Talk that asks nothing costs no look at its channel; only a message
// that may follow up an answer does.
func TestSmallTalkCostsNoLookup(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, sampleLibrary(t), 1)
	t.Cleanup(func() { g.Close() })
	say(t, stand, "77", "lol nice one", nil, false)
	say(t, stand, "78", "why did North Korea blow up the building?", nil, true)
	if _, ok := stand.MessagesIn("78", 2, wait); !ok {
		t.Fatal("the mention was not answered")
	}
	if n := stand.ChannelLookups.Load(); n != 1 {
		t.Errorf("%d channel lookups, want 1 (for the mention, not the small talk)", n)
	}
}

// waitFor polls cond every few milliseconds until it holds or timeout
// passes.
func waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// The Follow up button goes under a mention's answer only where a thread
// can be opened from it: in a server channel, not in a DM nor in a thread
// (Discord has no threads in threads).
func TestMentionAnswerOffersAThreadOnlyWhereOneCanOpen(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, sampleLibrary(t), 1)
	t.Cleanup(func() { g.Close() })
	talk := stand.AddMessage("55", &discordgo.Message{GuildID: "42", Content: "North Korea, huh", Author: &discordgo.User{ID: "user-2"}})
	stand.AddThread("55", talk.ID, "talk")
	for _, c := range []struct {
		channel, guild string
		button         bool
	}{{"55", "42", true}, {"dm-1", "", false}, {talk.ID, "42", false}} {
		m := &discordgo.Message{ChannelID: c.channel, GuildID: c.guild, Content: "<@" + botUserID + "> why did North Korea blow up the building?",
			Author: &discordgo.User{ID: "user-3"}, Mentions: []*discordgo.User{{ID: botUserID}}}
		stand.AddMessage(c.channel, m)
		before := len(stand.History(c.channel)) // counted before the bot can answer
		if err := stand.Dispatch("MESSAGE_CREATE", m); err != nil {
			t.Fatal(err)
		}
		msgs, ok := stand.MessagesIn(c.channel, before+1, wait)
		if !ok || msgs[len(msgs)-1].Author.ID != botUserID {
			t.Fatalf("%s: no answer to the mention", c.channel)
		}
		reply := msgs[len(msgs)-1]
		if has := strings.Contains(buttonIDs(reply.Components), threadButtonID); has != c.button {
			t.Errorf("in channel %s (guild %q) Follow up offered: %v, want %v", c.channel, c.guild, has, c.button)
		}
	}
}

// Follow-ups count against the asker's rate limit, as slash commands do.
func TestFollowUpsAreRateLimited(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	b := New(sampleLibrary(t), Config{RateBurst: 2, RateWindow: time.Hour})
	g, err := ConnectGateway(context.Background(), b, GatewayConfig{Token: testToken, HTTPClient: stand.Client()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	if !stand.Connected(1, wait) {
		t.Fatal("no gateway connection")
	}
	answer := postAnswer(t, stand, "1101", "ask", "What did North Korea blow up?")
	callback(t, stand, press("1102", threadButtonID, answer))
	n := 1 // the introduction
	for k, q := range []string{"why did they do that?", "when was that?", "what happened next?"} {
		say(t, stand, answer.ID, q, nil, false)
		n += 2
		msgs, ok := stand.MessagesIn(answer.ID, n, wait)
		if !ok {
			t.Fatalf("%q: no reply", q)
		}
		limited := strings.Contains(msgs[n-1].Content, "You are asking quickly")
		if limited != (k == 2) || !limited && len(msgs[n-1].Embeds) == 0 {
			t.Errorf("follow-up %d (%q): rate limited %v, reply %q", k+1, q, limited, msgs[n-1].Content)
		}
	}
}

// Every message the bot posts for follow-ups (the introduction, answers in
// the thread, answers to replies) keeps Discord's limits and pings nobody,
// however long and hostile the follow-up.
func TestFollowUpMessagesKeepDiscordLimits(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, sampleLibrary(t), 1)
	answer := postAnswer(t, stand, "1201", "ask", "What did North Korea blow up?")
	callback(t, stand, press("1202", threadButtonID, answer))
	long := "why did they do that @everyone **" + strings.Repeat("and <@123> then ", 150) + "?"
	// Four follow-ups and a reply: within the rate limit.
	for _, q := range []string{long, "when was that?", "what happened next?", strings.Repeat("ü", 1990) + "?"} {
		say(t, stand, answer.ID, q, nil, false)
	}
	// Every follow-up taken before the process stops: the thread holds the
	// introduction, the four and their answers.
	if !waitFor(wait, func() bool { return len(stand.History(answer.ID)) >= 9 }) {
		t.Fatalf("the thread holds %d messages, want 9", len(stand.History(answer.ID)))
	}
	answer2 := postAnswer(t, stand, "1203", "why", "Why did North Korea blow up the building?")
	say(t, stand, "55", long, answer2, true)
	if !waitFor(wait, func() bool { return len(stand.History(answer2.ID)) >= 2 }) {
		t.Fatal("no answer to the reply")
	}
	g.Close() // all answered
	sent, _ := stand.Messages(0, time.Millisecond)
	if len(sent) != 7 {
		t.Fatalf("%d messages sent, want 2 introductions and 5 answers", len(sent))
	}
	for _, raw := range sent {
		if strings.Contains(string(raw), "asking quickly") {
			t.Errorf("rate limited: %s", raw)
		}
		var m struct {
			Content         string                            `json:"content"`
			Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
			AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
			Components      []json.RawMessage                 `json:"components"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		d := &discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds, AllowedMentions: m.AllowedMentions}
		for _, c := range m.Components {
			row, err := discordgo.MessageComponentFromJSON(c)
			if err != nil {
				t.Fatal(err)
			}
			d.Components = append(d.Components, row)
		}
		checkLimits(t, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d})
	}
}
