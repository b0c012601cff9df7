// Package discordtest is an in-process stand-in for Discord, for tests:
// the REST API over httptest and the Gateway over a WebSocket, both on
// loopback, speaking enough of Discord's protocols (HELLO, IDENTIFY, READY,
// heartbeats, dispatches; command registration, interaction callbacks,
// webhook edits, channel messages) for the real discordgo client to connect
// and for tests to read back every payload it sends.
package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway close codes the stand-in uses, as Discord does.
const (
	CloseAuthenticationFailed = 4004
	CloseDisallowedIntents    = 4014
)

// Server is the stand-in. Its fields are set before the bot connects.
type Server struct {
	// Token is the bot token it accepts.
	Token string
	// BotUserID and AppID identify the bot.
	BotUserID string
	// AllowMessageContent grants the Message Content intent; without it an
	// IDENTIFY asking for it is closed with 4014.
	AllowMessageContent bool
	// DenyThreads refuses to start threads, as Discord does without the
	// Create Public Threads permission (403, code 50013).
	DenyThreads bool

	http     *httptest.Server
	upgrader websocket.Upgrader

	mu         sync.Mutex
	callbacks  map[string][]json.RawMessage    // interaction ID → callback bodies
	edits      map[string][]json.RawMessage    // interaction token → webhook edits
	messages   []json.RawMessage               // channel messages sent
	history    map[string][]*discordgo.Message // channel ID → its messages, oldest first
	threads    []Thread                        // threads started from messages
	nextID     int64
	registered []Registration
	identifies []json.RawMessage
	conns      map[*websocket.Conn]*sync.Mutex
	heartbeats int
	changed    chan struct{} // closed and replaced on every recorded request

	seq atomic.Int64
	// Requests counts REST requests served.
	Requests atomic.Int64
}

// Registration is one bulk overwrite of the application's commands.
type Registration struct {
	GuildID  string
	Commands []*discordgo.ApplicationCommand
	Raw      json.RawMessage
}

