// Package followup resolves a follow-up question against the conversation
// so far. "why did they do that?" after "What did North Korea blow up?"
// becomes "Why did North Korea blow up a building?": its pronouns and its
// missing subject take the previous question's subject and the event that
// the answer's lead passage tells, and its own wh-word sets the intent. A
// question that names its own subject starts afresh. "What happened next?"
// becomes a look at the dated events after the event just quoted.
//
// The resolved question is a question like any other, so the answer to a
// follow-up is the answer to the question it was understood as, quoted and
// cited as always. The package knows nothing of Discord or of the index.
package followup

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/sentence"
	"github.com/newsbot-dev/newsbot/timex"
)

// Limits that keep a conversation small whatever is typed.
const (
	// MaxTurns is how many answered questions a conversation remembers.
	MaxTurns = 8
	// MaxText bounds a follow-up's text, in bytes.
	MaxText = 1000
	// maxSentence bounds a remembered sentence, in bytes.
	maxSentence = 1000
	// maxEntities bounds the names remembered of a lead passage.
	maxEntities = 20
	// maxName bounds a remembered name, in bytes.
	maxName = 100
)

// Kind says how a follow-up was understood.
type Kind string

// The kinds of follow-up.
const (
	// Fresh: asked as written, because it names its own subject or there
	// is no conversation yet.
	Fresh Kind = "fresh"
	// Resolved: rewritten with the conversation's subject and event.
	Resolved Kind = "followup"
	// Next and Before ask for the dated events after or before the event
	// just quoted.
	Next   Kind = "next"
	Before Kind = "before"
)

// Turn is what a conversation keeps of one answered question: no user, no
// time, only the question and what the corpus said.
type Turn struct {
	// Question is the self-contained question that was answered.
	Question string          `json:"question"`
	Command  newsbot.Command `json:"command"`
	// Subject is who or what the question is about ("North Korea").
	Subject string `json:"subject,omitempty"`
	// Event is what happened, as the question and the lead passage tell it.
	Event Event `json:"event"`
	// Entities are the names the lead passage mentions, in order.
	Entities []string `json:"entities,omitempty"`
	// Lead cites the lead passage; nil when nothing answered.
	Lead *newsbot.Citation `json:"lead,omitempty"`
	// named are the names the question itself holds, in order.
	named []string
}

// Conversation is the turns of one thread, oldest first, at most MaxTurns.
// It is not safe for concurrent use.
type Conversation struct {
	turns []Turn
}

// Last returns the latest turn.
func (c *Conversation) Last() (Turn, bool) {
	if c == nil || len(c.turns) == 0 {
		return Turn{}, false
	}
	return c.turns[len(c.turns)-1], true
}

// StoryArticles are the articles that told the events of the story the
// conversation is following, latest first, each once: those of the latest
// turns that share the last turn's subject. A change of subject starts
// another story.
func (c *Conversation) StoryArticles() []string {
	last, ok := c.Last()
	if !ok {
		return nil
	}
	var out []string
	for i := len(c.turns) - 1; i >= 0 && strings.EqualFold(c.turns[i].Subject, last.Subject); i-- {
		if cite := c.turns[i].Event.Citation; cite != nil && !slices.Contains(out, cite.Article) {
			out = append(out, cite.Article)
		}
	}
	return out
}

// Len is how many turns the conversation holds.
func (c *Conversation) Len() int { return len(c.turns) }

// Add appends a turn, forgetting the oldest beyond MaxTurns.
func (c *Conversation) Add(t Turn) {
	c.turns = append(c.turns, t)
	if len(c.turns) > MaxTurns {
		c.turns = append(c.turns[:0], c.turns[len(c.turns)-MaxTurns:]...)
	}
}

// Resolution is what a follow-up was understood as.
type Resolution struct {
	// Text is the follow-up as typed.
	Text string `json:"text"`
	// Question is the self-contained question it was understood as; the
	// same as Text when it starts afresh.
	Question string          `json:"question"`
	Command  newsbot.Command `json:"command"`
	Kind     Kind            `json:"kind"`
	// Anchor is, for Next and Before, the event to look around.
	Anchor *Event `json:"anchor,omitempty"`
}

