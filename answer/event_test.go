package answer_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
)

func libyaDay(m time.Month, d int) time.Time { return time.Date(2011, m, d, 0, 0, 0, 0, time.UTC) }

var (
	younes = newsbot.Article{ID: "libya/younes", Title: "Libyan rebels' military chief killed", Published: libyaDay(7, 29), Paragraphs: paragraphs(
		"Abdel Fattah Younes, who had defected from Muammar Gaddafi's government in February, was killed on 28 July, the rebels' National Transitional Council said.",
		"His body was found outside Benghazi.")}
	gaddafi = newsbot.Article{ID: "libya/gaddafi", Title: "Gaddafi killed in Sirte as Libya's war ends", Published: libyaDay(10, 21), Paragraphs: paragraphs(
		"Muammar Gaddafi was captured and killed by fighters in his hometown of Sirte on 20 October, the National Transitional Council said.",
		"He had ruled Libya for 42 years.")}
	// The subject named only in the title: "He was killed …".
	gaddafiPronoun = newsbot.Article{ID: "libya/gaddafi-dies", Title: "Gaddafi dies after capture in Sirte", Published: libyaDay(10, 21), Paragraphs: paragraphs(
		"Libya's former leader was found hiding in a drainage pipe.",
		"He was killed on 20 October, hours after his capture, officials said.")}
	// Another man's killing under a headline that names Gaddafi.
	retreat = newsbot.Article{ID: "libya/retreat", Title: "Gaddafi's forces retreat from Brega", Published: libyaDay(7, 30), Paragraphs: paragraphs(
		"Gaddafi's forces pulled back from the oil town of Brega on Friday.",
		"Rebel commander Younes was killed on 28 July in Benghazi, a day before the retreat.")}
)

// TestWhenLeadsWithTheDateOfTheQuestionsEvent: "When was Gaddafi killed?"
// leads with the date of his killing, never with the date of another
// man's; when the closest passage gives no date for that event, it leads
// with no date.
func TestWhenLeadsWithTheDateOfTheQuestionsEvent(t *testing.T) {
	ctx := context.Background()
	const q = "When was Gaddafi killed?"
	cases := []struct {
		name     string
		articles []newsbot.Article
		lead     string // article of the lead passage
		date     string // its date in words; "" for none
	}{
		{"his killing and another's", []newsbot.Article{younes, gaddafi}, "libya/gaddafi", "20 October 2011"},
		{"only another man's killing", []newsbot.Article{younes}, "libya/younes", ""},
		{"told with a pronoun under his name", []newsbot.Article{gaddafiPronoun}, "libya/gaddafi-dies", "20 October 2011"},
		{"another man's killing under his name", []newsbot.Article{retreat}, "libya/retreat", ""},
	}
	for _, c := range cases {
		e := wireIndex(t, c.articles...)
		ans, err := e.Answer(ctx, newsbot.When, q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 {
			t.Errorf("%s: no passage", c.name)
			continue
		}
		lead := ans.Passages[0]
		got := ""
		if lead.Date != nil {
			got = lead.Date.Words
		}
		if lead.Citation.Article != c.lead || got != c.date {
			t.Errorf("%s: lead %s #%d dated %q, want %s dated %q", c.name, lead.Citation.Article, lead.Citation.Paragraph, got, c.lead, c.date)
		}
		for _, p := range ans.Passages {
			if p.Date != nil && p.Date.Words == "28 July 2011" {
				t.Errorf("%s: %s #%d gives Younes's 28 July for Gaddafi's killing", c.name, p.Citation.Article, p.Citation.Paragraph)
			}
		}
	}
}

// TestWhenDateOfTheEventNotOfAnother: the sentence must tell the event
// asked about (its verb or noun), not another event of the same subject.
func TestWhenDateOfTheEventNotOfAnother(t *testing.T) {
	e := wireIndex(t, newsbot.Article{ID: "libya/ntc", Title: "Libya's rebels", Published: libyaDay(8, 30), Paragraphs: paragraphs(
		"Gaddafi met African Union envoys in Tripoli on 10 April, weeks before the city fell.",
		"Gaddafi fled Tripoli in August and has not been seen since.")})
	ans, err := e.Answer(context.Background(), newsbot.When, "When did Gaddafi flee Tripoli?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Passages) == 0 || ans.Passages[0].Date == nil || ans.Passages[0].Date.Words != "August 2011" {
		t.Fatalf("lead = %+v", ans.Passages)
	}
	for _, p := range ans.Passages {
		if p.Date != nil && p.Date.Words == "10 April 2011" {
			t.Errorf("the date of the meeting answers when he fled")
		}
	}
}

// TestWhenWithoutAnEventGivesNoDate: a question whose only terms tell no
// event of their own ("When did it happen?", asked without a subject)
// names nothing a sentence could tell; a passage that merely holds
// "happen" and a date is not the date of anything asked.
func TestWhenWithoutAnEventGivesNoDate(t *testing.T) {
	e := wireIndex(t, newsbot.Article{ID: "talks", Title: "Talks stall", Published: libyaDay(3, 4), Paragraphs: paragraphs(
		"Nobody knows what will happen to the talks, officials said on Monday.")})
	for _, q := range []string{"When did it happen?", "When did that take place?"} {
		ans, err := e.Answer(context.Background(), newsbot.When, q, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ans.Passages {
			if p.Date != nil {
				t.Errorf("%q: %s #%d leads with %q", q, p.Citation.Article, p.Citation.Paragraph, p.Date.Words)
			}
		}
	}
}

// TestWhenSubjectAfterAnOpeningPhrase: news often opens a sentence with a
// phrase of place, time or cause before its subject ("In Sirte, Gaddafi
// was …", "After a NATO air strike on his convoy, Gaddafi was …"). The
// names in that phrase are not the sentence's subject; another man named
// after it still is.
func TestWhenSubjectAfterAnOpeningPhrase(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		text, date string
	}{
		{"In Sirte, Muammar Gaddafi was captured and killed by fighters on 20 October, officials said.", "20 October 2011"},
		{"After a NATO air strike on his convoy, Muammar Gaddafi was captured and killed on 20 October.", "20 October 2011"},
		{"In Benghazi, Abdel Fattah Younes, who had defected from Gaddafi, was killed on 28 July.", ""},
	} {
		e := wireIndex(t, newsbot.Article{ID: "libya/report", Title: "Libya report", Published: libyaDay(10, 22), Paragraphs: paragraphs(c.text)})
		ans, err := e.Answer(ctx, newsbot.When, "When was Gaddafi killed?", 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 {
			t.Errorf("%.50q: no passage", c.text)
			continue
		}
		got := ""
		if d := ans.Passages[0].Date; d != nil {
			got = d.Words
		}
		if got != c.date {
			t.Errorf("%.50q: dated %q, want %q", c.text, got, c.date)
		}
	}
}
