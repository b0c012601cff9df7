package timex

import "strings"

// How far the tense of a bare date is looked for, within its sentence: the
// verb a time adjunct belongs to is near it, and a verb further off is
// often another clause's ("announced cuts ..., resulting in the closure of
// plants during the fourth quarter").
const (
	reachBack    = 12
	reachForward = 12
)

// tense says whether the expression over tokens [i, next) — a weekday, a
// month, a season or a day without a year — lies before the moment of
// writing (-1) or after it (+1), or 0 when its sentence does not say.
//
// As HeidelTime does, the tense is that of the nearest verb group before
// the expression in its sentence ("said on Tuesday", "will meet on Friday",
// "promised to dissolve the government Saturday"), else of the first one
// after it ("On Monday, the company said"). A date that opens a sentence
// before a dash or a colon is a chronology or factbox line ("March 17 -
// The Security Council votes"): it is in the past unless its own clause
// says plainly that it is to come. A dateline ("CAIRO, Feb 21 (Reuters) -")
// is always in the past.
func (p *parser) tense(i, next int) int {
	lo := i
	for lo > 0 && i-lo < reachBack && !p.breakBefore(lo) {
		lo--
	}
	hi := next // the sentence's tokens after the expression are [next, hi)
	for hi < len(p.toks) && hi-next < reachForward && !p.breakBefore(hi) {
		hi++
	}
	switch p.lineKind(i, next, lo) {
	case datelineLine:
		return -1
	case chronologyLine:
		for j := next; j < hi; j++ {
			if p.strongFuture(j) {
				return 1
			}
			if reportingVerbs[p.lower(j)] || p.cue(j, i) < 0 {
				return -1
			}
		}
		return -1
	}
	// Before the expression, back to the clause's start; a complementizer
	// ("said that on Monday talks would resume") opens the clause the
	// expression is in, whose verb comes after it.
	j := i - 1
	for ; j >= lo && !complementizers[p.lower(j)]; j-- {
		if p.lower(j) == ";" {
			return p.tenseAfter(i, next, hi)
		}
		if t := p.cue(j, i); t != 0 {
			return t
		}
	}
	if t := p.tenseAfter(i, next, hi); t != 0 || j < lo {
		return t
	}
	for j--; j >= lo && p.lower(j) != ";"; j-- {
		if t := p.cue(j, i); t != 0 {
			return t
		}
	}
	return 0
}

// tenseAfter reads the first cue after the expression, up to token hi, in
// its clause: a complementizer opens another ("in October that growth
// would slow").
func (p *parser) tenseAfter(i, next, hi int) int {
	for j := next; j < hi && p.lower(j) != ";" && !complementizers[p.lower(j)]; j++ {
		if t := p.cue(j, i); t != 0 {
			return t
		}
	}
	return 0
}

type lineKind uint8

const (
	narration      lineKind = iota
	chronologyLine          // "March 17 - The council votes", "Feb 21: Protests spread"
	datelineLine            // "CAIRO, Feb 21 (Reuters) -", "Feb 21 (Reuters) -"
)

// lineKind says whether the expression [i, next), whose sentence begins at
// token lo, opens a chronology line or a dateline.
func (p *parser) lineKind(i, next, lo int) lineKind {
	switch p.lower(next) {
	case ":":
	case "(":
		if i == lo || p.placeBefore(i, lo) {
			return datelineLine
		}
		return narration
	case "-", "–", "—":
		if p.adjacent(next - 1) {
			return narration // a range: "March 17-18"
		}
	default:
		return narration
	}
	switch {
	case p.placeBefore(i, lo):
		return datelineLine
	case i == lo:
		return chronologyLine
	case p.isWord(i-1) && !prepositions[p.lower(i-1)] && !determiners[p.lower(i-1)] &&
		p.isWord(next+1) && p.toks[next+1].upper:
		// Lines run together without a period: "... votes for a no-fly
		// zone March 19 - French jets fire".
		return chronologyLine
	}
	return narration
}

