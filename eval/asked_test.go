package eval_test

import (
	"context"
	"testing"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/internal/samples"
)

// TestGreetingsDoNotSilenceAnswers: a question typed in a chat comes with
// greetings and thanks ("Hi! Quick question: …", "… Thanks!"). Those words
// are not what the question is about, and a passage need not hold them to
// answer it: each of the news questions written from the MEANTIME articles
// gets, so framed, the lead passage it gets bare (before, "Hi! Quick
// question:" left 37 of the 61 without a passage).
func TestGreetingsDoNotSilenceAnswers(t *testing.T) {
	set, err := meantimeNews(t)
	if err != nil {
		t.Fatal(err)
	}
	e := answer.New(samples.IndexArticles(t, set.Articles), answer.Config{})
	ctx := context.Background()
	lead := func(q string) string {
		ans, err := e.Answer(ctx, answer.Intent(q), q, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 {
			return "no passage"
		}
		c := ans.Passages[0].Citation
		return c.Article + "#" + string(rune('0'+c.Paragraph%10)) + ans.Passages[0].Text[:min(30, len(ans.Passages[0].Text))]
	}
	frames := [][2]string{
		{"Hi! Quick question: ", ""},
		{"Hello, ", " Thanks!"},
		{"Hey, can you tell me ", ""},
		{"Please, ", " Thank you."},
		{"Quick question - ", " thx"},
	}
	for _, q := range set.Questions {
		want := lead(q.Question)
		for _, f := range frames {
			if got := lead(f[0] + q.Question + f[1]); got != want {
				t.Errorf("%q: %s, but bare %s", f[0]+q.Question+f[1], got, want)
			}
		}
	}
}
