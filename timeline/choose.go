package timeline

import (
	"container/heap"
	"context"
	"math"
	"sort"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// option is a way to fill one place of the timeline: a day, or one event
// of a longer period (a year may hold several). A period's events are
// found only when the period comes up (expanded): its score bounds theirs.
type option struct {
	slot     *slot
	cands    []*candidate
	score    float64
	expanded bool
}

// options is a priority queue of options, best first.
type options []option

func (q options) Len() int { return len(q) }
func (q options) Less(i, j int) bool {
	a, b := q[i], q[j]
	if a.score != b.score {
		return a.score > b.score
	}
	if !a.slot.key.begin.Equal(b.slot.key.begin) {
		return a.slot.key.begin.Before(b.slot.key.begin)
	}
	if a.slot.key.gran != b.slot.key.gran {
		return a.slot.key.isDay()
	}
	if len(a.cands) > 0 && len(b.cands) > 0 {
		return candLess(a.cands[0], b.cands[0])
	}
	return false
}
func (q options) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *options) Push(x any)   { *q = append(*q, x.(option)) }
func (q *options) Pop() any {
	old := *q
	o := old[len(old)-1]
	*q = old[:len(old)-1]
	return o
}

// maxClustered bounds the sentences of a period that are grouped into
// events: the weightiest.
const maxClustered = 30

// expand turns a period into its events: its quotable sentences grouped
// by what they tell, each group scored as the period is. A sentence that
// states a day outside the period tells that day, not the period.
func (b *builder) expand(ctx context.Context, s *slot) ([]option, error) {
	var own []*candidate
	for _, m := range s.mentions {
		if !m.dayElsewhere {
			own = append(own, m)
		}
	}
	cands := b.weightiestQuotable(own, maxClustered)
	clusters, err := b.clusters(ctx, cands)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, cl := range clusters {
		w, articles := 0.0, map[string]float64{}
		for _, c := range cl {
			w += c.w
			articles[c.p.hit.Citation.Article] = max(articles[c.p.hit.Citation.Article], c.w)
		}
		for _, a := range sortedKeys(articles) {
			w += articles[a]
		}
		out = append(out, option{slot: s, cands: cl, score: min(s.score, coarseWeight*w), expanded: true})
	}
	return out, nil
}

// choose picks the events: the best-scored options first, each told in its
// most central sentence, until the limit; a period gives way to its days.
func (b *builder) choose(ctx context.Context) ([]Event, error) {
	queue := make(options, 0, len(b.slots))
	for _, s := range b.slots {
		if len(s.mentions)+len(s.ledes) > 0 {
			queue = append(queue, option{slot: s, score: s.score})
		}
	}
	heap.Init(&queue)
	type chosenEvent struct {
		Event
		key    slotKey
		vec    vector
		states []stated
	}
	var chosen []chosenEvent
	for queue.Len() > 0 && len(chosen) < b.req.Limit {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o := heap.Pop(&queue).(option)
		key := o.slot.key
		if !key.isDay() && !b.req.KeepPeriods {
			covered := false
			for _, c := range chosen {
				if c.key.isDay() && key.holds(c.key.begin) {
					covered = true
					break
				}
			}
			if covered {
				continue
			}
		}
		if !key.isDay() && !o.expanded {
			events, err := b.expand(ctx, o.slot)
			if err != nil {
				return nil, err
			}
			for _, e := range events {
				heap.Push(&queue, e)
			}
			continue
		}
		if key.isDay() {
			o.cands = b.weightiestQuotable(append(o.slot.mentions[:len(o.slot.mentions):len(o.slot.mentions)], o.slot.ledes...), maxCandidates)
		}
		ranked, err := b.rank(ctx, o.cands)
		if err != nil {
			return nil, err
		}
		// The day's best sentence not told already; those told already,
		// under another date, cite their article on the event that told
		// them. A sentence that states another date than the one that told
		// it is another event, however alike (tellsOtherDates).
		var best *candidate
		for _, c := range ranked {
			of := -1
			for j, e := range chosen {
				if cosine(c.vec, e.vec) >= duplicate && !tellsOtherDates(c.states, e.states) {
					of = j
					break
				}
			}
			if of < 0 {
				best = c
				break
			}
			chosen[of].Event.cite(c.p.hit.Citation)
		}
		if best == nil {
			continue // told already, under another date
		}
		ev := b.event(o, best, ranked)
		if key.isDay() && !b.req.KeepPeriods {
			kept := chosen[:0]
			for _, c := range chosen {
				if c.key.isDay() || !c.key.holds(key.begin) {
					kept = append(kept, c)
				}
			}
			chosen = kept
		}
		chosen = append(chosen, chosenEvent{Event: ev, key: key, vec: best.vec, states: best.states})
	}
	events := make([]Event, len(chosen))
	for i, c := range chosen {
		events[i] = c.Event
	}
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if !a.Begin.Equal(b.Begin) {
			return a.Begin.Before(b.Begin)
		}
		if a.Granularity != b.Granularity {
			return a.Granularity != timex.Day // the year before its days
		}
		return citeLess(a.Citations[0], b.Citations[0])
	})
	return events, nil
}

