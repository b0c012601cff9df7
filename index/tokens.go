package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// tokenCounter counts the tokens the English analyzer keeps in a text
// (words that are not stop words) without running the analyzer: BM25 needs
// only the average field length, and analysing every paragraph a second
// time just to count cost more than a third of the build time. It splits
// words as the tokenizer does, drops a possessive 's as the analyzer does,
// and looks the rest up among the stop words, so the count is the
// analyzer's (see TestTokenCountMatchesAnalyzer).
type tokenCounter struct {
	stop analysis.TokenMap
}

func newTokenCounter() (*tokenCounter, error) {
	stop := analysis.NewTokenMap()
	if err := stop.LoadBytes(en.EnglishStopWords); err != nil {
		return nil, err
	}
	return &tokenCounter{stop: stop}, nil
}

// longestStopWord bounds the words looked up among the stop words (the
// longest, "themselves", has ten letters).
const longestStopWord = 16

// count returns the number of words in text that are not stop words.
func (c *tokenCounter) count(text string) int {
	n := 0
	input := []byte(text)
	var lower [longestStopWord]byte
	scanWords(input, func(start, end int, _ bool) {
		w := withoutPossessive(input[start:end])
		if len(w) > len(lower) {
			n++
			return
		}
		for i, b := range w {
			lower[i] = lowerASCII(b) // stop words are ASCII
		}
		if _, stop := c.stop[string(lower[:len(w)])]; !stop {
			n++
		}
	})
	return n
}

// withoutPossessive drops a final 's (or ’s, ＇s, 'S) from a word, as the
// analyzer's possessive filter does.
func withoutPossessive(w []byte) []byte {
	last, size := utf8.DecodeLastRune(w)
	if last != 's' && last != 'S' {
		return w
	}
	apos, asize := utf8.DecodeLastRune(w[:len(w)-size])
	if apos == '\'' || apos == '’' || apos == '＇' {
		return w[:len(w)-size-asize]
	}
	return w
}