// Understood reports whether the follow-up was rewritten, so that what it
// was understood as is worth showing.
func (r Resolution) Understood() bool { return r.Kind != Fresh && r.Question != r.Text }

// Record remembers an answered question: question as answered (resolved),
// cmd, and the answer's lead passage (nil when nothing answered). It
// returns the turn added.
func (c *Conversation) Record(question string, cmd newsbot.Command, lead *newsbot.Passage) Turn {
	question = clip(question, MaxText)
	t := Turn{Question: question, Command: cmd}
	prev, hasPrev := c.Last()
	// What a lone "that" stood for was spelled out after the question; the
	// question's own clause is before it.
	clause := question
	if i := strings.Index(clause, " (that: "); i > 0 {
		clause = clause[:i] + "?"
	}
	f := parse(clause)
	subj := f.span(f.subj)
	if subj != "" && !isPronoun(subj) {
		t.Subject = subj
	}
	var leadText string
	if lead != nil {
		leadText = lead.Text
		cite := lead.Citation
		t.Lead = &cite
		t.Entities = entities(leadText)
	}
	pred := f.span(f.pred)
	switch {
	case hasPrev && prev.Event.askedBy(clause):
		// A question made from the event ("When did the earthquake damage
		// buildings?") asks that event again: it stays as it was read,
		// and where it was told, rather than be parsed anew.
		t.Subject, t.Event = prev.Subject, prev.Event
	case !f.subjectless && f.aux >= 0 && t.Subject != "" && pred != "" && !isCopular(f):
		t.Event = Event{Aux: f.auxWord(), Subject: t.Subject, Predicate: strings.TrimRight(pred, "?!. ")}
		if hasPrev && prev.Event.Sentence != "" && t.Event.Subject == prev.Event.Subject && t.Event.Predicate == prev.Event.Predicate {
			// The same event asked again (why, then when): it stays where
			// it was first told, whatever this answer quotes.
			t.Event = prev.Event
		} else if leadText != "" {
			if sp, ws, v, ok := locate(leadText, t.Subject, t.Event.Predicate); ok {
				s := leadText[sp.Start:sp.End]
				if f.hasGap() {
					t.Event.fillGap(s, ws, v)
				}
				t.Event.cite(s, lead)
			} else if !hasPrev || t.Event.Predicate != prev.Event.Predicate || t.Event.Subject != prev.Event.Subject {
				// A new event the lead passage does not tell in so many
				// words: the sentence that answered stands for it.
				if s := bestSentence(leadText, question); s != "" {
					t.Event.cite(s, lead)
				}
			}
		}
	case leadText != "":
		// "Who blew up the building?", "What happened in Seoul?": the lead
		// passage tells who did what.
		hint := ""
		if f.subjectless && f.pred[0] < f.pred[1] {
			if v := f.words[f.pred[0]].lower; !lightWords[v] {
				hint, _ = baseForm(v)
			}
		}
		if e, s, ok := eventInPassage(leadText, question, hint); ok {
			t.Event = e
			t.Event.cite(s, lead)
		}
	}
	// A question without a subject of its own: after "who" or "which" the
	// answer's actor is what comes next to mind ("Who fined Acme?" — the
	// European Commission); after "what" the name the question holds
	// ("What ruined Richard's plans?" — Richard).
	t.named = namesIn(f)
	if t.Subject == "" && !f.subjectless || t.Subject == "" && f.whWord() != "who" && f.whWord() != "which" {
		if len(t.named) > 0 {
			t.Subject = t.named[0]
		}
	}
	if t.Subject == "" {
		t.Subject = t.Event.Subject
	}
	if t.Subject == "" && len(t.named) > 0 {
		t.Subject = t.named[0]
	}
	if t.Subject == "" && len(t.Entities) > 0 {
		t.Subject = t.Entities[0]
	}
	// The same event asked again (why, then when): keep where it was told
	// when this answer does not tell it.
	if hasPrev && t.Event.Sentence == "" && (t.Event.Predicate == "" && t.Subject == prev.Subject ||
		t.Event.Predicate != "" && t.Event.Subject == prev.Event.Subject && t.Event.Predicate == prev.Event.Predicate) {
		if t.Event.Predicate == "" {
			t.Event = prev.Event
		} else {
			t.Event.Sentence, t.Event.Citation, t.Event.Date = prev.Event.Sentence, prev.Event.Citation, prev.Event.Date
		}
	}
	t.detach()
	c.Add(t)
	return t
}

