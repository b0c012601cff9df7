package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
)

// TestCollapsedPassageListsItsSources: a passage that several articles
// carry says "reported by N sources" under its citation and lists them,
// the first few by name, within Discord's limits; the feedback buttons
// still read back only the passages shown.
func TestCollapsedPassageListsItsSources(t *testing.T) {
	day := time.Date(2023, 2, 6, 0, 0, 0, 0, time.UTC)
	cite := func(id string, n int) newsbot.Citation {
		return newsbot.Citation{Article: id, Title: "Quake kills hundreds in Turkey and Syria " + strings.Repeat("and more ", n%3*40), URL: "https://example.com/" + id, Published: day, Paragraph: 1}
	}
	lead := newsbot.Passage{Citation: cite("reuters/quake-update2", 0), Text: "A magnitude 7.8 earthquake struck southern Turkey early on Monday."}
	lead.Sources = []newsbot.Citation{lead.Citation}
	for i := 1; i <= 20; i++ {
		lead.Sources = append(lead.Sources, cite(fmt.Sprintf("outlet-%02d/quake", i), i))
	}
	other := newsbot.Passage{Citation: cite("reuters/quake-update2", 0), Text: "A second quake struck in the afternoon."}
	other.Citation.Paragraph = 3
	ans := &newsbot.Answer{Command: newsbot.Ask, Query: "How many people did the quake kill?", Passages: []newsbot.Passage{lead, other}}

	data := answerMessage(ans, 1)
	checkLimits(t, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data})
	var sources strings.Builder
	for _, f := range data.Embeds[0].Fields {
		if strings.HasPrefix(f.Name, "Sources") {
			sources.WriteString(f.Value + "\n")
		}
	}
	got := sources.String()
	for _, want := range []string{"¶1 · `reuters/quake-update2` · reported by 21 sources", "↳ also [Quake kills hundreds", "outlet-01", "↳ and 17 more", "2. "} {
		if !strings.Contains(got, want) && !(want == "outlet-01" && strings.Contains(got, "example.com/outlet-01")) {
			t.Errorf("sources lack %q:\n%s", want, got)
		}
	}
	if refs := refsIn(data.Embeds); strings.Join(refs, ",") != "reuters/quake-update2#1,reuters/quake-update2#3" {
		t.Errorf("passages read back = %v", refs)
	}
}

// TestWhenWithoutADateForTheEventSaysSo: a when-answer whose lead gives no
// date for the event asked about says so before quoting the closest
// passage; a dated lead does not.
func TestWhenWithoutADateForTheEventSaysSo(t *testing.T) {
	p := newsbot.Passage{Citation: newsbot.Citation{Article: "libya/younes", Title: "Libyan rebels' military chief killed", Paragraph: 1},
		Text: "Abdel Fattah Younes was killed on 28 July."}
	ans := &newsbot.Answer{Command: newsbot.When, Query: "When was Gaddafi killed?", Passages: []newsbot.Passage{p}}
	if d := answerMessage(ans, 1).Embeds[0].Description; !strings.HasPrefix(d, noDateForEvent) {
		t.Errorf("description = %q", d)
	}
	ans.Command = newsbot.Ask
	if d := answerMessage(ans, 1).Embeds[0].Description; strings.Contains(d, noDateForEvent) {
		t.Errorf("an ask-answer says %q", d)
	}
}
