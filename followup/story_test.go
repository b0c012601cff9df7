package followup

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

// The story of Sirte's fall as wire copy tells it: a wrap-up whose next
// steps ("Two days later, …", "The following day …") name neither the
// forces nor the city, an earlier background paragraph, another agency
// story about the same events, and a story about something else on the
// same days.
const (
	sirteWrap = `---
date: 2011-10-24
---
Libya's new rulers declare liberation after fall of Sirte

SIRTE, Libya, Oct 24 (Reuters) - Libyan government forces captured Muammar Gaddafi's hometown of Sirte on Thursday after a two-month siege, ending the last major resistance to the country's new rulers.

Two days later, the last loyalist units withdrew from the port district towards the desert, a field commander said.

The following day the National Transitional Council declared the liberation of the country at a rally in Benghazi.

On Monday the council named a committee to oversee reconstruction, its spokesman told reporters.

The siege had begun on Sept. 15, when fighters first pushed into the eastern suburbs.
`
	// sirteUpdate is the wrap-up re-sent with one more paragraph.
	sirteUpdate = `---
date: 2011-10-24
---
UPDATE 1-Libya's new rulers declare liberation after fall of Sirte

SIRTE, Libya, Oct 24 (Reuters) - Libyan government forces captured Muammar Gaddafi's hometown of Sirte on Thursday after a two-month siege, ending the last major resistance to the country's new rulers.

Two days later, the last loyalist units withdrew from the port district towards the desert, a field commander said.

The following day the National Transitional Council declared the liberation of the country at a rally in Benghazi.

On Monday the council named a committee to oversee reconstruction, its spokesman told reporters.

The siege had begun on Sept. 15, when fighters first pushed into the eastern suburbs.

Diplomats said the council would move to Tripoli within weeks.
`
	natoEnds = `---
date: 2011-10-21
---
NATO to end Libya air campaign after Sirte falls

BRUSSELS, Oct 21 (Reuters) - NATO said on Friday it would end its air campaign over Libya at the end of the month, after Libyan government forces took Sirte.

The alliance had flown more than 26,000 sorties since March, a spokeswoman said.
`
	zawiya = `---
date: 2011-10-22
---
Libya restarts Zawiya refinery

TRIPOLI, Oct 22 (Reuters) - Oil workers restarted the Zawiya refinery on Saturday after repairs to its pipelines, the state oil company said.
`
)

// openCorpus indexes files written to a fresh folder.
func openCorpus(t *testing.T, files map[string]string) *library.Library {
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
	return lib
}

// ask answers question and records it in conv, as the bot does.
func ask(t *testing.T, lib *library.Library, conv *Conversation, question string) {
	t.Helper()
	ans, err := lib.Answer(context.Background(), newsbot.Ask, question, 3)
	if err != nil || len(ans.Passages) == 0 {
		t.Fatalf("%q: %v, %d passages", question, err, len(ans.Passages))
	}
	conv.Record(question, newsbot.Ask, &ans.Passages[0])
}

// around resolves text in conv and answers it as the bot does: the
// timelines of the topics, merged, the story of the anchor added, the
// nearest steps; the nearest is recorded as the event now.
func around(t *testing.T, lib *library.Library, conv *Conversation, text string) []Step {
	t.Helper()
	ctx := context.Background()
	r := conv.Resolve(text)
	if r.Kind != Next && r.Kind != Before {
		t.Fatalf("%q resolved as %s: %q", text, r.Kind, r.Question)
	}
	last, _ := conv.Last()
	var tls []*timeline.Timeline
	for _, topic := range Topics(last.Subject, *r.Anchor) {
		tl, err := lib.Timeline(ctx, timeline.Request{Topic: topic, Limit: 60})
		if err != nil {
			t.Fatal(err)
		}
		tls = append(tls, tl)
	}
	tl, anchor, err := Story(ctx, lib, Merge(tls...), *r.Anchor, conv.StoryArticles()...)
	if err != nil {
		t.Fatal(err)
	}
	steps, ok := Around(tl, anchor, r.Kind, 3)
	if !ok {
		t.Fatalf("%q: the anchor has no date", text)
	}
	if len(steps) > 0 {
		nearest := steps[0]
		if r.Kind == Before {
			nearest = steps[len(steps)-1]
		}
		conv.RecordEvent(r.Question, nearest.Text, nearest.Citations[0])
	}
	return steps
}

