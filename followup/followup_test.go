package followup

import (
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

// blowUp is a conversation after "What did North Korea blow up?", answered
// with GZERO's first paragraph.
func blowUp() *Conversation {
	var c Conversation
	c.Record("What did North Korea blow up?", newsbot.Ask, &newsbot.Passage{
		Citation: newsbot.Citation{Article: "004_ad30c935bafc3323", Paragraph: 1},
		Text: "First, they stop taking your calls. Then they blow up the house. Last week Pyongyang quit answering a daily phone call " +
			"from the South that was set up in 2018. Then, yesterday, North Korea quite literally blew up a building just north of the " +
			"border which both sides had used for the past two years as a meeting place for officials from the North and the South.",
	})
	return &c
}

func TestResolveAgainstTheConversation(t *testing.T) {
	for _, tc := range []struct {
		text, question string
		cmd            newsbot.Command
		kind           Kind
	}{
		{"why?", "Why did North Korea blow up a building?", newsbot.Why, Resolved},
		{"Why?", "Why did North Korea blow up a building?", newsbot.Why, Resolved},
		{"when was that?", "When did North Korea blow up a building?", newsbot.When, Resolved},
		{"when?", "When did North Korea blow up a building?", newsbot.When, Resolved},
		{"why did they do that?", "Why did North Korea blow up a building?", newsbot.Why, Resolved},
		{"and why did they do it?", "Why did North Korea blow up a building?", newsbot.Why, Resolved},
		{"why did that happen?", "Why did North Korea blow up a building?", newsbot.Why, Resolved},
		{"how did they do it?", "How did North Korea blow up a building?", newsbot.Ask, Resolved},
		{"where?", "Where did North Korea blow up a building?", newsbot.Ask, Resolved},
		{"who?", "Who did blow up a building?", newsbot.Ask, Resolved},
		{"why did China do that?", "Why did China blow up a building?", newsbot.Why, Resolved},
		{"what did they say?", "What did North Korea say?", newsbot.Ask, Resolved},
		{"what is their economy like?", "What is North Korea's economy like?", newsbot.Ask, Resolved},
		{"who used it?", "Who used a building?", newsbot.Ask, Resolved},
		{"and South Korea?", "What did South Korea blow up?", newsbot.Ask, Resolved},
		{"what about Seoul?", "What did Seoul blow up?", newsbot.Ask, Resolved},
		// A question that names its own subject starts afresh.
		{"Why did China ban the app?", "Why did China ban the app?", newsbot.Why, Fresh},
		{"When did the Korean War end?", "When did the Korean War end?", newsbot.When, Fresh},
		{"thanks", "thanks", newsbot.Ask, Fresh},
		// What happened next or before: around the event just quoted.
		{"what happened next?", "What happened after “Then, yesterday, North Korea quite literally blew up a building just north of the border which both sides had used for…”?", newsbot.Ask, Next},
		{"And then?", "", newsbot.Ask, Next},
		{"what happened after that?", "", newsbot.Ask, Next},
		{"what happened before that?", "", newsbot.Ask, Before},
		{"and before that?", "", newsbot.Ask, Before},
		{"what came next?", "", newsbot.Ask, Next},
		{"What happened after the election?", "What happened after the election?", newsbot.Ask, Fresh},
	} {
		r := blowUp().Resolve(tc.text)
		if tc.question != "" && r.Question != tc.question || r.Command != tc.cmd || r.Kind != tc.kind {
			t.Errorf("%q → %q (%s, %s), want %q (%s, %s)", tc.text, r.Question, r.Command, r.Kind, tc.question, tc.cmd, tc.kind)
		}
		if (r.Kind == Next || r.Kind == Before) && (r.Anchor == nil || !strings.Contains(r.Anchor.Sentence, "blew up a building")) {
			t.Errorf("%q: anchor %+v", tc.text, r.Anchor)
		}
		if r.Understood() != (tc.kind != Fresh) {
			t.Errorf("%q: Understood() = %v", tc.text, r.Understood())
		}
	}
}

func TestNoConversationIsFresh(t *testing.T) {
	var c Conversation
	r := c.Resolve("why did they do that?")
	if r.Kind != Fresh || r.Question != "why did they do that?" || r.Command != newsbot.Why {
		t.Errorf("without a conversation: %+v", r)
	}
}

func TestTheEventIsCarriedAndPlaced(t *testing.T) {
	c := blowUp()
	last, _ := c.Last()
	e := last.Event
	if e.Subject != "North Korea" || e.Predicate != "blow up a building" || e.Object != "a building" ||
		!strings.HasPrefix(e.Sentence, "Then, yesterday, North Korea quite literally blew up") || e.Date == nil || e.Date.Text != "yesterday" {
		t.Fatalf("event = %+v", e)
	}
	// A why-answer that does not tell the event keeps where it was told.
	r := c.Resolve("why did they do that?")
	c.Record(r.Question, r.Command, &newsbot.Passage{Citation: newsbot.Citation{Article: "004_ad30c935bafc3323", Paragraph: 2},
		Text: "The immediate issue seems to be Seoul's failure to stop North Korean defectors from sending anti-Kim leaflets over the border."})
	if r := c.Resolve("what happened next?"); r.Kind != Next || !strings.Contains(r.Anchor.Sentence, "blew up a building") || r.Anchor.Citation.Paragraph != 1 {
		t.Errorf("after a why-answer, next = %+v", r)
	}
	if r := c.Resolve("when was that?"); r.Question != "When did North Korea blow up a building?" {
		t.Errorf("after a why-answer, when = %q", r.Question)
	}
}

func TestWhoQuestionTakesItsSubjectFromTheAnswer(t *testing.T) {
	var c Conversation
	c.Record("Who fined Acme?", newsbot.Ask, &newsbot.Passage{Citation: newsbot.Citation{Article: "wire", Paragraph: 1},
		Text: "BRUSSELS - The European Commission fined Acme 2 billion euros on Monday for abusing its dominance in online advertising."})
	last, _ := c.Last()
	if last.Subject != "European Commission" || !strings.HasPrefix(last.Event.Predicate, "fine Acme") {
		t.Fatalf("turn = %+v", last)
	}
	if r := c.Resolve("why did they do that?"); !strings.HasPrefix(r.Question, "Why did European Commission fine Acme") || r.Command != newsbot.Why {
		t.Errorf("why = %+v", r)
	}
}

func TestOrdinalsPointIntoTheLeadList(t *testing.T) {
	var c Conversation
	c.Record("Which countries plan on meddling in Canada's election?", newsbot.Ask, &newsbot.Passage{Citation: newsbot.Citation{Article: "gzero", Paragraph: 9},
		Text: "Canada's foreign interference watchdog is warning that China, India, and Russia plan on meddling in the country's federal election."})
	for text, want := range map[string]string{
		"and the second one?":   "India",
		"why the first one?":    "China",
		"and the last one?":     "Russia",
		"why the third one?":    "Russia",
		"and the seventh one?":  "",
		"what about the second": "India",
	} {
		r := c.Resolve(text)
		if want == "" {
			if strings.Contains(r.Question, "India") || strings.Contains(r.Question, "China") {
				t.Errorf("%q → %q: no seventh one", text, r.Question)
			}
			continue
		}
		if !strings.Contains(r.Question, want) || r.Kind != Resolved {
			t.Errorf("%q → %q (%s), want it about %s", text, r.Question, r.Kind, want)
		}
	}
}

func TestConversationIsBounded(t *testing.T) {
	c := blowUp()
	long := strings.Repeat("why did they do that ", 500)
	for k := 0; k < 3*MaxTurns; k++ {
		r := c.Resolve(long)
		if len(r.Text) > MaxText || len(r.Question) > MaxText+2*maxSentence {
			t.Fatalf("resolution of %d bytes", len(r.Question))
		}
		c.Record(r.Question, r.Command, nil)
	}
	if c.Len() != MaxTurns {
		t.Errorf("%d turns kept, want %d", c.Len(), MaxTurns)
	}
	for _, turn := range c.turns {
		if len(turn.Question) > MaxText || len(turn.Event.Sentence) > maxSentence {
			t.Errorf("turn holds %d + %d bytes", len(turn.Question), len(turn.Event.Sentence))
		}
	}
}

func TestPronominalize(t *testing.T) {
	for q, want := range map[string]string{
		"When did the Normans conquer England?":            "When did they conquer England?",
		"What did North Korea blow up?":                    "What did it blow up?",
		"What is the Amazon rainforest called in Spanish?": "",
		"Who founded Tesla?":                               "",
		"When was Nikola Tesla born?":                      "When was it born?",
		"What are the Alps made of?":                       "What are they made of?",
		"Why did the government cut taxes?":                "",
		"How many people live in Warsaw?":                  "",
	} {
		got, _, ok := Pronominalize(q)
		if want == "" && ok || want != "" && got != want {
			t.Errorf("Pronominalize(%q) = %q, %v; want %q", q, got, ok, want)
		}
	}
}

func TestParseSubjects(t *testing.T) {
	for q, want := range map[string]string{
		"Why did the North Korean government blow up the liaison office?": "the North Korean government",
		"What did North Korea blow up?":                                   "North Korea",
		"When did the Normans conquer England?":                           "the Normans",
		"Why did the liaison office close?":                               "the liaison office",
		"Why did the number of deaths rise?":                              "the number of deaths",
		"What did North Korea's economy suffer from?":                     "North Korea's economy",
		"Who was Nikola Tesla?":                                           "Nikola Tesla",
		"why did they do that?":                                           "they",
		"Who blew up the building?":                                       "",
	} {
		f := parse(q)
		if got := f.span(f.subj); got != want {
			t.Errorf("subject of %q = %q, want %q", q, got, want)
		}
	}
}

func TestEntities(t *testing.T) {
	got := strings.Join(entities("Then, yesterday, North Korea blew up a building. South Korea's Unification Minister Kwon Young-se said \"We will talk\" in March."), "|")
	if got != "North Korea|South Korea's Unification Minister Kwon Young-se" {
		t.Errorf("entities = %s", got)
	}
}

func TestBaseForm(t *testing.T) {
	for w, want := range map[string]string{
		"blew": "blow", "fined": "fine", "created": "create", "treated": "treat", "visited": "visit", "opened": "open",
		"stopped": "stop", "called": "call", "tried": "try", "announced": "announce", "raised": "raise", "claimed": "claim",
		"attacked": "attack", "closed": "close", "changed": "change", "belonged": "belong", "passed": "pass", "founded": "found",
		"reopened": "reopen", "negotiated": "negotiate", "collapsed": "collapse", "used": "use",
	} {
		if got, ok := baseForm(w); !ok || got != want {
			t.Errorf("baseForm(%q) = %q, %v; want %q", w, got, ok, want)
		}
	}
}

// FuzzResolve: whatever is typed, resolving and recording never panic and
// stay within bounds.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"why?", "when was that?", "and the second one?", "what happened next?", "", "?", "the", "and",
		"why did they do that", "’s", "did", "Why did it’s", "and what about", "the last", "do that do that", "\xff\xfe", "WHAT DID THEY DO?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c := blowUp()
		r := c.Resolve(text)
		if len(r.Question) > MaxText+2*maxSentence {
			t.Fatalf("resolution of %d bytes", len(r.Question))
		}
		c.Record(r.Question, r.Command, &newsbot.Passage{Text: text})
		c.Resolve(text)
		Pronominalize(text)
	})
}

func TestSpelledOutThatIsNotPartOfTheEvent(t *testing.T) {
	var c Conversation
	lead := &newsbot.Passage{Citation: newsbot.Citation{Article: "wsb", Paragraph: 3},
		Text: "South Korea's Unification Minister Kwon Young-se hailed the reopening of communication as a positive development."}
	c.Record("What did Kwon Young-se say?", newsbot.Ask, lead)
	r := c.Resolve("why did he say that?")
	if !strings.HasPrefix(r.Question, "Why did Kwon Young-se say that (that: “South Korea's Unification Minister") {
		t.Fatalf("why = %q", r.Question)
	}
	c.Record(r.Question, r.Command, lead)
	if r := c.Resolve("when?"); r.Question != "When did Kwon Young-se say that?" {
		t.Errorf("when = %q", r.Question)
	}
}
