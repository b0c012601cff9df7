package bot

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/timeline"
)

// sampleLibrary is the bundled sample corpus, indexed.
func sampleLibrary(t testing.TB) *library.Library {
	t.Helper()
	l, err := library.Open(context.Background(), samples.Dir(), filepath.Join(t.TempDir(), "index"), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// slash builds a slash-command interaction from user, with string options.
func slash(id, name string, opts map[string]string, perms int64) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{ID: "c-" + name, Name: name, CommandType: discordgo.ChatApplicationCommand}
	for k, v := range opts {
		data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: k, Type: discordgo.ApplicationCommandOptionString, Value: v})
	}
	return &discordgo.Interaction{
		ID: id, AppID: "777", Type: discordgo.InteractionApplicationCommand, Data: data, GuildID: "42", ChannelID: "55",
		Member: &discordgo.Member{User: &discordgo.User{ID: "user-" + id}, Permissions: perms}, Token: "token-" + id,
	}
}

// press builds a button press on message msg.
func press(id, customID string, msg *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: id, AppID: "777", Type: discordgo.InteractionMessageComponent, GuildID: "42", ChannelID: "55",
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
		Message: msg, Member: &discordgo.Member{User: &discordgo.User{ID: "user-" + id}}, Token: "token-" + id,
	}
}

// checkLimits fails the test if a response breaks one of Discord's limits
// or could ping anyone.
func checkLimits(t *testing.T, resp *discordgo.InteractionResponse) {
	t.Helper()
	d := resp.Data
	if d == nil {
		if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource && resp.Type != discordgo.InteractionResponsePong {
			t.Errorf("response type %d without data", resp.Type)
		}
		return
	}
	if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		if len(d.Choices) > MaxChoices {
			t.Errorf("%d autocomplete choices", len(d.Choices))
		}
		for _, c := range d.Choices {
			if Runes(c.Name) > MaxChoiceName || len(c.Value.(string)) > 100 {
				t.Errorf("choice too long: %q", c.Name)
			}
		}
		return
	}
	if d.AllowedMentions == nil || d.AllowedMentions.Parse == nil || len(d.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want parse: []", d.AllowedMentions)
	}
	raw, _ := json.Marshal(d)
	if !strings.Contains(string(raw), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("payload does not send allowed_mentions.parse as []: %s", raw)
	}
	if Runes(d.Content) > MaxContent {
		t.Errorf("content has %d runes", Runes(d.Content))
	}
	if len(d.Embeds) > MaxEmbeds {
		t.Errorf("%d embeds", len(d.Embeds))
	}
	total := 0
	for _, e := range d.Embeds {
		if Runes(e.Title) > MaxEmbedTitle || Runes(e.Description) > MaxEmbedDescription || len(e.Fields) > MaxFields {
			t.Errorf("embed over limits: title %d, description %d, fields %d", Runes(e.Title), Runes(e.Description), len(e.Fields))
		}
		if e.Footer != nil && Runes(e.Footer.Text) > MaxFooter {
			t.Errorf("footer has %d runes", Runes(e.Footer.Text))
		}
		for _, f := range e.Fields {
			if Runes(f.Name) > MaxFieldName || Runes(f.Value) > MaxFieldValue || f.Name == "" || f.Value == "" {
				t.Errorf("field over limits or empty: name %d, value %d", Runes(f.Name), Runes(f.Value))
			}
		}
		total += embedSize(e)
	}
	if total > MaxEmbedTotal {
		t.Errorf("embeds total %d runes", total)
	}
	for _, row := range d.Components {
		r, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		if len(r.Components) > 5 {
			t.Errorf("%d buttons in a row", len(r.Components))
		}
		for _, c := range r.Components {
			if b, ok := c.(discordgo.Button); ok && len(b.CustomID) > MaxCustomID {
				t.Errorf("custom ID of %d characters: %q", len(b.CustomID), b.CustomID)
			}
		}
	}
}

func customIDs(d *discordgo.InteractionResponseData) []string {
	var ids []string
	for _, row := range d.Components {
		if r, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range r.Components {
				if b, ok := c.(discordgo.Button); ok {
					ids = append(ids, b.CustomID)
				}
			}
		}
	}
	return ids
}

