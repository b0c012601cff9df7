package answer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
)

// Wire services re-send a story with small updates ("UPDATE 2"), outlets
// run the same agency copy, and the same file is saved twice: the index
// keeps every copy, and an answer shows each passage once, citing every
// article among the candidates that carries it or a near-duplicate of it.
//
// Two passages are near-duplicates when the sets of their word trigrams
// (shingles) overlap by at least half of their union (Jaccard), or when
// nearly all of the smaller one's trigrams are in the larger (an update
// that adds a sentence to the paragraph it re-sends). The measure is cheap
// (the candidates are already in memory) and deterministic. A short passage
// (fewer than containedMinShingles trigrams: a line of an earnings brief,
// "Qtly div 25 cts vs 25 cts prior") is the same passage only in articles
// whose titles share half their words (titleOverlap): two companies'
// briefs can share a line word for word, and an update's title keeps most
// of the story's ("UPDATE 1-Quake kills over 1,000 in Turkey and Syria").
const (
	// duplicateJaccard is the trigram overlap (intersection over union)
	// from which two passages are the same passage. One changed word in a
	// 30-word paragraph leaves about 0.8; two rewrites of a story's
	// paragraph by different reporters share well under 0.2.
	duplicateJaccard = 0.5
	// duplicateContainment is the share of the smaller passage's trigrams
	// found in the larger from which it is contained in it, for passages
	// of at least containedMinShingles trigrams (a short line is not
	// "contained" in every paragraph that quotes it).
	duplicateContainment = 0.8
	containedMinShingles = 10
	// titleOverlap is the share of their words (intersection over union)
	// two titles must share for a short passage to be one in both.
	titleOverlap = 0.5
)

// fewWords reports whether text has fewer than containedMinShingles
// distinct words other than numbers: a brief or a table line, whose words
// are a template's ("Qtly div 25 cts vs 25 cts prior / Pay April 15 /
// Record April 1") and whose news is in its figures and its article. Two
// companies' briefs can be the same text, long enough to pass for a
// re-sent paragraph; such a text is one passage only in articles whose
// titles agree (titleOverlap).
func fewWords(text string) bool {
	seen := make(map[string]bool, containedMinShingles)
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !strings.ContainsFunc(w, unicode.IsLetter) {
			continue // a figure
		}
		seen[strings.ToLower(w)] = true
		if len(seen) >= containedMinShingles {
			return false
		}
	}
	return true
}

// trigrams returns the hashes of text's word trigrams (shingles) in
// order: runs of letters and digits, lower-cased. A text of fewer than
// three words is one shingle of all its words.
func trigrams(text string) []uint64 {
	words := wordHashList(text)
	if len(words) == 0 {
		return nil
	}
	if len(words) < 3 {
		h := words[0]
		for _, w := range words[1:] {
			h = mix(h, w)
		}
		return []uint64{h}
	}
	out := words[:0] // trigram i overwrites word i, read already
	for i := 0; i+2 < len(words); i++ {
		out = append(out, mix(mix(words[i], words[i+1]), words[i+2]))
	}
	return out
}

// sampleRate keeps one trigram in four, by its hash, when both texts
// compared have at least sampleFrom of them: the same trigrams are kept in
// every text, so the kept sets' overlap estimates the whole sets' (Broder,
// 1997) at a quarter of the cost of sorting and comparing them.
const sampleRate, sampleFrom = 4, 40

// shingleSet is a text's trigrams, for comparing with another's.
type shingleSet struct {
	n      int      // trigrams in the text
	all    []uint64 // sorted and distinct once sortedAll has run
	sorted bool
	sample []uint64 // sorted, distinct, hash%sampleRate == 0
}

func newShingleSet(text string) *shingleSet {
	tri := trigrams(text)
	return &shingleSet{n: len(tri), all: tri, sample: sampled(tri)}
}

// sortedAll returns all the trigrams, sorted and distinct.
func (s *shingleSet) sortedAll() []uint64 {
	if !s.sorted {
		slices.Sort(s.all)
		s.all = slices.Compact(s.all)
		s.sorted = true
	}
	return s.all
}

