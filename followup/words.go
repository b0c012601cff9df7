package followup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of a text with its byte span.
type word struct {
	text, lower string
	start, end  int
}

// capitalized reports whether the word starts with an upper-case letter.
func (w word) capitalized() bool {
	r, _ := utf8.DecodeRuneInString(w.text)
	return unicode.IsUpper(r)
}

// tokenize splits text into words: letters and digits, with apostrophes,
// hyphens and inner periods ("U.S.", "Kim-Putin", "Pyongyang's") kept inside.
// A possessive "'s" stays on its word.
func tokenize(text string) []word {
	var out []word
	start := -1
	isWordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i, r := range text {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '\'' || r == '’' || r == '-' || r == '.'):
			// Inside a word only when a letter or digit follows.
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if isWordRune(next) {
				continue
			}
			out = append(out, mkWord(text, start, i))
			start = -1
		default:
			if start >= 0 {
				out = append(out, mkWord(text, start, i))
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, mkWord(text, start, len(text)))
	}
	return out
}

func mkWord(text string, start, end int) word {
	t := text[start:end]
	return word{text: t, lower: strings.ToLower(strings.ReplaceAll(t, "’", "'")), start: start, end: end}
}

// gapBetween reports whether only spaces lie between two words of text,
// no punctuation that ends a phrase.
func gapBetween(text string, a, b word) bool {
	return strings.TrimSpace(text[a.end:b.start]) == ""
}

// set makes a lookup set of space-separated words.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	whWords = set("what which who whom whose where when why how")
	// auxiliaries that open a question's clause after its wh-word.
	auxWords = set("did do does was were is are has have had will would can could should shall may might must 's")
	doAux    = set("did do does")
	// subjectPronouns stand for the conversation's subject.
	subjectPronouns = set("they he she it we")
	objectPronouns  = set("them him")
	possessives     = set("their his its")
	// demonstratives stand for the event just told when they stand alone.
	demonstratives = set("that this")
	determiners    = set("the a an this that these those their his her its our some any every each another")
	prepositions   = set("of in on at to for from with by about against over under into onto after before during since until near between among across through without within around toward towards than as via per despite amid like upon off out up down")
	particles      = set("up down out off over back away in on")
	conjunctions   = set("and or but nor so yet because while although though whereas if unless whether")
	relatives      = set("which that who whom whose where when")
	// stopAdverbs end a noun phrase.
	stopAdverbs = set("just also then now still again yesterday today tomorrow already even only very too soon later earlier once never ever almost nearly quite rather literally reportedly allegedly apparently here there not")
	// lightWords carry no subject of their own in a follow-up.
	lightWords = set("do did does doing done happen happened happens happening so and then but ok okay oh well really exactly please tell me us more about what else again now thing things one")
	// sentenceStarters are capitalized at a sentence's start without naming anything.
	sentenceStarters = set("the a an then but and or so first second third last next however meanwhile also in on at for from with by after before during since while when where why how what who which this that these those it its they their there here he she his her we our i you if as although though because yet still now today yesterday some many most all both each every no not one two three another other such")
	ordinals         = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1, "latter": -1, "former": 1}
	haveAux          = set("has have had")
	pluralAux        = set("are were do have")
	singularAux      = set("is was does has 's")
	fillerWords      = set("not exactly precisely come")
	oneWords         = set("one ones")
	howWords         = set("much many long far old big often soon")
	months           = set("january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday")
)

// commonVerbs are base forms that end a subject noun phrase in a question
// ("did the North Korean government *blow* up…"): verbs frequent in news
// questions, and the bases of the irregular verbs below. A word ending in
// -ed, -en or -ing after the subject is taken as a verb too.
var commonVerbs = set(`accept accuse add affect agree aim allow announce appear approve argue arrest ask attack attend avoid ban become begin believe blame block blow break bring build buy call cancel carry cause change charge claim close collapse come consider continue cost create cut deal decide declare defeat deliver deny describe destroy die discuss do drop earn elect end enter escape expand expect explain face fail fall fear feel fight file find fire fly follow force form found gain get give go grow happen have hear help hit hold hope host hurt include increase introduce invade invest join keep kill know launch lead learn leave let lift live lose make manage mean meet move name need negotiate offer open oppose order own pass pay plan play prevent produce promise propose protect protest provide publish pull push put quit raise reach read receive recognize reduce refuse reject release remain remove reopen replace report represent require resign respond restore return reveal rise rule run say see seek seem sell send serve set shoot show shut sign spend split start stay stop strike suffer suggest support suspend take talk target tell test think threaten throw travel try turn use vote want warn win withdraw work write`)

