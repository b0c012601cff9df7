package index

import (
	"slices"
	"testing"
)

// TestQueryTermNames: a term is a name when the question writes it with a
// capital letter that does not begin a sentence.
func TestQueryTermNames(t *testing.T) {
	ix, _ := openTemp(t)
	cases := map[string][]string{
		"When was Gaddafi killed in Sirte?":                 {"gaddafi", "sirt"},
		"Gaddafi was killed. Why did Obama speak?":          {"obama"},
		`Why did "Apple Corps" sue the company?`:            {"appl", "corp"},
		"When did the U.N. Security Council vote?":          {"u", "n", "secur", "council"},
		"WHEN WAS GADDAFI KILLED IN SIRTE?":                 nil,
		"when was gaddafi killed":                           nil,
		"What do lobates feed on?":                          nil,
		"How many patents did Tesla hold: Tesla's patents?": {"tesla"},
	}
	for q, want := range cases {
		_, names := ix.queryTerms(q)
		var got []string
		for n := range names {
			got = append(got, n)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: names %q, want %q", q, got, want)
		}
	}
}
