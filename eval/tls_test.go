package eval

import (
	"strings"
	"testing"
	"time"
)

type splitTerms struct{ TLSSource }

func (splitTerms) Terms(text string) []string {
	var out []string
	for _, w := range text {
		out = append(out, string(w))
	}
	return out
}

// TestROUGEVariants checks concat and agreement ROUGE-1 on a hand-counted
// case, one letter a term: tilse's definitions.
func TestROUGEVariants(t *testing.T) {
	s := splitTerms{}
	chosen := map[string][]string{"2010-01-01": {"abc"}, "2010-01-03": {"de"}}
	reference := map[string][]string{"2010-01-01": {"ab"}, "2010-01-02": {"cd"}}
	// concat: abcde against abcd: 4 matches of 5 and of 4.
	if got := concatROUGE(s, chosen, reference); got.P != 0.8 || got.R != 1 {
		t.Errorf("concat = %+v, want P 0.8 R 1", got)
	}
	// agreement: only 2010-01-01 agrees: ab of abc, of ab+cd.
	if got := agreementROUGE(s, chosen, reference); got.P != 0.4 || got.R != 0.5 {
		t.Errorf("agreement = %+v, want P 0.4 R 0.5", got)
	}
}

func TestReferenceSpan(t *testing.T) {
	from, to, err := referenceSpan([]string{"2005-03-XX", "2003-XX-XX", "2005-06-13"})
	if err != nil {
		t.Fatal(err)
	}
	if !from.Equal(time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)) || !to.Equal(time.Date(2005, 6, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("span %s to %s", from, to)
	}
}

// TestChosenDate: a week, quarter or decade chosen is a date chosen, which
// no gold date can match, not a choice the score ignores.
func TestChosenDate(t *testing.T) {
	for v, want := range map[string]string{"2008-03-01": "2008-03-01", "2008-03": "2008-03-XX", "2008": "2008-XX-XX", "2008-03-01T10:00": "2008-03-01"} {
		if got := chosenDate(v); got != want {
			t.Errorf("chosenDate(%q) = %q, want %q", v, got, want)
		}
	}
	seen := map[string]bool{}
	for _, v := range []string{"2008-W09", "2008-Q1", "2008-H2", "200", "2008-SU"} {
		d := chosenDate(v)
		if d == "" || seen[d] || strings.Contains(d, "XX") {
			t.Errorf("chosenDate(%q) = %q, want a date of its own", v, d)
		}
		seen[d] = true
	}
}
