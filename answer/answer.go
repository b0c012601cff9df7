// Package answer turns a question into an extractive answer: it asks a
// newsbot.Searcher for candidate paragraphs, reranks them with features that
// lift the passage that really answers (the best single sentence, phrase
// proximity, and the question's intent: causes for "why", dates for "when"),
// and returns the best passages verbatim with citations and highlights. It
// knows nothing of Bleve or Discord.
package answer

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
	"github.com/newsbot-dev/newsbot/timex"
)

// Weights scale each ranking feature. A candidate's score is its BM25 score
// over the best candidate's, plus each feature times its weight. Zero
// switches a feature off.
type Weights struct {
	// Sentence: the IDF share of the question's terms in the best sentence.
	Sentence float64
	// Proximity: the IDF share of the question's term pairs found close together.
	Proximity float64
	// Article: the IDF share of the question's terms found in the article's
	// candidate paragraphs together.
	Article float64
	// When and Why: the IDF share in the best sentence that holds a time
	// expression (when-questions) or causal language (why-questions). For
	// why-questions the share also counts the terms of the paragraph before
	// (when it is a candidate) and the title: an explanation often follows
	// the paragraph that tells the event and leaves the subject to it.
	When, Why float64
	// WhySection: for why-questions, the cause share of the first
	// paragraph under a "Why …?" heading, added to the score of the
	// paragraph before the heading (explainSections).
	WhySection float64
}

// DefaultWeights returns the weights kept after checking each on both
// halves of SQuAD and on news (see the README, "Reranking"). Why is 0:
// causal language put 3 more of the even half's 63 why-questions' answers
// first and one fewer of the odd half's 92, and on held-out newswire it
// fires almost as often on the other candidates as on the answers. It is a
// function, not a variable, so that no caller can change every Engine's
// defaults.
func DefaultWeights() Weights {
	return Weights{Sentence: 0.6, Proximity: 0.4, Article: 0.3, When: 0.3, Why: 0, WhySection: 0.6}
}

// Config tunes an Engine.
type Config struct {
	// Candidates is how many BM25 hits are reranked (default 20; 30 gave
	// the same SQuAD recall at a higher cost).
	Candidates int
	// MinCoverage is the share of the question's term weight (IDF) that a
	// passage and its article's title must hold for the passage to be
	// shown (default 0.46, see aboutQuestion); when none does, the corpus
	// has no answer.
	MinCoverage float64
	// Weights of the ranking features; nil means DefaultWeights().
	Weights *Weights
}

// Engine answers questions from a Searcher. It is safe for concurrent use.
type Engine struct {
	searcher newsbot.Searcher
	cfg      Config
	weights  Weights
}

// New returns an Engine over s.
func New(s newsbot.Searcher, cfg Config) *Engine {
	if cfg.Candidates <= 0 {
		cfg.Candidates = 20
	}
	if cfg.MinCoverage <= 0 {
		cfg.MinCoverage = DefaultMinCoverage
	}
	w := DefaultWeights()
	if cfg.Weights != nil {
		w = *cfg.Weights
	}
	return &Engine{searcher: s, cfg: cfg, weights: w}
}

// DefaultMinCoverage is the share of a question's term weight a passage
// must hold (with its title) to answer it. It was chosen on SQuAD with a
// quarter of the articles left out of the index, on the even-numbered
// articles' questions: the highest share that still answers at least 97%
// of the questions about indexed articles (see the README, "No answer").
const DefaultMinCoverage = 0.46

// followCoverage is the share of the question's term weight that the
// passages after the lead must hold (the rule for every passage before
// aboutQuestion). Without it SQuAD R@3 was 0.889, with it 0.896.
const followCoverage = 0.3

// MaxQuestionBytes bounds the question text looked at; the rest is ignored.
const MaxQuestionBytes = 4096

