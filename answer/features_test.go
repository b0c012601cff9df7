package answer

import (
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

func TestSentenceSpans(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{`Mr. Kim met Dr. Sharma in the U.S. on Feb. 3. They talked. "Is it over?" she asked. Talks resume 2026.`,
			[]string{`Mr. Kim met Dr. Sharma in the U.S. on Feb. 3.`, `They talked.`, `"Is it over?" she asked.`, `Talks resume 2026.`}},
		// Not cut at an abbreviation that a name follows.
		{"March 17 - The U.N. Security Council votes to authorize a no-fly zone. Mr. Gaddafi's forces retreat.",
			[]string{"March 17 - The U.N. Security Council votes to authorize a no-fly zone.", "Mr. Gaddafi's forces retreat."}},
		// Ended after the closing quote, not run into the next sentence.
		{"“We will not leave,” he said. “The vote is over.” The rebels took Sirte on Thursday.",
			[]string{"“We will not leave,” he said.", "“The vote is over.”", "The rebels took Sirte on Thursday."}},
	}
	for _, c := range cases {
		var got []string
		for _, s := range sentenceSpans(c.text) {
			got = append(got, c.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("sentenceSpans(%q)\n got %q\nwant %q", c.text, got, c.want)
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

// TestDateLeadSentenceIsWhole: the sentence quoted with a when-answer's date
// is not cut at "Mr." or "U.N." and ends after its closing quote.
func TestDateLeadSentenceIsWhole(t *testing.T) {
	pub := time.Date(2011, 10, 21, 0, 0, 0, 0, time.UTC)
	text := "Officials met on Monday. “Mr. Gaddafi was killed in Sirte on Thursday,” the U.N. envoy said. The U.N. Security Council meets next week."
	h := &newsbot.Hit{Citation: newsbot.Citation{Published: pub}, Text: text, Dates: timex.Extract(text, pub)}
	for _, w := range []string{"Gaddafi", "killed"} {
		i := strings.Index(text, w)
		h.Matches = append(h.Matches, newsbot.TermMatch{Term: strings.ToLower(w), Start: i, End: i + len(w)})
	}
	d := dateLead(h, newQuestionEvent([]newsbot.QueryTerm{{Term: "gaddafi", IDF: 5, Name: true}, {Term: "killed", IDF: 3}}))
	if d == nil {
		t.Fatal("no date")
	}
	if got, want := text[d.Sentence.Start:d.Sentence.End], "“Mr. Gaddafi was killed in Sirte on Thursday,” the U.N. envoy said."; got != want {
		t.Errorf("sentence = %q, want %q", got, want)
	}
	if d.Words != "20 October 2011" {
		t.Errorf("date = %q", d.Words)
	}
}

func TestAfterDateline(t *testing.T) {
	for text, want := range map[string]string{
		"SEOUL, South Korea - February 21st, 2026 - North Korea reopened the lines.": "North Korea reopened the lines.",
		"March 17 - The U.N. Security Council votes to authorize a no-fly zone.":     "The U.N. Security Council votes to authorize a no-fly zone.",
		"BEIRUT (Reuters) - Syrian troops shelled the city.":                         "Syrian troops shelled the city.",
		"Troops shelled the city - and then left.":                                   "Troops shelled the city - and then left.",
	} {
		s := sentenceSpans(text)[0]
		if got := text[afterDateline(text, s, timex.ByteSpans(text, timex.Extract(text, time.Time{}))):s.End]; got != want {
			t.Errorf("afterDateline(%q) = %q, want %q", text, got, want)
		}
	}
}