func TestAnswerCommands(t *testing.T) {
	b := New(sampleLibrary(t), Config{})
	ctx := context.Background()

	resp := b.Handle(ctx, slash("1", "why", map[string]string{"question": "Why did North Korea blow up the building?"}, 0))
	checkLimits(t, resp)
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) != 1 || resp.Data.Flags != 0 {
		t.Fatalf("why: %+v", resp)
	}
	e := resp.Data.Embeds[0]
	if !strings.Contains(e.Description, "The immediate issue seems to be") || !strings.Contains(e.Description, "**") {
		t.Errorf("lead passage not quoted with bold matches: %q", e.Description)
	}
	sources := e.Fields[len(e.Fields)-1]
	if sources.Name != "Sources" || !strings.HasPrefix(sources.Value, "1. North Korea blows up the relationship. Why? — date unknown, ¶2 · `004_ad30c935bafc3323`") {
		t.Errorf("sources = %q", sources.Value)
	}
	ids := customIDs(resp.Data)
	if len(ids) < 3 || !strings.HasPrefix(ids[len(ids)-2], "vote:up:why") {
		t.Errorf("buttons = %v", ids)
	}

	resp = b.Handle(ctx, slash("2", "when", map[string]string{"question": "When did North Korea reopen communication lines?"}, 0))
	checkLimits(t, resp)
	desc := resp.Data.Embeds[0].Description
	if !strings.HasPrefix(desc, "**21 February 2026** — “SEOUL, South Korea - February 21st, 2026") {
		t.Errorf("when does not lead with the date: %q", desc)
	}
	if !strings.Contains(resp.Data.Embeds[0].Fields[len(resp.Data.Embeds[0].Fields)-1].Value, "[North Korea Reopens Communication Lines with South Korea](https://www.wsbtv.com/") {
		t.Errorf("citation not linked: %+v", resp.Data.Embeds[0].Fields)
	}

	// Nothing relevant: a short, plain, ephemeral reply.
	resp = b.Handle(ctx, slash("3", "ask", map[string]string{"question": "What is the airspeed velocity of an unladen swallow?"}, 0))
	checkLimits(t, resp)
	if resp.Data.Flags != discordgo.MessageFlagsEphemeral || resp.Data.Content != msgNoAnswer || len(resp.Data.Embeds) != 0 {
		t.Errorf("no-answer reply = %+v", resp.Data)
	}
}

func TestButtons(t *testing.T) {
	dir := t.TempDir()
	feedback := NewFeedbackLog(filepath.Join(dir, "feedback.jsonl"))
	b := New(sampleLibrary(t), Config{Feedback: feedback})
	ctx := context.Background()
	first := b.Handle(ctx, slash("1", "ask", map[string]string{"question": "North Korea South Korea talks"}, 0))
	checkLimits(t, first)
	msg := &discordgo.Message{ID: "m1", Embeds: first.Data.Embeds, Components: first.Data.Components}
	ids := customIDs(first.Data)
	if len(ids) != 4 || ids[0] != "more:ask:2" || !strings.HasPrefix(ids[1], "full:") {
		t.Fatalf("buttons = %v", ids)
	}

	// More passages: the next page, numbered on, for the same question.
	more := b.Handle(ctx, press("2", ids[0], msg))
	checkLimits(t, more)
	if more.Data.Flags != discordgo.MessageFlagsEphemeral || len(more.Data.Embeds) != 1 {
		t.Fatalf("more = %+v", more.Data)
	}
	if !strings.Contains(more.Data.Embeds[0].Description, "[4]") {
		t.Errorf("page 2 lead is not passage 4: %q", more.Data.Embeds[0].Description)
	}
	// The first page's lead and page 2's lead differ.
	if more.Data.Embeds[0].Description == first.Data.Embeds[0].Description {
		t.Error("page 2 repeats page 1")
	}

	// Full paragraph of the lead passage.
	full := b.Handle(ctx, press("3", ids[1], msg))
	checkLimits(t, full)
	if full.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.HasPrefix(full.Data.Embeds[0].Description, "“") {
		t.Errorf("full paragraph = %+v", full.Data)
	}

	// Votes are recorded without user names.
	vote := b.Handle(ctx, press("4", ids[2], msg))
	checkLimits(t, vote)
	if vote.Data.Content != msgVoted {
		t.Errorf("vote reply = %q", vote.Data.Content)
	}
	b.Handle(ctx, press("5", ids[3], msg))
	f, err := os.Open(filepath.Join(dir, "feedback.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := Summarize(f)
	if err != nil {
		t.Fatal(err)
	}
	if s.Up != 1 || s.Down != 1 || s.ByCommand["ask"] != [2]int{1, 1} || len(s.Worst) != 1 || s.Worst[0].Question != "North Korea South Korea talks" {
		t.Errorf("feedback summary = %+v", s)
	}
	rawBytes, _ := os.ReadFile(filepath.Join(dir, "feedback.jsonl"))
	raw := string(rawBytes)
	if strings.Contains(raw, "user-") {
		t.Error("feedback log holds a user ID")
	}
	if !strings.Contains(raw, `"passages":["`) {
		t.Errorf("feedback log lacks the passages shown: %s", raw)
	}

	// A button from an unknown version still gets an answer.
	odd := b.Handle(ctx, press("6", "frobnicate:1", msg))
	checkLimits(t, odd)
	if odd.Data.Content != msgUnknown {
		t.Errorf("unknown button = %q", odd.Data.Content)
	}
}

func TestTimelineSourcesReindex(t *testing.T) {
	b := New(sampleLibrary(t), Config{})
	ctx := context.Background()

	tl := b.Handle(ctx, slash("1", "timeline", map[string]string{"topic": "North Korea"}, 0))
	checkLimits(t, tl)
	desc := tl.Data.Embeds[0].Description
	for _, want := range []string{"**2018** — “The last meaningful dialogue", "**21 February 2026** — “In a surprising development", "**the week after 21 February 2026**", "*Undated articles, relative to publication:*", "**the day before publication (date unknown)** — “Then, yesterday"} {
		if !strings.Contains(desc, want) {
			t.Errorf("timeline lacks %q:\n%s", want, desc)
		}
	}
	out := b.Handle(ctx, slash("2", "timeline", map[string]string{"topic": "North Korea", "from": "2027"}, 0))
	if out.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.Contains(out.Data.Content, "is dated on or after 1 January 2027; its passages are dated from 2018 to") {
		t.Errorf("a range that leaves out every event = %+v", out.Data)
	}
	backwards := b.Handle(ctx, slash("2", "timeline", map[string]string{"topic": "North Korea", "from": "2026-03", "to": "2026-01"}, 0))
	if backwards.Data.Flags != discordgo.MessageFlagsEphemeral || backwards.Data.Content != msgFromAfterTo {
		t.Errorf("from after to = %+v", backwards.Data)
	}
	bad := b.Handle(ctx, slash("2", "timeline", map[string]string{"topic": "North Korea", "from": "last year"}, 0))
	if bad.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.Contains(bad.Data.Content, "not a date") {
		t.Errorf("bad from = %+v", bad.Data)
	}

	src := b.Handle(ctx, slash("3", "sources", nil, 0))
	checkLimits(t, src)
	if src.Data.Embeds[0].Title != "The corpus holds 2 articles" || !strings.Contains(src.Data.Embeds[0].Description, "1. [North Korea Reopens") {
		t.Errorf("sources = %+v", src.Data.Embeds[0])
	}

	auto := b.Handle(ctx, &discordgo.Interaction{ID: "4", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "source", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "article", Type: discordgo.ApplicationCommandOptionString, Value: "relationship", Focused: true}}}})
	checkLimits(t, auto)
	if auto.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(auto.Data.Choices) != 1 || auto.Data.Choices[0].Value != "004_ad30c935bafc3323" {
		t.Fatalf("autocomplete = %+v", auto.Data)
	}
	one := b.Handle(ctx, slash("5", "source", map[string]string{"article": "004_ad30c935bafc3323"}, 0))
	checkLimits(t, one)
	if !strings.HasPrefix(one.Data.Embeds[0].Description, "**¶1** First, they stop taking your calls.") {
		t.Errorf("source = %q", one.Data.Embeds[0].Description)
	}

	denied := b.Handle(ctx, slash("6", "reindex", nil, 0))
	if denied.Data.Content != msgNeedManage {
		t.Errorf("reindex without Manage Server = %q", denied.Data.Content)
	}
	done := b.Handle(ctx, slash("7", "reindex", nil, discordgo.PermissionManageGuild))
	checkLimits(t, done)
	if done.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.HasPrefix(done.Data.Content, "Re-scanned the corpus: 0 added, 0 updated, 0 removed, 2 unchanged") {
		t.Errorf("reindex = %q", done.Data.Content)
	}
}

