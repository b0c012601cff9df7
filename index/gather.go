package index

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsbot-dev/newsbot"
)

// MaxGather bounds the paragraphs one Gather returns.
const MaxGather = 20000

// Gather returns every paragraph that req matches, not the best few: those
// that satisfy one of its clauses, mention one of its days or periods, or are named
// in it. Each comes with its text, its time expressions, its article's
// title, link and date, the clause terms it holds (Hit.Matches) and its
// BM25 score over the clause terms. When more than req.Max match, the
// req.Max best by score are returned (ties by document ID).
//
// The clauses are Bleve queries: a group is a disjunction of its terms,
// and a clause a disjunction of groups of which at least Min must match,
// so nothing is read of the paragraphs that do not match.
func (ix *Index) Gather(ctx context.Context, req newsbot.GatherRequest) ([]newsbot.Hit, error) {
	if req.Max <= 0 || req.Max > MaxGather {
		req.Max = MaxGather
	}
	var alternatives []query.Query
	var terms []string
	seen := map[string]bool{}
	for _, c := range req.Clauses {
		var groups []query.Query
		for _, g := range c.Groups {
			var alts []query.Query
			for _, t := range g {
				if t == "" {
					continue
				}
				q := bleve.NewTermQuery(t)
				q.SetField(fieldText)
				alts = append(alts, q)
				if !seen[t] {
					seen[t] = true
					terms = append(terms, t)
				}
			}
			switch len(alts) {
			case 0:
			case 1:
				groups = append(groups, alts[0])
			default:
				groups = append(groups, bleve.NewDisjunctionQuery(alts...))
			}
		}
		if len(groups) == 0 || c.Min > len(groups) {
			continue
		}
		clause := bleve.NewDisjunctionQuery(groups...)
		clause.SetMin(float64(max(1, c.Min)))
		alternatives = append(alternatives, clause)
	}
	for _, d := range req.Days {
		q := bleve.NewTermQuery(dayKey(d.UTC()))
		q.SetField(fieldDates)
		q.SetBoost(0)
		alternatives = append(alternatives, q)
	}
	for _, d := range req.Periods {
		q := bleve.NewTermQuery(startKey(d.UTC()))
		q.SetField(fieldDates)
		q.SetBoost(0)
		alternatives = append(alternatives, q)
	}
	if len(req.Paragraphs) > 0 {
		ids := make([]string, len(req.Paragraphs))
		for i, p := range req.Paragraphs {
			ids[i] = docID(p.Article, p.N)
		}
		q := bleve.NewDocIDQuery(ids)
		q.SetBoost(0)
		alternatives = append(alternatives, q)
	}
	if len(alternatives) == 0 {
		return nil, nil
	}
	var q query.Query = alternatives[0]
	if len(alternatives) > 1 {
		q = bleve.NewDisjunctionQuery(alternatives...)
	}
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("gather: %w", err)
	}
	docCount, err := r.DocCount()
	r.Close()
	if err != nil {
		return nil, fmt.Errorf("gather: %w", err)
	}
	ctx = context.WithValue(ctx, search.BM25StatsKey, ix.bm25Stats(docCount))
	sr := bleve.NewSearchRequestOptions(q, req.Max+tieMargin, 0, false)
	found, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("gather: %w", err)
	}
	hits := found.Hits
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	if len(hits) > req.Max {
		hits = hits[:req.Max]
	}
	if hits, err = ix.load(hits, true); err != nil {
		return nil, err
	}
	matcher := ix.matches.forTerms(terms)
	out := make([]newsbot.Hit, 0, len(hits))
	for _, h := range hits {
		hit, err := toHit(h, true)
		if err != nil {
			return nil, fmt.Errorf("gather: %w", err)
		}
		hit.Matches = matcher.find(hit.Text)
		if a, ok := ix.version(str(h, fieldHash)); ok {
			hit.Citation.Title, hit.Citation.URL, hit.Citation.Source, hit.Citation.Published = a.Title, a.URL, a.Source, a.Published
		}
		out = append(out, hit)
	}
	return out, nil
}

