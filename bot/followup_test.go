package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot/library"
)

// wireCorpus is a small corpus in the shape of wire copy: datelines, a
// story told over several days, and a second story about something else.
var wireCorpus = map[string]string{
	"acme-fine.txt": `EU fines Acme 2 billion euros over online adverts

BRUSSELS (Reuters) - March 3, 2025 - The European Commission fined Acme 2 billion euros on Monday for abusing its dominance in online advertising, the largest penalty it has imposed this year.

The Commission said Acme had favoured its own advertising services because it wanted to squeeze out rival ad exchanges, an investigation that began in June 2021 found.
`,
	"acme-appeal.txt": `Acme to appeal EU advertising fine

BRUSSELS (Reuters) - March 4, 2025 - Acme said on Tuesday it would appeal the European Commission's 2 billion euro fine, calling the decision wrong.
`,
	"acme-court.txt": `Acme files appeal against EU fine

LUXEMBOURG (Reuters) - March 10, 2025 - Acme filed its appeal against the EU fine at the General Court on Monday, a court spokesman said.
`,
	"beta-bank.txt": `Beta Bank names new chief executive

LONDON (Reuters) - April 2, 2025 - Beta Bank named Jane Doe as its chief executive on Wednesday, replacing John Roe, who retired after a decade in the post.

Doe said she would focus on cutting costs because profits had fallen for three years.
`,
}

// chatOn opens a chat over a corpus written from files, with a rate limit
// that a scripted conversation does not reach.
func chatOn(t *testing.T, files map[string]string) *Chat {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := library.Open(context.Background(), dir, filepath.Join(t.TempDir(), "index"), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return NewChat(New(lib, Config{RateBurst: 1000}))
}

// converse runs lines through a chat and returns what each printed.
func converse(t *testing.T, c *Chat, lines ...string) []string {
	t.Helper()
	var out []string
	for _, l := range lines {
		resp, err := c.Do(context.Background(), l)
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		out = append(out, RenderText(resp, false))
	}
	return out
}

func TestChatFollowUpsOnWireCopy(t *testing.T) {
	c := chatOn(t, wireCorpus)
	out := converse(t, c,
		"/ask Who fined Acme?",
		"why?",
		"when?",
		"what happened next?",
		"what happened before that?",
		"Who did Beta Bank name as chief executive?",
		"why did she do that?",
	)
	checks := []struct {
		n    int
		want []string
	}{
		{0, []string{"The European Commission fined Acme 2 billion euros on Monday"}},
		// Bare "why?": the subject and event of the answer, and a cause.
		{1, []string{"(Understood as: Why did European Commission fine Acme 2 billion euros?)", "The Commission said Acme had favoured its own advertising services because it wanted to squeeze out", "¶2 · `acme-fine`"}},
		// Bare "when?": the date the dateline gives the Monday.
		{2, []string{"(Understood as: When did European Commission fine Acme 2 billion euros?)", "3 March 2025"}},
		// What happened next: the dated events after 3 March, nearest first.
		{3, []string{"(Understood as: What happened after “BRUSSELS (Reuters) - March 3, 2025", "4 March 2025", "Acme said on Tuesday it would appeal", "10 March 2025", "filed its appeal"}},
		// Before that (the event now is the appeal announced on 4 March).
		{4, []string{"What happened before “BRUSSELS (Reuters) - March 4, 2025 - Acme said on Tuesday it would appeal", "3 March 2025", "fined Acme 2 billion euros", "June 2021"}},
		// A question that names its own subject starts afresh.
		{5, []string{"━━ Who did Beta Bank name as chief executive? ━━", "Beta Bank named Jane Doe"}},
		{6, []string{"(Understood as: Why did Beta Bank name Jane Doe as chief executive?)"}},
	}
	for _, ck := range checks {
		for _, w := range ck.want {
			if !strings.Contains(out[ck.n], w) {
				t.Errorf("answer %d lacks %q:\n%s", ck.n, w, out[ck.n])
			}
		}
	}
	if strings.Contains(out[5], "Understood as") {
		t.Errorf("a change of subject was rewritten:\n%s", out[5])
	}
	if strings.Index(out[3], "4 March 2025") > strings.Index(out[3], "10 March 2025") {
		t.Errorf("next events out of order:\n%s", out[3])
	}
}

func TestChatSlashCommandStartsANewThread(t *testing.T) {
	c := chatOn(t, wireCorpus)
	out := converse(t, c, "/ask Who fined Acme?", "/ask Who did Beta Bank name as chief executive?", "why?")
	if !strings.Contains(out[2], "(Understood as: Why did Beta Bank name Jane Doe as chief executive?)") {
		t.Errorf("a follow-up after a new slash command:\n%s", out[2])
	}
	// Before any answer a plain line is a question of its own.
	c2 := chatOn(t, wireCorpus)
	out = converse(t, c2, "why did they do that?")
	if strings.Contains(out[0], "Understood as") {
		t.Errorf("a first line was resolved against nothing:\n%s", out[0])
	}
	if c2.Resolved() != nil {
		t.Error("a first line reports a resolution")
	}
}