// detach bounds a turn's names and copies its strings out of the texts
// they were cut from, so that a turn holds only its own few bytes and not
// the whole lead passage (a paragraph may be long) for as long as the
// thread lasts.
func (t *Turn) detach() {
	t.Question = strings.Clone(t.Question)
	t.Subject = strings.Clone(clip(t.Subject, maxName))
	t.Entities = names(t.Entities, maxEntities)
	t.named = names(t.named, maxEntities)
	t.Lead = detachCitation(t.Lead)
	e := &t.Event
	e.Aux, e.Subject = strings.Clone(e.Aux), strings.Clone(clip(e.Subject, maxName))
	e.Predicate, e.Object = strings.Clone(clip(e.Predicate, MaxText)), strings.Clone(clip(e.Object, maxName))
	e.Sentence = strings.Clone(e.Sentence)
	e.Citation = detachCitation(e.Citation)
	if e.Date != nil {
		d := *e.Date
		d.Text, d.Value = strings.Clone(d.Text), strings.Clone(d.Value)
		e.Date = &d
	}
}

// names copies at most n names of at most maxName bytes each; longer
// runs of capitalized words are not names.
func names(in []string, n int) []string {
	var out []string
	for _, s := range in {
		if len(out) == n {
			break
		}
		if len(s) <= maxName {
			out = append(out, strings.Clone(s))
		}
	}
	return out
}

func detachCitation(c *newsbot.Citation) *newsbot.Citation {
	if c == nil {
		return nil
	}
	d := *c
	d.Article, d.Title, d.URL, d.Source = strings.Clone(d.Article), strings.Clone(d.Title), strings.Clone(d.URL), strings.Clone(d.Source)
	return &d
}

// RecordEvent remembers an answer made of dated events ("what happened
// next?"): the event it quoted first becomes the event of the
// conversation.
func (c *Conversation) RecordEvent(question, sentenceText string, cite newsbot.Citation) Turn {
	prev, _ := c.Last()
	t := Turn{Question: clip(question, MaxText), Command: newsbot.Ask, Subject: prev.Subject, Entities: entities(sentenceText)}
	if e, ok := eventIn(sentenceText, ""); ok {
		t.Event = e
	}
	t.Event.cite(sentenceText, &newsbot.Passage{Citation: cite, Text: sentenceText})
	t.Lead = &cite
	t.detach()
	c.Add(t)
	return t
}

// cite sets where the event is told: sentence s of passage p, and the
// first date or time s gives.
func (e *Event) cite(s string, p *newsbot.Passage) {
	e.Sentence = clip(strings.TrimSpace(s), maxSentence)
	c := p.Citation
	e.Citation = &c
	e.Date = nil
	for _, x := range timex.Extract(e.Sentence, c.Published) {
		if x.Type == timex.Date || x.Type == timex.Time {
			x := x
			e.Date = &x
			break
		}
	}
}

// eventInPassage finds the event a passage tells about question: in the
// sentences holding most of the question's words first, the verb hint (or
// the first past verb a name does); failing that, any past verb a name
// does, in reading order.
func eventInPassage(text, question, hint string) (Event, string, bool) {
	for _, s := range byOverlap(text, question) {
		if e, ok := eventIn(s.text, hint); ok {
			return e, s.text, true
		}
	}
	if hint != "" {
		for _, sp := range sentence.Split(text) {
			if e, ok := eventIn(text[sp.Start:sp.End], ""); ok {
				return e, text[sp.Start:sp.End], true
			}
		}
	}
	return Event{}, "", false
}

// bestSentence is the sentence of text holding most of the question's
// words; "" when none holds any.
func bestSentence(text, question string) string {
	if ss := byOverlap(text, question); len(ss) > 0 && ss[0].score > 0 {
		return ss[0].text
	}
	return ""
}

// scoredSentence is a sentence and how many of a question's words it holds.
type scoredSentence struct {
	text  string
	score int
}