func TestRateLimit(t *testing.T) {
	b := New(sampleLibrary(t), Config{})
	ctx := context.Background()
	var last *discordgo.InteractionResponse
	for k := 0; k < 6; k++ {
		i := slash("1", "ask", map[string]string{"question": "North Korea"}, 0) // same user every time
		last = b.Handle(ctx, i)
		if k < 5 && last.Data.Content == msgRateLimit {
			t.Fatalf("question %d rate limited", k+1)
		}
	}
	if last.Data.Content != msgRateLimit || last.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("6th question in a burst = %+v", last.Data)
	}
	// Another user is not affected.
	other := b.Handle(ctx, slash("2", "ask", map[string]string{"question": "North Korea"}, 0))
	if other.Data.Content == msgRateLimit {
		t.Error("rate limit shared between users")
	}
}

func TestNotReadySaysSo(t *testing.T) {
	b := New(notReady{}, Config{})
	resp := b.Handle(context.Background(), slash("1", "ask", map[string]string{"question": "North Korea"}, 0))
	if resp.Data.Content != msgNotReady || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("not ready = %+v", resp.Data)
	}
}

func TestDeferredIsEphemeralWhenTheAnswerIs(t *testing.T) {
	if d := Deferred(slash("1", "ask", nil, 0)); d.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || d.Data.Flags != 0 {
		t.Errorf("ask deferral = %+v", d)
	}
	if d := Deferred(slash("1", "reindex", nil, 0)); d.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("reindex deferral = %+v", d)
	}
}

// notReady is a service whose index is still being built.
type notReady struct{}

func (notReady) Answer(context.Context, newsbot.Command, string, int) (*newsbot.Answer, error) {
	return nil, library.ErrNotReady
}
func (notReady) Timeline(context.Context, timeline.Request) (*timeline.Timeline, error) {
	return nil, library.ErrNotReady
}
func (notReady) Articles() []newsbot.Article { return nil }
func (notReady) Article(context.Context, string) (newsbot.Article, bool, error) {
	return newsbot.Article{}, false, library.ErrNotReady
}
func (notReady) Sync(context.Context) (*corpus.Result, index.SyncReport, error) {
	return nil, index.SyncReport{}, library.ErrNotReady
}
