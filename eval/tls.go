package eval

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot/timeline"
)

// TLSSource is what the timeline-summarisation evaluation needs of an
// index: what a timeline is built from, and the analyser that turns text
// into the stemmed, stop-word-free unigrams ROUGE counts.
type TLSSource interface {
	timeline.Source
}

// ROUGE is a ROUGE-1 precision, recall and F1.
type ROUGE struct {
	P, R, F float64
}

// TLSReport holds the figures of the timeline-summarisation protocol (Tran
// et al. 2013; Martschat and Markert 2017; Ghalandari and Ifrim 2020) over
// the SemEval-2015 Task 4 entity timelines: per topic, the timeline of its
// keywords over the reference timeline's span with as many events as the
// reference has dates, scored on its set of dates (date F1) and on its
// sentences against the reference text (ROUGE-1, "concat" and "agreement"
// as tilse computes them). Scores are means over topics; the date counts
// are summed.
type TLSReport struct {
	Topics int
	// RefDates, Chosen and Correct sum the reference dates, the distinct
	// dates chosen and those that are reference dates.
	RefDates, Chosen, Correct int
	// Date precision, recall and F1, averaged over topics.
	DateP, DateR, DateF1 float64
	// MicroDateF1 pools the date counts of all topics.
	MicroDateF1 float64
	// Concat compares all chosen sentences with all reference text;
	// Agreement only the sentences and reference text of the same date.
	Concat, Agreement ROUGE
	Took              time.Duration

	sumDate, sumConcat, sumAgree ROUGE
}

// RunTLS builds the timeline of every target entity of c as the protocol
// asks and adds its scores to r.
func RunTLS(ctx context.Context, s TLSSource, c SemEvalCorpus, r *TLSReport) error {
	start := time.Now()
	entities := make([]string, 0, len(c.Timelines))
	for e := range c.Timelines {
		entities = append(entities, e)
	}
	sort.Strings(entities)
	for _, entity := range entities {
		gold := c.Timelines[entity]
		if len(gold.Dates) == 0 {
			continue
		}
		from, to, err := referenceSpan(gold.Dates)
		if err != nil {
			return fmt.Errorf("%s: %w", entity, err)
		}
		tl, err := timeline.Build(ctx, s, timeline.Request{Topic: entity, From: from, To: to, Limit: len(gold.Dates)})
		if err != nil {
			return fmt.Errorf("timeline of %s: %w", entity, err)
		}
		// date → the sentences told of it. A week, quarter or decade is a
		// date chosen that cannot be right, and its sentence counts in
		// ROUGE.
		chosen := map[string][]string{}
		for _, e := range tl.Events {
			d := chosenDate(e.Value)
			chosen[d] = append(chosen[d], e.Text)
		}
		reference := map[string][]string{}
		for _, d := range gold.Dates {
			for _, place := range gold.Sentences[d] {
				doc, n, _ := strings.Cut(place, "-")
				i, err := strconv.Atoi(n)
				if sentences := c.Sentences[doc]; err == nil && i >= 0 && i < len(sentences) {
					reference[d] = append(reference[d], sentences[i])
				}
			}
		}
		correct := 0
		for d := range chosen {
			if slices.Contains(gold.Dates, d) {
				correct++
			}
		}
		r.Topics++
		r.RefDates += len(gold.Dates)
		r.Chosen += len(chosen)
		r.Correct += correct
		r.sumDate = r.sumDate.add(prf(correct, len(chosen), len(gold.Dates)))
		r.sumConcat = r.sumConcat.add(concatROUGE(s, chosen, reference))
		r.sumAgree = r.sumAgree.add(agreementROUGE(s, chosen, reference))
	}
	if r.Topics > 0 {
		n := float64(r.Topics)
		r.DateP, r.DateR, r.DateF1 = r.sumDate.P/n, r.sumDate.R/n, r.sumDate.F/n
		r.Concat = ROUGE{r.sumConcat.P / n, r.sumConcat.R / n, r.sumConcat.F / n}
		r.Agreement = ROUGE{r.sumAgree.P / n, r.sumAgree.R / n, r.sumAgree.F / n}
	}
	r.MicroDateF1 = prf(r.Correct, r.Chosen, r.RefDates).F
	r.Took += time.Since(start)
	return nil
}