// DocFreqs returns how many paragraphs the index holds, and how many of
// them hold each of terms (analysed index terms).
func (ix *Index) DocFreqs(ctx context.Context, terms []string) (int, []int, error) {
	r, err := ix.reader()
	if err != nil {
		return 0, nil, fmt.Errorf("document frequencies: %w", err)
	}
	defer r.Close()
	docs, err := r.DocCount()
	if err != nil {
		return 0, nil, fmt.Errorf("document frequencies: %w", err)
	}
	dfs := make([]int, len(terms))
	for i, t := range terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), fieldText, false, false, false)
		if err != nil {
			return 0, nil, fmt.Errorf("document frequency of %q: %w", t, err)
		}
		dfs[i] = int(tfr.Count())
		tfr.Close()
	}
	return int(docs), dfs, nil
}

// TermVariants returns the index terms within maxEdits edits (Levenshtein,
// at most 2) of term, other than term itself, with how many paragraphs
// hold each: the candidates for other spellings of a name. Bleve finds
// them with an automaton over the term dictionary.
func (ix *Index) TermVariants(ctx context.Context, term string, maxEdits int) ([]newsbot.TermCount, error) {
	if maxEdits < 1 || term == "" {
		return nil, nil
	}
	maxEdits = min(maxEdits, 2)
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("variants of %q: %w", term, err)
	}
	defer r.Close()
	fuzzy, ok := r.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("variants of %q: the index cannot search its terms fuzzily", term)
	}
	dict, err := fuzzy.FieldDictFuzzy(fieldText, term, maxEdits, "")
	if err != nil {
		return nil, fmt.Errorf("variants of %q: %w", term, err)
	}
	defer dict.Close()
	var out []newsbot.TermCount
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("variants of %q: %w", term, err)
		}
		if e == nil {
			break
		}
		if e.Term != term {
			out = append(out, newsbot.TermCount{Term: e.Term})
		}
	}
	// The fuzzy dictionary does not count; the postings do, and a term
	// whose paragraphs are all deleted is left out.
	kept := out[:0]
	for _, v := range out {
		tfr, err := r.TermFieldReader(ctx, []byte(v.Term), fieldText, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("variants of %q: %w", term, err)
		}
		v.Count = int(tfr.Count())
		tfr.Close()
		if v.Count > 0 {
			kept = append(kept, v)
		}
	}
	return kept, nil
}

// DayCounts returns, for every day (UTC) from from to to (both included)
// that a paragraph has an event on, how many paragraphs do: the day terms
// are read from the dictionary, and each counted by its postings, without
// touching a paragraph. The dictionary's own counts would include the
// paragraphs of articles removed or changed since the index's segments
// were last merged. A week, month or year is not a mention of the day it
// starts on (PeriodCounts counts those).
func (ix *Index) DayCounts(ctx context.Context, from, to time.Time) (map[time.Time]int, error) {
	out, err := ix.startCounts(ctx, dayTerm, from, to)
	if err != nil {
		return nil, fmt.Errorf("day counts: %w", err)
	}
	return out, nil
}

// PeriodCounts returns, for every day (UTC) from from to to (both
// included) that a week, month, quarter, year or longer period mentioned
// starts on, how many paragraphs mention such a period, read as DayCounts
// reads days.
func (ix *Index) PeriodCounts(ctx context.Context, from, to time.Time) (map[time.Time]int, error) {
	out, err := ix.startCounts(ctx, startTerm, from, to)
	if err != nil {
		return nil, fmt.Errorf("period counts: %w", err)
	}
	return out, nil
}

// startCounts counts the paragraphs of each date term of kind (dayTerm or
// startTerm) from from to to.
func (ix *Index) startCounts(ctx context.Context, kind string, from, to time.Time) (map[time.Time]int, error) {
	if from.IsZero() || from.Before(firstTermDay) {
		from = firstTermDay
	}
	if to.IsZero() || to.After(lastTermDay) {
		to = lastTermDay
	}
	key := dayKey
	if kind == startTerm {
		key = startKey
	}
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dict, err := r.FieldDictRange(fieldDates, []byte(key(from.UTC())), []byte(key(to.UTC())))
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	out := map[time.Time]int{}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		day, err := time.Parse("20060102", e.Term[len(kind):])
		if err != nil || e.Count == 0 {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), fieldDates, false, false, false)
		if err != nil {
			return nil, err
		}
		n := int(tfr.Count())
		tfr.Close()
		if n > 0 {
			out[day] += n
		}
	}
}