// event tells option o in its best sentence, citing every candidate that
// tells the same.
func (b *builder) event(o option, best *candidate, ranked []*candidate) Event {
	key := o.slot.key
	ev := Event{Begin: key.begin, Text: best.text(), Score: o.score, Granularity: key.gran}
	pub := best.p.hit.Citation.Published
	switch {
	case key.isDay():
		ev.Value = key.begin.Format(time.DateOnly)
		ev.Words = key.begin.Format("2 January 2006")
		if best.expr == nil {
			ev.Words += " (publication date)"
			ev.FromPublication = true
		}
	default:
		ev.Value = best.expr.Value
		ev.Words = timex.Describe(*best.expr, pub)
	}
	ev.Citations = []newsbot.Citation{best.p.hit.Citation}
	var others []newsbot.Citation
	type place struct {
		article string
		n       int
	}
	seen := map[place]bool{{best.p.hit.Citation.Article, best.p.hit.Citation.Paragraph}: true}
	for _, c := range ranked {
		cit := c.p.hit.Citation
		at := place{cit.Article, cit.Paragraph}
		if c != best && !seen[at] && cosine(c.vec, best.vec) >= tells {
			seen[at] = true
			others = append(others, cit)
		}
	}
	sort.Slice(others, func(i, j int) bool { return citeLess(others[i], others[j]) })
	ev.Citations = append(ev.Citations, others...)
	articles := map[string]bool{}
	for _, c := range ev.Citations {
		articles[c.Article] = true
	}
	ev.Sources = len(articles)
	return ev
}

// cite adds c to the event's citations, after the quoted one, unless it
// is there already, and counts the sources again.
func (ev *Event) cite(c newsbot.Citation) {
	for _, have := range ev.Citations {
		if have.Article == c.Article && have.Paragraph == c.Paragraph {
			return
		}
	}
	ev.Citations = append(ev.Citations, c)
	others := ev.Citations[1:]
	sort.Slice(others, func(i, j int) bool { return citeLess(others[i], others[j]) })
	articles := map[string]bool{}
	for _, have := range ev.Citations {
		articles[have.Article] = true
	}
	ev.Sources = len(articles)
}

// weightiestQuotable returns the n weightiest quotable candidates,
// weightiest first.
func (b *builder) weightiestQuotable(cands []*candidate, n int) []*candidate {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].w != cands[j].w {
			return cands[i].w > cands[j].w
		}
		return candLess(cands[i], cands[j])
	})
	var out []*candidate
	for _, c := range cands {
		if len(out) == n {
			break
		}
		if b.quotable(c.text()) {
			out = append(out, c)
		}
	}
	return out
}

// quotable is Quotable(text), remembered: the copies of a syndicated story
// ask it of the same sentences.
func (b *builder) quotable(text string) bool {
	q, ok := b.quotes[text]
	if !ok {
		q = Quotable(text)
		b.quotes[text] = q
	}
	return q
}

