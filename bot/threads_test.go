package bot

import (
	"context"
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
// existing stand-in.
func gatewayOn(t *testing.T, stand *discordtest.Server, svc Service, conns int) *Gateway {
	t.Helper()
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

// say dispatches a user's message.
func say(t *testing.T, stand *discordtest.Server, channel, content string, ref *discordgo.Message, mention bool) {
	t.Helper()
	m := &discordgo.Message{ID: "u" + content[:min(len(content), 6)], ChannelID: channel, GuildID: "42", Content: content,
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
	msgs, _ = stand.MessagesIn(answer.ID, 5, wait)
	when := msgs[4]
	if !strings.Contains(when.Content, "When did North Korea blow up a building?") || !strings.Contains(when.Embeds[0].Description, "the day before publication (date unknown)") {
		t.Fatalf("when was that:\n%s", embedText(when))
	}

	// Talk that asks nothing is left alone.
	say(t, stand, answer.ID, "thanks, interesting", nil, false)

	// Restart: a new process reads the conversation back from the thread.
	g.Close()
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
	if strings.Contains(msgs[6].Content, "thanks") == false && msgs[6].Author.ID == botUserID {
		t.Errorf("the bot answered small talk: %s", embedText(msgs[6]))
	}

	// A change of subject starts afresh: no small print.
	say(t, stand, answer.ID, "What did South Korea's Unification Minister say?", nil, false)
	msgs, _ = stand.MessagesIn(answer.ID, 10, wait)
	fresh := msgs[9]
	if strings.Contains(fresh.Content, "Understood as") || !strings.Contains(fresh.Embeds[0].Description, "Kwon Young-se") {
		t.Fatalf("change of subject:\n%s", embedText(fresh))
	}
	// …and the next pronoun refers to the new subject.
	say(t, stand, answer.ID, "why did he say that?", nil, false)
	msgs, _ = stand.MessagesIn(answer.ID, 12, wait)
	if !strings.Contains(msgs[11].Content, "Why did South Korea's Unification Minister say") {
		t.Fatalf("pronoun after a change of subject:\n%s", embedText(msgs[11]))
	}
	// A reply, in the thread, to an earlier answer follows up that answer.
	say(t, stand, answer.ID, "why did they do that?", msgs[4], true)
	msgs, _ = stand.MessagesIn(answer.ID, 14, wait)
	if !strings.Contains(msgs[13].Content, "Understood as: Why did North Korea blow up a building?") || msgs[13].MessageReference == nil {
		t.Fatalf("a reply to an earlier answer in the thread:\n%s", embedText(msgs[13]))
	}
}

func TestReplyToAnswerIsAFollowUp(t *testing.T) {
	lib := sampleLibrary(t)
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	g := gatewayOn(t, stand, lib, 1)
	t.Cleanup(func() { g.Close() })

	// A reply (which mentions the bot, as Discord's replies do by default)
	// is answered in the answer's thread, opened for it.
	answer := postAnswer(t, stand, "701", "ask", "What did North Korea blow up?")
	say(t, stand, "55", "why did they do that?", answer, true)
	msgs, ok := stand.MessagesIn(answer.ID, 1, wait)
	if !ok {
		t.Fatal("no answer in a thread")
	}
	if len(stand.Threads()) != 1 || !strings.Contains(msgs[0].Content, "Follow-up: “why did they do that?”") ||
		!strings.Contains(msgs[0].Content, "Understood as: Why did North Korea blow up a building?") ||
		!strings.Contains(msgs[0].Embeds[0].Description, "leaflets") {
		t.Fatalf("reply answered as:\n%s", embedText(msgs[0]))
	}

	// Where threads are not allowed, the reply is answered as a reply.
	stand.DenyThreads = true
	answer2 := postAnswer(t, stand, "702", "ask", "What did North Korea blow up?")
	say(t, stand, "55", "when was that?", answer2, true)
	var reply *discordgo.Message
	for k := 0; reply == nil && k < 3; k++ {
		got, _ := stand.MessagesIn("55", len(stand.History("55"))+1, wait)
		for _, m := range got {
			if m.Author != nil && m.Author.ID == botUserID && m.MessageReference != nil {
				reply = m
			}
		}
	}
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
	for _, row := range rows {
		var comps []discordgo.MessageComponent
		switch r := row.(type) {
		case discordgo.ActionsRow:
			comps = r.Components
		case *discordgo.ActionsRow:
			comps = r.Components
		}
		for _, c := range comps {
			switch b := c.(type) {
			case discordgo.Button:
				ids = append(ids, b.CustomID)
			case *discordgo.Button:
				ids = append(ids, b.CustomID)
			}
		}
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
