package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokenKind uint8

const (
	word tokenKind = iota + 1
	number
	punct
)

// token is a word, a number or one punctuation rune, with its byte span.
// A number keeps a letter suffix it is written with ("21st", "1990s").
type token struct {
	start, end int32
	lower      string // lower case (words), digits only (numbers)
	suffix     string // a number's lower-case letter suffix
	kind       tokenKind
	upper      bool // a word that starts with an upper-case letter
	// class says whether the word can open an expression, and whether it
	// says time by itself (see wordClass).
	class wordClass
	// nextCore is the index of the first token at or after this one that
	// says time by itself (a number, a month, "week"...).
	nextCore int32
}

// lex splits text into tokens. Words may hold inner periods ("a.m", "U.S")
// and apostrophes ("year's"); numbers may hold inner commas and periods
// followed by digits ("1,500", "20.1") and a letter suffix.
func lex(text string, toks []token) []token {
	toks = toks[:0]
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) {
					j += s2
					continue
				}
				if (r2 == '.' || r2 == '\'' || r2 == '’') && j+s2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if unicode.IsLetter(r3) {
						j += s2
						continue
					}
				}
				break
			}
			w := text[i:j]
			lower := strings.ToLower(w)
			upper := unicode.IsUpper(r)
			if stem, s := possessive(lower); s != "" && classes[lower] == none && classes[stem] == coreStarter {
				// "Friday's", "last year's": the time word, then "'s".
				cut := int32(j - len(s))
				toks = append(toks, token{kind: word, start: int32(i), end: cut, lower: stem, upper: upper, class: classes[stem]},
					token{kind: word, start: cut, end: int32(j), lower: s})
				i = j
				break
			}
			toks = append(toks, token{kind: word, start: int32(i), end: int32(j), lower: lower, upper: upper, class: classes[lower]})
			i = j
		case r >= '0' && r <= '9':
			j := i + 1
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					j += 2
					continue
				}
				break
			}
			digits := text[i:j]
			k := j
			for k < len(text) && k-j < 2 && isASCIILetter(text[k]) {
				k++
			}
			suffix := strings.ToLower(text[j:k])
			if k < len(text) && isASCIILetter(text[k]) || !validSuffix(suffix) {
				k, suffix = j, "" // "10am", "5km": not a suffix this lexer knows
			}
			toks = append(toks, token{kind: number, start: int32(i), end: int32(k), lower: digits, suffix: suffix, class: coreStarter})
			i = k
		default:
			t := token{kind: punct, start: int32(i), end: int32(i + size), lower: text[i : i+size]}
			if t.lower == "'" {
				t.class = coreStarter // '90s
			}
			toks = append(toks, t)
			i += size
		}
	}
	next := int32(len(toks))
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].class >= coreStarter {
			next = int32(i)
		}
		toks[i].nextCore = next
	}
	return toks
}

// possessive splits a possessive "'s" off a lower-case word: "friday's" is
// "friday" and "'s". s is empty when w has none.
func possessive(w string) (stem, s string) {
	if n := len(w); n < 3 || w[n-1] != 's' || w[n-2] != '\'' && w[n-2] != 0x99 { // 0x99 ends "’"
		return w, ""
	}
	for _, suffix := range [...]string{"'s", "’s"} {
		if len(w) > len(suffix) && strings.HasSuffix(w, suffix) {
			return w[:len(w)-len(suffix)], suffix
		}
	}
	return w, ""
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func validSuffix(s string) bool {
	switch s {
	case "", "st", "nd", "rd", "th", "s":
		return true
	}
	return false
}