// Answer returns up to k passages that answer question, best first. An
// Answer without passages means nothing in the corpus answers it well.
func (e *Engine) Answer(ctx context.Context, cmd newsbot.Command, question string, k int) (*newsbot.Answer, error) {
	if k <= 0 {
		k = 3
	}
	question = strings.ToValidUTF8(question, "")
	if len(question) > MaxQuestionBytes {
		question = truncateUTF8(question, MaxQuestionBytes)
	}
	ans := &newsbot.Answer{Command: cmd, Query: question}
	// Only when-questions read the paragraphs' dates.
	// Greetings and courtesies are not what the question is about.
	res, err := e.searcher.Search(ctx, newsbot.SearchRequest{Text: askedPart(question), Limit: max(e.cfg.Candidates, k), WithDates: cmd == newsbot.When})
	if err != nil {
		return nil, fmt.Errorf("answering %q: %w", cmd, err)
	}
	ranked := e.rank(cmd, res)
	// The lead is the best passage about the question; none, no answer.
	// The passages after it need only hold followCoverage of the
	// question's weight: the corpus has the answer, and they give more of it.
	// A passage carried by several articles is shown once, citing them all.
	lead := slices.IndexFunc(ranked, func(r scored) bool { return r.about })
	if lead < 0 {
		return ans, nil
	}
	var event questionEvent
	if cmd == newsbot.When {
		event = newQuestionEvent(res.Terms)
	}
	for _, g := range groupDuplicates(ranked, lead, k) {
		ans.Passages = append(ans.Passages, g.passage(cmd, event))
	}
	return ans, nil
}

// intent returns the weight of the intent feature for cmd.
func (w Weights) intent(cmd newsbot.Command) float64 {
	switch cmd {
	case newsbot.When:
		return w.When
	case newsbot.Why:
		return w.Why
	}
	return 0
}

// ledeCoverage is the share of a when-question's term weight that an
// article's title must hold for its lede to count as dated: the question
// then asks about the headline's event, which a dated article's first
// paragraph reports as of its publication date.
const ledeCoverage = 0.75

// paraKey identifies a paragraph among the candidates.
type paraKey struct {
	article string
	n       int
}

func keyOf(h *newsbot.Hit) paraKey { return paraKey{h.Citation.Article, h.Citation.Paragraph} }

// scored is a candidate with its features.
type scored struct {
	hit      *newsbot.Hit
	score    float64
	coverage float64
	intent   float64 // the weighted intent part of score
	cause    float64 // for why-questions, the intent feature: the cause share
	about    bool    // the passage is about the question (aboutQuestion)
}

// explainSections lets the first paragraph under a heading that asks why
// ("Why now?", "Why it matters") answer for the paragraph before the
// heading: the article says that this is where the event just told is
// explained. Such a paragraph, when it holds causal language about the
// question, scores the paragraph before it (without that paragraph's
// intent part) plus weight times its cause share, if that is more than its
// own score.
func explainSections(out []scored, weight float64) {
	byPara := make(map[paraKey]*scored, len(out))
	for i := range out {
		byPara[keyOf(out[i].hit)] = &out[i]
	}
	for i := range out {
		s := &out[i]
		prev, ok := byPara[paraKey{s.hit.Citation.Article, s.hit.Citation.Paragraph - 1}]
		if !ok || s.hit.Section == prev.hit.Section || Intent(s.hit.Section) != newsbot.Why || s.cause == 0 {
			continue
		}
		s.score = max(s.score, prev.score-prev.intent+weight*s.cause)
		s.coverage = max(s.coverage, prev.coverage)
	}
}

// aboutQuestion decides whether a passage is about the question, so that
// it may answer it: the passage and its title hold at least MinCoverage of
// the question's term weight, and its article (its title and its
// paragraphs among the candidates) holds at least half of the names the
// question writes with a capital ("Gaddafi", "Sirte", "Apple Corps"). A
// passage that merely shares a question's common words ("What do lobates
// feed on?" and a chant about feeding) is not.
func (e *Engine) aboutQuestion(coverage float64, terms []newsbot.QueryTerm, article map[string]bool) bool {
	if coverage < e.cfg.MinCoverage {
		return false
	}
	names, held := 0, 0
	for _, t := range terms {
		if t.Name {
			names++
			if article[t.Term] {
				held++
			}
		}
	}
	return 2*held >= names
}