// byOverlap lists the sentences of text by how many of the question's
// content words they hold, most first, ties in reading order.
func byOverlap(text, question string) []scoredSentence {
	want := map[string]bool{}
	for _, w := range tokenize(question) {
		if !isStop(w.lower) && !lightWords[w.lower] {
			want[w.lower] = true
		}
	}
	var out []scoredSentence
	for _, sp := range sentence.Split(text) {
		s := scoredSentence{text: text[sp.Start:sp.End]}
		for _, w := range tokenize(s.text) {
			if want[w.lower] {
				s.score++
			}
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].score > out[b].score })
	return out
}

func isCopular(f frame) bool {
	// "Who was Nikola Tesla?": a be-auxiliary with nothing after the subject.
	return beAux[f.auxWord()] && f.pred[0] >= f.pred[1]
}

func isPronoun(s string) bool {
	s = strings.ToLower(s)
	return subjectPronouns[s] || objectPronouns[s] || demonstratives[s] || s == "you" || s == "i"
}

// namesIn lists the names a question holds (runs of capitalized words past
// its first word), possessives trimmed.
func namesIn(f frame) []string {
	var out []string
	ws := f.words
	for k := 1; k < len(ws); k++ {
		if !ws[k].capitalized() || k == f.wh || ws[k].lower == "i" {
			continue
		}
		start := k
		for k+1 < len(ws) && gapBetween(f.text, ws[k], ws[k+1]) && (ws[k+1].capitalized() ||
			(ws[k+1].lower == "of" || ws[k+1].lower == "de") && k+2 < len(ws) && ws[k+2].capitalized()) {
			k++
		}
		name := strings.TrimSuffix(strings.TrimSuffix(f.text[ws[start].start:ws[k].end], "'s"), "’s")
		if start > 0 && ws[start-1].lower == "the" {
			name = "the " + name
		}
		out = append(out, name)
	}
	return out
}

// agreeing returns the antecedent that a pronoun agrees with in number:
// "they" prefers a plural name of the last question ("the Panthers") to a
// singular subject, "it" a singular one to a plural subject.
func (t Turn) agreeing(pronoun string) string {
	ante := t.antecedent()
	plural := set("they them their")[pronoun]
	singular := set("it its")[pronoun]
	if !plural && !singular || ante == "" || looksPlural(ante) == plural {
		return ante
	}
	for _, n := range t.named {
		if looksPlural(n) == plural && !strings.EqualFold(n, ante) {
			return n
		}
	}
	return ante
}

// antecedent is what "they", "he" or "it" stands for after t.
func (t Turn) antecedent() string {
	switch {
	case t.Subject != "":
		return t.Subject
	case t.Event.Subject != "":
		return t.Event.Subject
	case len(t.Entities) > 0:
		return t.Entities[0]
	}
	return ""
}

var (
	// Next and before ask about "that" or nothing: "what happened after
	// the election?" names its own event and starts afresh.
	nextPattern = regexp.MustCompile(`\b(happened|came|comes|happens|followed|happen)\s+(next|afterwards|later|then|after (that|this|it))\b|` +
		`^\W*(and\s+)?(then|next|after that|what next|what then|and after that)\W*$|\bwhat followed(\W*$|\s+(that|this|it)\b)`)
	beforePattern = regexp.MustCompile(`\b(happened|came)\s+(before|earlier|first|previously)(\s+(that|this|it))?\W*$|` +
		`^\W*(and\s+)?before that\W*$|\bwhat led up to (that|this|it)\b|\bwhat preceded (that|this|it)\b`)
	ellipsisLead = regexp.MustCompile(`^(?i)(and\s+what\s+about|what\s+about|how\s+about|and)\s+`)
)