// irregularPast maps irregular past tenses and participles to their base
// form, to find a question's verb in the sentence that tells its event
// ("blow up" in "blew up a building").
var irregularPast = func() map[string]string {
	m := map[string]string{}
	for _, pair := range strings.Fields(`arose:arise ate:eat beat:beat became:become began:begin begun:begin bent:bend bit:bite blew:blow blown:blow
broke:break broken:break brought:bring built:build bought:buy caught:catch chose:choose chosen:choose came:come cost:cost cut:cut
dealt:deal did:do done:do drew:draw drawn:draw drove:drive driven:drive ate:eat fell:fall fallen:fall fought:fight found:find fled:flee
flew:fly flown:fly forbade:forbid forgot:forget froze:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow grown:grow
had:have heard:hear hid:hide hit:hit held:hold hurt:hurt kept:keep knew:know known:know laid:lay led:lead left:leave lent:lend let:let
lost:lose made:make meant:mean met:meet paid:pay put:put quit:quit ran:run rang:ring rose:rise risen:rise rode:ride said:say saw:see
seen:see sought:seek sold:sell sent:send set:set shook:shake shot:shoot showed:show shown:show shut:shut sang:sing sank:sink sat:sit
slept:sleep spoke:speak spoken:speak spent:spend split:split spread:spread stood:stand stole:steal stolen:steal struck:strike
swore:swear swept:sweep swam:swim took:take taken:take taught:teach tore:tear told:tell thought:think threw:throw thrown:throw
understood:understand born:bear woke:wake wore:wear won:win withdrew:withdraw withdrawn:withdraw wrote:write written:write overthrew:overthrow`) {
		past, base, _ := strings.Cut(pair, ":")
		m[past] = base
	}
	return m
}()

// irregularBases are the base forms of the irregular verbs.
var irregularBases = func() map[string]bool {
	m := map[string]bool{}
	for _, b := range irregularPast {
		m[b] = true
	}
	return m
}()

// isVerbForm reports whether a lower-case word is likely a verb where a
// question's subject may end: a common base form, an irregular form, or a
// regular inflection.
func isVerbForm(w string) bool {
	if commonVerbs[w] || irregularBases[w] {
		return true
	}
	if _, ok := irregularPast[w]; ok {
		return true
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
}

// sameVerb reports whether sentence word w is a form of the base verb v:
// v itself, an irregular form of it, or v with a regular ending.
func sameVerb(w, v string) bool {
	if w == v || irregularPast[w] == v {
		return true
	}
	if !strings.HasPrefix(w, strings.TrimSuffix(v, "e")) {
		return false
	}
	rest := w[len(strings.TrimSuffix(v, "e")):]
	switch rest {
	case "s", "es", "ed", "d", "ing", "e":
		return true
	}
	// A doubled final consonant: stop, stopped.
	if len(rest) >= 3 && rest[0] == v[len(v)-1] && (rest[1:] == "ed" || rest[1:] == "ing") {
		return true
	}
	// try, tried.
	if strings.HasSuffix(v, "y") && strings.HasPrefix(w, v[:len(v)-1]+"i") {
		return true
	}
	return false
}

// baseForm turns a past-tense verb into its base form when that is certain:
// irregular verbs, -ied, doubled consonants, and endings that take no e.
// ok is false when the base cannot be told (created: creat or create?).
func baseForm(w string) (string, bool) {
	if b, ok := irregularPast[w]; ok {
		return b, true
	}
	if !strings.HasSuffix(w, "ed") || len(w) < 4 {
		return w, commonVerbs[w]
	}
	stem := w[:len(w)-2]
	if strings.HasSuffix(w, "ied") {
		return w[:len(w)-3] + "y", true
	}
	if commonVerbs[stem] {
		return stem, true
	}
	if commonVerbs[stem+"e"] {
		return stem + "e", true
	}
	n := len(stem)
	if n >= 3 && stem[n-1] == stem[n-2] && !strings.ContainsRune("lsz", rune(stem[n-1])) {
		return stem[:n-1], true
	}
	isVowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	last := stem[n-1]
	switch {
	case strings.HasSuffix(stem, "eat") && !strings.HasSuffix(stem, "creat"):
		return stem, true // treated, defeated
	case strings.HasSuffix(stem, "at"):
		return stem + "e", true // created, negotiated, escalated
	case strings.HasSuffix(stem, "ang") || strings.HasSuffix(stem, "eng"):
		return stem + "e", true // changed, challenged
	}
	for _, end := range []string{"nc", "rc", "rg", "ns", "rs", "ps", "rv", "lv", "dg", "ls", "rs", "uir"} {
		if strings.HasSuffix(stem, end) {
			return stem + "e", true // announced, forced, merged, collapsed, served, solved, judged, required
		}
	}
	for _, end := range []string{"en", "er", "ow", "ay", "ey", "oy", "nd", "nt", "ck", "ch", "sh", "rt", "st", "rn", "gn", "lt", "rm", "wn", "ld", "rd", "ft", "pt", "ct", "ss", "ng", "it", "et", "on", "om", "el", "al", "rk", "lk", "nk", "sk", "mp", "rl", "wl", "lm", "rb", "x"} {
		if strings.HasSuffix(stem, end) {
			return stem, true // opened, visited, attacked, passed, belonged
		}
	}
	if n >= 2 && !isVowel(last) && last != 'w' && last != 'y' {
		if isVowel(stem[n-2]) && (n == 2 || !isVowel(stem[n-3])) {
			return stem + "e", true // fined, closed, used, voted, named
		}
		if isVowel(stem[n-2]) && strings.IndexByte("szvcg", last) >= 0 {
			return stem + "e", true // raised, caused, seized, received
		}
		if isVowel(stem[n-2]) {
			return stem, true // rained, aimed, claimed, failed
		}
	}
	return w, false
}
