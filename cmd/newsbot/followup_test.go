package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestChatFollowUpsOnTheSamples is the case: /ask, then a pronoun
// follow-up that quotes and cites GZERO's leaflets paragraph with the
// resolved question shown, then "when was that?".
func TestChatFollowUpsOnTheSamples(t *testing.T) {
	c := newCLI(t)
	c.env["NEWSBOT_FEEDBACK"] = feedbackOff
	in := "/ask What did North Korea blow up?\nwhy did they do that?\nwhen was that?\nwhat happened next?\n"
	code, stdout, stderr := c.run(in, "chat")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// In order: the resolved why-question in small print, the leaflets
	// paragraph quoted and cited, then the when-question and its date.
	at := 0
	for _, want := range []string{
		"━━ What did North Korea blow up? ━━",
		"(Understood as: Why did North Korea blow up a building?)",
		"━━ Why did North Korea blow up a building? ━━\n“The immediate issue seems to be Seoul's failure to stop North Korean defectors",
		"leaflets over the border using balloons and drones.” [1]",
		"1. North Korea blows up the relationship. Why? — date unknown, ¶2 · `004_ad30c935bafc3323`",
		"(Understood as: When did North Korea blow up a building?)",
		// The article is undated: the corpus gives "yesterday" and no date.
		"the day before publication (date unknown) — “Then, yesterday, North Korea quite literally blew up a building",
		// What happened next, as the README's transcript shows it.
		"(Understood as: What happened after “Then, yesterday, North Korea quite literally blew up a building just north of the border which both sides had used for…”?)",
		"the months after publication (date unknown) — “If Kim feels he is running out of time",
	} {
		i := strings.Index(stdout[at:], want)
		if i < 0 {
			t.Fatalf("chat output lacks %q after byte %d:\n%s", want, at, stdout)
		}
		at += i + len(want)
	}
}

// TestChatJSONShowsTheResolvedQuestion: with --json a follow-up's payload
// carries what it was understood as; a slash command starts afresh.
func TestChatJSONShowsTheResolvedQuestion(t *testing.T) {
	c := newCLI(t)
	c.env["NEWSBOT_FEEDBACK"] = feedbackOff
	in := "/ask What did North Korea blow up?\nwhy?\n/ask What did South Korea's Unification Minister say?\n"
	code, stdout, stderr := c.run(in, "chat", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 payloads:\n%s", stdout)
	}
	var fu struct {
		Type     int `json:"type"`
		FollowUp *struct {
			Text, Question, Command, Kind string
		} `json:"followup"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &fu); err != nil {
		t.Fatal(err)
	}
	if fu.Type != 4 || fu.FollowUp == nil || fu.FollowUp.Text != "why?" || fu.FollowUp.Question != "Why did North Korea blow up a building?" ||
		fu.FollowUp.Command != "why" || fu.FollowUp.Kind != "followup" {
		t.Errorf("follow-up payload: %s", lines[1])
	}
	for _, i := range []int{0, 2} {
		if strings.Contains(lines[i], `"followup"`) {
			t.Errorf("a slash command is not a follow-up: %s", lines[i])
		}
	}
}
