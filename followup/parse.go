package followup

import (
	"strings"
	"unicode"
)

// frame is a question cut into its parts: the wh-phrase, the auxiliary
// that follows it, the subject and the predicate. "What did North Korea
// blow up?" is wh "What", aux "did", subject "North Korea", predicate
// "blow up"; "Who blew up the building?" has no auxiliary: its wh-word is
// its subject (subjectless).
type frame struct {
	text  string
	words []word
	wh    int    // index of the wh-word; -1 when none
	whEnd int    // index just after the wh-phrase ("which country")
	aux   int    // index of the auxiliary; -1 when none
	subj  [2]int // word range of the subject; empty when none
	pred  [2]int // word range of the predicate
	// subjectless: the wh-phrase is the subject ("Who blew up…").
	subjectless bool
}

// beAux are the forms of "be" that open a question's clause.
var beAux = set("is are was were 's")

// leadIns are words a follow-up may open with before its question.
var leadIns = set("and so but then ok okay well oh hmm")

// parse cuts a question into a frame.
func parse(q string) frame {
	ws := tokenize(q)
	f := frame{text: q, words: ws, wh: -1, aux: -1}
	i := 0
	for i < len(ws) && leadIns[ws[i].lower] {
		i++
	}
	// The wh-word may follow a preposition: "In what year did…".
	for k := i; k < len(ws) && k < i+4; k++ {
		if whWords[ws[k].lower] {
			f.wh = k
			break
		}
		if !prepositions[ws[k].lower] {
			break
		}
	}
	if f.wh < 0 {
		// "did that happen?", "was it China?": an auxiliary first.
		if i < len(ws) && auxWords[ws[i].lower] {
			f.aux = i
			e := subjectEnd(ws, i+1, q, beAux[ws[i].lower])
			f.subj, f.pred = [2]int{i + 1, e}, [2]int{e, len(ws)}
		} else {
			f.pred = [2]int{i, len(ws)}
		}
		return f
	}
	j := f.wh + 1
	switch ws[f.wh].lower {
	case "how":
		if j < len(ws) && howWords[ws[j].lower] {
			j++
			for j < len(ws) && j < f.wh+5 && !auxWords[ws[j].lower] && !isVerbForm(ws[j].lower) {
				j++
			}
		}
	case "which", "what", "whose":
		for j < len(ws) && j < f.wh+4 && !auxWords[ws[j].lower] && !isVerbForm(ws[j].lower) &&
			!prepositions[ws[j].lower] && !subjectPronouns[ws[j].lower] && !demonstratives[ws[j].lower] {
			j++
		}
	}
	f.whEnd = j
	if j < len(ws) && auxWords[ws[j].lower] {
		f.aux = j
		// "Which Germans could understand…", "How many networks are
		// considered…": a verb right after the auxiliary; the wh-phrase is
		// the subject.
		if j+1 < len(ws) && isVerbForm(ws[j+1].lower) && !ws[j+1].capitalized() && f.whEnd > f.wh+1 {
			f.subjectless = true
			f.pred = [2]int{j, len(ws)}
			return f
		}
		e := subjectEnd(ws, j+1, q, beAux[ws[j].lower])
		f.subj, f.pred = [2]int{j + 1, e}, [2]int{e, len(ws)}
		return f
	}
	f.subjectless = true
	f.pred = [2]int{j, len(ws)}
	return f
}

// subjectEnd returns the index just after the subject noun phrase that
// starts at word s: a pronoun; or a determiner, names and nouns up to the
// verb. A lower-case word is the verb when it is a known verb form, or when
// what follows it cannot continue a noun phrase (a name, a determiner, a
// preposition, the end): "did the Normans conquer England".
func subjectEnd(ws []word, s int, text string, copular bool) int {
	if s >= len(ws) {
		return s
	}
	if w := ws[s].lower; subjectPronouns[w] || objectPronouns[w] || w == "you" || w == "i" ||
		demonstratives[w] && (s+1 == len(ws) || !isNounLike(ws[s+1])) {
		return s + 1
	}
	k := s
	if determiners[ws[k].lower] {
		k++
	}
	start := k
	for k < len(ws) {
		x := ws[k]
		if k > s && !gapBetween(text, ws[k-1], x) {
			break
		}
		if x.capitalized() || isNumber(x.lower) {
			k++
			continue
		}
		if k > start && (x.lower == "of" || x.lower == "and" || x.lower == "the" || x.lower == "for" || x.lower == "de") &&
			k+1 < len(ws) && (ws[k+1].capitalized() || x.lower == "of") {
			k++
			continue
		}
		// The first word after a determiner belongs to the noun phrase,
		// even one that can be a verb ("the name", "the plan").
		afterDeterminer := k == start && start > s
		if !afterDeterminer && (isVerbForm(x.lower) || stopAdverbs[x.lower] || auxWords[x.lower]) || prepositions[x.lower] || conjunctions[x.lower] {
			break
		}
		// After "do", the subject is followed by a verb; after "be", by a
		// participle, an adjective or a phrase ("What was Tesla's position
		// with Westinghouse?"), so a noun may stand before a preposition.
		if k > start && !copular && endsNounPhrase(ws, k) {
			break // x is the verb
		}
		k++
		if k-start >= 8 {
			break
		}
	}
	if k == s {
		return s + 1
	}
	return k
}

// endsNounPhrase reports whether the word after ws[k] shows that ws[k]
// cannot be a noun of the subject: the question ends, or a determiner, a
// name, a pronoun, a particle or a preposition other than "of" follows.
func endsNounPhrase(ws []word, k int) bool {
	if k+1 >= len(ws) {
		return true
	}
	n := ws[k+1]
	return determiners[n.lower] || n.capitalized() || subjectPronouns[n.lower] || objectPronouns[n.lower] ||
		possessives[n.lower] || (prepositions[n.lower] && n.lower != "of") || isNumber(n.lower)
}

// isNounLike reports whether a word may follow a demonstrative
// determiner as its noun ("that building"), not a verb ("that happened").
func isNounLike(w word) bool {
	return !isVerbForm(w.lower) && !auxWords[w.lower] && !prepositions[w.lower] && !stopAdverbs[w.lower]
}

func isNumber(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != ',' && r != '.' }) < 0
}

// span returns the text of words [a, b) as the question has it.
func (f frame) span(r [2]int) string {
	if r[0] >= r[1] || r[0] >= len(f.words) {
		return ""
	}
	return f.text[f.words[r[0]].start:f.words[r[1]-1].end]
}

// whWord is the lower-case wh-word, or "".
func (f frame) whWord() string {
	if f.wh < 0 {
		return ""
	}
	return f.words[f.wh].lower
}

// auxWord is the lower-case auxiliary, or "".
func (f frame) auxWord() string {
	if f.aux < 0 {
		return ""
	}
	return f.words[f.aux].lower
}

// hasGap reports whether the predicate misses the thing asked for: an
// object ("What did North Korea blow up?") or the object of a final
// preposition ("What did they talk about?").
func (f frame) hasGap() bool {
	if f.subjectless || f.aux < 0 || f.pred[0] >= f.pred[1] {
		return false
	}
	switch f.whWord() {
	case "what", "which", "who", "whom":
	default:
		return false
	}
	if f.whEnd > f.wh+1 && f.whWord() == "what" {
		return false // "what year did …": a time or a kind, not an object
	}
	last := f.words[f.pred[1]-1].lower
	return doAux[f.auxWord()] || prepositions[last]
}
