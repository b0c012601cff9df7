package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/bot/discordtest"
)

const (
	testToken = "MTEyMzQ1Njc4OTAxMjM0NTY3OA.GabcdE.abcdefghijklmnopqrstuvwxyz0123456789AB"
	botUserID = "777"
	wait      = 10 * time.Second
)

// connect starts a stand-in and connects a bot to it through the real
// discordgo client.
func connect(t *testing.T, svc Service, cfg GatewayConfig, bcfg Config) (*discordtest.Server, *Gateway) {
	t.Helper()
	stand := discordtest.New(testToken, botUserID)
	t.Cleanup(stand.Close)
	if cfg.Token == "" {
		cfg.Token = testToken
	}
	cfg.HTTPClient = stand.Client()
	g, err := ConnectGateway(context.Background(), New(svc, bcfg), cfg)
	if err != nil {
		t.Fatalf("connecting: %v", err)
	}
	t.Cleanup(func() { g.Close() })
	if !stand.Connected(1, wait) {
		t.Fatal("no gateway connection")
	}
	return stand, g
}

// callback dispatches i and returns the first callback the bot sent.
func callback(t *testing.T, stand *discordtest.Server, i *discordgo.Interaction) (*discordgo.InteractionResponse, json.RawMessage) {
	t.Helper()
	if err := stand.Interact(i); err != nil {
		t.Fatal(err)
	}
	got, ok := stand.Callbacks(i.ID, 1, wait)
	if !ok {
		t.Fatalf("no callback for interaction %s", i.ID)
	}
	return decodeResponse(t, got[0]), got[0]
}

// decodeResponse reads an interaction response payload; discordgo cannot
// unmarshal its own components field, so rows are read one by one.
func decodeResponse(t *testing.T, raw json.RawMessage) *discordgo.InteractionResponse {
	t.Helper()
	var wire struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		t.Fatalf("response %s: %v", raw, err)
	}
	resp := &discordgo.InteractionResponse{Type: wire.Type}
	if len(wire.Data) == 0 || string(wire.Data) == "null" {
		return resp
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(wire.Data, &fields); err != nil {
		t.Fatalf("response data %s: %v", wire.Data, err)
	}
	var rows []json.RawMessage
	if c, ok := fields["components"]; ok {
		if err := json.Unmarshal(c, &rows); err != nil {
			t.Fatalf("components %s: %v", c, err)
		}
		delete(fields, "components")
	}
	rest, _ := json.Marshal(fields)
	resp.Data = &discordgo.InteractionResponseData{}
	if err := json.Unmarshal(rest, resp.Data); err != nil {
		t.Fatalf("response data %s: %v", rest, err)
	}
	for _, row := range rows {
		c, err := discordgo.MessageComponentFromJSON(row)
		if err != nil {
			t.Fatalf("component %s: %v", row, err)
		}
		if r, ok := c.(*discordgo.ActionsRow); ok {
			c = *r
		}
		resp.Data.Components = append(resp.Data.Components, c)
	}
	return resp
}

