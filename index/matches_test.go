package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// TestMatchesAgreeWithAnalyzer checks the match finder against the full
// analyzer on every SQuAD paragraph, with the terms of every question about
// its article: both must find the same terms at the same places, including
// irregular verbs ("began" for "When did it begin?", "taught" for
// "teacher"), possessives and shared stems.
func TestMatchesAgreeWithAnalyzer(t *testing.T) {
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(context.Background(), filepath.Join(t.TempDir(), "index"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	questions := map[string][][]string{}
	for _, q := range s.Questions {
		if len(questions[q.Article]) < 40 { // enough, and quick
			questions[q.Article] = append(questions[q.Article], ix.QueryTerms(q.Question))
		}
	}
	extra := [][]string{ix.QueryTerms("When did it begin? Where did they go? What did Korea's leaders say? Who was the teacher?")}
	checked, found := 0, 0
	for _, a := range s.Articles {
		for _, p := range a.Paragraphs {
			tokens := ix.analyzer.Analyze([]byte(p.Text))
			for _, terms := range append(questions[a.ID], extra...) {
				want := map[string]bool{}
				for _, t := range terms {
					want[t] = true
				}
				var expect []newsbot.TermMatch
				for _, tok := range tokens {
					if m := matchOf(string(tok.Term), want, terms); m != "" {
						expect = append(expect, newsbot.TermMatch{Term: m, Pos: tok.Position, Start: tok.Start, End: tok.End})
					}
				}
				got := ix.matches.forTerms(terms).find(p.Text)
				if fmt.Sprint(got) != fmt.Sprint(expect) {
					t.Fatalf("%s #%d, terms %v:\n got %v\nwant %v", a.ID, p.N, terms, got, expect)
				}
				checked++
				found += len(got)
			}
		}
	}
	if found == 0 {
		t.Fatal("no matches found at all")
	}
	t.Logf("%d paragraph × question pairs, %d matches, all as the analyzer finds them", checked, found)
}

func TestMatchOf(t *testing.T) {
	terms := []string{"citizenship", "discov", "korea", "war", "teacher"}
	want := map[string]bool{}
	for _, term := range terms {
		want[term] = true
	}
	for term, match := range map[string]string{
		"citizenship": "citizenship", "citizen": "citizenship", // citizen begins citizenship
		"discoveri": "discov", "korean": "korea", "teach": "teacher",
		"war": "war", "ward": "", "warn": "", // under five letters: exact only
		"citi": "", "discount": "", "korb": "",
	} {
		if got := matchOf(term, want, terms); got != match {
			t.Errorf("matchOf(%q) = %q, want %q", term, got, match)
		}
	}
}

// TestTermsAgreeWithAnalyzer: Terms gives the analyzer's terms, in order,
// on every SQuAD paragraph and on news oddities.
func TestTermsAgreeWithAnalyzer(t *testing.T) {
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := openTemp(t)
	texts := []string{"Korea's leaders went to Gaddafi's compound; Qaddafi's forces fled.", "The U.N. - backed government's 2,000 troops, 9:30 a.m.", "北朝鮮 Pyongyang’s", ""}
	for _, a := range s.Articles {
		for _, p := range a.Paragraphs {
			texts = append(texts, p.Text)
		}
	}
	for _, text := range texts {
		var want []string
		for _, tok := range ix.analyzer.Analyze([]byte(text)) {
			want = append(want, string(tok.Term))
		}
		for range 2 { // once analysed, once remembered
			if got := ix.Terms(text); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("Terms(%.60q):\n got %v\nwant %v", text, got, want)
			}
		}
	}
}
