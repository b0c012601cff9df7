package answer_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

// quakeWire is wire copy as a newsroom receives it: a story, its UPDATE 1
// and UPDATE 2 (figures changed, a clause and a paragraph added), the
// update run by another outlet, and the first file saved twice.
func quakeWire() []newsbot.Article {
	at := func(h, m int) time.Time { return time.Date(2023, 2, 6, h, m, 0, 0, time.UTC) }
	lede := "A magnitude 7.8 earthquake struck southern Turkey and northwest Syria early on Monday, killing more than %s people and trapping hundreds under the rubble of collapsed buildings, officials said."
	f := func(n string) string { return strings.Replace(lede, "%s", n, 1) }
	rescue := "Rescue teams from 45 countries have offered to help with the search, President Tayyip Erdogan said."
	aftershock := "A second quake of magnitude 7.5 struck the region in the afternoon, toppling more buildings."
	return []newsbot.Article{
		{ID: "reuters/quake", Title: "Quake kills hundreds in Turkey and Syria", Published: at(4, 10), Paragraphs: paragraphs(
			f("500"), "The quake was felt as far away as Cairo and Beirut.")},
		{ID: "reuters/quake (1)", Title: "Quake kills hundreds in Turkey and Syria", Published: at(4, 10), Paragraphs: paragraphs(
			f("500"), "The quake was felt as far away as Cairo and Beirut.")},
		{ID: "reuters/quake-update1", Title: "UPDATE 1-Quake kills over 1,000 in Turkey and Syria", Published: at(6, 30), Paragraphs: paragraphs(
			f("1,000"), rescue, "The quake was felt as far away as Cairo and Beirut.")},
		{ID: "thestar/turkey-quake", Title: "Turkey earthquake: more than 1,000 dead", Published: at(7, 5), Source: "The Star", Paragraphs: paragraphs(
			"(Reuters) - "+f("1,000"), rescue)},
		{ID: "reuters/quake-update2", Title: "UPDATE 2-Quake kills over 1,300 in Turkey and Syria", Published: at(9, 0), Paragraphs: paragraphs(
			strings.Replace(f("1,300"), " officials said.", " in freezing winter weather, officials said.", 1), rescue, aftershock)},
		{ID: "ap/storm", Title: "Winter storm hits Texas", Published: at(8, 0), Paragraphs: paragraphs(
			"A winter storm knocked out power to 300,000 homes in Texas on Monday, officials said.")},
	}
}

func TestDuplicatesCollapseCitingEverySource(t *testing.T) {
	e := wireIndex(t, quakeWire()...)
	ans, err := e.Answer(context.Background(), newsbot.Ask, "How many people did the quake in Turkey and Syria kill?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) < 2 {
		t.Fatalf("%d passages", len(ans.Passages))
	}
	lead := ans.Passages[0]
	if !strings.Contains(lead.Text, "earthquake struck southern Turkey") {
		t.Fatalf("lead = %q", lead.Text)
	}
	// Every copy of the lede is one passage with five sources: the story,
	// its copy, both updates, and the other outlet.
	var got []string
	for _, c := range lead.Sources {
		got = append(got, c.Article)
	}
	want := map[string]bool{"reuters/quake": true, "reuters/quake (1)": true, "reuters/quake-update1": true, "thestar/turkey-quake": true, "reuters/quake-update2": true}
	if len(got) != len(want) {
		t.Fatalf("sources %q, want the five copies", got)
	}
	for _, g := range got {
		if !want[g] {
			t.Errorf("source %s is not a copy", g)
		}
	}
	// It quotes the latest update, whose figure supersedes the others', and
	// is cited to the earliest report of the text quoted; the sources
	// follow by publication time, then article ID.
	if !strings.Contains(lead.Text, "more than 1,300 people") {
		t.Errorf("lead quotes %q, not the latest update", lead.Text)
	}
	if lead.Sources[0].Article != lead.Citation.Article || lead.Sources[0].Paragraph != lead.Citation.Paragraph {
		t.Errorf("first source %v is not the citation %v", lead.Sources[0], lead.Citation)
	}
	for i := 2; i < len(lead.Sources); i++ { // after the citation
		a, b := lead.Sources[i-1], lead.Sources[i]
		if a.Published.After(b.Published) || a.Published.Equal(b.Published) && a.Article > b.Article {
			t.Errorf("sources out of order: %s (%v) before %s (%v)", a.Article, a.Published, b.Article, b.Published)
		}
	}
	var same []newsbot.Citation
	for _, c := range lead.Sources {
		if sameWords(articleText(t, c), lead.Text) {
			same = append(same, c)
		}
	}
	for _, c := range same {
		if c.Published.Before(lead.Citation.Published) || c.Published.Equal(lead.Citation.Published) && c.Article < lead.Citation.Article {
			t.Errorf("citation %s, but %s reported the same text earlier", lead.Citation.Article, c.Article)
		}
	}
	if lead.Citation.Paragraph != 1 || lead.Text != articleText(t, lead.Citation) {
		t.Errorf("the quoted text is not its citation's paragraph")
	}
	// The next passages are other news, each shown once.
	for i, p := range ans.Passages[1:] {
		if strings.Contains(p.Text, "earthquake struck southern Turkey") {
			t.Errorf("passage %d repeats the lead: %q", i+2, p.Text)
		}
		for _, q := range ans.Passages[:i+1] {
			if sameWords(p.Text, q.Text) {
				t.Errorf("passage %d shown twice: %q", i+2, p.Text)
			}
		}
	}
}

