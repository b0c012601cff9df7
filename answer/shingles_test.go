package answer

import "testing"

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
