package answer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
	"github.com/newsbot-dev/newsbot/timex"
)

// A when-answer leads with a date only when the sentence that gives it
// tells the question's event: "When was Gaddafi killed?" is not answered by
// "Abdel Fattah Younes was killed on 28 July". The question's names are its
// subject; its other terms tell the event (its verb or noun: "killed",
// "reopen communication lines").

// questionEvent is a when-question's subject and event.
type questionEvent struct {
	names []string // the subject: terms the question writes as names
	event []newsbot.QueryTerm
	// eventIDF is the event terms' total weight.
	eventIDF float64
}

// eventShare is the share of the event terms' weight a date's sentence
// must hold.
const eventShare = 0.5

func newQuestionEvent(terms []newsbot.QueryTerm) questionEvent {
	var q questionEvent
	for _, t := range terms {
		if t.Name {
			q.names = append(q.names, t.Term)
			continue
		}
		if genericEvents[t.Term] {
			continue
		}
		q.event = append(q.event, t)
		q.eventIDF += t.IDF
	}
	return q
}

// tells reports whether sentence i of h (spans are its sentences) tells
// the event. A question with neither names nor event terms ("When did it
// happen?") has no event a sentence could tell. Otherwise the sentence
// holds at least eventShare of the event terms' weight, and its subject is the question's (see subjectOf): named in it, or, when the
// sentence stands for a subject named before ("He was killed on
// Thursday" under "Gaddafi killed in Sirte") or names none before its
// verb, a name of the question is in it, in the sentence before, or in the
// title. "Abdel Fattah Younes, who had defected from Gaddafi, was killed
// on 28 July" does not tell when Gaddafi was killed.
func (q questionEvent) tells(h *newsbot.Hit, spans []sentence.Span, i int, dates [][2]int) bool {
	if len(q.names) == 0 && len(q.event) == 0 {
		return false // the question names no event and no subject: nothing to tell
	}
	s := spans[i]
	in := func(sp sentence.Span) map[string]bool {
		set := make(map[string]bool)
		for _, m := range h.Matches {
			if m.Start >= sp.Start && m.End <= sp.End {
				set[m.Term] = true
			}
		}
		return set
	}
	here := in(s)
	held, verb := 0.0, s.End
	for _, t := range q.event {
		at := -1
		for _, m := range h.Matches {
			if m.Term == t.Term && m.Start >= s.Start && m.End <= s.End {
				at = m.Start
				break
			}
		}
		if at < 0 {
			at = kinAt(t.Term, h.Text, s)
		}
		if at >= 0 {
			held += t.IDF
			verb = min(verb, at)
		}
	}
	if q.eventIDF > 0 && held < eventShare*q.eventIDF {
		return false
	}
	if len(q.names) == 0 {
		return true
	}
	if len(q.event) == 0 { // "When was the Battle of Hastings?": the name is the event
		verb = s.Start
	}
	subj := q.subjectOf(h, s, verb, dates)
	switch subj {
	case ownSubject:
		return true
	case otherSubject:
		// Another subject acts on the question's, named after the verb
		// ("fighters killed Gaddafi"; "owners awarded the game to Levi's
		// Stadium"), not in the subject ("Younes, who had defected from
		// Gaddafi, was killed") nor nowhere. (Requiring the name in the
		// verb's clause turned away "… was killed on 28 July, weeks after
		// he met Gaddafi's envoys", but on SQuAD 12 right dates for 7
		// wrong ones.)
		after := false
		for _, m := range h.Matches {
			if m.Start >= s.Start && m.End <= s.End && slices.Contains(q.names, m.Term) {
				if m.Start < verb {
					return false
				}
				after = true
			}
		}
		return after
	}
	before := map[string]bool{}
	if i > 0 {
		before = in(spans[i-1])
	}
	return slices.ContainsFunc(q.names, func(n string) bool {
		return here[n] || before[n] || slices.Contains(h.TitleTerms, n)
	})
}

// A sentence's subject, as subjectOf finds it.
type subject int

const (
	noSubject    subject = iota // no name before the verb ("The league announced")
	pronounFirst                // "He was killed", "She … married"
	ownSubject                  // a name of the question ("Muammar Gaddafi was killed")
	otherSubject                // another name ("Abdel Fattah Younes was killed")
)