func TestGatewayEndToEnd(t *testing.T) {
	stand, g := connect(t, sampleLibrary(t), GatewayConfig{GuildID: "42"}, Config{})
	if !g.ReadsAllMessages {
		t.Error("Message Content intent granted but thread messages are not read")
	}

	// Registration: one bulk overwrite in the development server.
	regs := stand.Registrations()
	if len(regs) != 1 || regs[0].GuildID != "42" {
		t.Fatalf("registrations = %+v", regs)
	}
	var names []string
	for _, c := range regs[0].Commands {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "ask,why,when,timeline,sources,source,reindex,feeds,follow,unfollow" {
		t.Errorf("registered %v", names)
	}
	for _, name := range []string{"reindex", "follow", "unfollow"} {
		if !strings.Contains(string(regs[0].Raw), `"name":"`+name+`","default_member_permissions":"32","dm_permission":false`) {
			t.Errorf("%s is not limited to Manage Server: %s", name, regs[0].Raw)
		}
	}

	// Every command, through the gateway and back over REST.
	cases := []struct {
		i    *discordgo.Interaction
		want string
	}{
		{slash("101", "ask", map[string]string{"question": "What did South Korea's Unification Minister say?"}, 0), "Kwon Young-se"},
		{slash("102", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0), "The immediate issue seems to be"},
		{slash("103", "when", map[string]string{"question": "When did North Korea reopen communication lines?"}, 0), "**21 February 2026**"},
		{slash("104", "timeline", map[string]string{"topic": "North Korea"}, 0), "**the week after 21 February 2026**"},
		{slash("105", "sources", nil, 0), "North Korea Reopens Communication Lines"},
		{slash("106", "source", map[string]string{"article": "000_7372d195acbf193c"}, 0), "**¶1** SEOUL"},
	}
	for _, c := range cases {
		resp, raw := callback(t, stand, c.i)
		checkLimits(t, resp)
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) == 0 {
			t.Errorf("%s: %s", c.i.ApplicationCommandData().Name, raw)
			continue
		}
		if !strings.Contains(string(raw), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("%s: allowed_mentions not empty: %s", c.i.ApplicationCommandData().Name, raw)
		}
		all := resp.Data.Embeds[0].Title + resp.Data.Embeds[0].Description
		for _, f := range resp.Data.Embeds[0].Fields {
			all += f.Value
		}
		if !strings.Contains(all, c.want) {
			t.Errorf("%s: want %q in %s", c.i.ApplicationCommandData().Name, c.want, raw)
		}
	}

	// Buttons under an answer, pressed after the answer came back.
	resp, _ := callback(t, stand, slash("201", "ask", map[string]string{"question": "North Korea South Korea talks"}, 0))
	msg := &discordgo.Message{ID: "m201", Embeds: resp.Data.Embeds}
	for k, id := range []string{"more:ask:2", "full:1:000_7372d195acbf193c", "vote:up:ask"} {
		pressed := press("30"+string(rune('0'+k)), id, msg)
		r, raw := callback(t, stand, pressed)
		checkLimits(t, r)
		if r.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("%s: not ephemeral: %s", id, raw)
		}
	}

	// Reindex, allowed.
	r, _ := callback(t, stand, slash("401", "reindex", nil, discordgo.PermissionManageGuild))
	if !strings.HasPrefix(r.Data.Content, "Re-scanned the corpus") {
		t.Errorf("reindex = %q", r.Data.Content)
	}

	// A question asked by mention gets a reply that pings nobody.
	err := stand.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": "9001", "channel_id": "55", "guild_id": "42", "content": "<@777> why did North Korea blow up the building? @everyone",
		"author":   map[string]any{"id": "u1", "username": "reader"},
		"mentions": []any{map[string]any{"id": botUserID, "username": "newsbot", "bot": true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	sent, ok := stand.Messages(1, wait)
	if !ok {
		t.Fatal("no reply to the mention")
	}
	var reply struct {
		Embeds          []discordgo.MessageEmbed `json:"embeds"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
		Reference *struct {
			MessageID string `json:"message_id"`
		} `json:"message_reference"`
	}
	if err := json.Unmarshal(sent[0], &reply); err != nil {
		t.Fatal(err)
	}
	if reply.Reference == nil || reply.Reference.MessageID != "9001" || reply.AllowedMentions == nil || reply.AllowedMentions.Parse == nil || len(reply.AllowedMentions.Parse) != 0 {
		t.Errorf("mention reply = %s", sent[0])
	}
	if len(reply.Embeds) != 1 || !strings.Contains(reply.Embeds[0].Description, "The immediate issue seems to be") {
		t.Errorf("mention reply does not answer the why-question: %s", sent[0])
	}
}

// slowService answers after a delay, to make the bot defer.
type slowService struct {
	Service
	delay time.Duration
}

func (s slowService) Answer(ctx context.Context, cmd newsbot.Command, q string, k int) (*newsbot.Answer, error) {
	time.Sleep(s.delay)
	return s.Service.Answer(ctx, cmd, q, k)
}

func TestGatewayDefersSlowAnswers(t *testing.T) {
	stand, _ := connect(t, slowService{Service: sampleLibrary(t), delay: 300 * time.Millisecond}, GatewayConfig{AnswerWithin: 50 * time.Millisecond}, Config{})
	i := slash("501", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0)
	resp, _ := callback(t, stand, i)
	if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response type %d, want a deferral", resp.Type)
	}
	edits, ok := stand.Edits(i.Token, 1, wait)
	if !ok {
		t.Fatal("deferred answer never edited in")
	}
	var edit struct {
		Embeds          []discordgo.MessageEmbed `json:"embeds"`
		AllowedMentions struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(edits[0], &edit); err != nil {
		t.Fatal(err)
	}
	if len(edit.Embeds) != 1 || !strings.Contains(edit.Embeds[0].Description, "The immediate issue seems to be") || edit.AllowedMentions.Parse == nil {
		t.Errorf("edit = %s", edits[0])
	}
}

func TestGatewayTokenErrors(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	defer stand.Close()
	b := New(sampleLibrary(t), Config{})
	_, err := ConnectGateway(context.Background(), b, GatewayConfig{Token: "", HTTPClient: stand.Client()})
	if !errors.Is(err, ErrTokenMissing) || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("missing token: %v", err)
	}
	wrong := "MTEyMzQ1Njc4OTAxMjM0NTY3OA.Gwrong.zyxwvutsrqponmlkjihgfedcba9876543210"
	_, err = ConnectGateway(context.Background(), b, GatewayConfig{Token: wrong, HTTPClient: stand.Client()})
	if !errors.Is(err, ErrTokenRejected) || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("wrong token: %v", err)
	}
	if strings.Contains(err.Error(), wrong) || strings.Contains(err.Error(), "Gwrong") {
		t.Error("error shows the token")
	}
}

func TestGatewayWithoutMessageContent(t *testing.T) {
	stand := discordtest.New(testToken, botUserID)
	defer stand.Close()
	stand.AllowMessageContent = false
	g, err := ConnectGateway(context.Background(), New(sampleLibrary(t), Config{}), GatewayConfig{Token: testToken, HTTPClient: stand.Client()})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if g.ReadsAllMessages {
		t.Error("reads every message without the Message Content intent")
	}
	if !stand.Connected(1, wait) {
		t.Fatal("not connected without the intent")
	}
	// Slash commands still work.
	resp, _ := callback(t, stand, slash("601", "sources", nil, 0))
	if len(resp.Data.Embeds) != 1 {
		t.Errorf("sources without the intent: %+v", resp.Data)
	}
	// Discord still gives the bot the content of a message that mentions
	// it, so a question asked by mention is answered.
	err = stand.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": "9101", "channel_id": "55", "guild_id": "42", "content": "<@777> why did North Korea blow up the building?",
		"author":   map[string]any{"id": "u1", "username": "reader"},
		"mentions": []any{map[string]any{"id": botUserID, "username": "newsbot", "bot": true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	sent, ok := stand.Messages(1, wait)
	if !ok {
		t.Fatal("no reply to a mention without the intent")
	}
	if !strings.Contains(string(sent[0]), "The immediate issue seems to be") {
		t.Errorf("mention without the intent not answered: %s", sent[0])
	}
}

func TestGatewaySharding(t *testing.T) {
	stand, _ := connect(t, sampleLibrary(t), GatewayConfig{ShardID: 1, ShardCount: 2}, Config{})
	ids := stand.Identifies()
	var identify struct {
		D struct {
			Shard [2]int `json:"shard"`
		} `json:"d"`
	}
	if len(ids) == 0 || json.Unmarshal(ids[len(ids)-1], &identify) != nil || identify.D.Shard != [2]int{1, 2} {
		t.Errorf("identify = %s", ids)
	}
	if regs := stand.Registrations(); len(regs) != 1 || regs[0].GuildID != "" {
		t.Errorf("global registration expected: %+v", regs)
	}
}

func TestAnnounceNewArticles(t *testing.T) {
	stand, g := connect(t, sampleLibrary(t), GatewayConfig{}, Config{})
	var articles []newsbot.Article
	for i := 0; i < 12; i++ {
		articles = append(articles, newsbot.Article{
			ID: fmt.Sprintf("a%d", i), Title: fmt.Sprintf("Harbour reopens @everyone **%d** %s", i, strings.Repeat("long title ", 40)),
			URL: fmt.Sprintf("https://example.com/%d", i), Source: "Harbour Wire", Published: time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC),
		})
	}
	if err := g.Announce("news-channel", articles); err != nil {
		t.Fatal(err)
	}
	sent, ok := stand.Messages(1, wait)
	if !ok {
		t.Fatal("no announcement")
	}
	var msg struct {
		Content         string                    `json:"content"`
		Embeds          []*discordgo.MessageEmbed `json:"embeds"`
		AllowedMentions struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(sent[0], &msg); err != nil {
		t.Fatal(err)
	}
	if msg.Content != "12 new articles in the corpus; the first 9:" || len(msg.Embeds) != 9 || msg.AllowedMentions.Parse == nil {
		t.Fatalf("announcement = %s", sent[0])
	}
	checkLimits(t, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: msg.Content, Embeds: msg.Embeds, AllowedMentions: noMentions()}})
	e := msg.Embeds[0]
	if e.URL != "https://example.com/0" || !strings.HasPrefix(e.Title, "Harbour reopens \\@everyone \\*\\*0\\*\\*") || !strings.Contains(e.Footer.Text, "16 March 2026 · Harbour Wire") {
		t.Errorf("card = %+v %+v", e, e.Footer)
	}
}
