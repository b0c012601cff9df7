package followup_test

import (
	"strconv"
	"testing"

	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/followup"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
	"github.com/newsbot-dev/newsbot/timex"
)

// TestReadWholeOnWikinews measures reading an article whole, as Story
// does, against reading each paragraph alone, as the index does, on
// SemEval-2015 Task 4's Wikinews articles (one paragraph a sentence): the
// share of the gold timelines' dated events whose sentence gives the gold
// date (eval.RunEventDates), and whose first date is the gold one, the
// date Story places a sentence by. Reading whole must not lose (README,
// "What happened next, or before").
func TestReadWholeOnWikinews(t *testing.T) {
	corpora, err := eval.LoadSemEval(shareddata.Path(t, "semeval2015-task4"))
	if err != nil {
		t.Fatal(err)
	}
	alone := eval.RunEventDates(corpora)
	aloneFirst, placed := firstDateAgrees(corpora)
	changed := 0
	for ci := range corpora {
		for ai, a := range corpora[ci].Articles {
			w := followup.ReadWhole(a)
			for pi, p := range w.Paragraphs {
				was := a.Paragraphs[pi].Dates
				if len(was) != len(p.Dates) {
					t.Fatalf("%s ¶%d: %d expressions read whole, %d alone", a.ID, p.N, len(p.Dates), len(was))
				}
				for k := range p.Dates {
					if p.Dates[k].Start != was[k].Start || p.Dates[k].End != was[k].End {
						t.Fatalf("%s ¶%d: %q at %d-%d whole, %d-%d alone", a.ID, p.N, p.Dates[k].Text, p.Dates[k].Start, p.Dates[k].End, was[k].Start, was[k].End)
					}
					if p.Dates[k].Value != was[k].Value {
						changed++
					}
				}
			}
			corpora[ci].Articles[ai] = w
		}
	}
	whole := eval.RunEventDates(corpora)
	wholeFirst, _ := firstDateAgrees(corpora)
	t.Logf("values changed %d; agreeing %d/%d (%.3f) alone, %d/%d (%.3f) whole; first date %d/%d alone, %d/%d whole",
		changed, alone.Agree, alone.Scored, alone.Accuracy, whole.Agree, whole.Scored, whole.Accuracy, aloneFirst, placed, wholeFirst, placed)
	if changed == 0 {
		t.Error("reading whole changed no value: the measurement measures nothing")
	}
	if whole.Agree < alone.Agree || wholeFirst < aloneFirst {
		t.Errorf("reading whole loses: agreeing %d < %d or first date %d < %d", whole.Agree, alone.Agree, wholeFirst, aloneFirst)
	}
}

// firstDateAgrees counts the gold timelines' dated events whose sentence
// gives a resolved date, and those whose first one is the gold date.
func firstDateAgrees(corpora []eval.SemEvalCorpus) (agree, dated int) {
	for _, c := range corpora {
		dates := map[string][]timex.Expression{}
		for _, a := range c.Articles {
			for _, p := range a.Paragraphs {
				// Paragraph n is sentence n+1: sentence 0 is the title, 1 the date line.
				dates[a.ID+"-"+strconv.Itoa(p.N+1)] = p.Dates
			}
		}
		seen := map[eval.GoldEvent]bool{}
		for _, g := range c.Timelines {
			for _, e := range g.Events {
				if seen[e] {
					continue
				}
				seen[e] = true
				for _, d := range dates[e.Place] {
					if (d.Type == timex.Date || d.Type == timex.Time) && d.Resolved() {
						dated++
						if atGold(d, e.Date) {
							agree++
						}
						break
					}
				}
			}
		}
	}
	return agree, dated
}

// atGold reports whether an expression's value is a gold date (2008-03-01,
// 2008-03-XX, 2008-XX-XX) at the gold's precision.
func atGold(d timex.Expression, gold string) bool {
	want := gold
	for len(want) > 4 && want[len(want)-3:] == "-XX" {
		want = want[:len(want)-3]
	}
	v := d.Value
	if len(v) > 10 {
		v = v[:10]
	}
	return v == want
}
