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
// published on it or the day after; weeks, months and years by how many
// paragraphs mention them, halved as in a timeline's scores), and only the
// passages of the best of them are read and weighed as a topic's are.
const (
	// wholeDays is how many days are read, per event asked for;
	// wholePeriods, how many weeks, months or years.
	wholeDays    = 2
	wholePeriods = 1
	// wholePerDay bounds the passages read per day: those with an event on
	// it, and the first paragraphs of articles published on it.
	wholePerDay = 100
	wholeLedes  = 30
	// minWholePerDay is the fewest passages read a day however long the
	// timeline.
	minWholePerDay = 10
)

// wholeSlot is a day, or the week, month, year or longer periods that
// start on a day, as the index counts them.
type wholeSlot struct {
	day    time.Time
	period bool
}

// wholeCorpus gathers the passages of the days and periods most written
// about in the requested range.
func wholeCorpus(ctx context.Context, src Source, req Request) ([]*passage, error) {
	last := req.To
	if !last.IsZero() {
		last = last.Add(-time.Nanosecond)
	}
	counts, err := src.DayCounts(ctx, req.From, last)
	if err != nil {
		return nil, err
	}
	periods, err := src.PeriodCounts(ctx, req.From, last)
	if err != nil {
		return nil, err
	}
	score := map[wholeSlot]float64{}
	for d, n := range counts {
		score[wholeSlot{day: d}] += float64(n)
	}
	for d, n := range periods {
		score[wholeSlot{day: d, period: true}] += coarseWeight * float64(n)
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
				score[wholeSlot{day: d}]++
			}
		}
		if inRange(pub) && len(ledes[pub]) < wholeLedes {
			ledes[pub] = append(ledes[pub], newsbot.ParagraphRef{Article: a.ID, N: 1})
		}
	}
	slots := make([]wholeSlot, 0, len(score))
	for s := range score {
		slots = append(slots, s)
	}
	sort.Slice(slots, func(i, j int) bool {
		a, b := slots[i], slots[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		if !a.day.Equal(b.day) {
			return a.day.Before(b.day)
		}
		return !a.period && b.period
	})
	// The best days, and as many periods as events asked for: a period
	// stands only when none of its days is chosen, so it does not take a
	// day's place in what is read.
	var read []wholeSlot
	days, periodsRead := 0, 0
	for _, s := range slots {
		switch {
		case !s.period && days < wholeDays*req.Limit:
			days++
		case s.period && periodsRead < wholePeriods*req.Limit:
			periodsRead++
		default:
			continue
		}
		read = append(read, s)
	}
	slots = read
	// A long timeline reads fewer passages a day, so that it reads about
	// as many as a topic's whole coverage at most (maxPassages).
	perDay, perDayLedes := wholePerDay, wholeLedes
	if len(slots) > 0 && len(slots)*(wholePerDay+wholeLedes) > maxPassages {
		perDay = max(minWholePerDay, maxPassages*wholePerDay/(wholePerDay+wholeLedes)/len(slots))
		perDayLedes = max(1, perDay*wholeLedes/wholePerDay)
	}
	var out []*passage
	seen := map[newsbot.ParagraphRef]bool{}
	for _, s := range slots {
		req := newsbot.GatherRequest{Max: perDay}
		if s.period {
			req.Periods = []time.Time{s.day}
		} else {
			req.Days = []time.Time{s.day}
			req.Paragraphs = ledes[s.day][:min(len(ledes[s.day]), perDayLedes)]
			req.Max += len(req.Paragraphs)
		}
		hits, err := src.Gather(ctx, req)
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