// Resolve reads text as a follow-up of the conversation: it returns the
// self-contained question text was understood as. With no conversation, or
// when text names its own subject, the question is text itself.
func (c *Conversation) Resolve(text string) Resolution {
	text = clip(strings.TrimSpace(text), MaxText)
	r := Resolution{Text: text, Question: text, Command: answer.Intent(text), Kind: Fresh}
	prev, ok := c.Last()
	if !ok || text == "" {
		return r
	}
	low := strings.ToLower(text)
	ev := prev.Event
	if ev.Sentence != "" {
		switch {
		case beforePattern.MatchString(low):
			r.Kind, r.Command, r.Anchor = Before, newsbot.Ask, &ev
			r.Question = "What happened before “" + shorten(ev.Sentence, 120) + "”?"
			return r
		case nextPattern.MatchString(low):
			r.Kind, r.Command, r.Anchor = Next, newsbot.Ask, &ev
			r.Question = "What happened after “" + shorten(ev.Sentence, 120) + "”?"
			return r
		}
	}
	f := parse(text)
	wh := f.whWord()
	ante := prev.antecedent()

	// "and China?", "what about the second one?": the last question again,
	// about something else.
	if m := ellipsisLead.FindStringIndex(text); m != nil || ordinalAt(f.words, 0) != 0 {
		rest := text
		if m != nil {
			rest = text[m[1]:]
		}
		rest = strings.TrimRight(rest, "?!. ")
		if np := refer(rest, prev); np != "" && !hasVerb(rest) {
			r.Question = c.askedAbout(np)
			return r.resolved()
		}
	}

	// Nothing of its own but a wh-word, pronouns and "do that": the
	// event again, asked another way ("why?", "when was that?", "why did
	// they do that?").
	if !hasContent(f) {
		own := f.span(f.subj)
		e := ev
		if own != "" && !isPronoun(own) && ordinalAt(f.words, f.subj[0]) == 0 {
			e.Subject = own
		}
		// "why the second one?": the event, done by the name it points at.
		pointed := false
		for k, w := range f.words {
			if (w.lower == "the" || k == 0) && ordinalAt(f.words, k) != 0 {
				end := min(k+3, len(f.words))
				if np := refer(f.text[w.start:f.words[end-1].end], prev); np != "" {
					e.Subject, pointed = np, true
				}
				break
			}
		}
		if !pointed && (wh == "what" || wh == "" && f.aux < 0) {
			r.Question = prev.Question
			return r.resolved()
		}
		if q := e.ask(wh); q != "" {
			r.Question = q
			return r.resolved()
		}
		if ev.Sentence != "" && wh != "" {
			r.Question = capitalize(wh) + " did this happen: “" + shorten(ev.Sentence, 160) + "”?"
			return r.resolved()
		}
		if ante == "" {
			return r
		}
	}

	// Pronouns in a question of its own: substitute them.
	if q, changed := substitute(f, ev, ante, prev); changed {
		r.Question = q
		return r.resolved()
	}
	return r
}

// askedAbout is the latest question that names its subject asked again
// about np ("What did North Korea blow up?" → "What did South Korea blow
// up?"). Only the question's own words change, never a sentence it
// quotes from the corpus ("What happened after “…”?", "(that: “…”)").
// When no question names its subject, it asks about np.
func (c *Conversation) askedAbout(np string) string {
	for i := len(c.turns) - 1; i >= 0; i-- {
		t := c.turns[i]
		own := t.Question
		if k := strings.Index(own, " (that: "); k >= 0 {
			own = own[:k] + "?"
		}
		if strings.Contains(own, "“") {
			continue
		}
		if at := strings.Index(own, t.Subject); t.Subject != "" && at >= 0 {
			return own[:at] + np + own[at+len(t.Subject):]
		}
	}
	return "What about " + np + "?"
}

func (r Resolution) resolved() Resolution {
	r.Kind = Resolved
	r.Command = answer.Intent(r.Question)
	return r
}

// hasContent reports whether a follow-up has words of its own beyond its
// wh-word, auxiliaries, pronouns and light words ("do", "happen", "that").
func hasContent(f frame) bool {
	for i, w := range f.words {
		if i == f.wh || i == f.aux {
			continue
		}
		l := w.lower
		if whWords[l] || auxWords[l] || subjectPronouns[l] || objectPronouns[l] || possessives[l] || demonstratives[l] ||
			lightWords[l] || determiners[l] || prepositions[l] || conjunctions[l] || stopAdverbs[l] || leadIns[l] ||
			ordinals[l] != 0 || fillerWords[l] {
			continue
		}
		return true
	}
	return false
}

func hasVerb(s string) bool {
	for _, w := range tokenize(s) {
		if auxWords[w.lower] || isVerbForm(w.lower) && !w.capitalized() {
			return true
		}
	}
	return false
}

// ordinalAt returns N when the words at k say "the Nth (one)", -1 for
// "the last one", else 0.
func ordinalAt(ws []word, k int) int {
	if k < len(ws) && ws[k].lower == "the" {
		k++
	}
	if k < len(ws) {
		return ordinals[ws[k].lower]
	}
	return 0
}

