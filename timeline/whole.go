package timeline

import (
	"context"
	"sort"
	"time"

	"github.com/newsbot-dev/newsbot"
)

// The whole corpus has too many passages to read for one timeline, so its
// days are first ranked by what the index knows without reading a passage
// (how many paragraphs have an event on each day, how many articles were
// published on it or the day after), and only the passages of the best
// of them are read and weighed as a topic's are.
const (
	// wholeDays is how many days are read, per event asked for.
	wholeDays = 2
	// wholePerDay bounds the passages read per day: those with an event on
	// it, and the first paragraphs of articles published on it.
	wholePerDay = 100
	wholeLedes  = 30
	// minWholePerDay is the fewest passages read a day however long the
	// timeline.
	minWholePerDay = 10
)

// wholeCorpus gathers the passages of the days most written about in the
// requested range.
func wholeCorpus(ctx context.Context, src Source, req Request) ([]*passage, error) {
	last := req.To
	if !last.IsZero() {
		last = last.Add(-time.Nanosecond)
	}
	counts, err := src.DayCounts(ctx, req.From, last)
	if err != nil {
		return nil, err
	}
	score := map[time.Time]float64{}
	for d, n := range counts {
		score[d] += float64(n)
	}
	inRange := func(d time.Time) bool {
		return (req.From.IsZero() || !d.Before(dayOf(req.From))) && (req.To.IsZero() || d.Before(req.To))
	}
	ledes := map[time.Time][]newsbot.ParagraphRef{}
	for _, a := range src.List() {
		pub := dayOf(a.Published)
		if pub.IsZero() {
			continue
		}
		for _, d := range []time.Time{pub, pub.AddDate(0, 0, -1)} {
			if inRange(d) {
				score[d]++
			}
		}
		if inRange(pub) && len(ledes[pub]) < wholeLedes {
			ledes[pub] = append(ledes[pub], newsbot.ParagraphRef{Article: a.ID, N: 1})
		}
	}
	days := make([]time.Time, 0, len(score))
	for d := range score {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool {
		if score[days[i]] != score[days[j]] {
			return score[days[i]] > score[days[j]]
		}
		return days[i].Before(days[j])
	})
	if n := wholeDays * req.Limit; len(days) > n {
		days = days[:n]
	}
	// A long timeline reads fewer passages a day, so that it reads about
	// as many as a topic's whole coverage at most (maxPassages).
	perDay, perDayLedes := wholePerDay, wholeLedes
	if len(days) > 0 && len(days)*(wholePerDay+wholeLedes) > maxPassages {
		perDay = max(minWholePerDay, maxPassages*wholePerDay/(wholePerDay+wholeLedes)/len(days))
		perDayLedes = max(1, perDay*wholeLedes/wholePerDay)
	}
	var out []*passage
	seen := map[newsbot.ParagraphRef]bool{}
	for _, d := range days {
		refs := ledes[d][:min(len(ledes[d]), perDayLedes)]
		hits, err := src.Gather(ctx, newsbot.GatherRequest{Days: []time.Time{d}, Paragraphs: refs, Max: perDay + len(refs)})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			key := newsbot.ParagraphRef{Article: h.Citation.Article, N: h.Citation.Paragraph}
			if !seen[key] {
				seen[key] = true
				out = append(out, &passage{hit: h, weight: 1})
			}
		}
	}
	return out, nil
}
