package timeline_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

func libyaIndex(t *testing.T) timeline.Source {
	return samples.IndexDir(t, writeWire(t, append(append([]wire(nil), libya...), background...)))
}

func build(t *testing.T, src timeline.Source, req timeline.Request) *timeline.Timeline {
	t.Helper()
	tl, err := timeline.Build(context.Background(), src, req)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func eventOn(tl *timeline.Timeline, value string) (timeline.Event, bool) {
	for _, e := range tl.Events {
		if e.Value == value {
			return e, true
		}
	}
	return timeline.Event{}, false
}

func dump(tl *timeline.Timeline) string {
	var b strings.Builder
	for _, e := range tl.Events {
		b.WriteString(e.Value + " [" + e.Citations[0].Article + "] " + e.Text + "\n")
	}
	return b.String()
}

// TestMostReportedDayIsChosen: the day Gaddafi was killed, reported by
// every outlet, is on the timeline whatever its length, told by its
// sources.
func TestMostReportedDayIsChosen(t *testing.T) {
	src := libyaIndex(t)
	for _, limit := range []int{1, 2, 3, 5, 15} {
		tl := build(t, src, timeline.Request{Topic: "Gaddafi", Limit: limit})
		if len(tl.Events) != min(limit, 7) { // the story has seven days to tell
			t.Errorf("limit %d: %d events:\n%s", limit, len(tl.Events), dump(tl))
		}
		e, ok := eventOn(tl, "2011-10-20")
		if !ok {
			t.Errorf("limit %d: no event on 20 October 2011:\n%s", limit, dump(tl))
			continue
		}
		if !strings.Contains(e.Text, "killed") || e.Sources < 3 {
			t.Errorf("limit %d: 20 October 2011 told as %q by %d sources, want the killing by at least 3", limit, e.Text, e.Sources)
		}
	}
}

// TestOneEventPerDay: each day is told once, however many sentences,
// articles and times of day mention it.
func TestOneEventPerDay(t *testing.T) {
	src := libyaIndex(t)
	for _, req := range []timeline.Request{{Topic: "Gaddafi"}, {Topic: "Libya", Limit: 50}, {Limit: 50}, {Topic: "Qaddafi", Limit: 50}} {
		tl := build(t, src, req)
		days := map[string]bool{}
		for _, e := range tl.Events {
			if e.Granularity != timex.Day {
				continue
			}
			if days[e.Value] {
				t.Errorf("%q: two events on %s:\n%s", req.Topic, e.Value, dump(tl))
			}
			days[e.Value] = true
		}
		if len(days) < 4 {
			t.Errorf("%q: only %d days:\n%s", req.Topic, len(days), dump(tl))
		}
	}
}

// TestNoFragmentsBylinesOrBoilerplate: every event is a whole sentence of
// news; the bylines, time stamps, credits, captions and fragments of the
// wire copy never are.
func TestNoFragmentsBylinesOrBoilerplate(t *testing.T) {
	src := libyaIndex(t)
	for _, req := range []timeline.Request{{Topic: "Gaddafi", Limit: 50}, {Topic: "Libya", Limit: 50}, {Topic: "Benghazi"}, {Limit: 50}} {
		tl := build(t, src, req)
		for _, e := range tl.Events {
			text := e.Text
			for _, junk := range []string{"Last updated", "By Sarah", "By Tim", "Reporting by", "Editing by", "Photo:", "REUTERS/"} {
				if strings.Contains(text, junk) {
					t.Errorf("%q: event %s quotes %q: %q", req.Topic, e.Value, junk, text)
				}
			}
			words := strings.Fields(text)
			first := []rune(text)[0]
			if len(words) < 5 || unicode.IsLower(first) || !strings.ContainsAny(text[len(text)-1:], ".!?\"”") {
				t.Errorf("%q: event %s is not a whole sentence: %q", req.Topic, e.Value, text)
			}
		}
	}
}

// TestSpellingVariantsGatherTheStory: "Gaddafi", "Qaddafi" and "Gadhafi"
// are one man; each spelling's timeline cites the outlets of the others.
// "police" and "policy" sound alike but are written about differently.
func TestSpellingVariantsGatherTheStory(t *testing.T) {
	src := libyaIndex(t)
	for _, topic := range []string{"Gaddafi", "Qaddafi", "Gadhafi"} {
		tl := build(t, src, timeline.Request{Topic: topic, Limit: 50})
		outlets := map[string]bool{}
		for _, e := range tl.Events {
			for _, c := range e.Citations {
				outlets[c.Article[:1]] = true // r-, n-, a-: Reuters, NYT, AP
			}
		}
		if !outlets["r"] || !outlets["n"] || !outlets["a"] {
			t.Errorf("%s: cites outlets %v, want all three spellings' outlets:\n%s", topic, outlets, dump(tl))
		}
		if _, ok := eventOn(tl, "2011-10-20"); !ok {
			t.Errorf("%s: no event on 20 October 2011:\n%s", topic, dump(tl))
		}
	}
	tl := build(t, src, timeline.Request{Topic: "police", Limit: 50})
	for _, e := range tl.Events {
		for _, c := range e.Citations {
			if c.Article == "b-policy" {
				t.Errorf("the timeline of police cites the energy policy: %q", e.Text)
			}
		}
	}
	if len(tl.Events) == 0 {
		t.Error("no timeline of police")
	}
}

// TestCoTermsFollowTheStory: the later reports of the Gulf spill say
// "Deepwater Horizon" and "well", no longer "BP" or "spill"; the topic's
// own coverage leads to them.
func TestCoTermsFollowTheStory(t *testing.T) {
	src := samples.IndexDir(t, writeWire(t, append(append([]wire(nil), gulf...), background...)))
	tl := build(t, src, timeline.Request{Topic: "BP spill", Limit: 50})
	cited := map[string]bool{}
	for _, e := range tl.Events {
		for _, c := range e.Citations {
			cited[c.Article] = true
		}
	}
	for _, later := range []string{"g-0919", "g-1108"} {
		if !cited[later] {
			t.Errorf("the BP spill timeline leaves out %s:\n%s", later, dump(tl))
		}
	}
	for _, e := range tl.Events {
		for _, c := range e.Citations {
			if strings.HasPrefix(c.Article, "b-") {
				t.Errorf("the BP spill timeline cites unrelated news %s: %q", c.Article, e.Text)
			}
		}
	}
}

// TestWholeCorpusTimeline: no topic summarises the corpus, over a range
// too ("what happened this week").
func TestWholeCorpusTimeline(t *testing.T) {
	src := libyaIndex(t)
	tl := build(t, src, timeline.Request{})
	if len(tl.Events) < 12 { // Libya's seven days, five other stories'
		t.Errorf("%d events, want 12 or more:\n%s", len(tl.Events), dump(tl))
	}
	if _, ok := eventOn(tl, "2011-10-20"); !ok {
		t.Errorf("the corpus's busiest day is missing:\n%s", dump(tl))
	}
	from, to := day("2011-10-17"), day("2011-10-24")
	tl = build(t, src, timeline.Request{From: from, To: to})
	if len(tl.Events) < 2 {
		t.Errorf("week of 17 October 2011: %d events:\n%s", len(tl.Events), dump(tl))
	}
	for _, e := range tl.Events {
		if e.Begin.Before(from) || !e.Begin.Before(to) {
			t.Errorf("event %s outside the week", e.Value)
		}
	}
	if _, ok := eventOn(tl, "2011-10-20"); !ok {
		t.Errorf("20 October 2011 missing from its week:\n%s", dump(tl))
	}
}

// TestRangeExcludesEverything: a topic that has events, none of them in
// the range, says so.
func TestRangeExcludesEverything(t *testing.T) {
	src := libyaIndex(t)
	tl := build(t, src, timeline.Request{Topic: "Gaddafi", From: day("2015-01-01")})
	if !tl.RangeExcludes() || len(tl.Events) != 0 {
		t.Fatalf("range 2015 on: events %d, RangeExcludes %v", len(tl.Events), tl.RangeExcludes())
	}
	if tl.First.Year() != 2011 || tl.Last.Year() != 2011 {
		t.Errorf("the topic's days outside the range run %s to %s, want 2011", tl.First, tl.Last)
	}
	tl = build(t, src, timeline.Request{Topic: "zebra husbandry", From: day("2015-01-01")})
	if tl.RangeExcludes() {
		t.Error("a topic nothing mentions is said to be excluded by the range")
	}
}

// TestPeriodGivesWayToItsDays: a year event stands only when no day of
// that year is told, unless periods are asked for.
func TestPeriodGivesWayToItsDays(t *testing.T) {
	src := samples.IndexDir(t, writeWire(t, []wire{{"acme", "Acme recalls widgets", "2026-03-01", "Reuters", []string{
		"CHICAGO (Reuters) - Acme Corp recalled two million widgets on Sunday after reports of fires.",
		"Acme said widget sales had fallen sharply in 2026 as complaints mounted.",
		"The widgets first went on sale in 2019, the company said.",
	}}}))
	values := func(tl *timeline.Timeline) string {
		var v []string
		for _, e := range tl.Events {
			v = append(v, e.Value)
		}
		return strings.Join(v, " ")
	}
	if got := values(build(t, src, timeline.Request{Topic: "Acme widgets"})); got != "2019 2026-03-01" {
		t.Errorf("events %q, want 2019 and the day, not 2026", got)
	}
	if got := values(build(t, src, timeline.Request{Topic: "Acme widgets", KeepPeriods: true})); got != "2019 2026 2026-03-01" {
		t.Errorf("with periods: events %q, want 2019, 2026 and the day", got)
	}
}

// TestTimelineIsDeterministic: the same corpus and request give the same
// timeline, run after run.
func TestTimelineIsDeterministic(t *testing.T) {
	src := libyaIndex(t)
	for _, req := range []timeline.Request{{Topic: "Gaddafi", Limit: 4}, {Limit: 6}} {
		first := build(t, src, req)
		for range 5 {
			again := build(t, src, req)
			if len(again.Events) != len(first.Events) {
				t.Fatalf("%q: %d events, then %d", req.Topic, len(first.Events), len(again.Events))
			}
			for i, e := range again.Events {
				f := first.Events[i]
				if e.Value != f.Value || e.Text != f.Text || e.Score != f.Score || len(e.Citations) != len(f.Citations) || e.Citations[0].Article != f.Citations[0].Article || e.Citations[0].Paragraph != f.Citations[0].Paragraph {
					t.Errorf("%q: event %d was %s %q, now %s %q", req.Topic, i, f.Value, f.Text, e.Value, e.Text)
				}
			}
		}
	}
}

// TestSyndicatedCopiesAreOneEvent: the same wire story carried by several
// outlets (kept whole by the index) is one event citing every copy.
func TestSyndicatedCopiesAreOneEvent(t *testing.T) {
	pub := day("2011-10-20")
	story := []string{
		"SIRTE, Libya (Reuters) - Muammar Gaddafi was killed on Thursday as Libyan fighters overran his hometown of Sirte.",
		"Footage on television showed Gaddafi's body being dragged through the streets.",
	}
	var articles []newsbot.Article
	for _, outlet := range []string{"reuters", "yahoo", "msnbc", "guardian"} {
		a := newsbot.Article{ID: outlet + "/gaddafi", Title: "Gaddafi killed as Libyan fighters take Sirte", Published: pub, Hash: outlet}
		for i, text := range story {
			a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i + 1, Text: text, Dates: timex.Extract(text, pub)})
		}
		articles = append(articles, a)
	}
	tl := build(t, samples.IndexArticles(t, articles), timeline.Request{Topic: "Gaddafi"})
	if len(tl.Events) != 1 {
		t.Fatalf("%d events, want one:\n%s", len(tl.Events), dump(tl))
	}
	e := tl.Events[0]
	if e.Value != "2011-10-20" || e.Sources != 4 || len(e.Citations) != 4 || e.Text != "Muammar Gaddafi was killed on Thursday as Libyan fighters overran his hometown of Sirte." {
		t.Errorf("event %s %q with %d sources, %d citations; want 20 October 2011, the lede, 4 and 4", e.Value, e.Text, e.Sources, len(e.Citations))
	}
}

