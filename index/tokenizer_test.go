package index

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func TestWordTokenizer(t *testing.T) {
	in := "North Korea's 10,000 troops — isn't it 3.5%? U.S.-led talks, 2026. Café naïve 東京"
	var got []string
	var prevEnd int
	for i, tok := range (wordTokenizer{}).Tokenize([]byte(in)) {
		if tok.Position != i+1 || tok.Start < prevEnd || string(tok.Term) != in[tok.Start:tok.End] {
			t.Fatalf("token %d = %+v: bad position or span", i, tok)
		}
		prevEnd = tok.End
		got = append(got, string(tok.Term))
		if (tok.Type == analysis.Numeric) != (string(tok.Term) == "10,000" || string(tok.Term) == "3.5" || string(tok.Term) == "2026") {
			t.Errorf("%q typed %v", tok.Term, tok.Type)
		}
	}
	want := "North|Korea's|10,000|troops|isn't|it|3.5|U|S|led|talks|2026|Café|naïve|東京"
	if strings.Join(got, "|") != want {
		t.Errorf("tokens = %s\nwant     %s", strings.Join(got, "|"), want)
	}
}
