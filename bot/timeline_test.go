package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

// TestTimelineMessageShowsSources: each event shows its date, its
// sentence and how many articles tell it; a day told by dozens of articles
// numbers only the first two, and the embed stays within Discord's limits
// however many events and sources there are.
func TestTimelineMessageShowsSources(t *testing.T) {
	tl := &timeline.Timeline{Topic: "Gaddafi"}
	for d := 0; d < 15; d++ {
		day := time.Date(2011, 10, 1+d, 0, 0, 0, 0, time.UTC)
		e := timeline.Event{Words: day.Format("2 January 2006"), Value: day.Format(time.DateOnly), Granularity: timex.Day, Begin: day,
			Text: strings.Repeat("Muammar Gaddafi was killed on Thursday as fighters overran Sirte. ", 6), Sources: 30}
		for a := 0; a < 40; a++ {
			e.Citations = append(e.Citations, newsbot.Citation{Article: fmt.Sprintf("wire-%02d-%02d", d, a), Title: strings.Repeat("A long headline ", 10), Paragraph: 1})
		}
		tl.Events = append(tl.Events, e)
	}
	msg := timelineMessage(tl)
	checkLimits(t, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: msg})
	desc := msg.Embeds[0].Description
	if !strings.Contains(desc, "**1 October 2011** — “Muammar Gaddafi was killed") || !strings.Contains(desc, "[1][2] · 30 sources") {
		t.Errorf("first event not shown with its date, sentence, two citations and source count:\n%s", desc)
	}
	if strings.Contains(desc, "[3]") && !strings.Contains(desc, "**2 October 2011** — “Muammar Gaddafi was killed on Thursday as fighters overran Sirte.") {
		t.Errorf("third citation number given to the first event:\n%s", desc)
	}
	one := &timeline.Timeline{Topic: "x", Events: []timeline.Event{{Words: "2018", Value: "2018", Text: "Something happened in 2018, they said.", Sources: 1,
		Citations: []newsbot.Citation{{Article: "a", Title: "A", Paragraph: 2}}}}}
	if d := timelineMessage(one).Embeds[0].Description; strings.Contains(d, "sources") || !strings.HasSuffix(d, "[1]") {
		t.Errorf("an event with one source: %q", d)
	}
}

// TestWholeCorpusTimeline: /timeline without a topic summarises the
// corpus; a range with nothing in it says so.
func TestWholeCorpusTimeline(t *testing.T) {
	b := New(sampleLibrary(t), Config{})
	ctx := context.Background()
	all := b.Handle(ctx, slash("1", "timeline", nil, 0))
	checkLimits(t, all)
	if len(all.Data.Embeds) == 0 || all.Data.Embeds[0].Title != "Timeline" || !strings.Contains(all.Data.Embeds[0].Description, "**21 February 2026**") {
		t.Errorf("whole-corpus timeline = %+v", all.Data)
	}
	none := b.Handle(ctx, slash("2", "timeline", map[string]string{"from": "2030"}, 0))
	if none.Data.Flags != discordgo.MessageFlagsEphemeral || none.Data.Content != msgNoEventsInRange {
		t.Errorf("an empty range = %+v", none.Data)
	}
}

// TestTimelineMessageLongLinks: news links of a few hundred characters
// (tracking parameters, aggregators) neither push a full timeline over
// Discord's 6,000 runes nor leave a citation number without its source
// line: the last sources are then listed without their links.
func TestTimelineMessageLongLinks(t *testing.T) {
	for _, urlLen := range []int{60, 300, 480} {
		tl := &timeline.Timeline{Topic: strings.Repeat("Gaddafi ", 40)}
		for d := 0; d < 10; d++ {
			day := time.Date(2011, 10, 1+d, 0, 0, 0, 0, time.UTC)
			e := timeline.Event{Words: day.Format("2 January 2006"), Value: day.Format(time.DateOnly), Granularity: timex.Day, Begin: day,
				Text: strings.Repeat("Muammar *Gaddafi* was killed on Thursday as fighters overran Sirte. ", 4), Sources: 30}
			for a := 0; a < 3; a++ {
				e.Citations = append(e.Citations, newsbot.Citation{Article: fmt.Sprintf("wire-%02d-%02d", d, a), Title: strings.Repeat("A long headline ", 10),
					Paragraph: 1, Published: day, URL: fmt.Sprintf("https://news.example.com/%d/%d/%s", d, a, strings.Repeat("x", urlLen))})
			}
			tl.Events = append(tl.Events, e)
		}
		for d := 0; d < 5; d++ {
			tl.Undated = append(tl.Undated, timeline.Undated{Relative: "the day before publication", Text: strings.Repeat("Rebels said the town had fallen. ", 10), Sources: 1,
				Citation: newsbot.Citation{Article: fmt.Sprintf("undated-%d", d), Title: strings.Repeat("Rebels ", 30), Paragraph: 2,
					URL: fmt.Sprintf("https://news.example.com/u/%d/%s", d, strings.Repeat("y", urlLen))}})
		}
		msg := timelineMessage(tl)
		checkLimits(t, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: msg})
		e := msg.Embeds[0]
		var fields strings.Builder
		for _, f := range e.Fields {
			fields.WriteString("\n" + f.Value)
		}
		for n := 1; strings.Contains(e.Description, fmt.Sprintf("[%d]", n)); n++ {
			if !strings.Contains(fields.String(), fmt.Sprintf("\n%d. ", n)) {
				t.Errorf("links of %d characters: citation [%d] has no source line (%d fields)", urlLen, n, len(e.Fields))
				break
			}
		}
		if !strings.Contains(fields.String(), "1. [A long headline") {
			t.Errorf("links of %d characters: the first source lost its link:%s", urlLen, fields.String())
		}
	}
}

// TestTimelineMessageUndatedCopies: an undated event told by several
// copies numbers the first two and says how many articles tell it.
func TestTimelineMessageUndatedCopies(t *testing.T) {
	tl := &timeline.Timeline{Topic: "Acme", Undated: []timeline.Undated{{Relative: "the day before publication", Text: "Acme said it would close its plant.", Sources: 3,
		Citation: newsbot.Citation{Article: "reuters/acme", Title: "Acme", Paragraph: 1},
		Others:   []newsbot.Citation{{Article: "yahoo/acme", Title: "Acme", Paragraph: 1}, {Article: "msnbc/acme", Title: "Acme", Paragraph: 1}}}}}
	msg := timelineMessage(tl)
	e := msg.Embeds[0]
	if !strings.Contains(e.Description, "“Acme said it would close its plant.” [1][2] · 3 sources") || len(e.Fields) != 1 || !strings.Contains(e.Fields[0].Value, "`yahoo/acme`") {
		t.Errorf("undated copies rendered as:\n%s\n%+v", e.Description, e.Fields)
	}
}