// rank scores every hit of res and sorts them best first.
func (e *Engine) rank(cmd newsbot.Command, res *newsbot.SearchResult) []scored {
	if len(res.Hits) == 0 {
		return nil
	}
	idf := make(map[string]float64, len(res.Terms))
	var totalIDF float64
	for _, t := range res.Terms {
		idf[t.Term] = t.IDF
		totalIDF += t.IDF
	}
	if totalIDF == 0 {
		totalIDF = 1
	}
	maxBM25 := 0.0
	for _, h := range res.Hits {
		maxBM25 = max(maxBM25, h.Score)
	}
	if maxBM25 == 0 {
		maxBM25 = 1
	}
	// Each candidate's matched terms, text and title, by paragraph; and the
	// union per article: the IDF share of the question's terms found among
	// an article's candidates lifts the paragraph whose neighbours name the
	// subject it leaves out.
	paraTerms := make(map[paraKey]map[string]bool, len(res.Hits))

	articleTerms := make(map[string]map[string]bool)
	for i := range res.Hits {
		h := &res.Hits[i]
		set := make(map[string]bool)
		for _, m := range h.Matches {
			set[m.Term] = true
		}
		paraTerms[keyOf(h)] = set
		all := articleTerms[h.Citation.Article]
		if all == nil {
			all = make(map[string]bool)
			articleTerms[h.Citation.Article] = all
		}
		for t := range set {
			all[t] = true
		}
		for _, t := range h.TitleTerms {
			all[t] = true
		}
	}
	// share is the IDF share of the question's terms found in any of sets.
	// It sums in question order: summing in map order made scores differ in
	// their last bits from run to run, and near-ties rank differently.
	share := func(sets ...map[string]bool) float64 {
		s := 0.0
		for _, t := range res.Terms {
			for _, set := range sets {
				if set[t.Term] {
					s += t.IDF
					break
				}
			}
		}
		return s / totalIDF
	}
	intentWeight := e.weights.intent(cmd)
	out := make([]scored, len(res.Hits))
	for i := range res.Hits {
		h := &res.Hits[i]
		title := make(map[string]bool, len(h.TitleTerms))
		for _, t := range h.TitleTerms {
			title[t] = true
		}
		prev := paraKey{h.Citation.Article, h.Citation.Paragraph - 1}
		var context []map[string]bool
		if cmd == newsbot.Why {
			context = []map[string]bool{title, paraTerms[prev]}
		}
		f := features(cmd, h, res.Terms, idf, totalIDF, share, context)
		if cmd == newsbot.When && h.Citation.Paragraph == 1 && !h.Citation.Published.IsZero() {
			if t := share(title); t >= ledeCoverage {
				f.intent = max(f.intent, t)
			}
		}
		out[i] = scored{
			hit:      h,
			coverage: share(paraTerms[keyOf(h)], title),
			intent:   intentWeight * f.intent,
			cause:    causeOf(cmd, f),
			score: h.Score/maxBM25 +
				e.weights.Sentence*f.sentence +
				e.weights.Proximity*f.proximity +
				e.weights.Article*share(articleTerms[h.Citation.Article]) +
				intentWeight*f.intent,
		}
	}
	if cmd == newsbot.Why {
		explainSections(out, e.weights.WhySection)
	}
	for i := range out {
		out[i].about = e.aboutQuestion(out[i].coverage, res.Terms, articleTerms[out[i].hit.Citation.Article])
	}
	// Best first; equal scores in corpus order, not in the order Bleve
	// happened to return them (which follows its segment layout).
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.hit.Citation.Article != b.hit.Citation.Article {
			return a.hit.Citation.Article < b.hit.Citation.Article
		}
		return a.hit.Citation.Paragraph < b.hit.Citation.Paragraph
	})
	return out
}

// causeOf is the cause share of a why-question's candidate, else 0.
func causeOf(cmd newsbot.Command, f featureSet) float64 {
	if cmd != newsbot.Why {
		return 0
	}
	return f.intent
}

// featureSet holds a candidate's features, each in [0, 1].
type featureSet struct {
	sentence  float64 // IDF share found in the best single sentence
	proximity float64 // IDF share of question bigrams found near each other
	intent    float64 // IDF share found in the best sentence that speaks the intent
	hasCue    bool    // some sentence speaks the intent
}