// expectSteps checks steps against (date, start of sentence, articles
// cited) in order.
func expectSteps(t *testing.T, what string, steps []Step, want [][3]string) {
	t.Helper()
	var got [][3]string
	for _, s := range steps {
		var arts []string
		for _, c := range s.Citations {
			arts = append(arts, c.Article)
		}
		got = append(got, [3]string{s.Words, s.Text, strings.Join(arts, " ")})
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = got[i][0] == want[i][0] && strings.HasPrefix(got[i][1], want[i][1]) && got[i][2] == want[i][2]
	}
	if !ok {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// The next step of a story told later in the same article, in sentences
// that name neither the forces nor the city, placed by the dates the
// article gives them ("two days later" than Thursday 20 October); an
// earlier one for "before". The refinery restarted on one of those days is
// another story and stays out.
func TestNextStepToldLaterInTheSameArticle(t *testing.T) {
	lib := openCorpus(t, map[string]string{"sirte-wrap.txt": sirteWrap, "zawiya.txt": zawiya})
	var conv Conversation
	ask(t, lib, &conv, "What did Libyan government forces capture?")
	expectSteps(t, "what happened next?", around(t, lib, &conv, "what happened next?"), [][3]string{
		{"22 October 2011", "Two days later, the last loyalist units withdrew", "sirte-wrap"},
		{"23 October 2011", "The following day the National Transitional Council declared", "sirte-wrap"},
		{"24 October 2011", "On Monday the council named a committee", "sirte-wrap"},
	})
	// And then: after the withdrawal.
	expectSteps(t, "and then?", around(t, lib, &conv, "and then?"), [][3]string{
		{"23 October 2011", "The following day the National Transitional Council declared", "sirte-wrap"},
		{"24 October 2011", "On Monday the council named a committee", "sirte-wrap"},
	})

	var fresh Conversation
	ask(t, lib, &fresh, "What did Libyan government forces capture?")
	expectSteps(t, "what happened before that?", around(t, lib, &fresh, "what happened before that?"), [][3]string{
		{"15 September 2011", "The siege had begun on Sept. 15", "sirte-wrap"},
	})
}

// Another article's dated event that comes sooner after the anchor is
// quoted first, and the article's own farthest step gives way to it.
func TestNearerEventOfAnotherArticleWins(t *testing.T) {
	lib := openCorpus(t, map[string]string{"sirte-wrap.txt": sirteWrap, "nato.txt": natoEnds, "zawiya.txt": zawiya})
	var conv Conversation
	ask(t, lib, &conv, "What did Libyan government forces capture?")
	expectSteps(t, "what happened next?", around(t, lib, &conv, "what happened next?"), [][3]string{
		{"21 October 2011", "BRUSSELS, Oct 21 (Reuters) - NATO said on Friday", "nato"},
		{"22 October 2011", "Two days later, the last loyalist units withdrew", "sirte-wrap"},
		{"23 October 2011", "The following day the National Transitional Council declared", "sirte-wrap"},
	})
	// The story goes on in the article the conversation came from, though
	// the event now (NATO's) is told elsewhere.
	expectSteps(t, "and then?", around(t, lib, &conv, "and then?"), [][3]string{
		{"22 October 2011", "Two days later, the last loyalist units withdrew", "sirte-wrap"},
		{"23 October 2011", "The following day the National Transitional Council declared", "sirte-wrap"},
		{"24 October 2011", "On Monday the council named a committee", "sirte-wrap"},
	})
	// Before the withdrawal: the capture on Thursday, not on its
	// dateline's day.
	expectSteps(t, "what happened before that?", around(t, lib, &conv, "what happened before that?"), [][3]string{
		{"15 September 2011", "The siege had begun on Sept. 15", "sirte-wrap"},
		{"20 October 2011", "SIRTE, Libya, Oct 24 (Reuters) - Libyan government forces captured", "sirte-wrap"},
		{"21 October 2011", "BRUSSELS, Oct 21 (Reuters) - NATO said on Friday", "nato"},
	})
}

// A sentence that both a topic's timeline and the anchor's article tell is
// one event, citing every article that tells it: here the wrap-up and its
// re-sent update. The timeline and the story read "two days later" alike,
// from the Thursday named the paragraph before (22 October), as the index
// reads the article (corpus.FindDates): read alone, it was counted from
// publication (26 October).
func TestSameSentenceFromTwoRoutesIsOneEvent(t *testing.T) {
	lib := openCorpus(t, map[string]string{"sirte-wrap.txt": sirteWrap, "sirte-update.txt": sirteUpdate, "nato.txt": natoEnds})
	ctx := context.Background()
	tl, err := lib.Timeline(ctx, timeline.Request{Topic: "loyalist units", Limit: 60})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) != 1 || tl.Events[0].Value != "2011-10-22" || len(tl.Events[0].Citations) != 2 {
		t.Fatalf("the timeline of the loyalist units (the premise): %+v", tl.Events)
	}
	var conv Conversation
	ask(t, lib, &conv, "What did Libyan government forces capture?")
	anchor := conv.Resolve("what happened next?").Anchor
	story, _, err := Story(ctx, lib, Merge(tl), *anchor)
	if err != nil {
		t.Fatal(err)
	}
	var withdrew []timeline.Event
	for _, e := range story.Events {
		if strings.Contains(e.Text, "loyalist units withdrew") {
			withdrew = append(withdrew, e)
		}
	}
	if len(withdrew) != 1 || withdrew[0].Value != "2011-10-22" || withdrew[0].Words != "22 October 2011" || len(withdrew[0].Citations) != 2 ||
		withdrew[0].Citations[0].Article == withdrew[0].Citations[1].Article {
		t.Errorf("the withdrawal, told by both routes: %+v", withdrew)
	}
	if len(tl.Events) != 1 || tl.Events[0].Value != "2011-10-22" {
		t.Errorf("Story changed the timeline it was given: %+v", tl.Events)
	}
	// Through the whole answer: each step once, with both articles.
	expectSteps(t, "what happened next?", around(t, lib, &conv, "what happened next?"), [][3]string{
		{"21 October 2011", "BRUSSELS, Oct 21 (Reuters) - NATO said on Friday", "nato"},
		{"22 October 2011", "Two days later, the last loyalist units withdrew", "sirte-update sirte-wrap"},
		{"23 October 2011", "The following day the National Transitional Council declared", "sirte-update sirte-wrap"},
	})
}

// The same corpus and conversation give the same answers, whatever the
// folder, the order the files were written in, or how often it is asked.
func TestStoryIsDeterministic(t *testing.T) {
	files := map[string]string{"sirte-wrap.txt": sirteWrap, "sirte-update.txt": sirteUpdate, "nato.txt": natoEnds, "zawiya.txt": zawiya}
	run := func() [][]Step {
		lib := openCorpus(t, files)
		var conv Conversation
		ask(t, lib, &conv, "What did Libyan government forces capture?")
		return [][]Step{
			around(t, lib, &conv, "what happened next?"),
			around(t, lib, &conv, "and then?"),
			around(t, lib, &conv, "what happened before that?"),
		}
	}
	first := run()
	for i := 0; i < 3; i++ {
		if again := run(); !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d differs:\n%+v\n%+v", i+2, first, again)
		}
	}
}