// placeBefore reports whether the tokens from the sentence start lo to the
// expression at i are a dateline's place: capitalised words and commas,
// ending with a comma ("CAIRO,", "SEOUL, South Korea,").
func (p *parser) placeBefore(i, lo int) bool {
	if i == lo || p.lower(i-1) != "," || i-lo > 8 {
		return false
	}
	for j := lo; j < i; j++ {
		t := p.toks[j]
		switch {
		case t.kind == word && !t.upper, t.kind == number, t.kind == punct && t.lower != "," && t.lower != ".":
			return false
		}
	}
	return true
}

// strongFuture reports whether token j says plainly that what its clause
// tells is to come: "will", "is due to", "is scheduled", "plans", "next".
func (p *parser) strongFuture(j int) bool {
	w, _ := stripNegation(p.lower(j))
	switch {
	case p.toks[j].kind != word:
		return false
	case w == "will" || w == "wo" || w == "shall" || strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "’ll"):
		return true
	case w == "going" || w == "set":
		return p.lower(j+1) == "to"
	case w == "be":
		return p.lower(j-1) == "to"
	}
	switch w {
	case "due", "scheduled", "slated", "expected", "expects", "plans", "planned", "next", "upcoming":
		return true
	}
	return false
}

// cue says whether token j, in the sentence of the expression at token at,
// marks the past (-1) or the future (+1) for it, or neither (0).
func (p *parser) cue(j, at int) int {
	t := p.toks[j]
	if t.kind != word {
		return 0
	}
	w, negated := stripNegation(t.lower)
	if !negated {
		n := p.lower(j + 1)
		negated = n == "not" || n == "n't" || n == "n’t"
	}
	if strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "’ll") {
		return 1 // "they'll"
	}
	switch {
	case modals[w]:
		if t.upper && monthNames[w] != 0 {
			return 0 // "May"
		}
		if negated && (w == "would" || w == "could" || w == "ca" || w == "can" || w == "cannot") && p.refusal(j) {
			return -1 // "would not comment on Monday": the refusal was made
		}
		return 1
	case w == "be":
		if p.lower(j-1) == "to" {
			return 1 // "is to be held"
		}
		return 0
	case w == "going":
		if p.lower(j+1) == "to" {
			return 1
		}
		return 0
	case w == "to":
		if p.infinitive(j) {
			return 1 // "promised to dissolve the government Saturday"
		}
		return 0
	case w == "until" || w == "till":
		return p.until(j)
	case w == "is" || w == "are":
		if j < at && at-j <= 2 {
			return 1 // "the vote is on Friday"
		}
		return 0
	case w == "due":
		if p.lower(j+1) == "to" && !p.verbAfterTo(j+1) {
			return 0 // "due to the weather"
		}
		return 1
	case w == "set":
		if n := p.lower(j + 1); n == "to" || n == "for" {
			return 1 // "is set to begin", "set for Friday"
		}
		return 0
	case futureWords[w]:
		return 1
	case pastWords[w]:
		return p.pastForm(j)
	case scheduleVerbs[w]:
		if p.presentVerb(j) {
			return 1 // "the council meets Friday"
		}
		return 0
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		if t.upper && !p.breakBefore(j) {
			return 0 // a name: "the United Nations"
		}
		return p.pastForm(j)
	}
	return 0
}

// pastForm reads the past form at token j: -1, or 0 when it is a passive
// participle that is not in the past tense (the words before it give the
// tense: "will be held", "is reported") or an adjective ("the injured").
func (p *parser) pastForm(j int) int {
	k := j - 1
	for k > 0 && strings.HasSuffix(p.lower(k), "ly") {
		k-- // "is officially reported"
	}
	switch prev := p.lower(k); {
	case prev == "be" || prev == "been" || prev == "being" || prev == "is" || prev == "are":
		return 0
	case determiners[prev]:
		return 0
	}
	return -1
}