// sampled returns the sorted, distinct hashes of hs kept by sampleRate.
func sampled(hs []uint64) []uint64 {
	var out []uint64
	for _, h := range hs {
		if h%sampleRate == 0 {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nearDuplicateSets compares two texts' trigrams as nearDuplicate does:
// on all of them when either text is short, else on the samples.
func nearDuplicateSets(a, b *shingleSet) bool {
	if min(a.n, b.n) < sampleFrom {
		return nearDuplicate(a.sortedAll(), b.sortedAll())
	}
	return nearDuplicate(a.sample, b.sample) || nearDuplicateSampled(a, b)
}

// nearDuplicateSampled applies the containment rule to samples: their
// sizes are a quarter of the texts', so the minimum size is the texts'.
func nearDuplicateSampled(a, b *shingleSet) bool {
	if len(a.sample) == 0 || len(b.sample) == 0 {
		return false
	}
	common := intersection(a.sample, b.sample)
	small := min(len(a.sample), len(b.sample))
	return float64(common) >= duplicateContainment*float64(small)
}

// wordHashes returns the sorted, distinct hashes of text's words.
func wordHashes(text string) []uint64 {
	out := wordHashList(text)
	slices.Sort(out)
	return slices.Compact(out)
}

// wordHashList returns the hashes (FNV-1a) of text's runs of letters and
// digits, lower-cased, in order.
func wordHashList(text string) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	out := make([]uint64, 0, len(text)/6)
	h, in := uint64(offset), false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' {
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				h = (h ^ uint64(c)) * prime
				in = true
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				for r = unicode.ToLower(r); r > 0; r >>= 8 {
					h = (h ^ uint64(r&0xff)) * prime
				}
				in = true
				continue
			}
		}
		if in {
			out = append(out, h)
			h, in = offset, false
		}
	}
	if in {
		out = append(out, h)
	}
	return out
}

// mix combines two hashes, in order.
func mix(a, b uint64) uint64 {
	return (a^(b+0x9e3779b97f4a7c15+a<<6+a>>2))*1099511628211 + b
}

// nearDuplicate reports whether two passages' shingle sets (sorted,
// distinct) are the same passage.
func nearDuplicate(a, b []uint64) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	common := intersection(a, b)
	if float64(common) >= duplicateJaccard*float64(len(a)+len(b)-common) {
		return true
	}
	small := min(len(a), len(b))
	return small >= containedMinShingles && float64(common) >= duplicateContainment*float64(small)
}

// jaccard is the size of the intersection of two sorted, distinct sets
// over that of their union; 0 when both are empty.
func jaccard(a, b []uint64) float64 {
	common := intersection(a, b)
	if union := len(a) + len(b) - common; union > 0 {
		return float64(common) / float64(union)
	}
	return 0
}

// intersection counts the elements two sorted, distinct sets share.
func intersection(a, b []uint64) int {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return common
}

// sameText reports whether two texts are the same but for white space.
func sameText(a, b string) bool {
	if a == b {
		return true
	}
	i, j := 0, 0
	for {
		i, j = skipSpace(a, i), skipSpace(b, j)
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if ra != rb {
			return false
		}
		i, j = i+na, j+nb
		// A run of white space between words matches any other, but not none.
		if spaceBetween(a, i) != spaceBetween(b, j) {
			return false
		}
	}
}

// spaceBetween reports whether white space and then more text follow s[:i].
func spaceBetween(s string, i int) bool {
	k := skipSpace(s, i)
	return k != i && k < len(s)
}

// skipSpace returns the index of the first non-space rune of s from i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// citationBefore orders the articles carrying one passage: known
// publication dates first, earliest first, then by article ID and
// paragraph. The first quoted is the lead citation: the earliest report.
func citationBefore(a, b newsbot.Citation) bool {
	if a.Published.IsZero() != b.Published.IsZero() {
		return !a.Published.IsZero()
	}
	if !a.Published.Equal(b.Published) {
		return a.Published.Before(b.Published)
	}
	if a.Article != b.Article {
		return a.Article < b.Article
	}
	return a.Paragraph < b.Paragraph
}

// later reports whether a was published after b (an unknown date is
// never later).
func later(a, b newsbot.Citation) bool {
	return !a.Published.IsZero() && (b.Published.IsZero() || a.Published.After(b.Published))
}

// holdsTerms reports whether h holds every question term that of holds.
func holdsTerms(h, of *newsbot.Hit) bool {
	for _, m := range of.Matches {
		if !slices.ContainsFunc(h.Matches, func(n newsbot.TermMatch) bool { return n.Term == m.Term }) {
			return false
		}
	}
	return true
}

// passageGroup is one passage to show and the candidates that carry it.
type passageGroup struct {
	best    *scored   // the best-ranked copy: its text answers best
	members []*scored // every copy, best first
	index   int       // of best among the ranked candidates
}

