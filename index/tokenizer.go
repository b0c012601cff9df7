package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordTokenizerName names the tokenizer of newsbot's analyzer.
const wordTokenizerName = "newsbot_words"

// wordTokenizer splits text into words: runs of letters, digits and marks,
// with an apostrophe between letters (isn't, Korea's) and a period or comma
// between digits (3.5, 10,000) kept inside. It replaces Bleve's Unicode
// (UAX #29) tokenizer, whose segmenter was a sixth of the time of building
// the index; on English news the two agree (a run of CJK ideographs is one
// token here, one per ideograph there). tokenCounter counts by the same
// rules.
type wordTokenizer struct{}

func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	stream := make(analysis.TokenStream, 0, len(input)/6+1)
	start, numeric := -1, true
	flush := func(end int) {
		if start < 0 {
			return
		}
		typ := analysis.AlphaNumeric
		if numeric {
			typ = analysis.Numeric
		}
		stream = append(stream, &analysis.Token{Term: input[start:end], Start: start, End: end, Position: len(stream) + 1, Type: typ})
		start, numeric = -1, true
	}
	for i := 0; i < len(input); {
		r, size := rune(input[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(input[i:])
		}
		switch {
		case r < utf8.RuneSelf && ('0' <= r && r <= '9'):
			if start < 0 {
				start = i
			}
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)):
			if start < 0 {
				start = i
			}
			if !unicode.IsDigit(r) {
				numeric = false
			}
		case (r == '\'' || r == '’' || r == '.' || r == ',') && start >= 0 && i+size < len(input) && isWordByte(input[i+size], r):
			// inside a word
		default:
			flush(i)
		}
		i += size
	}
	flush(len(input))
	return stream
}

func newWordTokenizer(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
	return wordTokenizer{}, nil
}

func init() {
	if err := registry.RegisterTokenizer(wordTokenizerName, newWordTokenizer); err != nil {
		panic(err)
	}
}