// stripNegation takes a negative contraction off a word: "wouldn't" is
// "would", "won't" "wo", "can't" "ca".
func stripNegation(w string) (string, bool) {
	for _, suffix := range [...]string{"n't", "n’t"} {
		if len(w) > len(suffix) && strings.HasSuffix(w, suffix) {
			return w[:len(w)-len(suffix)], true
		}
	}
	if w == "cannot" {
		return "can", true
	}
	return w, false
}

// refusal reports whether the negated modal at token j refuses to speak
// ("would not comment", "could not be reached", "wouldn't say").
func (p *parser) refusal(j int) bool {
	k := j + 1
	for n := 0; n < 3 && k < len(p.toks); n++ {
		switch p.lower(k) {
		case "not", "n't", "n’t", "immediately", "be":
			k++
			continue
		}
		break
	}
	return refusalVerbs[p.lower(k)]
}

// infinitive reports whether "to" at token j opens an infinitive that an
// intention governs: "promised to", "agreed to", "asked the government to",
// "is due to". Such an infinitive looks ahead of its governing verb, so a
// date in it does too. A purpose clause ("used tear gas to disperse
// protesters on Friday") gets its time from the verb before it.
func (p *parser) infinitive(j int) bool {
	if !p.verbAfterTo(j) {
		return false
	}
	for k := j - 1; k >= 0 && k >= j-5; k-- {
		if p.toks[k].kind == punct {
			return false
		}
		if intentionWords[p.toks[k].lower] {
			return true
		}
	}
	return false
}

// verbAfterTo reports whether "to" at token j is followed by a word that
// may be a verb: lower case, not a determiner.
func (p *parser) verbAfterTo(j int) bool {
	if j+1 >= len(p.toks) {
		return false
	}
	n := p.toks[j+1]
	return n.kind == word && !n.upper && !determiners[n.lower]
}

// until reads "until" at token j: a time to come ("will stay closed until
// Monday", "markets closed until Friday", "postponed until March"), unless
// a verb of a past state before it says otherwise ("remained closed until
// Monday", "was held until Friday").
func (p *parser) until(j int) int {
	for k := j - 1; k >= 0 && k >= j-4; k-- {
		w := p.lower(k)
		if postponements[w] {
			return 1
		}
		if pastStates[w] {
			return 0
		}
	}
	return 1
}

// presentVerb reports whether the word at token j, one of scheduleVerbs,
// is a verb in the present tense, as news uses it for what is arranged:
// "the council meets Friday", "leaders gather on Monday". A determiner or a
// number before it makes it a noun ("the vote on Friday"); a base form
// needs a plural subject before it.
func (p *parser) presentVerb(j int) bool {
	if j == 0 || p.toks[j].upper {
		return false
	}
	prev := p.toks[j-1]
	if prev.kind != word || determiners[prev.lower] {
		return false
	}
	w := p.toks[j].lower
	if strings.HasSuffix(w, "s") {
		return true // "meets", "votes", "testifies"
	}
	switch prev.lower {
	case "they", "we", "i", "you":
		return true
	case "is", "was", "has", "its", "his", "this", "us", "as", "'s", "’s", "news":
		return false
	}
	return strings.HasSuffix(prev.lower, "s") // "leaders meet", "talks resume"
}

