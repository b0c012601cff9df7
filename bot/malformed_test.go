package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/syncbuf"
)

// malformedInteractions are interactions no Discord client sends but a
// signed request (or a bug upstream) can carry: each once took the process
// down with a panic. They seed FuzzHTTPInteraction too.
var malformedInteractions = []string{
	`{"type":2,"data":{"options":[{"type":3}]}}`,
	`{"id":"900001","type":2,"data":{"name":"ask","options":[{"type":3}]}}`,
	`{"id":"900002","type":2,"data":{"name":"ask","options":[null]}}`,
	`{"id":"900003","type":2,"data":{"name":"why","options":[{"name":"question","type":3,"value":null}]}}`,
	`{"id":"900004","type":2,"data":{"name":"why","options":[{"name":"question","type":3,"value":42}]}}`,
	`{"id":"900005","type":2,"data":{"name":"when","options":[{"name":"question","type":3,"value":{"a":[1,2]}}]}}`,
	`{"id":"900006","type":2,"data":{"name":"ask","options":[{"name":"question","type":4,"value":"why?"}]}}`,
	`{"id":"900007","type":4,"data":{"name":"source","options":[{"name":"article","type":3,"value":7,"focused":true}]}}`,
	`{"id":"900008","type":4,"data":{"name":"source","options":[{"name":"article","type":3,"value":null,"focused":true}]}}`,
	`{"id":"900009","type":4,"data":{"name":"source","options":[null]}}`,
	`{"id":"900010","type":3,"data":{"custom_id":"vote:up:ask","component_type":2},"message":{"id":"m1","embeds":[null]}}`,
	`{"id":"900011","type":3,"data":{"custom_id":"more:ask:2","component_type":2},"message":{"id":"m1","embeds":[null,{"title":"q"}]}}`,
	`{"id":"900012","type":3,"data":{"custom_id":"vote:down:why","component_type":2},"message":{"id":"m1","embeds":[{"title":"q","fields":[null]}]}}`,
	`{"id":"900013","type":3,"data":{"custom_id":"full:1:000_7372d195acbf193c","component_type":2}}`,
	`{"id":"900014","type":3,"data":{"custom_id":"vote:up:ask","component_type":2},"message":null,"member":{"user":null}}`,
	`{"id":"900015","type":2,"data":{"name":"reindex"},"member":{"user":null,"permissions":"32"}}`,
	`{"id":"900016","type":2,"data":{"name":"timeline","options":[{"name":"from","type":3,"value":"2026-13-45"},{"name":"topic","type":3,"value":""}]}}`,
	`{"id":"900017","type":2,"data":{"name":"ask","options":[{"name":"question","type":1,"options":[null,{"type":3}]}]}}`,
	`{"id":"900018","type":2,"data":null}`,
	`{"id":"900019","type":3,"data":null}`,
	`{"id":"900020","type":4,"data":null}`,
	`{"id":"900021","type":5,"data":{"custom_id":"x","components":[]}}`,
	`{"id":"900022","type":99}`,
	`{"id":"900023","type":2,"data":{"name":"source","options":[{"name":"article","type":3,"value":"#zz"}]}}`,
	`{"id":"900024","type":3,"data":{"custom_id":"full:99999999999999999999:x","component_type":2}}`,
	`{"id":"900025","type":3,"data":{"custom_id":"more:ask:-1","component_type":2},"message":{"id":"m1","embeds":[{}]}}`,
}

// goodQuestion is asked after the malformed ones: the bot must still answer.
func goodQuestion(id string) *discordgo.Interaction {
	return slash(id, "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0)
}

func TestMalformedInteractionsOverHTTP(t *testing.T) {
	srv, key, _ := signedServer(t, sampleLibrary(t), 2*time.Second)
	now := time.Now()
	for _, body := range malformedInteractions {
		resp, out := post(t, srv.URL, []byte(body), key, now)
		switch resp.StatusCode {
		case http.StatusOK:
			r := decodeResponse(t, out)
			checkLimits(t, r)
		case http.StatusBadRequest:
		default:
			t.Errorf("%s: status %d %s", body, resp.StatusCode, out)
		}
	}
	raw, _ := json.Marshal(goodQuestion("900100"))
	resp, out := post(t, srv.URL, raw, key, now)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(out), "The immediate issue seems to be") {
		t.Fatalf("after the malformed requests: %d %s", resp.StatusCode, out)
	}
}

func TestMalformedInteractionsOverTheGateway(t *testing.T) {
	stand, _ := connect(t, sampleLibrary(t), GatewayConfig{}, Config{})
	for _, body := range malformedInteractions {
		// Discord gives every interaction a token to answer with.
		var fields map[string]any
		if err := json.Unmarshal([]byte(body), &fields); err != nil {
			t.Fatal(err)
		}
		if id, ok := fields["id"].(string); ok {
			fields["token"] = "token-" + id
		}
		if err := stand.Dispatch("INTERACTION_CREATE", fields); err != nil {
			t.Fatal(err)
		}
	}
	resp, raw := callback(t, stand, goodQuestion("900200"))
	if resp.Data == nil || len(resp.Data.Embeds) == 0 || !strings.Contains(string(raw), "The immediate issue seems to be") {
		t.Fatalf("after the malformed interactions: %s", raw)
	}
	// Those with an ID and a known kind were answered, none with a crash.
	for _, id := range []string{"900003", "900004", "900010", "900012"} {
		got, ok := stand.Callbacks(id, 1, wait)
		if !ok {
			t.Errorf("interaction %s got no answer", id)
			continue
		}
		checkLimits(t, decodeResponse(t, got[0]))
	}
}

