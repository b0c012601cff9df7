package main

import (
	"os"
	"path/filepath"
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

// TestWireCopiesCollapseEndToEnd: wire copy written as files (a story, its
// update, the update in another outlet) goes through the corpus reader and
// the index whole, and an answer shows the story's lede once, with every
// article that carries it as a source.
func TestWireCopiesCollapseEndToEnd(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["NEWSBOT_CORPUS"] = dir
	lede := "A magnitude 7.8 earthquake struck southern Turkey and northwest Syria early on Monday, killing more than %s people and trapping hundreds under the rubble of collapsed buildings, officials said."
	files := map[string]string{
		"reuters-quake.md": "---\ntitle: Quake kills hundreds in Turkey and Syria\ndate: 2023-02-06\n---\n\n" +
			strings.Replace(lede, "%s", "500", 1) + "\n\nThe quake was felt as far away as Cairo and Beirut.\n",
		"reuters-quake-update1.md": "---\ntitle: UPDATE 1-Quake kills over 1,000 in Turkey and Syria\ndate: 2023-02-07\n---\n\n" +
			strings.Replace(lede, "%s", "1,000", 1) + "\n\nRescue teams from 45 countries have offered to help with the search, President Tayyip Erdogan said.\n",
		"thestar-quake.md": "---\ntitle: \"Turkey earthquake: more than 1,000 dead\"\ndate: 2023-02-07\nsource: The Star\n---\n\n" +
			strings.Replace(lede, "%s", "1,000", 1) + "\n\nThe Star's correspondent in Gaziantep said aid had not yet reached the city.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := c.run("", "index"); code != exitOK {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	_, stdout, _ := c.run("", "ask", "--json", "How many people did the earthquake in Turkey and Syria kill?")
	out := decodeStrict(t, stdout)
	if len(out.Passages) == 0 || !strings.Contains(out.Passages[0].Text, "earthquake struck") {
		t.Fatalf("answer: %s", stdout)
	}
	var got []string
	for _, s := range out.Passages[0].Sources {
		got = append(got, s.Article)
	}
	if strings.Join(got, ",") != "reuters-quake-update1,reuters-quake,thestar-quake" {
		t.Errorf("sources %v: want the update quoted first (its text, earliest of that text), then by date and ID", got)
	}
	for _, p := range out.Passages[1:] {
		if strings.Contains(p.Text, "earthquake struck") {
			t.Errorf("the lede is shown twice")
		}
	}
	_, text, _ := c.run("", "ask", "How many people did the earthquake in Turkey and Syria kill?")
	if !strings.Contains(text, "reported by 3 sources; also:") {
		t.Errorf("text answer:\n%s", text)
	}
}
