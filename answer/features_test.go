package answer

import (
	"testing"

	"github.com/newsbot-dev/newsbot"
)

func TestSentenceSpans(t *testing.T) {
	text := `Mr. Kim met Dr. Sharma in the U.S. on Feb. 3. They talked. "Is it over?" she asked. Talks resume 2026.`
	var got []string
	for _, s := range sentenceSpans(text) {
		got = append(got, text[s[0]:s[1]])
	}
	want := []string{`Mr. Kim met Dr. Sharma in the U.S. on Feb. 3.`, `They talked.`, `"Is it over?" she asked.`, `Talks resume 2026.`}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestCues(t *testing.T) {
	for _, s := range []string{"The last dialogue occurred in 2018.", "on 10 July 1856", "in the 1990s", "began in 911", "in the 10th and 11th centuries", "last week", "on 21 May", "in 500 BC", "the spring of 2019", "early Saturday"} {
		if !timeExpression.match(words(toLowerASCII(s))) {
			t.Errorf("no time expression found in %q", s)
		}
	}
	for _, s := range []string{"Talks are deadlocked.", "It cost 300 dollars and 45 percent.", "Prices may rise.", "It is 2500 metres high."} {
		if timeExpression.match(words(toLowerASCII(s))) {
			t.Errorf("time expression found in %q", s)
		}
	}
	for _, s := range []string{"because of the sanctions", "The immediate issue seems to be Seoul's failure", "due to its central location", "in response to the leaflets"} {
		if !causal.match(words(toLowerASCII(s))) {
			t.Errorf("no causal language found in %q", s)
		}
	}
}

func TestHighlightsMerge(t *testing.T) {
	got := highlights([]newsbot.TermMatch{{Start: 10, End: 15}, {Start: 0, End: 4}, {Start: 12, End: 18}})
	want := []newsbot.Span{{Start: 0, End: 4}, {Start: 10, End: 18}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("highlights = %v, want %v", got, want)
	}
}

func TestTruncateUTF8(t *testing.T) {
	s := "aé€😀"
	for n := 0; n <= len(s); n++ {
		got := truncateUTF8(s, n)
		if len(got) > n || !isValid(got) {
			t.Errorf("truncateUTF8(%q, %d) = %q", s, n, got)
		}
	}
}

func isValid(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' {
			return false
		}
	}
	return true
}