// New starts a stand-in on loopback; Close stops it.
func New(token, botUserID string) *Server {
	s := &Server{
		Token: token, BotUserID: botUserID, AllowMessageContent: true,
		callbacks: map[string][]json.RawMessage{}, edits: map[string][]json.RawMessage{},
		history: map[string][]*discordgo.Message{}, nextID: 900000,
		conns: map[*websocket.Conn]*sync.Mutex{}, changed: make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway", s.serveGateway)
	mux.HandleFunc("/gateway/", s.serveGateway) // discordgo adds a trailing slash
	mux.HandleFunc("/api/", s.serveREST)
	s.http = httptest.NewServer(mux)
	return s
}

// Close stops the stand-in and drops every gateway connection.
func (s *Server) Close() {
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.http.CloseClientConnections()
	s.http.Close()
}

// URL is the stand-in's base URL.
func (s *Server) URL() string { return s.http.URL }

// Client is an HTTP client that sends discordgo's requests for
// https://discord.com to the stand-in.
func (s *Server) Client() *http.Client {
	target, _ := url.Parse(s.http.URL)
	return &http.Client{Timeout: 10 * time.Second, Transport: rewrite{target: target, next: http.DefaultTransport}}
}

type rewrite struct {
	target *url.URL
	next   http.RoundTripper
}

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(req.URL.Host, "discord.com") && req.URL.Host != r.target.Host {
		return nil, fmt.Errorf("discordtest: refusing request to %s: tests stay on loopback", req.URL.Host)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = r.target.Scheme, r.target.Host, r.target.Host
	return r.next.RoundTrip(out)
}

// record stores a request under key and wakes waiters.
func (s *Server) record(f func()) {
	s.mu.Lock()
	f()
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// wait polls cond under the lock until it holds or timeout passes.
func (s *Server) wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

func (s *Server) authorized(r *http.Request) bool {
	return r.Header.Get("Authorization") == "Bot "+s.Token
}

// serveREST answers the REST routes newsbot uses.
func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	path := strings.TrimPrefix(r.URL.Path, "/api/v"+discordgo.APIVersion+"/")
	parts := strings.Split(path, "/")
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	switch {
	case r.Method == http.MethodGet && (path == "gateway" || path == "gateway/bot"):
		ws := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway"
		writeJSON(w, http.StatusOK, map[string]any{"url": ws, "shards": 1})
	case r.Method == http.MethodGet && path == "users/@me":
		if !s.authorized(r) {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": s.BotUserID, "username": "newsbot", "bot": true})
	case r.Method == http.MethodPut && len(parts) >= 3 && parts[0] == "applications" && parts[len(parts)-1] == "commands":
		if !s.authorized(r) {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
			return
		}
		var cmds []*discordgo.ApplicationCommand
		if err := json.Unmarshal(body, &cmds); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"message": err.Error()})
			return
		}
		guild := ""
		if len(parts) == 5 && parts[2] == "guilds" {
			guild = parts[3]
		}
		s.record(func() { s.registered = append(s.registered, Registration{GuildID: guild, Commands: cmds, Raw: body}) })
		for k, c := range cmds {
			c.ID = fmt.Sprintf("%d", 1000+k)
		}
		writeJSON(w, http.StatusOK, cmds)
	case r.Method == http.MethodPost && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		s.record(func() { s.callbacks[parts[1]] = append(s.callbacks[parts[1]], json.RawMessage(body)) })
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPatch && len(parts) == 5 && parts[0] == "webhooks" && parts[3] == "messages":
		s.record(func() { s.edits[parts[2]] = append(s.edits[parts[2]], json.RawMessage(body)) })
		writeJSON(w, http.StatusOK, map[string]any{"id": "9000", "channel_id": "1", "content": ""})
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		if !s.authorized(r) {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
			return
		}
		var msg *discordgo.Message
		s.record(func() {
			s.messages = append(s.messages, json.RawMessage(body))
			msg = s.storeSent(parts[1], body)
		})
		writeJSON(w, http.StatusOK, msg)
	case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		s.serveHistory(w, r, parts[1])
	case r.Method == http.MethodGet && len(parts) == 4 && parts[0] == "channels" && parts[2] == "messages":
		s.mu.Lock()
		m := s.findMessage(parts[1], parts[3])
		s.mu.Unlock()
		if m == nil {
			writeJSON(w, http.StatusNotFound, map[string]any{"message": "Unknown Message", "code": 10008})
			return
		}
		writeJSON(w, http.StatusOK, m)
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "channels":
		writeJSON(w, http.StatusOK, s.channel(parts[1]))
	case r.Method == http.MethodPost && len(parts) == 5 && parts[0] == "channels" && parts[2] == "messages" && parts[4] == "threads":
		s.startThread(w, parts[1], parts[3], body)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found (stand-in: " + r.Method + " " + path + ")", "code": 0})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// gatewayPayload is a Gateway message.
type gatewayPayload struct {
	Op   int             `json:"op"`
	D    json.RawMessage `json:"d,omitempty"`
	S    int64           `json:"s,omitempty"`
	T    string          `json:"t,omitempty"`
	Data any             `json:"-"`
}

// serveGateway runs one Gateway connection: HELLO, IDENTIFY, READY, then
// heartbeats until it closes.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	c, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	var wmu sync.Mutex
	send := func(op int, t string, d any) error {
		raw, _ := json.Marshal(d)
		p := gatewayPayload{Op: op, T: t, D: raw}
		if op == 0 {
			p.S = s.seq.Add(1)
		}
		wmu.Lock()
		defer wmu.Unlock()
		return c.WriteJSON(p)
	}
	if send(10, "", map[string]any{"heartbeat_interval": 45000}) != nil {
		return
	}
	var identify struct {
		Op int `json:"op"`
		D  struct {
			Token   string  `json:"token"`
			Intents int     `json:"intents"`
			Shard   *[2]int `json:"shard"`
		} `json:"d"`
	}
	_, raw, err := c.ReadMessage()
	if err != nil || json.Unmarshal(raw, &identify) != nil || identify.Op != 2 {
		return
	}
	s.record(func() { s.identifies = append(s.identifies, json.RawMessage(raw)) })
	closeWith := func(code int, text string) {
		wmu.Lock()
		_ = c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
		wmu.Unlock()
	}
	if identify.D.Token != "Bot "+s.Token && identify.D.Token != s.Token {
		closeWith(CloseAuthenticationFailed, "Authentication failed.")
		return
	}
	if identify.D.Intents&int(discordgo.IntentsMessageContent) != 0 && !s.AllowMessageContent {
		closeWith(CloseDisallowedIntents, "Disallowed intent(s).")
		return
	}
	ready := map[string]any{
		"v": 10, "session_id": "standin-session", "resume_gateway_url": "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway",
		"user":        map[string]any{"id": s.BotUserID, "username": "newsbot", "bot": true},
		"application": map[string]any{"id": s.BotUserID}, "guilds": []any{},
	}
	if identify.D.Shard != nil {
		ready["shard"] = identify.D.Shard[:]
	}
	if send(0, "READY", ready) != nil {
		return
	}
	s.mu.Lock()
	s.conns[c] = &wmu
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
	}()
	for {
		_, raw, err := c.ReadMessage()
		if err != nil {
			return
		}
		var p gatewayPayload
		if json.Unmarshal(raw, &p) != nil {
			continue
		}
		if p.Op == 1 {
			s.record(func() { s.heartbeats++ })
			if send(11, "", nil) != nil {
				return
			}
		}
	}
}

