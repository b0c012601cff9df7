package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
	"github.com/newsbot-dev/newsbot/timex"
)

// wireSteps is wire copy whose later paragraphs count their days from a
// date an earlier paragraph names ("Two days later …", "The next day …"),
// with curly quotes and a dash before the dates, so that rune and byte
// offsets differ.
const wireSteps = `---
date: 2026-03-20
---
Ruritania's parliament dissolves the cabinet after weeks of protests

STRELSAU, Ruritania, March 20 (Reuters) - Ruritania's parliament voted to dissolve the cabinet of Prime Minister Rudolf Elphberg, capping weeks of protests in the capital.

Students chanted “Elphberg out!” in the capital’s square — the protests began on March 2, 2026, when thousands marched on the parliament building.

Two days later the parliament voted to open an inquiry into the police.

The next day, Prime Minister Rudolf Elphberg sacked the interior minister, his spokesman said.

The parliament rejected a motion of no confidence on March 12.
`

// The index reads an article's paragraphs as one text: a date counted
// from another counts from the last one named before it, in an earlier
// paragraph when its own names none, not from publication.
func TestDatesCountFromEarlierParagraphs(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ruritania.txt"), []byte(wireSteps), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 1 {
		t.Fatalf("%d articles, skipped %v", len(res.Articles), res.Skipped)
	}
	a := res.Articles[0]
	var got []string
	for _, p := range a.Paragraphs {
		checkParagraphOffsets(t, a.ID, p)
		for _, d := range p.Dates {
			if d.Type == timex.Date {
				got = append(got, fmt.Sprintf("¶%d %s=%s", p.N, d.Text, d.Value))
			}
		}
	}
	want := []string{
		"¶1 March 20=2026-03-20", // the dateline
		"¶2 March 2, 2026=2026-03-02",
		"¶3 Two days later=2026-03-04", // read alone: 2026-03-22, after publication
		"¶4 The next day=2026-03-05",   // read alone: 2026-03-21
		"¶5 March 12=2026-03-12",
	}
	if !slices.Equal(got, want) {
		t.Errorf("dates:\n got %q\nwant %q", got, want)
	}
	// Read alone, as before, the paragraph counts from publication: the
	// test above tells the two apart.
	for _, p := range a.Paragraphs {
		if strings.HasPrefix(p.Text, "Two days later") {
			if alone := timex.Extract(p.Text, a.Published); len(alone) == 0 || alone[0].Value != "2026-03-22" {
				t.Errorf("read alone: %+v", alone)
			}
		}
	}
}

// checkParagraphOffsets checks that every expression of p lies in p: its
// text is the paragraph's text between its rune offsets.
func checkParagraphOffsets(t *testing.T, id string, p newsbot.Paragraph) {
	t.Helper()
	runes := []rune(p.Text)
	for _, d := range p.Dates {
		if d.Start < 0 || d.End > len(runes) || d.Start >= d.End {
			t.Errorf("%s ¶%d: %q at %d-%d outside its paragraph of %d runes", id, p.N, d.Text, d.Start, d.End, len(runes))
			continue
		}
		if got := string(runes[d.Start:d.End]); got != d.Text {
			t.Errorf("%s ¶%d: %q at %d-%d reads %q in its paragraph", id, p.N, d.Text, d.Start, d.End, got)
		}
	}
}

// An expression never spans two paragraphs, even where the text read as
// one would join them into one ("in March" at a paragraph's end, "2011"
// opening the next): each is found in its paragraph alone.
func TestDatesNeverSpanParagraphs(t *testing.T) {
	pub := time.Date(2011, 10, 24, 0, 0, 0, 0, time.UTC)
	a := newsbot.Article{ID: "a", Published: pub, Paragraphs: []newsbot.Paragraph{
		{N: 1, Text: "The uprising began in February"},
		{N: 2, Text: "2011 was the year the Arab Spring reached Libya."},
		{N: 3, Text: "Rebels took Tripoli in August"},
		{N: 4, Text: "20 of the council's members resigned the next day."},
	}}
	FindDates(&a)
	for _, p := range a.Paragraphs {
		checkParagraphOffsets(t, a.ID, p)
	}
	texts := func(p newsbot.Paragraph) []string {
		var out []string
		for _, d := range p.Dates {
			out = append(out, d.Text+"="+d.Value)
		}
		return out
	}
	if got := texts(a.Paragraphs[0]); len(got) != 1 || got[0] != "February=2011-02" {
		t.Errorf("¶1: %q, want February=2011-02", got)
	}
	if got := texts(a.Paragraphs[1]); len(got) != 1 || got[0] != "2011=2011" {
		t.Errorf("¶2: %q, want 2011=2011", got)
	}
	// "the next day" after a month: no day named before, so publication's.
	if got := texts(a.Paragraphs[3]); len(got) != 1 || got[0] != "the next day=2011-10-25" {
		t.Errorf("¶4: %q, want the next day=2011-10-25", got)
	}
}

// Reading an article whole must not lose on real news: on SemEval-2015
// Task 4's Wikinews articles (one paragraph a sentence, read as the index
// reads them by eval.LoadSemEval) against each paragraph read alone, the
// share of the gold timelines' dated events whose sentence gives the gold
// date (eval.RunEventDates). The expressions found are the same; only
// values counted from another date change.
func TestReadingWholeOnWikinews(t *testing.T) {
	corpora, err := eval.LoadSemEval(shareddata.Path(t, "semeval2015-task4"))
	if err != nil {
		t.Fatal(err)
	}
	whole := eval.RunEventDates(corpora)
	changed := 0
	for ci := range corpora {
		for ai, a := range corpora[ci].Articles {
			alone := a
			alone.Paragraphs = make([]newsbot.Paragraph, len(a.Paragraphs))
			for pi, p := range a.Paragraphs {
				checkParagraphOffsets(t, a.ID, p)
				was := timex.Extract(p.Text, a.Published)
				if len(was) != len(p.Dates) {
					t.Fatalf("%s ¶%d: %d expressions read whole, %d alone", a.ID, p.N, len(p.Dates), len(was))
				}
				for k := range was {
					if p.Dates[k].Start != was[k].Start || p.Dates[k].End != was[k].End {
						t.Fatalf("%s ¶%d: %q at %d-%d whole, %d-%d alone", a.ID, p.N, p.Dates[k].Text, p.Dates[k].Start, p.Dates[k].End, was[k].Start, was[k].End)
					}
					if p.Dates[k].Value != was[k].Value {
						changed++
					}
				}
				p.Dates = was
				alone.Paragraphs[pi] = p
			}
			corpora[ci].Articles[ai] = alone
		}
	}
	byParagraph := eval.RunEventDates(corpora)
	t.Logf("values changed %d; agreeing %d/%d (%.3f) whole, %d/%d (%.3f) alone",
		changed, whole.Agree, whole.Scored, whole.Accuracy, byParagraph.Agree, byParagraph.Scored, byParagraph.Accuracy)
	if changed == 0 {
		t.Error("reading whole changed no value: the measurement measures nothing")
	}
	if whole.Agree < byParagraph.Agree {
		t.Errorf("reading whole loses: agreeing %d < %d alone", whole.Agree, byParagraph.Agree)
	}
}