// TestDistinctParagraphsAreNotCollapsed: paragraphs of one story that tell
// different things stay apart, each with its own copies, and a passage
// with one copy has no Sources.
func TestDistinctParagraphsAreNotCollapsed(t *testing.T) {
	e := wireIndex(t, quakeWire()...)
	ans, err := e.Answer(context.Background(), newsbot.Ask, "How many people did the quake in Turkey and Syria kill?", 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		prefix  string
		sources int
	}{
		{"A magnitude 7.8 earthquake", 5},
		{"The quake was felt as far away", 3}, // the story, its copy, update 1
		{"A second quake", 0},
	}
	if len(ans.Passages) != len(want) {
		t.Fatalf("%d passages, want %d", len(ans.Passages), len(want))
	}
	for i, w := range want {
		p := ans.Passages[i]
		if !strings.HasPrefix(p.Text, w.prefix) || len(p.Sources) != w.sources || w.sources == 0 && p.Sources != nil {
			t.Errorf("passage %d: %d sources, %.40q; want %d, %q", i+1, len(p.Sources), p.Text, w.sources, w.prefix)
		}
	}
	// Asked about the rescue, the paragraph that two updates and the other
	// outlet carry leads, with those three sources.
	ans, err = e.Answer(context.Background(), newsbot.Ask, "Who offered help to search the rubble after the quake?", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || !strings.HasPrefix(ans.Passages[0].Text, "Rescue teams") || len(ans.Passages[0].Sources) != 3 {
		t.Errorf("rescue question: %+v", ans.Passages)
	}
}

var wireTexts = func() map[string]string {
	m := map[string]string{}
	for _, a := range quakeWire() {
		for i, p := range a.Paragraphs {
			m[a.ID+"#"+string(rune('0'+i+1))] = p.Text
		}
	}
	return m
}()

func articleText(t *testing.T, c newsbot.Citation) string {
	t.Helper()
	return wireTexts[c.Article+"#"+string(rune('0'+c.Paragraph))]
}

func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// TestBriefsOfTwoCompaniesStayApart: a line that two companies' earnings
// briefs share word for word is two passages, not one reported twice;
// the same brief saved twice is one.
func TestBriefsOfTwoCompaniesStayApart(t *testing.T) {
	day := time.Date(1987, 3, 2, 0, 0, 0, 0, time.UTC)
	e := wireIndex(t,
		newsbot.Article{ID: "acme", Title: "ACME CORP <ACM> SETS QUARTERLY DIVIDEND", Published: day, Paragraphs: paragraphs("Qtly div 25 cts vs 25 cts prior")},
		newsbot.Article{ID: "acme-copy", Title: "ACME CORP <ACM> SETS QUARTERLY DIVIDEND", Published: day, Paragraphs: paragraphs("Qtly div 25 cts vs 25 cts prior")},
		newsbot.Article{ID: "beta", Title: "BETA INDUSTRIES <BET> SETS QUARTERLY DIVIDEND", Published: day, Paragraphs: paragraphs("Qtly div 25 cts vs 25 cts prior")},
	)
	ans, err := e.Answer(context.Background(), newsbot.Ask, "Which companies set a qtly div of 25 cts?", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) != 2 {
		t.Fatalf("%d passages, want 2 (Acme's, saved twice, and Beta's)", len(ans.Passages))
	}
	for _, p := range ans.Passages {
		want := 0
		if p.Citation.Article == "acme" {
			want = 2
		}
		if len(p.Sources) != want {
			t.Errorf("%s: %d sources, want %d", p.Citation.Article, len(p.Sources), want)
		}
	}
}

// TestSourcesNameEachArticleOnce: a page that repeats its lede (a summary
// above the story, the lede again below it) carries the passage twice, but
// it is one source: "reported by N sources" counts articles, not copies.
func TestSourcesNameEachArticleOnce(t *testing.T) {
	day := time.Date(2023, 3, 16, 0, 0, 0, 0, time.UTC)
	lede := "The central bank raised its main interest rate by half a point to 4.5 percent on Thursday, its sharpest rise in two decades, to fight inflation."
	page := newsbot.Article{ID: "site/rates", Title: "Central bank raises rates", Published: day.Add(3 * time.Hour), Paragraphs: paragraphs(
		lede, "Economists had expected a rise of a quarter point.", lede)}
	wire := newsbot.Article{ID: "wire/rates", Title: "Central bank raises rates sharply", Published: day, Paragraphs: paragraphs(lede)}
	const q = "Why did the central bank raise its interest rate on Thursday?"
	for _, c := range []struct {
		articles []newsbot.Article
		sources  int
	}{
		{[]newsbot.Article{page}, 0},
		{[]newsbot.Article{page, wire}, 2},
	} {
		ans, err := wireIndex(t, c.articles...).Answer(context.Background(), newsbot.Ask, q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 || !strings.HasPrefix(ans.Passages[0].Text, "The central bank raised") {
			t.Fatalf("%d articles: lead %+v", len(c.articles), ans.Passages)
		}
		lead := ans.Passages[0]
		seen := map[string]bool{}
		for _, s := range lead.Sources {
			if seen[s.Article] {
				t.Errorf("%d articles: %s is cited twice among %d sources", len(c.articles), s.Article, len(lead.Sources))
			}
			seen[s.Article] = true
		}
		if len(lead.Sources) != c.sources {
			t.Errorf("%d articles: %d sources, want %d", len(c.articles), len(lead.Sources), c.sources)
		}
		for _, p := range ans.Passages[1:] {
			if p.Text == lede {
				t.Errorf("%d articles: the lede is shown again (%s #%d)", len(c.articles), p.Citation.Article, p.Citation.Paragraph)
			}
		}
	}
}

// TestBriefTemplatesOfTwoCompaniesStayApart: dividend briefs are written to
// one template, and two companies paying the same dividend on the same days
// have the same brief word for word, long enough to pass as a re-sent
// paragraph. Its words are the template's; what it says is in its figures
// and its title. Two companies' briefs are two passages; one company's
// brief re-sent is one.
func TestBriefTemplatesOfTwoCompaniesStayApart(t *testing.T) {
	day := time.Date(1987, 3, 2, 0, 0, 0, 0, time.UTC)
	brief := "Qtly div 25 cts vs 25 cts prior\nPay April 15\nRecord April 1"
	e := wireIndex(t,
		newsbot.Article{ID: "acme", Title: "ACME CORP <ACM> SETS QUARTERLY DIVIDEND", Published: day, Paragraphs: paragraphs(brief)},
		newsbot.Article{ID: "acme-resent", Title: "ACME CORP <ACM> SETS QUARTERLY DIVIDEND", Published: day.Add(time.Hour), Paragraphs: paragraphs(brief)},
		newsbot.Article{ID: "beta", Title: "BETA INDUSTRIES <BET> SETS QUARTERLY DIVIDEND", Published: day, Paragraphs: paragraphs(brief)},
		newsbot.Article{ID: "gamma", Title: "GAMMA CORP <GAM> 4TH QTR NET", Published: day, Paragraphs: paragraphs(
			"Shr 25 cts vs 25 cts\nNet 1,200,000 vs 1,100,000\nRevs 12.5 mln vs 11.9 mln\nNote: qtly div paid April 15")},
	)
	ans, err := e.Answer(context.Background(), newsbot.Ask, "Who pays a qtly div of 25 cts on April 15?", 5)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range ans.Passages {
		if p.Text == brief {
			got[p.Citation.Article] = len(p.Sources)
		}
	}
	if want := map[string]int{"acme": 2, "beta": 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("dividend briefs shown (article: sources) %v, want %v", got, want)
	}
}