// fixedArticles is an Articles over a fixed set, counting reads.
type fixedArticles struct {
	byID  map[string]newsbot.Article
	reads []string
}

func (a *fixedArticles) Article(_ context.Context, id string) (newsbot.Article, bool, error) {
	a.reads = append(a.reads, id)
	art, ok := a.byID[id]
	return art, ok, nil
}

// An article is read whole: "the next day" in a paragraph of its own counts
// from the day the paragraph before names, not from publication; an
// undated article's relative dates are kept as offsets; a dateline is not
// quoted; sentences too short to tell anything are not events.
func TestToldIn(t *testing.T) {
	para := func(texts ...string) []newsbot.Paragraph {
		var ps []newsbot.Paragraph
		for i, s := range texts {
			ps = append(ps, newsbot.Paragraph{N: i + 1, Text: s})
		}
		return ps
	}
	pub := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	dated := newsbot.Article{ID: "a", Published: pub, Paragraphs: para(
		"LUXEMBOURG (Reuters) - March 10, 2025 - Acme filed its appeal against the EU fine at the General Court. The court did not comment.",
		"The Commission had fined Acme on March 3.",
		"The next day, Acme's shares fell 4 percent in Frankfurt.",
		"Why now?",
	)}
	corpus.FindDates(&dated) // as the index reads it
	var got []string
	for _, tl := range toldIn(dated) {
		got = append(got, tl.expr.Value+" "+tl.text)
	}
	want := []string{
		"2025-03-10 Acme filed its appeal against the EU fine at the General Court.", // the dateline's
		"2025-03-10 The court did not comment.",                                      // the lede: publication
		"2025-03-03 The Commission had fined Acme on March 3.",
		"2025-03-04 The next day, Acme's shares fell 4 percent in Frankfurt.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dated article:\n got %q\nwant %q", got, want)
	}

	undated := newsbot.Article{ID: "u", Paragraphs: para(
		"Last week the talks broke down over the border.",
		"Yesterday the army closed the crossing, officials said.",
		"Talks could resume in the coming months, diplomats said.",
	)}
	corpus.FindDates(&undated)
	got = nil
	for _, tl := range toldIn(undated) {
		if tl.expr.Resolved() || tl.expr.Relative == nil {
			t.Errorf("undated: %q placed at %q", tl.text, tl.expr.Value)
		}
		got = append(got, timex.Describe(tl.expr, time.Time{}))
	}
	if want := []string{"the week before publication (date unknown)", "the day before publication (date unknown)",
		"the months after publication (date unknown)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("undated offsets: %q, want %q", got, want)
	}
}