// refer resolves a noun phrase of a follow-up: "the second one" is the
// second name the lead passage lists (or mentions); other phrases stand
// for themselves.
func refer(np string, prev Turn) string {
	ws := tokenize(np)
	n := ordinalAt(ws, 0)
	if n == 0 {
		if len(ws) == 0 || isPronoun(np) {
			return ""
		}
		return np
	}
	list := listIn(prev.Event.Sentence)
	if len(list) == 0 {
		for _, e := range prev.Entities {
			if e != prev.Subject {
				list = append(list, e)
			}
		}
	}
	if n < 0 {
		n = len(list)
	}
	if n < 1 || n > len(list) {
		return ""
	}
	return list[n-1]
}

// substitute replaces the pronouns of a follow-up with what they stand
// for: "they", "he", "she" and a subject "it" with the antecedent; an
// object "it" or "them" with the event's object (else the antecedent);
// "their", "his", "its" with the antecedent's possessive; "do that" with
// the event's predicate; "the second one" with the name it points at. A
// lone "that" the question leans on is spelled out after it.
func substitute(f frame, ev Event, ante string, prev Turn) (string, bool) {
	var b strings.Builder
	last := 0
	changed, leans := false, false
	ws := f.words
	// What the question's own subject stands for: an object pronoun never
	// takes it too ("what did they say about it?" is not "…say about the
	// Commission").
	subject := f.span(f.subj)
	if subject != "" && (subjectPronouns[strings.ToLower(subject)] || objectPronouns[strings.ToLower(subject)]) {
		subject = prev.agreeing(strings.ToLower(subject))
	}
	reflexive := func(np string) bool { return subject != "" && strings.EqualFold(np, subject) }
	put := func(i, j int, s string) {
		b.WriteString(f.text[last:ws[i].start])
		b.WriteString(s)
		last = ws[j-1].end
		changed = true
	}
	for i := 0; i < len(ws); i++ {
		l := ws[i].lower
		switch {
		case ordinalAt(ws, i) != 0 && l == "the":
			j := i + 2
			if j < len(ws) && oneWords[ws[j].lower] {
				j++
			}
			if np := refer(f.text[ws[i].start:ws[j-1].end], prev); np != "" {
				put(i, j, np)
				i = j - 1
			}
		case (doAux[l] || l == "doing" || l == "done") && i != f.aux:
			if i+1 < len(ws) && (demonstratives[ws[i+1].lower] || ws[i+1].lower == "it" || ws[i+1].lower == "so") && ev.Predicate != "" &&
				(i+2 == len(ws) || !isNounLike(ws[i+2]) || prepositions[ws[i+2].lower] || stopAdverbs[ws[i+2].lower]) {
				put(i, i+2, ev.Predicate) // "did that" → "blow up a building": the auxiliary stays before the subject
				i++
			}
		case subjectPronouns[l] && ante != "":
			isSubject := i == f.subj[0] && f.subj[1] == i+1 || i == 0 || i > 0 && (whWords[ws[i-1].lower] || i-1 == f.aux || conjunctions[ws[i-1].lower])
			switch {
			case l == "it" && !isSubject && ev.Object != "":
				put(i, i+1, ev.Object)
			case l == "it" && i+1 < len(ws) && strings.HasPrefix(ws[i+1].lower, "happen"):
				leans = true
			case !isSubject && reflexive(prev.agreeing(l)):
				// An object "it" with no object known is the event just
				// told, spelled out after the question.
				leans = l == "it" || leans
			default:
				put(i, i+1, prev.agreeing(l))
			}
		case objectPronouns[l] && ante != "":
			switch {
			case l == "them" && ev.Object != "" && !strings.EqualFold(ev.Object, ante) && looksPlural(ev.Object):
				put(i, i+1, ev.Object)
			case !reflexive(prev.agreeing(l)):
				put(i, i+1, prev.agreeing(l))
			}
		case possessives[l] && ante != "":
			put(i, i+1, possessive(prev.agreeing(l)))
		case demonstratives[l] && (i+1 == len(ws) || !isNounLike(ws[i+1])):
			leans = true
		}
	}
	if !changed && !leans {
		return "", false
	}
	b.WriteString(f.text[last:])
	q := capitalize(strings.TrimSpace(b.String()))
	if leans && ev.Sentence != "" {
		q = strings.TrimRight(q, "?!. ") + " (that: “" + shorten(ev.Sentence, 120) + "”)?"
	} else if leans && ev.clause() != "" {
		q = strings.TrimRight(q, "?!. ") + " (that: " + ev.clause() + ")?"
	} else if !strings.HasSuffix(q, "?") {
		q += "?"
	}
	return q, true
}