// subjectOf finds the subject of sentence s of h: the words before verb,
// the offset of the sentence's first event word (in English the subject
// comes first), up to a comma, bracket or dash once a name has begun
// ("Abdel Fattah Younes, who had defected from Gaddafi, was killed"),
// after a phrase of place, time or cause that opens the sentence before a
// comma ("In Sirte, Gaddafi was killed"; openingWords). It
// is the question's when it holds one of the question's names ("The
// American auto company Chrysler filed"); another when it holds a word
// with a capital letter outside its time expressions that is not a word
// opening sentences ("The", "On"); and it stands for a subject named
// before when it begins with a pronoun.
func (q questionEvent) subjectOf(h *newsbot.Hit, s sentence.Span, verb int, dates [][2]int) subject {
	text := h.Text
	named, first := false, true
	found := noSubject
	opening := false // the sentence opens with a phrase of place, time or cause
	for i := afterDateline(text, s, dates); i < verb; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			if opening && r == ',' {
				// "In Sirte, Gaddafi was …": the subject follows the phrase.
				opening, named, first, found = false, false, true, noSubject
				continue
			}
			if named && strings.ContainsRune(clauseBreaks, r) {
				break
			}
			continue
		}
		start := i
		for i < verb {
			c, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '\'' && c != '’' && c != '-' {
				break
			}
			i += n
		}
		word := toLowerASCII(text[start:i])
		if first && pronouns[word] {
			return pronounFirst
		}
		if first && !opening && openingWords[word] {
			opening = true
		}
		first = false
		if !unicode.IsUpper(r) || inSpans(start, dates) || functionWords[word] {
			continue
		}
		named = true
		if slices.Contains(q.names, termAt(h.Matches, start)) {
			return ownSubject
		}
		found = otherSubject
	}
	return found
}