func (a ROUGE) add(b ROUGE) ROUGE { return ROUGE{a.P + b.P, a.R + b.R, a.F + b.F} }

// prf is precision, recall and F1 from matches, predictions and references.
func prf(match, predicted, reference int) ROUGE {
	return prfFloat(float64(match), float64(predicted), float64(reference))
}

func prfFloat(match, predicted, reference float64) ROUGE {
	var s ROUGE
	if predicted > 0 {
		s.P = match / predicted
	}
	if reference > 0 {
		s.R = match / reference
	}
	if s.P+s.R > 0 {
		s.F = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// referenceSpan is the span of a reference timeline: from the start of its
// first date's period (2007-XX-XX is the whole year) to the end of its
// last's.
func referenceSpan(dates []string) (time.Time, time.Time, error) {
	var from, to time.Time
	for _, d := range dates {
		begin, end, err := semevalPeriod(d)
		if err != nil {
			return from, to, err
		}
		if from.IsZero() || begin.Before(from) {
			from = begin
		}
		if end.After(to) {
			to = end
		}
	}
	return from, to, nil
}

// semevalPeriod reads a gold date (2008-03-01, 2008-03-XX, 2008-XX-XX) as
// the period it names.
func semevalPeriod(d string) (time.Time, time.Time, error) {
	switch {
	case strings.HasSuffix(d, "-XX-XX"):
		t, err := time.Parse("2006", strings.TrimSuffix(d, "-XX-XX"))
		return t, t.AddDate(1, 0, 0), err
	case strings.HasSuffix(d, "-XX"):
		t, err := time.Parse("2006-01", strings.TrimSuffix(d, "-XX"))
		return t, t.AddDate(0, 1, 0), err
	}
	t, err := time.Parse(time.DateOnly, d)
	return t, t.AddDate(0, 0, 1), err
}

// unigrams counts the analysed terms of texts.
func unigrams(s TLSSource, texts []string) (map[string]int, int) {
	counts := map[string]int{}
	n := 0
	for _, text := range texts {
		for _, t := range s.Terms(text) {
			counts[t]++
			n++
		}
	}
	return counts, n
}

// overlap is ROUGE-1's match count: each term counted as often as both
// sides have it.
func overlap(a, b map[string]int) int {
	n := 0
	for t, ca := range a {
		n += min(ca, b[t])
	}
	return n
}

// concatROUGE compares the concatenation of every chosen sentence with that
// of all reference text, dates aside.
func concatROUGE(s TLSSource, chosen, reference map[string][]string) ROUGE {
	var all, ref []string
	for _, texts := range chosen {
		all = append(all, texts...)
	}
	for _, texts := range reference {
		ref = append(ref, texts...)
	}
	a, na := unigrams(s, all)
	b, nb := unigrams(s, ref)
	return prf(overlap(a, b), na, nb)
}

// agreementROUGE counts only the matches between the sentences chosen for
// a date and the reference text of that same date.
func agreementROUGE(s TLSSource, chosen, reference map[string][]string) ROUGE {
	match, predicted, refs := 0, 0, 0
	for d, texts := range chosen {
		a, na := unigrams(s, texts)
		predicted += na
		if ref, ok := reference[d]; ok {
			b, _ := unigrams(s, ref)
			match += overlap(a, b)
		}
	}
	for _, texts := range reference {
		_, nb := unigrams(s, texts)
		refs += nb
	}
	return prf(match, predicted, refs)
}

// WriteTable prints the report as a Markdown table.
func (r *TLSReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| topics | reference dates | dates chosen | correct | date P | date R | date F1 | date F1 (pooled) | ROUGE-1 concat P / R / F1 | ROUGE-1 agreement P / R / F1 |\n"+
		"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"+
		"| %d | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f |\n",
		r.Topics, r.RefDates, r.Chosen, r.Correct, r.DateP, r.DateR, r.DateF1, r.MicroDateF1,
		r.Concat.P, r.Concat.R, r.Concat.F, r.Agreement.P, r.Agreement.R, r.Agreement.F)
	return err
}
