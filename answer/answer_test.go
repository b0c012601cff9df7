package answer_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/timex"
)

// sampleEngine indexes the bundled sample articles and returns an engine.
func sampleEngine(t *testing.T) *answer.Engine {
	t.Helper()
	return answer.New(samples.Index(t), answer.Config{})
}

func TestWhyQuotesTheLeafletsParagraph(t *testing.T) {
	e := sampleEngine(t)
	ans, err := e.Answer(context.Background(), newsbot.Why, "Why did North Korea blow up the building?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 {
		t.Fatal("no answer")
	}
	lead := ans.Passages[0]
	if lead.Citation.Article != "004_ad30c935bafc3323" || lead.Citation.Paragraph != 2 ||
		!strings.Contains(lead.Text, "leaflets over the border") {
		t.Fatalf("lead passage = %s #%d %.80q", lead.Citation.Article, lead.Citation.Paragraph, lead.Text)
	}
	if lead.Citation.Title != "North Korea blows up the relationship. Why?" || lead.Section != "Why now?" {
		t.Errorf("citation = %+v, section %q", lead.Citation, lead.Section)
	}
}

func TestWhenQuotesTheDatelineParagraph(t *testing.T) {
	e := sampleEngine(t)
	ans, err := e.Answer(context.Background(), newsbot.When, "When did North Korea reopen communication lines?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 {
		t.Fatal("no answer")
	}
	lead := ans.Passages[0]
	if lead.Citation.Article != "000_7372d195acbf193c" || lead.Citation.Paragraph != 1 ||
		!strings.Contains(lead.Text, "February 21st, 2026") {
		t.Fatalf("lead passage = %s #%d %.80q", lead.Citation.Article, lead.Citation.Paragraph, lead.Text)
	}
	if got := lead.Citation.Published.Format("2006-01-02"); got != "2026-02-21" || lead.Citation.URL == "" {
		t.Errorf("citation = %+v", lead.Citation)
	}
	// Highlights point at words of the question ("Korean" shares its stem
	// with "Korea"), inside the text.
	if len(lead.Highlights) == 0 {
		t.Fatal("no highlights")
	}
	for _, h := range lead.Highlights {
		word := strings.ToLower(lead.Text[h.Start:h.End])
		if !slices.ContainsFunc(strings.Fields("north korea communication lines"), func(q string) bool { return strings.HasPrefix(word, q) }) {
			t.Errorf("highlight %q is not a question word", word)
		}
	}
}

func TestNothingRelevantMeansNoPassages(t *testing.T) {
	e := sampleEngine(t)
	for _, q := range []string{"What is the recipe for banana bread?", "Who won the football match?", "why", "???", ""} {
		ans, err := e.Answer(context.Background(), answer.Intent(q), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) != 0 {
			t.Errorf("%q answered with %.60q", q, ans.Passages[0].Text)
		}
	}
}

func TestJunkIsNeverAPassage(t *testing.T) {
	e := sampleEngine(t)
	questions := []string{
		"What did Macron propose at the coalition of the willing summit?",
		"Why was the Istanbul mayor Ekrem Imamoglu arrested?",
		"What does the BMW Foundation do about the energy transition?",
		"Who took the photo for Reuters?",
		"Riek Machar house arrest South Sudan",
	}
	for _, q := range questions {
		ans, err := e.Answer(context.Background(), answer.Intent(q), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ans.Passages {
			for _, junk := range []string{"Macron", "Imamoglu", "BMW", "REUTERS", "Machar"} {
				if strings.Contains(p.Text, junk) {
					t.Errorf("%q quoted junk: %.80q", q, p.Text)
				}
			}
		}
	}
}

func TestPassagesAreVerbatimAndLimited(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	res, err := corpus.Load(ctx, samples.Dir(), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]bool{}
	for _, a := range res.Articles {
		for _, p := range a.Paragraphs {
			texts[p.Text] = true
		}
	}
	for k := 1; k <= 5; k++ {
		ans, err := e.Answer(ctx, newsbot.Ask, "North Korea South Korea talks sanctions", k)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) != k {
			t.Errorf("k=%d gave %d passages", k, len(ans.Passages))
		}
		for i, p := range ans.Passages {
			if !texts[p.Text] {
				t.Errorf("passage is not a corpus paragraph: %.60q", p.Text)
			}
			if i > 0 && p.Score > ans.Passages[i-1].Score {
				t.Errorf("passages not in score order")
			}
		}
	}
}

