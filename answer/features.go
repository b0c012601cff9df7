package answer

import (
	"regexp"
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

// timeExpression finds dates and times that a "when" question is answered
// by: years, months with days, decades, centuries, eras and named periods.
var timeExpression = regexp.MustCompile(`(?i)\b(?:` +
	`(?:1[0-9]|20)\d\d(?:s\b)?` + // 1990, 2018, 1960s
	`|\d{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)` +
	`|(?:january|february|march|april|june|july|august|september|october|november|december)(?:\s+\d{1,2}(?:st|nd|rd|th)?)?` +
	`|(?:in|by|from|until|since|around|circa|c\.|year) \d{3,4}` + // in 911, by 1066
	`|\d{1,2}(?:st|nd|rd|th)(?:\s+and\s+\d{1,2}(?:st|nd|rd|th))?\s+centur(?:y|ies)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)\s+century` +
	`|\d+\s*(?:bc|bce|ad|ce)\b` +
	`|(?:yesterday|today|tomorrow|last (?:week|month|year)|next (?:week|month|year)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)` +
	`|(?:spring|summer|autumn|fall|winter) of` +
	`|(?:early|mid|late)[- ](?:\d{4}|\d{2}(?:st|nd|rd|th) century)` +
	`)\b`)

// causal finds the language of causes and reasons that a "why" question is
// answered by.
var causal = regexp.MustCompile(`(?i)\b(?:because|due to|owing to|as a result|result(?:ed|s|ing)? (?:in|from)|caus(?:e|ed|es|ing)|in response to|in order to|so that|so as to|aim(?:ed|s|ing)? (?:at|to)|meant to|intend(?:ed|s)? to|designed to|in an effort to|to (?:help|allow|prevent|avoid|ensure|reduce|increase|protect|improve|make|get)|seems? to be|reason|since|therefore|thus|hence|led to|lead to|leads to|motivat\w+|purpose|goal|in (?:protest|retaliation|order)|for fear|fear(?:ed|ing|s)? (?:of|that)|driven by|prompt(?:ed|ing)|sparked|to stop|to force|tied to|blamed)\b`)
