package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
)

// MaxQueryTerms caps the distinct terms taken from a question, so that a
// pasted essay costs no more than a long question.
const MaxQueryTerms = 48

// MaxSearchTerms is how many of a question's terms, the rarest, find the
// candidate paragraphs.
const MaxSearchTerms = 8

// rarest returns the clauses of the n terms with the highest IDF, in
// question order.
func rarest(clauses []query.Query, terms []newsbot.QueryTerm, n int) []query.Query {
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return terms[order[a]].IDF > terms[order[b]].IDF })
	keep := order[:n]
	sort.Ints(keep)
	out := make([]query.Query, 0, n)
	for _, i := range keep {
		out = append(out, clauses[i])
	}
	return out
}

// tieMargin is how many hits beyond the limit a search asks Bleve for, so
// that ties at the cut are broken by ID (see Search).
const tieMargin = 10

// QueryTerms analyses free text into its distinct index terms, in order,
// at most MaxQueryTerms of them. Nothing in the text is query syntax.
func (ix *Index) QueryTerms(text string) []string {
	terms, _ := ix.queryTerms(text)
	return terms
}

// queryTerms is QueryTerms, and which of the terms the text writes as
// names (see newsbot.QueryTerm.Name).
func (ix *Index) queryTerms(text string) ([]string, map[string]bool) {
	var terms []string
	var names map[string]bool
	seen := make(map[string]bool)
	cased := strings.ContainsFunc(text, unicode.IsLower)
	var starts []int
	if cased {
		for _, sp := range sentence.Split(text) {
			starts = append(starts, sp.Start)
		}
	}
	for _, tok := range ix.analyzer.Analyze([]byte(text)) {
		t := string(tok.Term)
		if cased && isName(text, tok.Start, starts) {
			if names == nil {
				names = make(map[string]bool)
			}
			names[t] = true
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		terms = append(terms, t)
		if len(terms) == MaxQueryTerms {
			break
		}
	}
	return terms, names
}

// isName reports whether the word at text[at:] begins with a capital
// letter and is not the first word of a sentence (of starts, the byte
// offsets where the text's sentences begin: "U.N." does not end one).
func isName(text string, at int, starts []int) bool {
	r, _ := utf8.DecodeRuneInString(text[at:])
	if !unicode.IsUpper(r) {
		return false
	}
	// The sentence begins at its first word, perhaps after a quote.
	i, _ := slices.BinarySearch(starts, at+1)
	if i == 0 {
		return true
	}
	lead := strings.TrimLeftFunc(text[starts[i-1]:at], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return lead != ""
}

// Search finds the paragraphs that best match req.Text by BM25 over text and
// title. The text is analysed into terms and each term searched on its own:
// it is never parsed as Bleve query syntax.
func (ix *Index) Search(ctx context.Context, req newsbot.SearchRequest) (*newsbot.SearchResult, error) {
	terms, names := ix.queryTerms(req.Text)
	res := &newsbot.SearchResult{}
	dated := req.Dated || !req.From.IsZero() || !req.To.IsZero()
	if len(terms) == 0 && !dated {
		return res, nil
	}
	if req.Limit <= 0 {
		req.Limit = 10
	}
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	docCount, err := r.DocCount()
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("search: %w", err)
	}
	clauses := make([]query.Query, 0, 2*len(terms))
	for _, t := range terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), fieldText, false, false, false)
		if err != nil {
			r.Close()
			return nil, fmt.Errorf("search: term %q: %w", t, err)
		}
		df := tfr.Count()
		tfr.Close()
		res.Terms = append(res.Terms, newsbot.QueryTerm{Term: t, IDF: bm25IDF(docCount, df), Name: names[t]})

		text := bleve.NewTermQuery(t)
		text.SetField(fieldText)
		clauses = append(clauses, text)
	}
	r.Close()

	var q query.Query = bleve.NewDisjunctionQuery(clauses...)
	// The candidates are found by the question's rarest terms; all of its
	// terms then score them. On a large corpus a long question's common
	// terms made the slowest searches (p99 11.8 ms -> 8.2 ms at 100,000
	// paragraphs) without changing which paragraphs win on SQuAD.
	find := q
	if len(clauses) > MaxSearchTerms {
		find = bleve.NewDisjunctionQuery(rarest(clauses, res.Terms, MaxSearchTerms)...)
	}
	if dated {
		q = withDates(q, len(clauses) > 0, req.From, req.To)
		find = withDates(find, len(clauses) > 0, req.From, req.To)
	}
	// Equal scores go by document ID, so that which paragraphs make the cut
	// does not depend on how Bleve happened to merge its segments. Asking
	// Bleve to sort on _id reads the ID of every matching paragraph, which
	// on a large corpus was half the time of a search; instead it returns a
	// few more than asked, by score, and ties are broken here. Only a tie
	// straddling the wider cut could still differ from run to run.
	ctx = context.WithValue(ctx, search.BM25StatsKey, ix.bm25Stats(docCount))
	// First the best paragraphs by score alone; then the stored fields of
	// the few kept. Asking the search for fields reads them for every hit
	// returned, ten more than kept, and those reads were the most of what
	// a question allocates.
	sr := bleve.NewSearchRequestOptions(find, req.Limit+tieMargin, 0, false)
	found, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := found.Hits
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	if len(hits) > req.Limit {
		hits = hits[:req.Limit]
	}
	// A question of more terms than found the candidates is scored by all
	// of them in a second search, which reads the fields too.
	switch {
	case len(hits) == 0:
	case find == q:
		if hits, err = ix.load(hits, req.WithDates); err != nil {
			return nil, err
		}
	default:
		if hits, err = ix.details(ctx, q, hits, req.WithDates); err != nil {
			return nil, err
		}
	}
	matcher := ix.matches.forTerms(terms)
	titleTerms := make(map[string][]string) // per title, the question terms it holds
	for _, h := range hits {
		hit, err := toHit(h, req.WithDates)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		hit.Matches = matcher.find(hit.Text)
		if a, ok := ix.version(str(h, fieldHash)); ok {
			hit.Citation.Title, hit.Citation.URL, hit.Citation.Source, hit.Citation.Published = a.Title, a.URL, a.Source, a.Published
			hit.Citation.Copies = a.Copies
		}
		tt, ok := titleTerms[hit.Citation.Title]
		if !ok {
			tt = ix.termsIn(hit.Citation.Title, terms)
			titleTerms[hit.Citation.Title] = tt
		}
		hit.TitleTerms = tt
		res.Hits = append(res.Hits, hit)
	}
	return res, nil
}