func TestHostileQuestions(t *testing.T) {
	e := sampleEngine(t)
	for _, q := range []string{`+why -"North Korea" ~2 *:*`, strings.Repeat("balloons ", 2000), "\xff\xfe invalid utf8 leaflets", "<@everyone> leaflets"} {
		if _, err := e.Answer(context.Background(), newsbot.Why, q, 3); err != nil {
			t.Errorf("Answer(%.30q) = %v", q, err)
		}
	}
}

func TestIntent(t *testing.T) {
	cases := map[string]newsbot.Command{
		"When did the war end?":           newsbot.When,
		"Why did North Korea blow it up?": newsbot.Why,
		"In what year, and why, did X?":   newsbot.Ask,
		"The reason why prices rose":      newsbot.Why,
		"Who is the minister?":            newsbot.Ask,
		"":                                newsbot.Ask,
		// "when" asks when it ends the question or an auxiliary follows it.
		"Prior to Super Bowl 50, when were the Broncos last there?": newsbot.When,
		"Germany doesn't have an imperialistic past until when?":    newsbot.When,
		"When's the vote?":                            newsbot.When,
		"When exactly did the talks start?":           newsbot.When,
		"When year was the Maastricht Treaty signed?": newsbot.When,
		// Otherwise it opens a clause, and the question is elsewhere.
		"When the law is a direct target of the protest, what is this called?":    newsbot.Ask,
		"When rich countries trade with poor countries, whose wages increase?":    newsbot.Ask,
		"If prices rose when the war began, why did wages fall?":                  newsbot.Why,
		"Civil disobedience can occur when people speak about a topic deemed as?": newsbot.Ask,
	}
	for q, want := range cases {
		if got := answer.Intent(q); got != want {
			t.Errorf("Intent(%q) = %s, want %s", q, got, want)
		}
	}
}

