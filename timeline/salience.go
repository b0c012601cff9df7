package timeline

import (
	"sort"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
	"github.com/newsbot-dev/newsbot/timex"
)

// How a day's salience is weighed. DATEWISE (Ghalandari and Ifrim 2020)
// learns a date's importance from the sentences and articles that mention
// it (before, on and after their publication) and the articles published on
// it; Tran et al. (2015) weigh how soon after a date articles refer to it.
// Without training data of its own, newsbot adds those counts by hand:
//
//	score(day) = Σ mentions: weight(distance) × relevance
//	           + Σ distinct articles mentioning it: relevance
//	           + Σ articles published on it or the day after: relevance
//
// where relevance is how surely the passage is about the topic (1 when it
// holds every topic term) and weight(distance) favours the recent past:
// a date written about within a week after it is an event being reported;
// one written about years later, or ahead of time, is background or a
// plan. A week, month or year counts the same way, halved (coarseWeight),
// and stands only when none of its days is chosen. The weights were set on
// the tests' news-like corpora and checked on SemEval-2015 (README).
const (
	recentDays   = 7    // mentions up to a week after the date
	recentWeight = 1.0  // ...weigh this
	monthWeight  = 0.75 // up to a month after
	pastWeight   = 0.5  // later than that
	futureWeight = 0.5  // before the date: plans and schedules
	noDateWeight = 0.75 // in an article without a publication date
	coarseWeight = 0.5  // a week, month or year against a day
	// ledeSentences is how many first sentences of an article published on
	// a day tell that day when they name no date of their own (DATEWISE
	// takes five of every article; a news lede is its first one or two).
	ledeSentences = 2
	// laterStart weighs the start of an article's coverage of the topic
	// when it is not the article's first paragraph.
	laterStart = 0.5
	// maxCandidates bounds the sentences compared to tell one day: those
	// with the most weight.
	maxCandidates = 100
	// duplicate is how alike (TF-IDF cosine) two sentences must be to be
	// the same sentence told twice; tells, to tell the same event.
	duplicate = 0.7
	tells     = 0.3
)

// passage is a paragraph of the coverage and how surely it is about the
// topic.
type passage struct {
	hit    newsbot.Hit
	weight float64
	sents  []sentence.Span
}

func (p *passage) sentence(i int) string {
	s := p.sents[i]
	return p.hit.Text[s.Start:s.End]
}

// sentenceAt returns the index of the sentence that holds byte b.
func (p *passage) sentenceAt(b int) int {
	i := sort.Search(len(p.sents), func(i int) bool { return p.sents[i].End > b })
	if i == len(p.sents) {
		return len(p.sents) - 1
	}
	return i
}

// slotKey names a day, or a longer period by its granularity and start.
type slotKey struct {
	gran  timex.Granularity
	begin time.Time
}

func (k slotKey) isDay() bool { return k.gran == timex.Day }

// end is when the period ends.
func (k slotKey) end() time.Time { return timex.EndOf(k.begin, k.gran) }

// words names the day or period for a reader.
func (k slotKey) words() string {
	e := timex.Expression{Granularity: k.gran, Begin: k.begin}
	return timex.Describe(e, time.Time{})
}

// holds reports whether the period holds day d.
func (k slotKey) holds(d time.Time) bool { return !d.Before(k.begin) && d.Before(k.end()) }

// candidate is a sentence that may tell a slot: one that states its date,
// or the start of an article published on its day.
type candidate struct {
	p    *passage
	sent int
	// expr is the expression that dates it; nil for an article's start.
	expr *timex.Expression
	w    float64
	// days is how many days or periods its sentence states: it tells each
	// of them only in part.
	days int
	// dayElsewhere marks a mention of a week, month or year in a sentence
	// that also states a day outside it: the sentence tells that day ("was
	// killed on Thursday, ending a revolt that toppled him in August"),
	// not the period.
	dayElsewhere bool
	// states are the dates its sentence states, in range or not; nil for
	// an article's start.
	states []stated
	vec    vector
	// quote is the sentence as a timeline quotes it, its dateline left
	// out; empty until read.
	quote string
}

// stated is a date a sentence states: its day or period, and its words.
type stated struct {
	key   slotKey
	words string
}

// tellsOtherDates reports whether two sentences each state a date and no
// date of one is, or holds, or falls in, a date of the other: two daily
// reports of one template ("Markets closed higher on Monday, 3 March", "…
// on Tuesday, 4 March") are two events however alike their words. The
// same sentence re-sent, its relative dates in the same words read against
// another publication day ("on Thursday"), is the same report; so is one
// that tells the same day at another precision ("on 3 March", "on Monday
// at 10:00", "in March").
func tellsOtherDates(a, b []stated) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if x.key.holds(y.key.begin) || y.key.holds(x.key.begin) {
				return false
			}
		}
	}
	if len(a) == len(b) {
		same := true
		for i := range a {
			same = same && a[i].words == b[i].words
		}
		if same {
			return false
		}
	}
	return true
}

