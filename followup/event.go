package followup

import (
	"strings"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
	"github.com/newsbot-dev/newsbot/timex"
)

// Event is what a conversation is about: who did what, as a question can
// ask it again ("Why did North Korea blow up a building?"), and where the
// corpus tells it.
type Event struct {
	// Aux, Subject and Predicate make the event's clause: "did", "North
	// Korea", "blow up a building". Predicate is empty when the event is
	// known only by its sentence.
	Aux       string `json:"aux,omitempty"`
	Subject   string `json:"subject,omitempty"`
	Predicate string `json:"predicate,omitempty"`
	// Object is the thing the event acts on ("a building"), for "it".
	Object string `json:"object,omitempty"`
	// Sentence is the sentence of an answer that tells the event, quoted
	// verbatim; Citation is where it stands.
	Sentence string            `json:"sentence,omitempty"`
	Citation *newsbot.Citation `json:"citation,omitempty"`
	// Date is the first date or time the sentence gives; nil when none.
	Date *timex.Expression `json:"date,omitempty"`
}

// ask renders the event as a question with wh ("why", "when", …): "Why did
// North Korea blow up a building?". It returns "" when the event has no
// clause.
func (e Event) ask(wh string) string {
	if e.Predicate == "" || e.Subject == "" || e.Aux == "" {
		return ""
	}
	switch wh {
	case "":
		return capitalize(e.Aux) + " " + e.Subject + " " + e.Predicate + "?"
	case "who", "whom":
		// "who?" asks who did it: "Who did blow up a building?"
		return "Who " + e.Aux + " " + e.Predicate + "?"
	}
	return capitalize(wh) + " " + e.Aux + " " + e.Subject + " " + e.Predicate + "?"
}

// clause is the event as a short phrase: "North Korea blow up a building",
// or its sentence.
func (e Event) clause() string {
	if e.Predicate != "" && e.Subject != "" {
		return e.Subject + " " + e.Predicate
	}
	return shorten(e.Sentence, 120)
}

// locate finds the sentence of text that tells the event: the one holding
// the predicate's verb (in any form) with the most of its words and the
// subject's. It returns the sentence's span and the word index of the verb
// within it, or ok false.
func locate(text string, subject, predicate string) (sentence.Span, []word, int, bool) {
	pw := tokenize(predicate)
	if len(pw) == 0 {
		return sentence.Span{}, nil, -1, false
	}
	verb := pw[0].lower
	want := map[string]bool{}
	for _, w := range append(tokenize(subject), pw[1:]...) {
		if !isStop(w.lower) {
			want[w.lower] = true
		}
	}
	best, bestScore, bestVerb := sentence.Span{}, -1, -1
	var bestWords []word
	for _, s := range sentence.Split(text) {
		ws := tokenize(text[s.Start:s.End])
		v := -1
		for k, w := range ws {
			if sameVerb(w.lower, verb) {
				v = k
				break
			}
		}
		if v < 0 {
			continue
		}
		score := 0
		seen := map[string]bool{}
		for _, w := range ws {
			if want[w.lower] && !seen[w.lower] {
				seen[w.lower] = true
				score++
			}
		}
		if score > bestScore {
			best, bestScore, bestVerb, bestWords = s, score, v, ws
		}
	}
	return best, bestWords, bestVerb, bestScore >= 0
}

// objectAfter returns the noun phrase that starts at word k of s (a
// sentence's words): a determiner, modifiers and nouns, up to a
// preposition other than "of", a conjunction, a relative pronoun, an
// adverb, a verb form or punctuation; at most six words.
func objectAfter(s string, ws []word, k int) string {
	if k >= len(ws) {
		return ""
	}
	end := k
	for end < len(ws) && end-k < 6 {
		w := ws[end]
		if end > k && !gapBetween(s, ws[end-1], w) {
			break
		}
		if w.lower == "of" && end > k && end+1 < len(ws) {
			end++
			continue
		}
		if (prepositions[w.lower] || conjunctions[w.lower] || stopAdverbs[w.lower] || auxWords[w.lower] ||
			strings.HasSuffix(w.lower, "ly") || end > k && relatives[w.lower]) && !(end == k && determiners[w.lower]) {
			break
		}
		if end > k && (strings.HasSuffix(w.lower, "ed") && !w.capitalized() || irregularPast[w.lower] != "") {
			break
		}
		end++
	}
	// A noun phrase does not end on a determiner or "of".
	for end > k && (determiners[ws[end-1].lower] || ws[end-1].lower == "of") {
		end--
	}
	if end == k {
		return ""
	}
	return s[ws[k].start:ws[end-1].end]
}