// TestHandleNeverPanicsOnBadData drives Bot.Handle with interactions whose
// data does not fit their type, as a transport could hand them over.
func TestHandleNeverPanicsOnBadData(t *testing.T) {
	b := New(sampleLibrary(t), Config{})
	cases := []*discordgo.Interaction{
		{ID: "1", Type: discordgo.InteractionApplicationCommand},
		{ID: "2", Type: discordgo.InteractionApplicationCommandAutocomplete},
		{ID: "3", Type: discordgo.InteractionMessageComponent},
		{ID: "4", Type: discordgo.InteractionApplicationCommand, Data: discordgo.MessageComponentInteractionData{CustomID: "vote:up:ask"}},
		{ID: "5", Type: discordgo.InteractionMessageComponent, Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}},
		{ID: "6", Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "ask",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{nil, {Type: discordgo.ApplicationCommandOptionString, Name: "question", Value: []any{"x"}}}}},
		{ID: "7", Type: discordgo.InteractionMessageComponent, Data: discordgo.MessageComponentInteractionData{CustomID: "vote:up:ask"},
			Message: &discordgo.Message{ID: "m", Embeds: []*discordgo.MessageEmbed{nil, {Fields: []*discordgo.MessageEmbedField{nil}}}}},
	}
	for _, i := range cases {
		resp := b.Handle(context.Background(), i)
		checkLimits(t, resp)
		if _ = Deferred(i); false {
			t.Fatal("unreachable")
		}
	}
}

// panicky is a service whose every answer panics, as a bug would.
type panicky struct{ Service }

func (panicky) Answer(context.Context, newsbot.Command, string, int) (*newsbot.Answer, error) {
	var m map[string]int
	m["boom"]++ // a nil map write: the kind of bug that once ended serve
	return nil, nil
}

func TestPanicInAnInteractionIsAnApology(t *testing.T) {
	var logs syncbuf.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	svc := panicky{Service: sampleLibrary(t)}

	// Gateway.
	stand, _ := connect(t, svc, GatewayConfig{Logger: log}, Config{Logger: log})
	resp, raw := callback(t, stand, goodQuestion("900300"))
	if resp.Data == nil || resp.Data.Content != msgInternal || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("gateway: a panic answered %s", raw)
	}
	if !strings.Contains(logs.String(), "interaction=900300") || !strings.Contains(logs.String(), "panic") {
		t.Errorf("gateway: the panic is not logged with the interaction ID:\n%s", logs.String())
	}
	// The bot goes on: the next interaction is answered too.
	if resp, raw := callback(t, stand, slash("900301", "sources", nil, 0)); resp.Data == nil || len(resp.Data.Embeds) == 0 {
		t.Errorf("gateway: after the panic: %s", raw)
	}

	// HTTP.
	srv, key, _ := signedServer(t, svc, 2*time.Second)
	body, _ := json.Marshal(goodQuestion("900302"))
	hr, out := post(t, srv.URL, body, key, time.Now())
	if hr.StatusCode != http.StatusOK || decodeResponse(t, out).Data.Content != msgInternal {
		t.Errorf("http: a panic answered %d %s", hr.StatusCode, out)
	}
	body, _ = json.Marshal(slash("900303", "sources", nil, 0))
	if hr, out := post(t, srv.URL, body, key, time.Now()); hr.StatusCode != http.StatusOK || !strings.Contains(string(out), "The corpus holds") {
		t.Errorf("http: after the panic: %d %s", hr.StatusCode, out)
	}
}

// TestMalformedMessagesOverTheGateway dispatches messages with null
// mentions, null embeds in the message replied to, and no author: none may
// end the process, and a question asked by mention is still answered.
func TestMalformedMessagesOverTheGateway(t *testing.T) {
	stand, _ := connect(t, sampleLibrary(t), GatewayConfig{GuildID: "42"}, Config{})
	bad := []map[string]any{
		{"id": "9101", "channel_id": "55", "guild_id": "42", "content": "<@777> why?", "author": map[string]any{"id": "u1", "username": "reader"}, "mentions": []any{nil}},
		{"id": "9102", "channel_id": "55", "guild_id": "42", "content": "why did they do that?", "author": map[string]any{"id": "u1", "username": "reader"},
			"referenced_message": map[string]any{"id": "9000", "channel_id": "55", "author": map[string]any{"id": botUserID, "bot": true}, "embeds": []any{nil}}},
		{"id": "9103", "channel_id": "55", "guild_id": "42", "content": "<@777> why?", "author": nil},
		{"id": "9104", "channel_id": "55", "content": "<@777> why?", "author": map[string]any{"id": "u2"}, "mentions": []any{map[string]any{"id": botUserID}, nil},
			"referenced_message": map[string]any{"id": "9000", "author": nil, "embeds": []any{map[string]any{"fields": []any{nil}}}}},
	}
	for _, m := range bad {
		if err := stand.Dispatch("MESSAGE_CREATE", m); err != nil {
			t.Fatal(err)
		}
	}
	err := stand.Dispatch("MESSAGE_CREATE", map[string]any{
		"id": "9105", "channel_id": "55", "guild_id": "42", "content": "<@777> why did North Korea blow up the building?",
		"author":   map[string]any{"id": "u1", "username": "reader"},
		"mentions": []any{map[string]any{"id": botUserID, "username": "newsbot", "bot": true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		sent, _ := stand.Messages(1, 100*time.Millisecond)
		for _, raw := range sent {
			if strings.Contains(string(raw), "The immediate issue seems to be") {
				return
			}
		}
	}
	t.Fatal("no answer to the mention after the malformed messages")
}