// details searches the chosen paragraphs again, with their stored fields,
// scored by all the question's terms.
func (ix *Index) details(ctx context.Context, q query.Query, best []*search.DocumentMatch, withDates bool) ([]*search.DocumentMatch, error) {
	ids := make([]string, len(best))
	for i, h := range best {
		ids[i] = h.ID
	}
	only := bleve.NewDocIDQuery(ids)
	only.SetBoost(0) // it selects; the question's terms score
	detail := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(only, q), len(ids), 0, false)
	detail.Fields = fieldsToLoad(withDates)
	full, err := ix.bleve.SearchInContext(ctx, detail)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	byID := make(map[string]*search.DocumentMatch, len(full.Hits))
	for _, h := range full.Hits {
		byID[h.ID] = h
	}
	hits := make([]*search.DocumentMatch, 0, len(best))
	for _, b := range best {
		if h, ok := byID[b.ID]; ok { // gone if deleted meanwhile
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// reader opens a reader on the index as it is now; close it when done.
func (ix *Index) reader() (bleveindex.IndexReader, error) { return readerOf(ix.bleve) }

// readerOf opens a reader on b as it is now; close it when done.
func readerOf(b bleve.Index) (bleveindex.IndexReader, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("opening reader: %w", err)
	}
	return r, nil
}

// load reads the stored fields of hits found without them. A paragraph
// deleted since the search is left out; one replaced since is read whole
// as it is now, its version with it.
func (ix *Index) load(hits []*search.DocumentMatch, withDates bool) ([]*search.DocumentMatch, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer r.Close()
	want := fieldsToLoad(withDates)
	out := hits[:0]
	for _, h := range hits {
		doc, err := r.Document(h.ID)
		if err != nil {
			return nil, fmt.Errorf("search: reading %s: %w", h.ID, err)
		}
		if doc == nil {
			continue
		}
		h.Fields = make(map[string]any, len(want))
		doc.VisitFields(func(f bleveindex.Field) {
			if slices.Contains(want, f.Name()) {
				h.Fields[f.Name()] = string(f.Value())
			}
		})
		out = append(out, h)
	}
	return out, nil
}

// fieldsToLoad are the stored fields a hit needs.
func fieldsToLoad(withDates bool) []string {
	if withDates {
		return storedFields
	}
	return storedFieldsNoDates
}

// withDates narrows q to paragraphs with an event on a day (UTC) that
// [from, to) touches; an unset bound is open. Without text, the dates
// alone are the query.
func withDates(q query.Query, hasText bool, from, to time.Time) query.Query {
	first, last := firstTermDay, lastTermDay
	if !from.IsZero() {
		first = from
	}
	if !to.IsZero() {
		last = to.Add(-time.Nanosecond)
	}
	dates := daysQuery(first, last)
	if !hasText {
		return dates
	}
	return bleve.NewConjunctionQuery(q, dates)
}

// termsIn returns the terms of want that an article title holds once
// analysed, sorted. Analysed titles are cached: they change only with their
// article, and the cache holds one small set per distinct title.
func (ix *Index) termsIn(title string, want []string) []string {
	ix.titleMu.Lock()
	has, ok := ix.titles[title]
	if !ok {
		has = make(map[string]bool)
		for _, tok := range ix.analyzer.Analyze([]byte(title)) {
			has[string(tok.Term)] = true
		}
		ix.titles[title] = has
	}
	ix.titleMu.Unlock()
	var out []string
	for _, t := range want {
		if has[t] {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// bm25IDF is Bleve's (and Lucene's) BM25 inverse document frequency.
func bm25IDF(docs, df uint64) float64 {
	return math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
}

// bm25Stats gives Bleve the true token totals of the text and title fields.
// Left to itself, Bleve v2.6 estimates a field's average length from the size
// of its term dictionary (distinct terms), which is far below the average
// token count, so long paragraphs were punished several times too hard, and
// by an amount that drifted as segments merged.
func (ix *Index) bm25Stats(docCount uint64) *search.BM25Stats {
	ix.mu.RLock()
	t := ix.totals
	ix.mu.RUnlock()
	return &search.BM25Stats{
		DocCount:         float64(docCount),
		FieldCardinality: map[string]int{fieldText: t.textTokens, fieldDates: max(1, int(docCount))},
	}
}

// str reads a stored string field of a hit.
func str(h *search.DocumentMatch, field string) string {
	s, _ := h.Fields[field].(string)
	return s
}

// toHit converts a Bleve hit into the domain's Hit, with its dates when
// they were read.
func toHit(h *search.DocumentMatch, withDates bool) (newsbot.Hit, error) {
	article, n, err := parseDocID(h.ID)
	if err != nil {
		return newsbot.Hit{}, err
	}
	hit := newsbot.Hit{
		Citation: newsbot.Citation{Article: article, Paragraph: n},
		Section:  str(h, fieldSection),
		Text:     str(h, fieldText),
		Score:    h.Score,
	}
	if withDates {
		dates, err := decodeDates(str(h, fieldTimex))
		if err != nil {
			return hit, fmt.Errorf("paragraph %s#%d: %w", hit.Citation.Article, hit.Citation.Paragraph, err)
		}
		hit.Dates = dates
	}
	return hit, nil
}