// The articles read for a story are bounded, and a missing one is skipped.
func TestStoryReadsFewArticles(t *testing.T) {
	src := &fixedArticles{byID: map[string]newsbot.Article{}}
	anchor := Event{Sentence: "Acme appealed.", Citation: &newsbot.Citation{Article: "gone", Paragraph: 1}}
	tl, _, err := Story(context.Background(), src, &timeline.Timeline{}, anchor, "b", "c", "d", "e", "f")
	if err != nil || len(tl.Events)+len(tl.Undated) != 0 {
		t.Fatalf("Story over missing articles: %+v, %v", tl, err)
	}
	if want := []string{"gone", "b", "c", "d"}; !reflect.DeepEqual(src.reads, want) {
		t.Errorf("read %q, want %q", src.reads, want)
	}
}

// A conversation's story is told in the articles of its latest turns on
// the same subject; a change of subject starts another.
func TestStoryArticles(t *testing.T) {
	var c Conversation
	cite := func(id string) *newsbot.Passage {
		return &newsbot.Passage{Citation: newsbot.Citation{Article: id, Paragraph: 1}, Text: "The European Commission fined Acme 2 billion euros on Monday."}
	}
	c.Record("Who fined Acme?", newsbot.Ask, cite("acme-fine"))
	c.RecordEvent("What happened after “…”?", "Acme said on Tuesday it would appeal the fine.", newsbot.Citation{Article: "acme-appeal", Paragraph: 1})
	if got, want := c.StoryArticles(), []string{"acme-appeal", "acme-fine"}; !reflect.DeepEqual(got, want) {
		t.Errorf("StoryArticles = %q, want %q", got, want)
	}
	c.Record("Who did Beta Bank name as chief executive?", newsbot.Ask, &newsbot.Passage{
		Citation: newsbot.Citation{Article: "beta-bank", Paragraph: 1}, Text: "Beta Bank named Jane Doe as its chief executive on Wednesday."})
	if got, want := c.StoryArticles(), []string{"beta-bank"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after a change of subject StoryArticles = %q, want %q", got, want)
	}
}