// Connected waits until n gateway connections are open.
func (s *Server) Connected(n int, timeout time.Duration) bool {
	return s.wait(timeout, func() bool { return len(s.conns) >= n })
}

// Dispatch sends an event to every open gateway connection.
func (s *Server) Dispatch(event string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	conns := make(map[*websocket.Conn]*sync.Mutex, len(s.conns))
	for c, m := range s.conns {
		conns[c] = m
	}
	s.mu.Unlock()
	if len(conns) == 0 {
		return fmt.Errorf("discordtest: no gateway connection")
	}
	for c, m := range conns {
		p := gatewayPayload{Op: 0, T: event, S: s.seq.Add(1), D: raw}
		m.Lock()
		err := c.WriteJSON(p)
		m.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

// Interact dispatches an INTERACTION_CREATE.
func (s *Server) Interact(i *discordgo.Interaction) error { return s.Dispatch("INTERACTION_CREATE", i) }

// Callbacks waits until interaction id has n callbacks and returns them.
func (s *Server) Callbacks(id string, n int, timeout time.Duration) ([]json.RawMessage, bool) {
	return s.waitFor(n, timeout, func() []json.RawMessage { return s.callbacks[id] })
}

// Edits waits until the interaction with token has n webhook edits.
func (s *Server) Edits(token string, n int, timeout time.Duration) ([]json.RawMessage, bool) {
	return s.waitFor(n, timeout, func() []json.RawMessage { return s.edits[token] })
}

// Messages waits until n channel messages were sent and returns them.
func (s *Server) Messages(n int, timeout time.Duration) ([]json.RawMessage, bool) {
	return s.waitFor(n, timeout, func() []json.RawMessage { return s.messages })
}

// waitFor waits until the payloads list (read under s.mu) holds n and
// returns a copy of them.
func (s *Server) waitFor(n int, timeout time.Duration, list func() []json.RawMessage) ([]json.RawMessage, bool) {
	var out []json.RawMessage
	ok := s.wait(timeout, func() bool {
		out = append([]json.RawMessage(nil), list()...)
		return len(out) >= n
	})
	return out, ok
}

// Registrations returns the command registrations received.
func (s *Server) Registrations() []Registration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Registration(nil), s.registered...)
}

// Identifies returns the IDENTIFY payloads received.
func (s *Server) Identifies() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]json.RawMessage(nil), s.identifies...)
}

// Forget drops what was recorded for an interaction, so that a long test
// does not grow with the interactions it sends.
func (s *Server) Forget(id, token string) {
	s.mu.Lock()
	delete(s.callbacks, id)
	delete(s.edits, token)
	s.mu.Unlock()
}

// Thread is a thread started from a message.
type Thread struct {
	ID, ParentID, Name  string
	AutoArchiveDuration int
}

// AddMessage puts a message into a channel's history, as if it had been
// posted there (by a user, or by the bot before a restart), and returns it
// with its ID and channel set.
func (s *Server) AddMessage(channelID string, m *discordgo.Message) *discordgo.Message {
	s.record(func() {
		if m.ID == "" {
			s.nextID++
			m.ID = fmt.Sprintf("%d", s.nextID)
		}
		m.ChannelID = channelID
		s.history[channelID] = append(s.history[channelID], m)
	})
	return m
}

// History returns a channel's messages, oldest first.
func (s *Server) History(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*discordgo.Message(nil), s.history[channelID]...)
}

// MessagesIn waits until a channel holds n messages and returns them,
// oldest first.
func (s *Server) MessagesIn(channelID string, n int, timeout time.Duration) ([]*discordgo.Message, bool) {
	var out []*discordgo.Message
	ok := s.wait(timeout, func() bool {
		out = append([]*discordgo.Message(nil), s.history[channelID]...)
		return len(out) >= n
	})
	return out, ok
}

// Threads returns the threads started so far.
func (s *Server) Threads() []Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Thread(nil), s.threads...)
}

