package answer

import (
	"strings"
	"unicode"
)

// A cue finds the language that answers a kind of question in a sentence.
type cue interface {
	// match reports whether the lower-case words of a sentence hold the cue.
	match(words []string) bool
}

// words splits lower-cased text into its runs of letters and digits.
func words(lower string) []string {
	return strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// phraseCue matches any of a set of word sequences.
type phraseCue map[string][][]string // first word → whole phrases

func newPhraseCue(phrases string) phraseCue {
	c := make(phraseCue)
	for _, p := range strings.Split(phrases, ",") {
		ws := strings.Fields(p)
		if len(ws) > 0 {
			c[ws[0]] = append(c[ws[0]], ws)
		}
	}
	return c
}

func (c phraseCue) match(ws []string) bool {
	for i, w := range ws {
	phrases:
		for _, p := range c[w] {
			if i+len(p) > len(ws) {
				continue
			}
			for j := 1; j < len(p); j++ {
				if ws[i+j] != p[j] {
					continue phrases
				}
			}
			return true
		}
	}
	return false
}

// causal is the language of causes and reasons that answers why-questions.
var causal = newPhraseCue(`because, due to, owing to, as a result, result in, results in, resulted in,
resulting in, result from, results from, resulted from, resulting from, cause, caused, causes, causing,
in response to, in order to, so that, so as to, aim at, aims at, aimed at, aiming at, aim to, aims to,
aimed to, aiming to, meant to, intend to, intends to, intended to, designed to, in an effort to,
to help, to allow, to prevent, to avoid, to ensure, to reduce, to increase, to protect, to improve,
to make, to get, seem to be, seems to be, reason, since, therefore, thus, hence, led to, lead to,
leads to, motivated, motivation, motivations, motivating, motivates, motivate, purpose, goal,
in protest, in retaliation, in order, for fear, fear of, fears of, feared of, fearing of, fear that,
fears that, feared that, fearing that, driven by, prompted, prompting, sparked, to stop, to force,
tied to, blamed`)

// timeCue finds the dates and times that answer when-questions: years
// (1000–2099, and decades such as 1960s), months, a day with its month,
// years after a preposition ("in 911"), centuries, eras, relative days and
// weeks, weekdays, and seasons of a year.
type timeCue struct{}

var (
	monthWords   = wordSet("january february march april june july august september october november december")
	timeWords    = wordSet("yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday")
	yearPreps    = wordSet("in by from until since around circa c year")
	eraWords     = wordSet("bc bce ad ce")
	relativeNext = wordSet("week month year")
	seasonWords  = wordSet("spring summer autumn fall winter")
	ordinalWords = wordSet("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth " +
		"thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func (timeCue) match(ws []string) bool {
	for i, w := range ws {
		next := func(k int) string {
			if i+k < len(ws) {
				return ws[i+k]
			}
			return ""
		}
		switch {
		case isYear(w), monthWords[w], timeWords[w]:
			return true
		case w == "may" && i > 0 && isDay(ws[i-1]): // "21 May", not the verb
			return true
		case (w == "last" || w == "next") && relativeNext[next(1)]:
			return true
		case yearPreps[w] && isDigits(next(1), 3, 4):
			return true
		case (isOrdinal(w) || ordinalWords[w]) && (isCentury(next(1)) || (next(1) == "and" && isCentury(next(3)))):
			return true
		case isDigits(w, 1, 4) && eraWords[next(1)]:
			return true
		case seasonWords[w] && next(1) == "of":
			return true
		}
	}
	return false
}

// isYear: 1000–2099, or a decade such as 1960s.
func isYear(w string) bool {
	w = strings.TrimSuffix(w, "s")
	return isDigits(w, 4, 4) && (w[0] == '1' || (w[0] == '2' && w[1] == '0'))
}

// isDay: a day of the month, with or without an ordinal suffix.
func isDay(w string) bool {
	return isDigits(trimOrdinal(w), 1, 2)
}

// isOrdinal: a number with an ordinal suffix ("10th", "21st").
func isOrdinal(w string) bool {
	t := trimOrdinal(w)
	return t != w && isDigits(t, 1, 2)
}

func isCentury(w string) bool { return w == "century" || w == "centuries" }

func trimOrdinal(w string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// isDigits reports whether w is between min and max ASCII digits long.
func isDigits(w string, min, max int) bool {
	if len(w) < min || len(w) > max {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// timeExpression is the cue of when-questions.
var timeExpression cue = timeCue{}
