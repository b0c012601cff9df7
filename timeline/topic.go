package timeline

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/newsbot-dev/newsbot"
)

// topicQuery is a topic as the timeline searches it: its terms, each with
// the other spellings the corpus uses for it, and the words its coverage
// keeps using (pseudo-relevance feedback), which find the later articles
// of a story that no longer repeat its headline words.
type topicQuery struct {
	terms []string
	// groups[i] is terms[i] and its accepted variants.
	groups [][]string
	// idf weighs each group: a paragraph's relevance is the share of the
	// topic's weight it holds.
	idf []float64
	// min is how many groups a paragraph must hold to be about the topic.
	min int
	// related are the topic's frequent co-terms; a paragraph holding
	// minRelated of them is about the topic too, though less surely.
	related    []string
	relatedIDF []float64
}

// The feedback that expands a topic (Rocchio; Lavrenko and Croft's
// relevance models in the RM3 form Lucene and Anserini use). The sizes
// were chosen on small news-like corpora in the tests and checked on
// SemEval-2015 (README, "Timelines").
const (
	// feedbackDocs is how many of the best matching paragraphs describe
	// the topic's coverage.
	feedbackDocs = 30
	// feedbackShare is the share of those paragraphs a co-term must appear
	// in.
	feedbackShare = 0.2
	// minLift is how much more often than in the corpus a co-term must be
	// in the topic's paragraphs: the story's words, not its field's
	// ("deepwater", not "oil").
	minLift = 3
	// maxRelated is how many co-terms are kept.
	maxRelated = 10
	// minRelated is how many co-terms a paragraph that names no topic term
	// must hold.
	minRelated = 3
	// relatedWeight is the weight of such a paragraph, against 1 for one
	// holding every topic term.
	relatedWeight = 0.5
	// variantDocs is how many paragraphs of a candidate spelling are read
	// to compare its coverage with the topic's.
	variantDocs = 20
	// minVariantSimilarity is how alike (cosine of their co-term profiles)
	// the coverage of a spelling and of the topic term must be:
	// "Qaddafi" and "Gaddafi" are written about in the same words,
	// "policy" and "police" are not.
	minVariantSimilarity = 0.2
)

// expandTopic analyses topic and finds its spelling variants and co-terms
// in the index. It returns nil when the topic has no searchable term.
func expandTopic(ctx context.Context, src Source, topic string) (*topicQuery, error) {
	terms := src.QueryTerms(topic)
	if len(terms) == 0 {
		return nil, nil
	}
	docs, dfs, err := src.DocFreqs(ctx, terms)
	if err != nil {
		return nil, err
	}
	q := &topicQuery{terms: terms, min: (len(terms) + 1) / 2}
	for i, t := range terms {
		q.groups = append(q.groups, []string{t})
		q.idf = append(q.idf, idf(docs, dfs[i]))
	}
	feedback, err := src.Gather(ctx, newsbot.GatherRequest{Clauses: []newsbot.TermClause{q.clause()}, Max: feedbackDocs})
	if err != nil {
		return nil, err
	}
	profile, err := termProfile(ctx, src, feedback, docs, nil)
	if err != nil {
		return nil, err
	}
	for i, t := range terms {
		variants, err := spellings(ctx, src, t, dfs[i], profile, docs)
		if err != nil {
			return nil, err
		}
		q.groups[i] = append(q.groups[i], variants...)
	}
	q.related = coTerms(profile, q.groups)
	for _, t := range q.related {
		q.relatedIDF = append(q.relatedIDF, profile.idf[t])
	}
	return q, nil
}

// clause is the topic as an index clause: at least min of its groups.
func (q *topicQuery) clause() newsbot.TermClause {
	return newsbot.TermClause{Groups: q.groups, Min: q.min}
}

// clauses are what gathers the coverage: the topic's terms, or enough of
// its co-terms.
func (q *topicQuery) clauses() []newsbot.TermClause {
	out := []newsbot.TermClause{q.clause()}
	if len(q.related) >= minRelated {
		groups := make([][]string, len(q.related))
		for i, t := range q.related {
			groups[i] = []string{t}
		}
		out = append(out, newsbot.TermClause{Groups: groups, Min: minRelated})
	}
	return out
}

