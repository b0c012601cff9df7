package index

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/verbs"
)

// matchFinder finds where a question's terms occur in a paragraph's stored
// text, as the analyzer would have indexed them. The index keeps no term
// vectors: they were a quarter of the time of building it, and reading them
// at search time cost every query. Only the few paragraphs kept for an
// answer are scanned.
//
// Most words cannot become a given term, and the analyzer's filters (which
// stem) cost far more than finding the words, so a word goes through them
// only when its first two letters could lead to one of the terms: no filter
// of the analyzer changes a word's first two letters (possessives, case,
// stop words and Porter's suffixes all work at the end), except the
// irregular verb forms, whose own first letters are added for the terms
// they lead to ("went" for "go"). What the filters make of a word is
// remembered, for up to maxRememberedWords words.
type matchFinder struct {
	filters []analysis.TokenFilter
	// irregular lists the irregular forms the analyzer turns into a term,
	// by the term's first minSharedStem letters (the whole term if shorter).
	irregular map[string][]irregularForm

	mu    sync.RWMutex
	terms map[string]string // a word as written -> its term, "" if none
}

// maxRememberedWords bounds the words whose terms a matchFinder remembers:
// about 10 MB. A news corpus's vocabulary fits; past it, words are
// analysed each time.
const maxRememberedWords = 1 << 17

func newMatchFinder(a analysis.Analyzer) (*matchFinder, error) {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok {
		return nil, fmt.Errorf("analyzer %q: want a token filter chain, got %T", analyzerName, a)
	}
	f := &matchFinder{filters: da.TokenFilters, irregular: make(map[string][]irregularForm), terms: make(map[string]string)}
	for form := range verbs.Folded() {
		for _, tok := range a.Analyze([]byte(form)) {
			t := string(tok.Term)
			f.irregular[stemKey(t)] = append(f.irregular[stemKey(t)], irregularForm{form: form, term: t})
		}
	}
	return f, nil
}

// irregularForm is an irregular verb form and the term it is analysed into.
type irregularForm struct{ form, term string }

// stemKey is the key of a term in matchFinder.irregular.
func stemKey(term string) string { return term[:min(len(term), minSharedStem)] }

// prefixes returns the first letters a word must have to become a term
// that matchOf matches with t: t's own, and those of the irregular forms
// whose terms match t.
func (f *matchFinder) prefixes(t string, into []string) []string {
	into = append(into, prefix(t, len(t)))
	for _, irr := range f.irregular[stemKey(t)] {
		if sameStem(irr.term, t) {
			into = append(into, prefix(irr.form, len(irr.term)))
		}
	}
	return into
}

// prefix returns the first letters of s that a word leading to a term of
// termLen bytes must share with it: two, or fewer for a shorter term.
func prefix(s string, termLen int) string {
	return s[:min(2, termLen, len(s))]
}

// termMatcher finds one question's terms in texts: a search's hits.
type termMatcher struct {
	f        *matchFinder
	terms    []string
	want     map[string]bool
	prefixes []string // first letters a word needs to become one of terms
}

// forTerms returns the matcher of a question's terms.
func (f *matchFinder) forTerms(terms []string) *termMatcher {
	m := &termMatcher{f: f, terms: terms, want: make(map[string]bool, len(terms))}
	for _, t := range terms {
		m.want[t] = true
		m.prefixes = f.prefixes(t, m.prefixes)
	}
	return m
}

// find returns the matches of the terms in text, in text order.
func (m *termMatcher) find(text string) []newsbot.TermMatch {
	if len(m.terms) == 0 {
		return nil
	}
	input := []byte(text)
	type word struct{ start, end, pos int }
	candidates := make([]word, 0, len(input)/32)
	pos := 0
	scanWords(input, func(start, end int, _ bool) {
		pos++
		if mayLeadTo(input[start:end], m.prefixes) {
			candidates = append(candidates, word{start, end, pos})
		}
	})
	var out []newsbot.TermMatch
	var unknown []word
	m.f.mu.RLock()
	for _, w := range candidates {
		term, known := m.f.terms[string(input[w.start:w.end])]
		if !known {
			unknown = append(unknown, w)
		} else if match := matchOf(term, m.want, m.terms); match != "" {
			out = append(out, newsbot.TermMatch{Term: match, Pos: w.pos, Start: w.start, End: w.end})
		}
	}
	m.f.mu.RUnlock()
	if len(unknown) == 0 {
		return out
	}
	for _, w := range unknown {
		term := m.f.analyse(input[w.start:w.end])
		if match := matchOf(term, m.want, m.terms); match != "" {
			out = append(out, newsbot.TermMatch{Term: match, Pos: w.pos, Start: w.start, End: w.end})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

// analyse returns the term the analyzer makes of one word ("" when it
// drops it, as a stop word), and remembers it.
func (f *matchFinder) analyse(word []byte) string {
	stream := analysis.TokenStream{{Term: append([]byte(nil), word...), Position: 1, Type: analysis.AlphaNumeric}}
	for _, filter := range f.filters {
		stream = filter.Filter(stream)
	}
	term := ""
	if len(stream) == 1 {
		term = string(stream[0].Term)
	}
	f.mu.Lock()
	if len(f.terms) < maxRememberedWords {
		f.terms[string(word)] = term
	}
	f.mu.Unlock()
	return term
}

// mayLeadTo reports whether word, lower-cased, begins with one of prefixes.
// A word that does not begin with two ASCII characters always may.
func mayLeadTo(word []byte, prefixes []string) bool {
	if len(word) < 2 || word[0] >= 0x80 || word[1] >= 0x80 {
		return true
	}
	a, b := lowerASCII(word[0]), lowerASCII(word[1])
	for _, p := range prefixes {
		switch len(p) {
		case 1:
			if a == p[0] {
				return true
			}
		case 2:
			if a == p[0] && b == p[1] {
				return true
			}
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// minSharedStem is how many first letters a word's term must share with a
// question term, the shorter a prefix of the longer, to match it.
const minSharedStem = 5

// matchOf returns the question term that term matches, or "". A term
// matches itself, and a term it begins, or that begins it, when they share
// minSharedStem letters or more: Porter leaves "citizenship" and "citizen",
// "discovered" and "discovery" ("discov", "discoveri") apart, and the
// reranker should see that a passage names them. Only the reranking and the
// highlights see these matches; BM25 scores exact terms. On SQuAD this
// raised R@1 on both halves of the data (all 0.812 to 0.816, when 0.847 to
// 0.856; a prefix of 4 letters did as well, 6 and 7 less).
func matchOf(term string, want map[string]bool, terms []string) string {
	if want[term] {
		return term
	}
	for _, t := range terms {
		if sameStem(term, t) {
			return t
		}
	}
	return ""
}

// sameStem reports whether terms a and b match: they are equal, or both have
// minSharedStem letters or more and one begins the other.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	return len(a) >= minSharedStem && len(b) >= minSharedStem && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a))
}