// breakBefore reports whether a sentence ends between tokens j-1 and j, by
// the rules of package sentence: at a line break; after "!", "?" or "…"
// and the closing quotes after them, before a word that is not lower case;
// after a period likewise, unless it ends an abbreviation or an initial
// ("the U.N. Security Council") and the next word is not one that often
// starts a sentence.
func (p *parser) breakBefore(j int) bool {
	if j <= 0 || j >= len(p.toks) {
		return true
	}
	if strings.IndexByte(p.text[p.toks[j-1].end:p.toks[j].start], '\n') >= 0 {
		return true
	}
	if t := p.toks[j]; t.kind == punct && !openers[t.lower] {
		return false // closing quotes and "," go with the sentence before
	}
	k := j - 1
	for k > 0 && closers[p.toks[k].lower] {
		if !p.adjacent(k - 1) {
			return false // `. " The`: the quote opens this sentence, which began before it
		}
		k--
	}
	if !terminators[p.toks[k].lower] {
		return false
	}
	n := j // the first word after any opening quotes and brackets
	for n < len(p.toks)-1 && openers[p.toks[n].lower] {
		n++
	}
	next := p.toks[n]
	if next.kind == word && !next.upper {
		return false // "e.g. the", "“Why?” he asked"
	}
	if p.toks[k].lower != "." || k > 0 && p.toks[k-1].lower == "." {
		return true // "!", "?", an ellipsis
	}
	if k > 0 && p.adjacent(k-1) && p.toks[k-1].kind == word && abbreviation(p.toks[k-1].lower) {
		return sentenceStarters[next.lower]
	}
	return true
}