// actorBefore returns the name that does the verb at word v of a
// sentence: the run of capitalized words just before it, over adverbs and
// auxiliaries ("North Korea quite literally blew up").
func actorBefore(s string, ws []word, v int) string {
	k := v - 1
	for k >= 0 && (stopAdverbs[ws[k].lower] || strings.HasSuffix(ws[k].lower, "ly") || auxWords[ws[k].lower]) && !ws[k].capitalized() {
		k--
	}
	end := k + 1
	for k >= 0 && (ws[k].capitalized() || k > 0 && ws[k].lower == "of" && ws[k-1].capitalized()) && gapBetween(s, ws[k], ws[min(k+1, len(ws)-1)]) {
		k--
	}
	start := k + 1
	for start < end && sentenceStarters[ws[start].lower] {
		start++
	}
	if start >= end {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(s[ws[start].start:ws[end-1].end], "'s"), "’s")
}

// eventIn reads an event from a sentence: the first verb in the past that
// a name does, with what it acts on. hint, when set, is the verb to look
// for. ok is false when the sentence has none.
func eventIn(s string, hint string) (Event, bool) {
	ws := tokenize(s)
	for v, w := range ws {
		if hint != "" && !sameVerb(w.lower, hint) {
			continue
		}
		if hint == "" && irregularPast[w.lower] == "" && !(strings.HasSuffix(w.lower, "ed") && len(w.lower) > 4) {
			continue
		}
		if w.capitalized() {
			continue
		}
		actor := actorBefore(s, ws, v)
		if actor == "" {
			continue
		}
		aux := "did"
		verb, ok := baseForm(w.lower)
		if v > 0 && haveAux[ws[v-1].lower] {
			aux, verb, ok = ws[v-1].lower, w.text, true
		}
		if !ok {
			continue
		}
		k := v + 1
		pred := verb
		if k < len(ws) && particles[ws[k].lower] && gapBetween(s, w, ws[k]) {
			pred += " " + ws[k].text
			k++
		}
		obj := objectAfter(s, ws, k)
		if obj != "" {
			pred += " " + obj
		}
		return Event{Aux: aux, Subject: actor, Predicate: pred, Object: obj}, true
	}
	return Event{}, false
}

// entities lists the names a text mentions, in order, each once: runs of
// capitalized words ("North Korea", "Kim Jong Un", "Seoul's" as "Seoul"),
// leaving out a capitalized word that only opens a sentence ("Then"),
// months and weekdays.
func entities(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, sp := range sentence.Split(text) {
		s := text[sp.Start:sp.End]
		ws := tokenize(s)
		for k := 0; k < len(ws); {
			if !ws[k].capitalized() || months[ws[k].lower] || ws[k].lower == "i" {
				k++
				continue
			}
			start := k
			k++
			for k < len(ws) && gapBetween(s, ws[k-1], ws[k]) && (ws[k].capitalized() && !months[ws[k].lower] ||
				(ws[k].lower == "of" || ws[k].lower == "de") && k+1 < len(ws) && ws[k+1].capitalized()) {
				k++
			}
			for start < k && (start == 0 || determiners[ws[start].lower]) && sentenceStarters[ws[start].lower] {
				start++
			}
			if start >= k || k-start == 1 && sentenceStarters[ws[start].lower] {
				continue
			}
			name := strings.TrimSuffix(strings.TrimSuffix(s[ws[start].start:ws[k-1].end], "'s"), "’s")
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out
}

// listIn returns the names a sentence lists together ("China, India, and
// Russia"), or nil when it lists none.
func listIn(s string) []string {
	names := entities(s)
	var best []string
	for i := 0; i < len(names); i++ {
		run := []string{names[i]}
		at := strings.Index(s, names[i]) + len(names[i])
		for j := i + 1; j < len(names); j++ {
			next := strings.Index(s[at:], names[j])
			if next < 0 {
				break
			}
			between := strings.TrimSpace(strings.Trim(strings.TrimSpace(s[at:at+next]), ",;"))
			if between != "" && between != "and" && between != "or" && between != ", and" && between != "and the" {
				break
			}
			run = append(run, names[j])
			at += next + len(names[j])
		}
		if len(run) >= 2 && len(run) > len(best) {
			best = run
		}
	}
	return best
}

// stopWords are left out when words are compared.
var stopWords = set("a an the of in on at to for from with by and or but is are was were be been being has have had do does did it its this that these those they them their he she his her we our you your i what which who whom whose when where why how")

func isStop(w string) bool { return stopWords[w] || len(w) < 2 }

func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// shorten cuts s to at most n bytes at a word boundary, marking the cut.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
