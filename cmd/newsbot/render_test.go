package main

import (
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

// TestTextRendering: a collapsed passage says by how many sources it is
// reported and lists them; a when-answer without a date for the event says
// so before the closest passage.
func TestTextRendering(t *testing.T) {
	day := time.Date(2023, 2, 6, 0, 0, 0, 0, time.UTC)
	c1 := newsbot.Citation{Article: "reuters/quake", Title: "Quake kills hundreds", Published: day, Paragraph: 1}
	c2 := newsbot.Citation{Article: "thestar/quake", Title: "Turkey earthquake", Source: "The Star", Published: day, Paragraph: 2}
	ans := &newsbot.Answer{Command: newsbot.Ask, Query: "How many died?", Passages: []newsbot.Passage{
		{Citation: c1, Text: "More than 1,300 people died.", Sources: []newsbot.Citation{c1, c2}}}}
	var b strings.Builder
	if err := (renderer{}).write(&b, ans); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "reported by 2 sources; also:") || !strings.Contains(out, "· Turkey earthquake (The Star), 6 February 2023, paragraph 2 [thestar/quake]") {
		t.Errorf("output:\n%s", out)
	}
	j := toJSON(ans)
	if len(j.Passages[0].Sources) != 2 || j.Passages[0].Sources[1].Source != "The Star" {
		t.Errorf("JSON sources = %+v", j.Passages[0].Sources)
	}

	b.Reset()
	ans = &newsbot.Answer{Command: newsbot.When, Query: "When was Gaddafi killed?", Passages: []newsbot.Passage{{Citation: c1, Text: "Younes was killed on 28 July."}}}
	if err := (renderer{}).write(&b, ans); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "[1] No passage gives a date for that. The closest:") {
		t.Errorf("output:\n%s", out)
	}
}