// coverage keeps the gathered paragraphs that are about the topic, with
// how surely they are. A paragraph that names the topic is; one that holds
// only its co-terms is when its article never names the topic: a story's
// later article that no longer repeats the headline words. In an article
// that does name it, the paragraphs that do not are about something else.
func (q *topicQuery) coverage(hits []newsbot.Hit) []*passage {
	naming := map[string]bool{} // articles with a paragraph naming the topic
	weights := make([]float64, len(hits))
	named := make([]bool, len(hits))
	for i, h := range hits {
		weights[i], named[i] = q.weight(h)
		if named[i] {
			naming[h.Citation.Article] = true
		}
	}
	var out []*passage
	for i, h := range hits {
		if weights[i] > 0 && (named[i] || !naming[h.Citation.Article]) {
			out = append(out, &passage{hit: h, weight: weights[i]})
		}
	}
	return out
}

// weight says how surely a paragraph is about the topic: the share of the
// topic's weight (IDF) whose terms it holds (named), or relatedWeight when
// it holds only co-terms; 0 when it is not about it.
func (q *topicQuery) weight(h newsbot.Hit) (w float64, named bool) {
	held := make(map[string]bool, len(h.Matches))
	for _, m := range h.Matches {
		held[m.Term] = true
	}
	have, total, groups := 0.0, 0.0, 0
	for i, g := range q.groups {
		total += q.idf[i]
		for _, t := range g {
			if held[t] {
				have += q.idf[i]
				groups++
				break
			}
		}
	}
	if groups >= q.min && total > 0 {
		return have / total, true
	}
	// Co-terms stand for the topic when they say as much as its own terms
	// (by IDF): "deepwater", "horizon" and "rig" for "BP spill", but not
	// "aircraft", "airline" and "order" for "Boeing 787 Dreamliner" in a
	// corpus of aviation news.
	related, weight := 0, 0.0
	for i, t := range q.related {
		if held[t] {
			related++
			weight += q.relatedIDF[i]
		}
	}
	if related >= minRelated && weight >= total {
		return relatedWeight, false
	}
	return 0, false
}

// holds reports whether a sentence's terms name the topic.
func (q *topicQuery) holds(terms []string) bool {
	for _, t := range terms {
		for _, g := range q.groups {
			for _, x := range g {
				if t == x {
					return true
				}
			}
		}
	}
	return false
}

// calendarWords are weekday and month names as the analyser leaves them
// (read only, made once).
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("mondai tuesdai wednesdai thursdai fridai saturdai sundai monday tuesday wednesday thursday friday saturday sunday " +
		"januari februari march april mai june juli august septemb octob novemb decemb january february may july september october november december") {
		m[w] = true
	}
	return m
}()

func idf(docs, df int) float64 {
	return math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
}

// profile is what a set of paragraphs is written in: each term's share of
// the paragraphs that hold it, times its IDF in the index.
type profile struct {
	n int
	// lift is how many times more often a term is in these paragraphs
	// than in the corpus.
	lift   map[string]float64
	share  map[string]float64
	idf    map[string]float64
	weight map[string]float64
}