func possessive(s string) string {
	if strings.HasSuffix(s, "s") {
		return s + "'"
	}
	return s + "'s"
}

func looksPlural(s string) bool {
	ws := tokenize(s)
	if len(ws) == 0 {
		return false
	}
	l := ws[len(ws)-1].lower
	return strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss")
}

// clip cuts s to at most n bytes without splitting a rune.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Pronominalize rewrites a self-contained question as a follow-up, by the
// simple rule the evaluation uses: a question "wh aux SUBJECT verb …" whose
// subject is a name (capitalized words, after an optional "the") has the
// subject replaced by "it" or "they" ("When did the Normans conquer
// England?" → "When did they conquer England?"). ok is false when the rule
// does not apply.
func Pronominalize(question string) (followUp, subject string, ok bool) {
	f := parse(question)
	if f.wh < 0 || f.aux < 0 || f.subjectless || f.subj[0] >= f.subj[1] || f.pred[0] >= f.pred[1] {
		return "", "", false
	}
	ws := f.words[f.subj[0]:f.subj[1]]
	k := 0
	if ws[0].lower == "the" {
		k = 1
	}
	if k >= len(ws) {
		return "", "", false
	}
	for _, w := range ws[k:] {
		if !w.capitalized() && w.lower != "of" && w.lower != "and" && w.lower != "the" && !isNumber(w.lower) {
			return "", "", false
		}
	}
	// The predicate must open with a verb ("conquer", "born", "called"),
	// and the subject must not be a possessive ("the Broncos' rusher").
	first := f.words[f.pred[0]]
	verbLike := isVerbForm(first.lower) || doAux[f.auxWord()] && !strings.HasSuffix(first.lower, "s") &&
		!prepositions[first.lower] && !determiners[first.lower] && !stopAdverbs[first.lower]
	if !ws[k].capitalized() || first.capitalized() || !verbLike ||
		strings.HasPrefix(question[ws[len(ws)-1].end:], "'") || strings.HasPrefix(question[ws[len(ws)-1].end:], "’") ||
		strings.HasSuffix(ws[len(ws)-1].lower, "'s") {
		return "", "", false
	}
	subject = f.span(f.subj)
	pronoun := "it"
	switch aux := f.auxWord(); {
	case pluralAux[aux]:
		pronoun = "they"
	case singularAux[aux]:
	case looksPlural(subject) || strings.Contains(subject, " and "):
		pronoun = "they"
	}
	start, end := f.words[f.subj[0]].start, f.words[f.subj[1]-1].end
	return question[:start] + pronoun + question[end:], subject, true
}

// fillGap completes a predicate that misses its object with the object the
// sentence (words ws, verb at v) gives: after the verb and its particle
// ("blow up" → "blow up a building"), or after a final preposition ("talk
// about" → "talk about the talks").
func (e *Event) fillGap(s string, ws []word, v int) {
	pw := tokenize(e.Predicate)
	k := v + 1
	head := 1
	if len(pw) > 1 && particles[pw[1].lower] && k < len(ws) && ws[k].lower == pw[1].lower {
		k, head = k+1, 2
	}
	if last := pw[len(pw)-1].lower; len(pw) > head && prepositions[last] {
		for j := k; j < len(ws) && j < k+8; j++ {
			if ws[j].lower == last {
				if obj := objectAfter(s, ws, j+1); obj != "" {
					e.Object = obj
					e.Predicate += " " + obj
				}
				return
			}
		}
		return
	}
	obj := objectAfter(s, ws, k)
	if obj == "" {
		return
	}
	e.Object = obj
	cut := pw[head-1].end
	e.Predicate = strings.Join(strings.Fields(e.Predicate[:cut]+" "+obj+" "+e.Predicate[cut:]), " ")
}
