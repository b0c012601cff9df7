package timeline

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minWords is how many words a sentence needs to tell an event: "Saturday."
// and "March 17 - The U.N." do not.
const minWords = 5

// Quotable reports whether a sentence can stand as an event, in a
// timeline or an answer to "what happened next?": a whole sentence that
// tells something, not a fragment, heading, byline, photo caption or
// boilerplate.
func Quotable(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) {
		return false // the tail of a sentence cut short
	}
	words, letters, upper := 0, 0, 0
	for _, w := range strings.Fields(s) {
		has := false
		for _, r := range w {
			if unicode.IsLetter(r) {
				has = true
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if has {
			words++
		}
	}
	if words < minWords {
		return false
	}
	if letters > 0 && float64(upper) > 0.6*float64(letters) {
		return false // shouted: a heading, a credit, a teaser
	}
	if !endsSentence(s) {
		return false // a heading or a line cut off
	}
	lower := strings.ToLower(s)
	if words <= 12 && (strings.HasPrefix(s, "By ") || strings.HasPrefix(s, "BY ")) {
		return false // a byline
	}
	for _, junk := range boilerplate {
		if strings.Contains(lower, junk) {
			return false
		}
	}
	if words <= maxStampWords && pageStamp.MatchString(s) {
		return false // the page's date, not the news's
	}
	opening := strings.TrimLeft(lower, "([ ")
	for _, junk := range captionOpeners {
		if strings.HasPrefix(opening, junk) {
			return false
		}
	}
	return true
}

// endsSentence reports whether s ends as a sentence does: with a full stop,
// question or exclamation mark, an ellipsis, perhaps inside closing quotes
// or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		switch r {
		case '"', '\'', '”', '’', ')', ']', '»':
			return true
		}
		return false
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// boilerplate holds phrases that mark a line as the page's, not the news's:
// time stamps, rights, calls to act, photo credits (lower case).
var boilerplate = []string{
	"last updated", "all rights reserved", "©", "click here", "sign up for", "subscribe to our",
	"our newsletter", "follow us on", "read more:", "terms of use", "privacy policy", "cookie policy",
	"for all the latest", "(ap photo", "ap photo/", "getty images", "reuters/", "via reuters",
	"afp/", "photograph:", "; editing by",
	// notes of the outlet about the story, not news
	"contributed to this report", "contributed reporting", "may not be published, broadcast",
	"rewritten or redistributed", "was first published", "was originally published", "an earlier version of this",
	"this story has been updated", "this article has been updated", "this story was updated", "this article was updated",
	"share this article", "email the author", "contact the reporter", "contact the author",
}

// pageStamp is a page's time stamp written as a sentence ("Posted on
// Thursday, October 20, 2011 at 3:15 pm.", "First published on Thu 20 Oct
// 2011."): it names the publication date, and would tell it, in every
// article of an outlet. Only short lines with a figure are stamps:
// "Updated figures showed inflation rose to 5.2 percent." is news.
var pageStamp = regexp.MustCompile(`(?i)^(?:(?:last|first|originally) (?:updated|modified|published|posted)|(?:updated|modified|published|posted)(?: on| at|:))\b.*\d`)

// maxStampWords is the most words a page's time stamp has.
const maxStampWords = 14

// captionOpeners begin photo captions, credits and page furniture (lower
// case, after an opening bracket).
var captionOpeners = []string{
	"photo:", "image:", "picture:", "pictured", "file photo", "caption:", "video:", "watch:",
	"reporting by", "editing by", "writing by", "compiled by", "additional reporting", "updated:", "published:",
	"copyright ",
}

// vector is a sentence's terms weighted by TF-IDF.
type vector map[string]float64

func (v vector) norm() float64 {
	n := 0.0
	for _, w := range v {
		n += w * w
	}
	return math.Sqrt(n)
}

// cosine of two vectors.
func cosine(a, b vector) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	dot := 0.0
	for t, w := range a {
		dot += w * b[t]
	}
	if dot == 0 {
		return 0
	}
	return dot / (a.norm() * b.norm())
}

// A wire dateline opens a story's first sentence: a place in capitals, a
// region, the agency, a dash ("SIRTE, Libya (Reuters) - "), sometimes the
// date too ("SEOUL, South Korea - February 21st, 2026 - "); a factbox line
// opens with its date ("Oct. 20, 2011 - "). A timeline shows the date
// beside the sentence, so they are left out of the quote.
var (
	datelinePlace = regexp.MustCompile(`^(?:[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*(?:, [A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+)*)? ?(?:\([A-Za-z .&-]{2,30}\) ?)?|\([A-Za-z .&-]{2,30}\) ?)[-–—]{1,2} +`)
	datelineDate  = regexp.MustCompile(`^(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}|\d{4}-\d{2}-\d{2}) ?[-–—]{1,2} +`)
)

// stripDateline returns s without the dateline or date that opens it,
// when what remains still reads as a sentence.
func stripDateline(s string) string {
	rest := s
	if m := datelinePlace.FindString(rest); m != "" {
		rest = rest[len(m):]
	}
	if m := datelineDate.FindString(rest); m != "" {
		rest = rest[len(m):]
	}
	if rest != s && Quotable(rest) {
		return rest
	}
	return s
}