// ForgetHistory drops what a channel holds: a restart test uses it to
// check that nothing but Discord's messages carried the state.
func (s *Server) ForgetHistory(channelID string) {
	s.mu.Lock()
	delete(s.history, channelID)
	s.mu.Unlock()
}

// storeSent keeps a message the bot sent (body as sent) in its channel's
// history and returns it as Discord would. Called under s.mu.
func (s *Server) storeSent(channelID string, body []byte) *discordgo.Message {
	var sent struct {
		Content    string                      `json:"content"`
		Embeds     []*discordgo.MessageEmbed   `json:"embeds"`
		Components json.RawMessage             `json:"components"`
		Reference  *discordgo.MessageReference `json:"message_reference"`
	}
	_ = json.Unmarshal(body, &sent)
	s.nextID++
	m := &discordgo.Message{ID: fmt.Sprintf("%d", s.nextID), ChannelID: channelID, Content: sent.Content, Embeds: sent.Embeds,
		Author: &discordgo.User{ID: s.BotUserID, Username: "newsbot", Bot: true}, MessageReference: sent.Reference}
	if len(sent.Components) > 0 && string(sent.Components) != "null" {
		var rows []json.RawMessage
		if json.Unmarshal(sent.Components, &rows) == nil {
			for _, row := range rows {
				if c, err := discordgo.MessageComponentFromJSON(row); err == nil {
					m.Components = append(m.Components, c)
				}
			}
		}
	}
	if sent.Reference != nil {
		m.Type = discordgo.MessageTypeReply
	}
	s.history[channelID] = append(s.history[channelID], m)
	return m
}

// findMessage finds a message by channel and ID. Called under s.mu.
func (s *Server) findMessage(channelID, id string) *discordgo.Message {
	for _, m := range s.history[channelID] {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// serveHistory lists a channel's messages newest first, as Discord does:
// at most limit (default 50, at most 100), before a message when asked.
func (s *Server) serveHistory(w http.ResponseWriter, r *http.Request, channelID string) {
	limit := 50
	if v := r.URL.Query().Get("limit"); v != "" {
		fmt.Sscanf(v, "%d", &limit)
	}
	if limit < 1 || limit > 100 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body (limit)", "code": 50035})
		return
	}
	before := r.URL.Query().Get("before")
	s.mu.Lock()
	msgs := s.history[channelID]
	out := []*discordgo.Message{}
	for i := len(msgs) - 1; i >= 0 && len(out) < limit; i-- {
		if before != "" && !idBefore(msgs[i].ID, before) {
			continue
		}
		out = append(out, msgs[i])
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// channel describes a channel: a thread started here, else a text channel.
func (s *Server) channel(id string) *discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.threads {
		if t.ID == id {
			return &discordgo.Channel{ID: id, Type: discordgo.ChannelTypeGuildPublicThread, ParentID: t.ParentID, Name: t.Name, OwnerID: s.BotUserID}
		}
	}
	return &discordgo.Channel{ID: id, Type: discordgo.ChannelTypeGuildText, Name: "channel-" + id}
}

// startThread starts a public thread from a message: the thread has the
// message's ID; a second thread on the same message is refused (code
// 160004), and so is any without permission (DenyThreads).
func (s *Server) startThread(w http.ResponseWriter, channelID, messageID string, body []byte) {
	var req discordgo.ThreadStart
	if err := json.Unmarshal(body, &req); err != nil || req.Name == "" || len([]rune(req.Name)) > 100 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body (name)", "code": 50035})
		return
	}
	if s.DenyThreads {
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Missing Permissions", "code": 50013})
		return
	}
	s.mu.Lock()
	exists := false
	for _, t := range s.threads {
		exists = exists || t.ID == messageID
	}
	found := s.findMessage(channelID, messageID) != nil
	s.mu.Unlock()
	switch {
	case exists:
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "A thread has already been created for this message", "code": 160004})
		return
	case !found:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Unknown Message", "code": 10008})
		return
	}
	t := Thread{ID: messageID, ParentID: channelID, Name: req.Name, AutoArchiveDuration: req.AutoArchiveDuration}
	s.record(func() { s.threads = append(s.threads, t) })
	writeJSON(w, http.StatusCreated, &discordgo.Channel{ID: t.ID, Type: discordgo.ChannelTypeGuildPublicThread, ParentID: channelID, Name: t.Name, OwnerID: s.BotUserID})
}

// idBefore compares two snowflakes: a was made before b.
func idBefore(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
