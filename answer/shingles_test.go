package answer

import (
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

func TestNearDuplicate(t *testing.T) {
	base := "The central bank raised its key interest rate by half a percentage point on Wednesday, its biggest increase in 22 years, as inflation reached a 40-year high."
	cases := []struct {
		b    string
		want bool
	}{
		{base, true},
		{"  The central bank raised its key interest rate by half a percentage point on Wednesday,  its biggest increase in 22 years, as inflation reached a 40-year high. ", true},
		// An update: one figure changed.
		{"The central bank raised its key interest rate by three quarters of a percentage point on Wednesday, its biggest increase in 22 years, as inflation reached a 40-year high.", true},
		// An update that adds a sentence: the old paragraph is inside it.
		{base + " Markets fell after the announcement, and the dollar rose against the euro and the yen, traders in London and New York said on Wednesday evening.", true},
		// Another paragraph of the same story.
		{"Inflation reached a 40-year high in May, and economists expect the central bank to raise rates again in July.", false},
		// A short line that a paragraph quotes is not the paragraph.
		{"Inflation reached a 40-year high.", false},
	}
	for _, c := range cases {
		if got := nearDuplicate(shingles(base), shingles(c.b)); got != c.want {
			t.Errorf("nearDuplicate(base, %.60q) = %v", c.b, got)
		}
	}
	if nearDuplicate(nil, shingles(base)) || shingles("") != nil {
		t.Error("an empty text is a duplicate")
	}
	if !nearDuplicate(shingles("Qtly div 25 cts"), shingles("QTLY DIV 25 CTS")) || nearDuplicate(shingles("Shr 34 cts"), shingles("Shr 35 cts")) {
		t.Error("short lines compare as their words")
	}
}

func TestSameText(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"a b", "a b", true}, {" a  b\n", "a b", true}, {"ab", "a b", false}, {"a b", "a bc", false},
		{"", "  ", true}, {"Zürich  “quoted”", "Zürich “quoted”", true}, {"a", "", false},
	} {
		if got := sameText(c.a, c.b); got != c.want {
			t.Errorf("sameText(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func BenchmarkShingles(b *testing.B) {
	text := "The Normans (Norman: Nourmands; French: Normands; Latin: Normanni) were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France. They were descended from Norse (\"Norman\" comes from \"Norseman\") raiders and pirates from Denmark, Iceland and Norway who, under their leader Rollo, agreed to swear fealty to King Charles III of West Francia. Through generations of assimilation and mixing with the native Frankish and Roman-Gaulish populations, their descendants would gradually merge with the Carolingian-based cultures of West Francia."
	for i := 0; i < b.N; i++ {
		shingles(text)
	}
}

// TestSampledShinglesAgree: on long passages the sampled comparison
// decides as the whole sets do.
func TestSampledShinglesAgree(t *testing.T) {
	base := "The central bank raised its key interest rate by half a percentage point on Wednesday, its biggest increase in 22 years, as inflation reached a 40-year high. " +
		"The governor said the bank would keep raising rates until prices steadied, and that the labour market remained tight, with unemployment at its lowest since 1974 and wages rising fast."
	for _, c := range []struct {
		b    string
		want bool
	}{
		{strings.Replace(base, "half a percentage point", "three quarters of a percentage point", 1), true},
		{base + " Markets fell after the announcement, and the dollar rose against the euro and the yen, traders in London and New York said on Wednesday evening.", true},
		{"Economists had expected a smaller rise, and markets fell after the announcement on Wednesday, as traders bet that the economy would slip into a recession before the end of the year, " +
			"while the government said it would cut fuel duty and help households with their energy bills over the winter, at a cost of 15 billion pounds.", false},
	} {
		a, b := newShingleSet(base), newShingleSet(c.b)
		if a.n < sampleFrom || b.n < sampleFrom {
			t.Fatalf("texts too short to be sampled: %d, %d trigrams", a.n, b.n)
		}
		exact := nearDuplicate(shingles(base), shingles(c.b))
		if got := nearDuplicateSets(a, b); got != c.want || exact != c.want {
			t.Errorf("%.50q: sampled %v, exact %v, want %v", c.b, got, exact, c.want)
		}
	}
}

func TestMayBeCopies(t *testing.T) {
	hit := func(ms ...any) *newsbot.Hit {
		h := &newsbot.Hit{}
		for i := 0; i < len(ms); i += 2 {
			h.Matches = append(h.Matches, newsbot.TermMatch{Term: ms[i].(string), Pos: ms[i+1].(int)})
		}
		return h
	}
	story := hit("quak", 3, "turkei", 6, "syria", 9, "kill", 13, "peopl", 17)
	update := hit("quak", 3, "turkei", 6, "syria", 9, "kill", 13, "peopl", 18) // "1,000" is two words
	other := hit("quak", 2, "kill", 20, "turkei", 31)
	if !mayBeCopies(matchPattern(story), matchPattern(update)) {
		t.Error("an update is not a possible copy")
	}
	if mayBeCopies(matchPattern(story), matchPattern(other)) {
		t.Error("another paragraph is a possible copy")
	}
	if !mayBeCopies(matchPattern(hit("quak", 1)), matchPattern(story)) {
		t.Error("a single match rules out a copy")
	}
}

// shingles returns the sorted, distinct hashes of text's word trigrams,
// as an answer compares them.
func shingles(text string) []uint64 { return newShingleSet(text).sortedAll() }