// groupDuplicates chooses up to k passages from ranked, best first: the
// lead (ranked[lead]) and, after it, candidates that hold followCoverage of
// the question's weight, each unless it is a near-duplicate of one chosen.
// Every candidate (chosen or not, before the lead or after) that is a
// near-duplicate of a chosen passage joins its group.
func groupDuplicates(ranked []scored, lead, k int) []*passageGroup {
	sh := make([]*shingleSet, len(ranked))
	shinglesOf := func(i int) *shingleSet {
		if sh[i] == nil {
			sh[i] = newShingleSet(ranked[i].hit.Text)
		}
		return sh[i]
	}
	titles := make(map[string][]uint64)
	titleOf := func(r *scored) []uint64 {
		t, ok := titles[r.hit.Citation.Title]
		if !ok {
			t = wordHashes(r.hit.Citation.Title)
			titles[r.hit.Citation.Title] = t
		}
		return t
	}
	var groups []*passageGroup
	patterns := make([][]uint64, len(ranked))
	patternOf := func(i int) []uint64 {
		if patterns[i] == nil {
			patterns[i] = matchPattern(ranked[i].hit)
		}
		return patterns[i]
	}
	groupOf := func(i int) *passageGroup {
		for _, g := range groups {
			if !mayBeCopies(patternOf(g.index), patternOf(i)) {
				continue
			}
			a, b := shinglesOf(g.index), shinglesOf(i)
			if !nearDuplicateSets(a, b) && (a.n > 0 || !sameText(g.best.hit.Text, ranked[i].hit.Text)) {
				continue
			}
			if jaccard(titleOf(g.best), titleOf(&ranked[i])) < titleOverlap &&
				(min(a.n, b.n) < containedMinShingles || fewWords(g.best.hit.Text) || fewWords(ranked[i].hit.Text)) {
				continue
			}
			return g
		}
		return nil
	}
	chosen := make([]bool, len(ranked))
	for i := lead; i < len(ranked) && len(groups) < k; i++ {
		if i > lead && ranked[i].coverage < followCoverage {
			continue
		}
		if groupOf(i) != nil {
			continue
		}
		chosen[i] = true
		groups = append(groups, &passageGroup{best: &ranked[i], index: i, members: []*scored{&ranked[i]}})
	}
	for i := range ranked {
		if chosen[i] {
			continue
		}
		if g := groupOf(i); g != nil {
			g.members = append(g.members, &ranked[i])
		}
	}
	return groups
}

// matchPattern returns how the question's terms follow one another in h:
// for each occurrence after the first, the pair of terms and the number of
// words between them, hashed, sorted and distinct.
func matchPattern(h *newsbot.Hit) []uint64 {
	if len(h.Matches) < 2 {
		return nil
	}
	out := make([]uint64, 0, len(h.Matches)-1)
	for i := 1; i < len(h.Matches); i++ {
		a, b := h.Matches[i-1], h.Matches[i]
		k := hashString(hashString(14695981039346656037, a.Term), b.Term)
		out = append(out, mix(k, uint64(b.Pos-a.Pos)))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return (h ^ 0xff) * 1099511628211
}

// mayBeCopies is the cheap test before trigrams are compared: copies of
// one passage hold the question's terms in the same order at the same
// distances (an update that changes a figure or adds a sentence keeps most
// of them), so two candidates that share fewer than half of the smaller
// one's term pairs at equal distance are not compared further. It spares
// hashing the text of most candidates. A candidate with a single match
// is always compared.
func mayBeCopies(a, b []uint64) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	return 2*intersection(a, b) >= min(len(a), len(b))
}

// passage makes the group's passage. It quotes the most recent copy that
// holds every question term the best-ranked copy holds (an update
// supersedes the story it re-sends; copies of unknown date count as
// oldest), cited to the earliest article that carries that very text
// (citationBefore). Sources, when several articles carry the passage, are
// all of them: that citation first, then by publication date and article.
func (g *passageGroup) passage(cmd newsbot.Command, event questionEvent) newsbot.Passage {
	text := g.best
	for _, m := range g.members[1:] {
		if later(m.hit.Citation, text.hit.Citation) && holdsTerms(m.hit, g.best.hit) {
			text = m
		}
	}
	lead := text
	for _, m := range g.members {
		if sameText(m.hit.Text, text.hit.Text) && citationBefore(m.hit.Citation, lead.hit.Citation) {
			lead = m
		}
	}
	p := newsbot.Passage{
		Citation:   lead.hit.Citation,
		Section:    lead.hit.Section,
		Text:       lead.hit.Text,
		Score:      g.best.score,
		Highlights: highlights(lead.hit.Matches),
	}
	if cmd == newsbot.When {
		p.Date = dateLead(lead.hit, event)
	}
	if len(g.members) > 1 {
		others := make([]newsbot.Citation, 0, len(g.members))
		for _, m := range g.members {
			if m.hit.Citation.Article != lead.hit.Citation.Article {
				others = append(others, m.hit.Citation)
			}
		}
		slices.SortFunc(others, func(a, b newsbot.Citation) int {
			if citationBefore(a, b) {
				return -1
			}
			if citationBefore(b, a) {
				return 1
			}
			return 0
		})
		// An article that carries the passage twice (a lede repeated as a
		// summary) is one source, cited at its first copy.
		others = slices.CompactFunc(others, func(a, b newsbot.Citation) bool { return a.Article == b.Article })
		if len(others) > 0 {
			p.Sources = append([]newsbot.Citation{lead.hit.Citation}, others...)
		}
	}
	return p
}
