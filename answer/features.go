package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentenceSpans splits text into sentences, returned as byte spans. A
// sentence ends at . ! or ? (and any closing quotes or brackets) followed by
// white space and an upper-case letter, digit or opening quote; common
// abbreviations ("Mr.", "U.S.", "Feb.") do not end one.
func sentenceSpans(text string) [][2]int {
	var spans [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(text) && strings.IndexByte(`"')]”’»`, text[j]) >= 0 {
			j++
		}
		if j < len(text) && text[j] >= 0x80 { // multi-byte closing quote
			r, size := utf8.DecodeRuneInString(text[j:])
			if r == '”' || r == '’' || r == '»' {
				j += size
			}
		}
		if j >= len(text) || (text[j] != ' ' && text[j] != '\n') {
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\n') {
			k++
		}
		if k >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'“‘(`, next)) {
			continue
		}
		if c == '.' && isAbbreviation(text[start:i]) {
			continue
		}
		spans = append(spans, [2]int{start, j})
		start = k
	}
	if start < len(text) {
		spans = append(spans, [2]int{start, len(text)})
	}
	return spans
}

// abbreviations that end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "gov": true, "sen": true, "rep": true, "rev": true, "lt": true, "col": true, "capt": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "no": true, "vs": true, "etc": true, "e.g": true, "i.e": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true,
}

func isAbbreviation(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	word := strings.ToLower(before[i+1:])
	if abbreviations[word] {
		return true
	}
	// A single capital letter: an initial ("John F. Kennedy").
	return utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0])
}
