package answer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A question typed in a chat comes framed: "Hi! Quick question: when was
// Gaddafi killed? Thanks!". The frame is not what the question is about,
// and a passage need not hold its words to answer it; counted among the
// question's terms, they are words that no passage holds, and they took
// the share a passage holds below MinCoverage (with "Hi! Quick question:"
// before them, 37 of the 61 MEANTIME news questions got no passage).

// leadingFrames open a question without being part of it, longest first
// where one begins another. Each is cut only when punctuation or the
// question proper (a wh-word or an auxiliary: "Hey, can you tell me when
// …", "Please when was …") follows it, so that "Hey Jude" and "Question
// Time" stay.
var leadingFrames = []string{
	"good morning", "good afternoon", "good evening", "hello", "hiya", "hey", "hi", "greetings",
	"a quick question", "quick question", "one question", "question",
	"can you please tell me", "could you please tell me", "can you tell me", "could you tell me",
	"please tell me", "tell me", "do you know", "does anyone know", "anyone know",
	"i was wondering", "i wonder", "i'd like to know", "i would like to know",
	"please", "pls", "thanks", "thank you",
}

// trailingFrames close a question without being part of it. Each is cut
// only after the question's own punctuation ("… killed? Thanks!", "…
// killed, please"), so that "Why did the minister give thanks?" stays.
var trailingFrames = []string{"thanks in advance", "thank you", "thanks", "thx", "ty", "please", "pls", "cheers"}

// askedPart returns the question without the greetings and courtesies
// framing it (see leadingFrames and trailingFrames); the question itself
// when it has none.
func askedPart(question string) string {
	q := question
	for cut := true; cut; {
		cut = false
		rest := strings.TrimLeftFunc(q, isFramePunct)
		lower := strings.ToLower(rest)
		for _, f := range leadingFrames {
			if !strings.HasPrefix(lower, f) {
				continue
			}
			after := rest[len(f):]
			question := strings.TrimLeftFunc(after, isFramePunct)
			sep := after[:len(after)-len(question)]
			if question == "" || sep == "" || strings.TrimSpace(sep) == "" && !startsQuestion(question) {
				continue // "Hiroshima", "Hey Jude", "Question Time", or nothing left
			}
			q, cut = question, true
			break
		}
	}
	for cut := true; cut; {
		cut = false
		rest := strings.TrimRightFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == '!' || r == '.' })
		lower := strings.ToLower(rest)
		for _, f := range trailingFrames {
			if !strings.HasSuffix(lower, f) {
				continue
			}
			before := strings.TrimRightFunc(rest[:len(rest)-len(f)], unicode.IsSpace)
			if r, _ := utf8.DecodeLastRuneInString(before); before == "" || !strings.ContainsRune("?!.,;:-–—", r) {
				continue
			}
			q, cut = before, true
			break
		}
	}
	if left := strings.ToLower(strings.TrimFunc(q, isFramePunct)); left == "" ||
		slices.Contains(leadingFrames, left) || slices.Contains(trailingFrames, left) {
		return question // nothing but courtesies: left as asked
	}
	return q
}

// isFramePunct reports whether r may separate a frame from the question.
func isFramePunct(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",.:;!-–—", r)
}

// startsQuestion reports whether s begins with a wh-word or an auxiliary:
// the question proper after a frame ("can you tell me when …").
func startsQuestion(s string) bool {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	w := strings.ToLower(s[:end])
	_, wh := whWords[w]
	return wh || auxiliaries[w]
}

// auxiliaries open a yes-no question or follow a wh-word ("did", "was").
var auxiliaries = wordSet("did do does was were is are has have had will would could can should shall may might must")