// termProfile reads the terms of hits, leaving out those of skip.
func termProfile(ctx context.Context, src Source, hits []newsbot.Hit, docs int, skip map[string]bool) (*profile, error) {
	p := &profile{n: len(hits), lift: map[string]float64{}, share: map[string]float64{}, idf: map[string]float64{}, weight: map[string]float64{}}
	if len(hits) == 0 {
		return p, nil
	}
	count := map[string]int{}
	for _, h := range hits {
		seen := map[string]bool{}
		for _, t := range src.Terms(h.Text) {
			if !seen[t] && !skip[t] && usefulTerm(t) {
				seen[t] = true
				count[t]++
			}
		}
	}
	var terms []string
	for t, c := range count {
		if c >= 2 || len(hits) < 4 {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	_, dfs, err := src.DocFreqs(ctx, terms)
	if err != nil {
		return nil, err
	}
	for i, t := range terms {
		p.share[t] = float64(count[t]) / float64(len(hits))
		p.idf[t] = idf(docs, dfs[i])
		if dfs[i] > 0 {
			p.lift[t] = p.share[t] * float64(docs) / float64(dfs[i])
		}
		p.weight[t] = p.share[t] * p.idf[t]
	}
	return p, nil
}

// usefulTerm rules out terms that say nothing of a topic: numbers, one-
// or two-letter words, and the names of days and months (analysed).
func usefulTerm(t string) bool {
	if len(t) < 3 || calendarWords[t] {
		return false
	}
	for _, r := range t {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// cosine compares two profiles, leaving out the terms of skip.
func (p *profile) cosine(o *profile, skip map[string]bool) float64 {
	dot, a, b := 0.0, 0.0, 0.0
	for t, w := range p.weight {
		if skip[t] {
			continue
		}
		a += w * w
		dot += w * o.weight[t]
	}
	for t, w := range o.weight {
		if !skip[t] {
			b += w * w
		}
	}
	if a == 0 || b == 0 {
		return 0
	}
	return dot / math.Sqrt(a*b)
}

// spellings returns the other spellings of term that the corpus uses for
// the same thing: index terms one or two edits away (two for terms of seven
// letters or more) that sound the same (same consonant key), and whose
// coverage is written in the words of term's. When term itself is not in
// the corpus, the spellings that sound the same stand in for it.
func spellings(ctx context.Context, src Source, term string, df int, topic *profile, docs int) ([]string, error) {
	n := len([]rune(term))
	if n < 5 || !isWord(term) {
		return nil, nil
	}
	edits := 1
	if n >= 7 {
		edits = 2
	}
	cands, err := src.TermVariants(ctx, term, edits)
	if err != nil {
		return nil, err
	}
	key := soundKey(term)
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].Count != cands[j].Count {
			return cands[i].Count > cands[j].Count
		}
		return cands[i].Term < cands[j].Term
	})
	var out []string
	for _, c := range cands {
		if soundKey(c.Term) != key || !isWord(c.Term) {
			continue
		}
		if df == 0 {
			out = append(out, c.Term)
			continue
		}
		hits, err := src.Gather(ctx, newsbot.GatherRequest{Clauses: []newsbot.TermClause{{Groups: [][]string{{c.Term}}, Min: 1}}, Max: variantDocs})
		if err != nil {
			return nil, fmt.Errorf("spelling %q: %w", c.Term, err)
		}
		skip := map[string]bool{term: true, c.Term: true}
		theirs, err := termProfile(ctx, src, hits, docs, skip)
		if err != nil {
			return nil, err
		}
		if topic.cosine(theirs, skip) >= minVariantSimilarity {
			out = append(out, c.Term)
		}
	}
	return out, nil
}

func isWord(t string) bool {
	for _, r := range t {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// soundKey is a word's consonants by how they sound, as Soundex groups
// them (b f p v; c g j k q s x z; d t; l; m n; r), repeats and vowels
// dropped, and the first letter grouped too: "gaddafi", "qaddafi",
// "gadhafi", "kadhafi" and "khadafi" all give "231".
func soundKey(word string) string {
	var b strings.Builder
	last := byte(0)
	for _, r := range strings.ToLower(word) {
		var c byte
		switch r {
		case 'b', 'f', 'p', 'v':
			c = '1'
		case 'c', 'g', 'j', 'k', 'q', 's', 'x', 'z':
			c = '2'
		case 'd', 't':
			c = '3'
		case 'l':
			c = '4'
		case 'm', 'n':
			c = '5'
		case 'r':
			c = '6'
		case 'h', 'w', 'y':
			continue // does not separate repeats
		default:
			last = 0 // a vowel separates
			continue
		}
		if c != last {
			b.WriteByte(c)
		}
		last = c
	}
	return b.String()
}

// coTerms are the topic's co-terms: the terms in at least feedbackShare of
// its best paragraphs, by share times IDF, its own terms left out.
func coTerms(p *profile, groups [][]string) []string {
	own := map[string]bool{}
	for _, g := range groups {
		for _, t := range g {
			own[t] = true
		}
	}
	var out []string
	for t, share := range p.share {
		if !own[t] && share >= feedbackShare && p.lift[t] >= minLift && p.n >= minRelated {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if p.weight[out[i]] != p.weight[out[j]] {
			return p.weight[out[i]] > p.weight[out[j]]
		}
		return out[i] < out[j]
	})
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return out
}