// TestPassingMentionsWeighLess: a date the coverage recalls in passing
// (Lockerbie, 1988) weighs less than the days it reports as they happen,
// and does not displace them.
func TestPassingMentionsWeighLess(t *testing.T) {
	recalled := map[string]string{
		"r-0217": "Libya under Gaddafi was blamed for the bombing of Pan Am Flight 103 over Lockerbie on Dec. 21, 1988, which killed 270 people.",
		"a-0823": "Gadhafi's government accepted responsibility for the Lockerbie bombing of Dec. 21, 1988, in which 270 people died.",
		"r-1021": "Relatives of the 270 people killed over Lockerbie on Dec. 21, 1988, said Gaddafi's death brought little comfort.",
	}
	articles := append([]wire(nil), libya...)
	for i, a := range articles {
		if p, ok := recalled[a.name]; ok {
			articles[i].paragraphs = append(append([]string(nil), a.paragraphs...), p)
		}
	}
	src := samples.IndexDir(t, writeWire(t, append(articles, background...)))
	tl := build(t, src, timeline.Request{Topic: "Gaddafi", Limit: 5})
	if _, ok := eventOn(tl, "1988-12-21"); ok {
		t.Errorf("Lockerbie, recalled in passing, displaces the story's days:\n%s", dump(tl))
	}
	tl = build(t, src, timeline.Request{Topic: "Gaddafi", Limit: 15})
	if e, ok := eventOn(tl, "1988-12-21"); !ok || !strings.Contains(e.Text, "Lockerbie") || e.Sources != 3 {
		t.Errorf("with room, Lockerbie should be told, by its three sources:\n%s", dump(tl))
	}
}

// TestSentenceToldOnce: a sentence that states two days tells only one of
// them; the other day is told by another sentence, or not at all.
func TestSentenceToldOnce(t *testing.T) {
	pub := day("2025-03-12")
	texts := []string{
		"Acme and Beta Bank first held merger talks on March 3, 2025, and resumed them on March 10, 2025, the companies said.",
		"Acme's chief executive said on March 10, 2025, that the merger talks with Beta Bank were going well.",
	}
	a := newsbot.Article{ID: "acme", Title: "Acme and Beta Bank resume merger talks", Published: pub, Hash: "acme"}
	for i, text := range texts {
		a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i + 1, Text: text, Dates: timex.Extract(text, pub)})
	}
	tl := build(t, samples.IndexArticles(t, []newsbot.Article{a}), timeline.Request{Topic: "Acme merger talks"})
	told := map[string]string{}
	for _, e := range tl.Events {
		if other, ok := told[e.Text]; ok {
			t.Errorf("%q told on %s and on %s", e.Text, other, e.Value)
		}
		told[e.Text] = e.Value
	}
	if len(tl.Events) != 2 {
		t.Errorf("events:\n%s", dump(tl))
	}
}
