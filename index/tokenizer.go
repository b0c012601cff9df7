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
	scanWords(input, func(start, end int, numeric bool) {
		stream = append(stream, &analysis.Token{Term: input[start:end], Start: start, End: end, Position: len(stream) + 1, Type: tokenType(numeric)})
	})
	return stream
}

// tokenType is the Bleve type of a word: Numeric when it is all digits.
func tokenType(numeric bool) analysis.TokenType {
	if numeric {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// ASCII byte classes for scanWords.
const (
	asciiOther = iota
	asciiDigit
	asciiLetter
	asciiJoiner // ' . , inside a word: isn't, 3.5, 10,000
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for b := '0'; b <= '9'; b++ {
		c[b] = asciiDigit
	}
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = asciiLetter, asciiLetter
	}
	c['\''], c['.'], c[','] = asciiJoiner, asciiJoiner, asciiJoiner
	return c
}()

// scanWords calls word for each word of input in order, with its byte span
// and whether it holds only digits (and their joiners). The n-th call is the
// word at position n: the tokenizer and the match finder count alike.
func scanWords(input []byte, word func(start, end int, numeric bool)) {
	n := len(input)
	for i := 0; i < n; {
		// Between words: skip to the next letter, digit or mark.
		if c := input[i]; c < utf8.RuneSelf {
			if cl := asciiClass[c]; cl != asciiLetter && cl != asciiDigit {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRune(input[i:]); !isWordRune(r) {
			i += size
			continue
		}
		// In a word: letters, digits, marks, and joiners between them.
		start, numeric := i, true
		for i < n {
			c := input[i]
			if c < utf8.RuneSelf {
				cl := asciiClass[c]
				if cl == asciiLetter {
					numeric = false
				} else if cl != asciiDigit && (cl != asciiJoiner || i+1 >= n || !isWordByte(input[i+1], rune(c))) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(input[i:])
			if isWordRune(r) {
				if !unicode.IsDigit(r) {
					numeric = false
				}
			} else if r != '’' || i+size >= n || !isWordByte(input[i+size], r) {
				break
			}
			i += size
		}
		word(start, i, numeric)
	}
}

// isWordRune reports whether a non-ASCII rune belongs in a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func newWordTokenizer(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
	return wordTokenizer{}, nil
}

func init() {
	if err := registry.RegisterTokenizer(wordTokenizerName, newWordTokenizer); err != nil {
		panic(err)
	}
}

// isWordByte reports whether b continues a word after the joiner r: a letter
// after an apostrophe, a digit after a full stop or comma.
func isWordByte(b byte, r rune) bool {
	if r == '.' || r == ',' {
		return '0' <= b && b <= '9'
	}
	return b >= 0x80 || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z')
}