func (c *candidate) text() string {
	if c.quote == "" {
		c.quote = stripDateline(c.p.sentence(c.sent))
	}
	return c.quote
}

// slot gathers what points at one day or period.
type slot struct {
	key      slotKey
	mentions []*candidate
	ledes    []*candidate
	articles map[string]float64 // articles mentioning it, by relevance
	pub      float64            // articles published on it or the day after
	score    float64
}

type builder struct {
	src   Source
	topic *topicQuery
	req   Request
	slots map[slotKey]*slot
	// undated are events of articles without a publication date.
	undated []Undated
	// outsideFirst and outsideLast are the first and last days or periods
	// dated outside the range.
	outsideFirst, outsideLast slotKey
	idf                       map[string]float64
	// canon maps the topic's other spellings to its own term.
	canon map[string]string
	// vecs and quotes remember what sentences were found to be, by text.
	vecs   map[string]vector
	quotes map[string]bool
}

func newBuilder(src Source, topic *topicQuery, req Request) *builder {
	b := &builder{src: src, topic: topic, req: req, slots: map[slotKey]*slot{}, idf: map[string]float64{}, canon: map[string]string{},
		vecs: map[string]vector{}, quotes: map[string]bool{}}
	if topic != nil {
		for _, g := range topic.groups {
			for _, t := range g[1:] {
				b.canon[t] = g[0]
			}
		}
	}
	return b
}

func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return timex.StartOf(t.UTC(), timex.Day)
}

// keyOf is the slot of a resolved date: its day, for a day or a time of
// day; otherwise its period.
func keyOf(e timex.Expression) slotKey {
	switch e.Granularity {
	case timex.Day, timex.Minute, "":
		return slotKey{gran: timex.Day, begin: dayOf(e.Begin)}
	}
	return slotKey{gran: e.Granularity, begin: e.Begin.UTC()}
}

func (b *builder) inRange(k slotKey) bool {
	return (b.req.From.IsZero() || !k.begin.Before(b.req.From)) && (b.req.To.IsZero() || k.begin.Before(b.req.To))
}

func (b *builder) ranged() bool { return !b.req.From.IsZero() || !b.req.To.IsZero() }

func (b *builder) slot(k slotKey) *slot {
	s := b.slots[k]
	if s == nil {
		s = &slot{key: k, articles: map[string]float64{}}
		b.slots[k] = s
	}
	return s
}

// outside notes a day or period the range leaves out.
func (b *builder) outside(k slotKey) {
	if b.outsideFirst.begin.IsZero() || k.begin.Before(b.outsideFirst.begin) {
		b.outsideFirst = k
	}
	if k.begin.After(b.outsideLast.begin) {
		b.outsideLast = k
	}
}

// mentionWeight weighs a mention of period k in an article published on
// pub: the recent past most.
func mentionWeight(pub time.Time, k slotKey) float64 {
	if pub.IsZero() {
		return noDateWeight
	}
	if pub.Before(k.begin) {
		return futureWeight
	}
	days := pub.Sub(k.end()).Hours() / 24
	switch {
	case days <= recentDays:
		return recentWeight
	case days <= 31:
		return monthWeight
	}
	return pastWeight
}