// abbreviation reports whether w (lower case, before a period) is an
// abbreviation or an initial: a known one, a single letter, or letters with
// inner periods ("u.s", "a.m").
func abbreviation(w string) bool {
	if abbreviations[w] || monthAbbrevs[w] != 0 || len(w) == 1 {
		return true
	}
	if !strings.Contains(w, ".") {
		return false
	}
	for part := range strings.SplitSeq(w, ".") {
		if len(part) != 1 {
			return false
		}
	}
	return true
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	// prepositions before a date make it part of the sentence, not the
	// start of a chronology line.
	prepositions = wordSet("on", "in", "at", "since", "by", "until", "till", "from", "to", "before",
		"after", "of", "between", "through", "during", "for", "and", "or", "than")

	// complementizers open a clause whose tense is its own.
	complementizers = wordSet("that", "whether", "if")

	closers     = wordSet(`"`, "'", "”", "’", ")", "]", "»")
	openers     = wordSet(`"`, "'", "“", "‘", "(", "[", "«")
	terminators = wordSet(".", "!", "?", "…")

	// abbreviations are the common ones of news that end with a period
	// inside a sentence (package sentence has Punkt's full list).
	abbreviations = wordSet("mr", "mrs", "ms", "dr", "prof", "st", "gov", "sen", "rep", "gen", "lt", "col",
		"maj", "capt", "sgt", "cmdr", "adm", "rev", "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos",
		"vs", "etc", "est", "approx", "dept", "govt", "mt", "ft", "ave", "blvd", "e.g", "i.e")

	// sentenceStarters are words that often open a sentence: after an
	// abbreviation's period they mean a new one begins.
	sentenceStarters = wordSet("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and",
		"in", "on", "at", "for", "as", "if", "when", "while", "after", "before", "this", "that", "there",
		"these", "those", "his", "her", "its", "their", "our", "yet", "so", "however", "meanwhile",
		"also", "some", "many", "most", "both", "what", "who", "how", "why", "where", "since",
		"although", "though", "during", "under", "with", "from", "by", "according")

	// modals look ahead ("will", "would", "could", "may"), and so do their
	// negative forms ("won't" is "wo", "can't" "ca").
	modals = wordSet("will", "would", "shall", "should", "may", "might", "could", "can", "ca", "cannot", "must", "wo")

	// futureWords look ahead by themselves.
	futureWords = wordSet("scheduled", "slated", "expected", "expects", "plans", "planned", "upcoming",
		"next", "coming", "ahead", "poised", "intends", "intended")

	// pastWords are past forms that do not end in -ed, and words that look
	// back ("ago", "since", "earlier").
	pastWords = wordSet("was", "were", "had", "did", "said", "made", "took", "came", "went", "rose", "fell",
		"began", "saw", "got", "gave", "told", "won", "lost", "sold", "bought", "held", "left", "led",
		"met", "paid", "spent", "wrote", "broke", "struck", "found", "brought", "thought", "felt", "kept",
		"ran", "sent", "stood", "shot", "fought", "flew", "drove", "chose", "spoke", "threw", "grew",
		"knew", "drew", "shook", "sank", "swore", "wore", "tore", "rode", "rang", "froze", "woke",
		"fled", "fed", "sped", "withdrew", "became", "overcame", "arose", "underwent", "sought",
		"taught", "caught", "meant", "dealt", "built", "lent", "heard", "laid", "understood", "slid",
		"hung", "stuck", "swept", "wept", "forgave", "forgot", "hid", "beat", "began", "last", "ago",
		"earlier", "since", "previously", "formerly")

	// reportingVerbs in the present tense open a chronology line's event
	// ("Feb 1 - Mubarak says he will not run"): the line tells the past.
	reportingVerbs = wordSet("says", "tells", "announces", "declares", "reports", "warns", "claims", "insists",
		"denies", "confirms", "admits", "vows", "pledges", "promises", "threatens", "urges", "calls",
		"asks", "agrees", "decides", "votes", "approves", "rejects", "orders", "names", "appoints",
		"launches", "signs", "unveils", "releases", "accepts", "offers", "resigns", "dies", "wins")

	// refusalVerbs after a negated "would" or "could" make it a refusal
	// made in the past ("would not comment on Monday").
	refusalVerbs = wordSet("comment", "say", "confirm", "discuss", "elaborate", "disclose", "reveal", "specify",
		"speculate", "answer", "respond", "identify", "reached", "named", "provide", "give", "explain", "detail")

	// intentionWords govern an infinitive that looks ahead.
	intentionWords = wordSet("promise", "promised", "promises", "promising", "vow", "vowed", "vows", "pledge",
		"pledged", "pledges", "plan", "planned", "plans", "planning", "agree", "agreed", "agrees",
		"decide", "decided", "decides", "threaten", "threatened", "threatens", "hope", "hoped", "hopes",
		"hoping", "want", "wanted", "wants", "intend", "intended", "intends", "expect", "expected",
		"expects", "aim", "aimed", "aims", "aiming", "seek", "seeks", "sought", "seeking", "offer",
		"offered", "offers", "prepare", "prepared", "prepares", "preparing", "ask", "asked", "asks",
		"urge", "urged", "urges", "order", "ordered", "orders", "tell", "told", "tells", "call", "called",
		"calls", "due", "set", "scheduled", "slated", "likely", "poised", "ready", "about", "going")

	// pastStates before "until" tell a state that has ended.
	pastStates = wordSet("was", "were", "had", "been", "did", "remained", "stayed", "lasted", "continued",
		"waited", "lived", "worked", "served", "ruled", "reigned")

	// postponements put off what follows "until": "postponed until March".
	postponements = wordSet("postponed", "delayed", "adjourned", "deferred", "extended", "suspended", "off", "back")

	// scheduleVerbs are the verbs news puts in the present tense for what is
	// arranged: "the council meets Friday", "talks resume on Monday".
	scheduleVerbs = wordSet("meet", "meets", "begin", "begins", "start", "starts", "resume", "resumes",
		"convene", "convenes", "reconvene", "reconvenes", "vote", "votes", "visit", "visits", "travel",
		"travels", "head", "heads", "arrive", "arrives", "leave", "leaves", "return", "returns", "host",
		"hosts", "face", "faces", "play", "plays", "take", "takes", "go", "goes", "testify", "testifies",
		"attend", "attends", "debate", "debates", "gather", "gathers", "sit", "sits", "hear", "hears",
		"rule", "rules", "decide", "deliver", "delivers", "kick", "kicks", "expire", "expires")

	// determiners before a word make it a noun or an adjective: "the vote",
	// "his return", "the injured".
	determiners = wordSet("the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our",
		"my", "your", "some", "any", "no", "each", "every", "all", "both", "another", "such", "whose",
		"'s", "’s")
)