// TestAnswersAreDeterministic asks the same questions many times: the
// passages, their order and their scores must not change from one asking to
// the next (scores once summed in map order, which varies).
func TestAnswersAreDeterministic(t *testing.T) {
	e := sampleEngine(t)
	ctx := context.Background()
	for _, q := range []string{"Why did North Korea blow up the building?", "North Korea South Korea talks sanctions nuclear"} {
		first, err := e.Answer(ctx, answer.Intent(q), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 50; i++ {
			again, _ := e.Answer(ctx, answer.Intent(q), q, 5)
			if len(again.Passages) != len(first.Passages) {
				t.Fatalf("%q: %d passages, then %d", q, len(first.Passages), len(again.Passages))
			}
			for j := range first.Passages {
				a, b := first.Passages[j], again.Passages[j]
				if !reflect.DeepEqual(a.Citation, b.Citation) || a.Score != b.Score {
					t.Fatalf("%q passage %d: %v (%v), then %v (%v)", q, j+1, a.Citation.Paragraph, a.Score, b.Citation.Paragraph, b.Score)
				}
			}
		}
	}
}

// wireIndex indexes articles written in the shape of wire copy.
func wireIndex(t *testing.T, articles ...newsbot.Article) *answer.Engine {
	t.Helper()
	for i := range articles {
		a := &articles[i]
		if a.Hash == "" {
			a.Hash = a.ID
		}
		for j := range a.Paragraphs {
			p := &a.Paragraphs[j]
			p.N = j + 1
			p.Dates = timex.Extract(p.Text, a.Published)
		}
	}
	return answer.New(samples.IndexArticles(t, articles), answer.Config{})
}

func paragraphs(texts ...string) []newsbot.Paragraph {
	ps := make([]newsbot.Paragraph, len(texts))
	for i, t := range texts {
		ps[i].Text = t
	}
	return ps
}

// TestAbstainsUnlessThePassageIsAboutTheQuestion: a passage that shares a
// question's common words, or its topic but not its names, does not
// answer it.
func TestAbstainsUnlessThePassageIsAboutTheQuestion(t *testing.T) {
	day := time.Date(2011, 10, 21, 0, 0, 0, 0, time.UTC)
	e := wireIndex(t,
		newsbot.Article{ID: "apple-patents", Title: "Apple wins patent case against Samsung", Published: day, Paragraphs: paragraphs(
			"Apple holds more than 1,300 patents on the design of its phones, a court in California heard on Thursday.",
			"The jury found that Samsung had copied the patented designs and awarded Apple $1 billion.")},
		newsbot.Article{ID: "protest", Title: "Protesters march on parliament", Published: day, Paragraphs: paragraphs(
			"Thousands of protesters chanted “feed the people, not the banks” as they marched on parliament on Saturday.",
			"Police said the march was peaceful and that nobody was arrested.")},
		newsbot.Article{ID: "libya", Title: "Libya's interim rulers declare the country liberated", Published: day, Paragraphs: paragraphs(
			"Libya's interim government declared the country liberated on Sunday, three days after the death of Muammar Gaddafi in Sirte.",
			"Gaddafi was captured and killed by fighters of the National Transitional Council on Thursday.")},
	)
	ctx := context.Background()
	answered := []string{
		"How many patents does Apple hold?",
		"When was Gaddafi killed?",
		"What did the protesters chant?",
	}
	for _, q := range answered {
		ans, err := e.Answer(ctx, answer.Intent(q), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 {
			t.Errorf("%q: no passage", q)
		}
	}
	unanswered := []string{
		"What do lobates feed on?",                  // only "feed" is in the corpus
		"How many patents did Tesla hold?",          // patents, but not Tesla's
		"When was Saddam Hussein killed in Tikrit?", // a killing, not his
		"Who played in Super Bowl 50?",
	}
	for _, q := range unanswered {
		ans, err := e.Answer(ctx, answer.Intent(q), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) != 0 {
			t.Errorf("%q answered with %.80q", q, ans.Passages[0].Text)
		}
	}
}

// TestWhyItMattersSectionAnswersWhy: in explainers written in the shape of
// Axios or Vox copy, the paragraph under "Why it matters" explains the one
// before the heading, and answers the why-question about it; a paragraph
// under another heading does not get that lift.
func TestWhyItMattersSectionAnswersWhy(t *testing.T) {
	day := time.Date(2022, 7, 14, 0, 0, 0, 0, time.UTC)
	e := wireIndex(t,
		newsbot.Article{ID: "rates", Title: "Bank of Canada raises rates by a full point", Published: day, Paragraphs: []newsbot.Paragraph{
			{Text: "The Bank of Canada raised its key interest rate by a full percentage point on Wednesday, the biggest rise since 1998."},
			{Section: "Why it matters", Text: "Inflation hit 7.7% in May, and the bank acted because it fears that high prices will become entrenched."},
			{Section: "What's next", Text: "Economists expect the bank to raise rates again in September."},
		}},
		newsbot.Article{ID: "housing", Title: "Home sales fall as rates rise", Published: day, Paragraphs: []newsbot.Paragraph{
			{Text: "Home sales in Canada fell 8.6% in June as the central bank raised rates."},
			{Section: "The big picture", Text: "Prices have dropped in Toronto and Vancouver for four months in a row."},
		}},
	)
	ans, err := e.Answer(context.Background(), newsbot.Why, "Why did the Bank of Canada raise its interest rate by a full point?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || ans.Passages[0].Section != "Why it matters" {
		for _, p := range ans.Passages {
			t.Logf("%s #%d %q", p.Citation.Article, p.Citation.Paragraph, p.Text)
		}
		t.Fatal("the paragraph under \"Why it matters\" does not lead")
	}
	ans, err = e.Answer(context.Background(), newsbot.Why, "Why did home sales in Canada fall in June?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || ans.Passages[0].Citation.Article != "housing" || ans.Passages[0].Citation.Paragraph != 1 {
		t.Fatalf("lead = %+v", ans.Passages)
	}
}