// features computes a candidate's features. share measures the IDF share of
// term sets together; context are the term sets an intent sentence may lean
// on (for why-questions: the title and the paragraph before).
func features(cmd newsbot.Command, h *newsbot.Hit, terms []newsbot.QueryTerm, idf map[string]float64, totalIDF float64,
	share func(...map[string]bool) float64, context []map[string]bool) featureSet {
	var f featureSet

	// Best sentence: the sentence holding the largest IDF share of the
	// question's distinct terms. Intent: the same share, but only among the
	// sentences that speak the question's intent (a date for "when", a cause
	// for "why"), so that a dated or causal sentence about the question's
	// subject lifts a passage and one about something else does not.
	var spans []sentence.Span
	switch {
	case cmd != newsbot.Ask:
		spans = sentenceSpans(h.Text)
	case distinctTerms(h.Matches) <= 1:
		// One term: its sentence holds the share the paragraph does, and
		// ask has no intent sentence to find. Splitting is skipped.
		spans = []sentence.Span{{Start: 0, End: len(h.Text)}}
	default:
		// Only the sentence ends between the first match and the last
		// decide which matches share a sentence: the rest is not split.
		spans = matchedSentences(h.Text, h.Matches)
	}
	perSentence := make([]float64, len(spans))
	seen := make([]map[string]bool, len(spans))
	si := 0
	for _, m := range h.Matches {
		for si < len(spans)-1 && m.Start >= spans[si].End {
			si++
		}
		if seen[si] == nil {
			seen[si] = make(map[string]bool)
		}
		if !seen[si][m.Term] {
			seen[si][m.Term] = true
			perSentence[si] += idf[m.Term]
		}
	}
	cue := intentCue(cmd)
	var lower string
	var dated []bool
	if cue != nil {
		lower = toLowerASCII(h.Text)
	}
	if cmd == newsbot.When && h.Dates != nil {
		dated = datedSentences(h, spans)
	}
	for i, s := range perSentence {
		f.sentence = max(f.sentence, s/totalIDF)
		// A sentence without a question term scores only through its
		// context, which only why-questions have.
		if cue == nil || (s == 0 && len(context) == 0) {
			continue
		}
		if dated != nil && !dated[i] || dated == nil && !cue.match(words(lower[spans[i].Start:spans[i].End])) {
			continue
		}
		f.hasCue = true
		f.intent = max(f.intent, share(append([]map[string]bool{seen[i]}, context...)...))
	}
	f.proximity = proximity(h.Matches, terms)
	return f
}

// matchedSentences splits the part of text from its first match to its
// last into sentences, as byte spans of text.
func matchedSentences(text string, ms []newsbot.TermMatch) []sentence.Span {
	from, to := ms[0].Start, ms[0].End
	for _, m := range ms[1:] {
		from, to = min(from, m.Start), max(to, m.End)
	}
	spans := sentence.Split(text[from:to])
	for i := range spans {
		spans[i].Start += from
		spans[i].End += from
	}
	return spans
}

// distinctTerms counts the distinct terms of ms, up to two.
func distinctTerms(ms []newsbot.TermMatch) int {
	if len(ms) == 0 {
		return 0
	}
	for _, m := range ms[1:] {
		if m.Term != ms[0].Term {
			return 2
		}
	}
	return 1
}

// datedSentences marks the sentences of a hit that hold a date or time
// expression: where a when-question's answer lies.
func datedSentences(h *newsbot.Hit, spans []sentence.Span) []bool {
	dated := make([]bool, len(spans))
	for k, b := range timex.ByteSpans(h.Text, h.Dates) {
		if t := h.Dates[k].Type; t != timex.Date && t != timex.Time {
			continue // a duration or a rate does not say when
		}
		for i, s := range spans {
			if b[0] < s.End && s.Start < b[1] {
				dated[i] = true
			}
		}
	}
	return dated
}

// intentCue returns the cue of the language that answers cmd, or nil.
func intentCue(cmd newsbot.Command) cue {
	switch cmd {
	case newsbot.When:
		return timeExpression
	case newsbot.Why:
		return causal
	}
	return nil
}

// proximity is the IDF share of the question's adjacent term pairs that
// occur within a small window of each other in the text, in either order.
func proximity(matches []newsbot.TermMatch, terms []newsbot.QueryTerm) float64 {
	if len(terms) < 2 {
		return 0
	}
	positions := make(map[string][]int)
	for _, m := range matches {
		positions[m.Term] = append(positions[m.Term], m.Pos)
	}
	const window = 3
	var got, total float64
	for i := 1; i < len(terms); i++ {
		a, b := terms[i-1], terms[i]
		w := min(a.IDF, b.IDF)
		total += w
		if near(positions[a.Term], positions[b.Term], window) {
			got += w
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// near reports whether some position in a is within window of one in b.
// Both are sorted ascending.
func near(a, b []int, window int) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		d := a[i] - b[j]
		if d < 0 {
			d = -d
		}
		if d <= window && d > 0 {
			return true
		}
		if a[i] < b[j] {
			i++
		} else {
			j++
		}
	}
	return false
}

// highlights merges the byte spans of matched terms into sorted,
// non-overlapping spans.
func highlights(matches []newsbot.TermMatch) []newsbot.Span {
	spans := make([]newsbot.Span, 0, len(matches))
	for _, m := range matches {
		spans = append(spans, newsbot.Span{Start: m.Start, End: m.End})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// toLowerASCII lower-cases ASCII letters only, so byte offsets into the
// result are offsets into s.
func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