// afterDateline returns where sentence s of text begins once a dateline
// is passed ("SEOUL, South Korea - February 21st, 2026 - ", "March 17 - ",
// "BEIRUT (Reuters) - "): the text after the last dash within its first
// 100 bytes, when every word before it has a capital letter or a digit,
// or is in a time expression or in brackets.
func afterDateline(text string, s sentence.Span, dates [][2]int) int {
	head := text[s.Start:min(s.End, s.Start+100)]
	cut := -1
	for _, sep := range []string{" - ", " – ", " — "} {
		if i := strings.LastIndex(head, sep); i >= 0 && i+len(sep) > cut {
			cut = i + len(sep)
		}
	}
	if cut < 0 {
		return s.Start
	}
	depth := 0
	for i := 0; i < cut; {
		r, n := utf8.DecodeRuneInString(head[i:])
		switch {
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth--
		case unicode.IsLower(r) && depth == 0 && !inSpans(s.Start+i, dates):
			// a lower-case letter starting a word outside brackets and dates
			if i == 0 || !unicode.IsLetter(lastRune(head[:i])) {
				return s.Start
			}
		}
		i += n
	}
	return s.Start + cut
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// termAt is the question term matched at byte at, or "".
func termAt(ms []newsbot.TermMatch, at int) string {
	for _, m := range ms {
		if m.Start == at {
			return m.Term
		}
	}
	return ""
}

// openingWords begin a phrase of place, time or cause that a sentence may
// open with, before its subject and a comma ("In Sirte, …", "After a NATO
// air strike on his convoy, …").
var openingWords = wordSet("in on at after before during following despite amid since until under near outside inside across " +
	"throughout upon with without from by for as according")

// clauseBreaks end a subject once a name has begun in it.
const clauseBreaks = ",;:()[]–—"

// pronouns that stand for a subject named before.
var pronouns = wordSet("he she it they his her its their him them we i")

// functionWords open sentences without naming anyone.
var functionWords = wordSet("the a an this that these those on in at after before during when while by for from " +
	"with as but and or then later earlier also there some many most one two three several both all " +
	"according since until under over about into despite following meanwhile however")

func inSpans(at int, spans [][2]int) bool {
	for _, sp := range spans {
		if at >= sp[0] && at < sp[1] {
			return true
		}
	}
	return false
}

// dateLead picks the date a passage answers a when-question with: the
// first date or time, in the sentence that holds the most question terms,
// among the sentences that tell the question's event (questionEvent.tells).
// It is nil when no sentence gives a date for that event.
func dateLead(h *newsbot.Hit, q questionEvent) *newsbot.DateLead {
	spans := sentenceSpans(h.Text)
	bytes := timex.ByteSpans(h.Text, h.Dates)
	var best *newsbot.DateLead
	bestTerms := -1
	told := make(map[int]bool)
	for k, e := range h.Dates {
		if e.Type != timex.Date && e.Type != timex.Time {
			continue
		}
		words := timex.Describe(e, h.Citation.Published)
		if words == "" {
			continue
		}
		for i, s := range spans {
			if bytes[k][0] < s.Start || bytes[k][0] >= s.End {
				continue
			}
			ok, seen := told[i]
			if !seen {
				ok = q.tells(h, spans, i, bytes)
				told[i] = ok
			}
			if !ok {
				continue
			}
			terms := 0
			for _, m := range h.Matches {
				if m.Start >= s.Start && m.End <= s.End {
					terms++
				}
			}
			if terms > bestTerms {
				best = &newsbot.DateLead{Words: words, Expression: e, Sentence: newsbot.Span{Start: s.Start, End: s.End}}
				bestTerms = terms
			}
		}
	}
	return best
}

// genericEvents are verbs that tell no event of their own ("When did the
// German Peasants' War happen?": the event is the name).
var genericEvents = wordSet("happen occur take place held hold do did get make go come becom")

// eventWords are groups of words that tell the same kind of event in news
// ("killed", "died", "shot dead"; "went", "moved", "travelled"). A
// question's event term in a group is told by a sentence holding any word
// of the group: by the word's start for entries of four letters or more,
// else by the whole word (with -s, -ed, -ing).
var eventWords = func() [][]string {
	var out [][]string
	for _, g := range []string{
		"kill die dead death slain slay shot shoot assassinat murder execut",
		"go went gone move travel left leav depart arriv return visit emigrat relocat",
		"start begin began begun launch open found establish creat introduc inaugurat",
		"end finish close stop ceas conclud abolish dissolv",
		"withdr pull exit leav left quit abandon",
		"give gave given provid donat grant award invest fund pay paid lend lent loan",
		"build built construct erect complet",
		"pass approv adopt ratif enact sign",
		"elect appoint name chose choos select sworn inaugurat",
		"win won defeat beat captur seiz conquer took",
		"marr wed",
		"born birth",
		"publish releas issu print wrote written writ",
		"announc declar unveil reveal confirm",
		"buy bought purchas acquir sold sell",
		"join enter admit",
		"meet met encount",
		"attack strike struck bomb raid invad shell",
		"arrest detain jail imprison",
		"resign quit step",
	} {
		out = append(out, strings.Fields(g))
	}
	return out
}()

// sameEventWord reports whether a question's event term (a stem) and an
// entry of eventWords name the same word.
func sameEventWord(term, entry string) bool {
	if term == entry {
		return true
	}
	if len(entry) >= 4 && strings.HasPrefix(term, entry) {
		return true
	}
	return len(term) >= 4 && strings.HasPrefix(entry, term)
}

// wordIsEntry reports whether a lower-case word of a sentence is an entry
// of eventWords.
func wordIsEntry(word, entry string) bool {
	if len(entry) >= 4 {
		return strings.HasPrefix(word, entry)
	}
	if word == entry {
		return true
	}
	for _, suf := range []string{"s", "es", "ed", "ing", "ning"} {
		if word == entry+suf {
			return true
		}
	}
	return false
}

// kinAt returns the byte offset in text of the first word of sentence s
// that belongs to an event group of term, or -1.
func kinAt(term, text string, s sentence.Span) int {
	groups := eventGroups(term)
	if groups == nil {
		return -1
	}
	for i := s.Start; i < s.End; {
		for i < s.End && !isWordByte(text[i]) {
			i++
		}
		start := i
		for i < s.End && isWordByte(text[i]) {
			i++
		}
		if start == i {
			break
		}
		w := toLowerASCII(text[start:i])
		for _, g := range groups {
			if slices.ContainsFunc(g, func(e string) bool { return wordIsEntry(w, e) }) {
				return start
			}
		}
	}
	return -1
}

// eventGroups returns the groups of eventWords that term is in; a term in
// none that begins with "re" is in the groups of the rest ("reopen" is
// "open" again).
func eventGroups(term string) [][]string {
	var groups [][]string
	for _, g := range eventWords {
		if slices.ContainsFunc(g, func(e string) bool { return sameEventWord(term, e) }) {
			groups = append(groups, g)
		}
	}
	if groups == nil && len(term) > 5 && strings.HasPrefix(term, "re") {
		return eventGroups(term[2:])
	}
	return groups
}

// isWordByte reports whether b is part of a word: an ASCII letter or
// digit, or a byte of a multi-byte rune.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= 0x80
}