// collect reads the dates of every passage into slots: each sentence that
// states a date, each article published on a day, each article start that
// names no date; and the undated articles' relative dates.
func (b *builder) collect(passages []*passage) {
	type firstPassage struct {
		p      *passage
		stated []bool // its sentences that state a date
	}
	first := map[string]firstPassage{}  // article → its first passage
	published := map[string]time.Time{} // article → publication day
	relevance := map[string]float64{}   // article → its most relevant passage
	for _, p := range passages {
		c := p.hit.Citation
		pub := dayOf(c.Published)
		p.sents = sentence.Split(p.hit.Text)
		if len(p.sents) == 0 {
			continue
		}
		if !pub.IsZero() {
			published[c.Article] = pub
			relevance[c.Article] = max(relevance[c.Article], p.weight)
		}
		spans := timex.ByteSpans(p.hit.Text, p.hit.Dates)
		saysDate := make([]bool, len(p.sents))
		counted := map[slotKey]map[int]bool{}
		keysIn := map[int][]slotKey{}  // sentence → the days and periods it states
		statesIn := map[int][]stated{} // sentence → every date it states, in range or not
		for k := range p.hit.Dates {
			e := &p.hit.Dates[k]
			if (e.Type == timex.Date || e.Type == timex.Time) && e.Resolved() {
				si := p.sentenceAt(spans[k][0])
				statesIn[si] = append(statesIn[si], stated{key: keyOf(*e), words: strings.ToLower(strings.Join(strings.Fields(e.Text), " "))})
			}
		}
		for _, st := range statesIn {
			// By their words, so that a re-sent sentence lists them alike.
			sort.SliceStable(st, func(i, j int) bool { return st[i].words < st[j].words })
		}
		var made []*candidate
		for k := range p.hit.Dates {
			e := &p.hit.Dates[k]
			if e.Type != timex.Date && e.Type != timex.Time {
				continue
			}
			si := p.sentenceAt(spans[k][0])
			if !e.Resolved() {
				if e.Relative != nil && pub.IsZero() && !b.ranged() {
					b.addUndated(p, si, e)
				}
				continue
			}
			saysDate[si] = true
			key := keyOf(*e)
			if !b.inRange(key) {
				b.outside(key)
				continue
			}
			if counted[key] == nil {
				counted[key] = map[int]bool{}
			}
			if counted[key][si] {
				continue // one sentence, one mention of a day
			}
			counted[key][si] = true
			s := b.slot(key)
			m := &candidate{p: p, sent: si, expr: e, w: mentionWeight(pub, key) * p.weight, states: statesIn[si]}
			s.mentions = append(s.mentions, m)
			s.articles[c.Article] = max(s.articles[c.Article], m.w)
			made = append(made, m)
			keysIn[si] = append(keysIn[si], key)
		}
		for _, m := range made {
			keys := keysIn[m.sent]
			m.days = len(keys)
			if own := keyOf(*m.expr); !own.isDay() {
				for _, k := range keys {
					m.dayElsewhere = m.dayElsewhere || (k.isDay() && !own.holds(k.begin))
				}
			}
		}
		if !pub.IsZero() {
			if f, ok := first[c.Article]; !ok || c.Paragraph < f.p.hit.Citation.Paragraph {
				first[c.Article] = firstPassage{p, saysDate}
			}
		}
	}
	// The start of each article published on a day tells that day, when it
	// names no date of its own: its first passage about the topic, the
	// article's lede for most news.
	for _, article := range sortedKeys(first) {
		f := first[article]
		key := slotKey{gran: timex.Day, begin: published[article]}
		if !b.inRange(key) {
			continue
		}
		w := f.p.weight
		if f.p.hit.Citation.Paragraph > 1 {
			w *= laterStart
		}
		for si := 0; si < min(ledeSentences, len(f.p.sents)); si++ {
			if !f.stated[si] {
				b.slot(key).ledes = append(b.slot(key).ledes, &candidate{p: f.p, sent: si, w: w})
			}
		}
	}
	for _, article := range sortedKeys(published) {
		pub := published[article]
		for _, d := range []time.Time{pub, pub.AddDate(0, 0, -1)} {
			key := slotKey{gran: timex.Day, begin: d}
			if b.inRange(key) {
				b.slot(key).pub += relevance[article]
			} else if d.Equal(pub) {
				b.outside(key)
			}
		}
	}
	for _, s := range b.slots {
		mentions, articles := 0.0, 0.0
		for _, m := range s.mentions {
			mentions += m.w
		}
		for _, a := range sortedKeys(s.articles) {
			articles += s.articles[a]
		}
		s.score = mentions + articles + s.pub
		if !s.key.isDay() {
			s.score *= coarseWeight
		}
	}
}

// addUndated keeps a relative date of an undated article as an undated
// event, once per sentence: the same sentence at the same offset in
// another undated article (a syndicated copy) is the same event, citing
// both.
func (b *builder) addUndated(p *passage, si int, e *timex.Expression) {
	text := p.sentence(si)
	if !Quotable(text) {
		return
	}
	text = stripDateline(text)
	cit := p.hit.Citation
	for i := range b.undated {
		u := &b.undated[i]
		if u.Text != text {
			continue
		}
		if u.Citation.Article == cit.Article {
			return
		}
		if u.Offset != *e.Relative {
			continue
		}
		for _, o := range u.Others {
			if o.Article == cit.Article {
				return
			}
		}
		u.Others = append(u.Others, cit)
		sort.Slice(u.Others, func(i, j int) bool { return citeLess(u.Others[i], u.Others[j]) })
		u.Sources++
		u.weight = max(u.weight, p.weight)
		return
	}
	b.undated = append(b.undated, Undated{Relative: timex.Describe(*e, time.Time{}), Offset: *e.Relative,
		Text: text, Citation: cit, Sources: 1, weight: p.weight})
}

// undatedEvents returns up to n undated events, the most relevant, in
// their articles' order.
func (b *builder) undatedEvents(n int) []Undated {
	if n <= 0 {
		return nil
	}
	out := append([]Undated(nil), b.undated...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	if len(out) > n {
		out = out[:n]
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Citation.Article != b.Citation.Article {
			return a.Citation.Article < b.Citation.Article
		}
		if da, db := approxDays(a.Offset), approxDays(b.Offset); da != db {
			return da < db
		}
		return a.Citation.Paragraph < b.Citation.Paragraph
	})
	return out
}

// approxDays places an offset on a day scale, to order undated events.
func approxDays(o timex.Offset) int {
	per := map[timex.Granularity]int{timex.Minute: 0, timex.Day: 1, timex.Week: 7, timex.Month: 30, timex.Quarter: 91,
		timex.Season: 91, timex.Half: 182, timex.Year: 365, timex.Decade: 3650, timex.Century: 36500}[o.Unit]
	return o.N * per
}