// vectors gives each candidate its TF-IDF vector, reading the document
// frequencies of terms not seen yet in one call; a sentence seen before
// (another copy of the story) has its vector already.
func (b *builder) vectors(ctx context.Context, cands []*candidate) error {
	terms := make([][]string, len(cands))
	var unknown []string
	seen := map[string]bool{}
	for i, c := range cands {
		if c.vec != nil {
			continue
		}
		if v, ok := b.vecs[c.text()]; ok {
			c.vec = v // the same sentence in another copy of the story
			continue
		}
		terms[i] = b.src.Terms(c.text())
		for _, t := range terms[i] {
			if _, ok := b.idf[t]; !ok && !seen[t] {
				seen[t] = true
				unknown = append(unknown, t)
			}
		}
	}
	if len(unknown) > 0 {
		docs, dfs, err := b.src.DocFreqs(ctx, unknown)
		if err != nil {
			return err
		}
		for i, t := range unknown {
			b.idf[t] = idf(docs, dfs[i])
		}
	}
	for i, c := range cands {
		if c.vec != nil {
			continue
		}
		c.vec = vector{}
		for _, t := range terms[i] {
			w := b.idf[t]
			if canon, ok := b.canon[t]; ok {
				t = canon // "qaddafi" is "gaddafi"
			}
			c.vec[t] += w
		}
		b.vecs[c.text()] = c.vec
	}
	return nil
}

// rank orders a day's candidates, best first: those that name the topic
// (DATEWISE's keyword filter), then the most central (TF-IDF cosine with
// the sum of the others: the sentence that shares most with the rest),
// then the weightiest, then in corpus order. At most maxCandidates, the
// weightiest, are compared.
func (b *builder) rank(ctx context.Context, cands []*candidate) ([]*candidate, error) {
	cands = append([]*candidate(nil), cands...)
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].w != cands[j].w {
			return cands[i].w > cands[j].w
		}
		return candLess(cands[i], cands[j])
	})
	if len(cands) > maxCandidates {
		cands = cands[:maxCandidates]
	}
	if err := b.vectors(ctx, cands); err != nil {
		return nil, err
	}
	sum := vector{}
	unit := make([]vector, len(cands))
	for i, c := range cands {
		n := c.vec.norm()
		unit[i] = vector{}
		if n == 0 {
			continue
		}
		for t, w := range c.vec {
			unit[i][t] = w / n
			sum[t] += w / n
		}
	}
	central := make(map[*candidate]float64, len(cands))
	topical := make(map[*candidate]bool, len(cands))
	for i, c := range cands {
		rest := vector{}
		for t, w := range sum {
			if r := w - unit[i][t]; r > 1e-9 {
				rest[t] = r
			}
		}
		// A sentence that states several days (a chronology, "first held on
		// March 3 and resumed on March 10") tells each only in part.
		central[c] = math.Round(cosine(c.vec, rest)/float64(max(1, c.days))*1e6) / 1e6
		if b.topic != nil {
			terms := make([]string, 0, len(c.vec))
			for t := range c.vec {
				terms = append(terms, t)
			}
			topical[c] = b.topic.holds(terms)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, c := cands[i], cands[j]
		if topical[a] != topical[c] {
			return topical[a]
		}
		if central[a] != central[c] {
			return central[a] > central[c]
		}
		if a.w != c.w {
			return a.w > c.w
		}
		return candLess(a, c)
	})
	return cands, nil
}

// clusters groups a period's sentences by what they tell: near-duplicates
// together, each group one possible event.
func (b *builder) clusters(ctx context.Context, cands []*candidate) ([][]*candidate, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	sort.SliceStable(cands, func(i, j int) bool { return candLess(cands[i], cands[j]) })
	if err := b.vectors(ctx, cands); err != nil {
		return nil, err
	}
	var out [][]*candidate
	for _, c := range cands {
		joined := false
		for i := range out {
			if cosine(out[i][0].vec, c.vec) >= duplicate && !tellsOtherDates(out[i][0].states, c.states) {
				out[i] = append(out[i], c)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, []*candidate{c})
		}
	}
	return out, nil
}

// sortedKeys returns a map's keys in order: sums over maps are made in
// one order, so that scores, and the timeline, are the same run after run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func candLess(a, b *candidate) bool {
	ca, cb := a.p.hit.Citation, b.p.hit.Citation
	if ca.Article != cb.Article {
		return ca.Article < cb.Article
	}
	if ca.Paragraph != cb.Paragraph {
		return ca.Paragraph < cb.Paragraph
	}
	return a.sent < b.sent
}

func citeLess(a, b newsbot.Citation) bool {
	if a.Article != b.Article {
		return a.Article < b.Article
	}
	return a.Paragraph < b.Paragraph
}
