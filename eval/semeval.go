package eval

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
)

// SemEvalCorpus is one corpus of SemEval-2015 Task 4: its articles, one
// paragraph per sentence (the title and date line left out), and the gold
// timelines of its target entities.
type SemEvalCorpus struct {
	Name      string
	Articles  []newsbot.Article
	Timelines map[string]GoldTimeline
	// Sentences are each document's sentences as the TimeML text has them
	// (0 the title, 1 the date line), by document ID: the reference text
	// of the gold events.
	Sentences map[string][]string
}

// GoldTimeline is an entity's gold timeline.
type GoldTimeline struct {
	// Dates are its distinct dates, XXXX-XX-XX left out.
	Dates []string
	// Order gives each event's place: "docid-sentence" → order number
	// (events of one place share a number).
	Order map[string]int
	// Sentences lists, for each of Dates, the places ("docid-sentence") of
	// its events, in the gold file's order, each once.
	Sentences map[string][]string
	// Events are the dated events: where each is ("docid-sentence") and the
	// date the annotators gave it (2008-03-01, 2008-03-XX, 2008-XX-XX).
	Events []GoldEvent
}

// GoldEvent is an event of a gold timeline with a date.
type GoldEvent struct {
	Place, Date string
}

// LoadSemEval reads corpus_1, corpus_2 and corpus_3 of dir.
func LoadSemEval(dir string) ([]SemEvalCorpus, error) {
	var out []SemEvalCorpus
	for _, name := range []string{"corpus_1", "corpus_2", "corpus_3"} {
		c := SemEvalCorpus{Name: name, Timelines: map[string]GoldTimeline{}, Sentences: map[string][]string{}}
		files, err := filepath.Glob(filepath.Join(dir, name, "corpus_trackA_TimeML", "*.tml"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("SemEval %s: no TimeML files", name)
		}
		for _, f := range files {
			a, sentences, err := readTimeML(f)
			if err != nil {
				return nil, err
			}
			c.Articles = append(c.Articles, a)
			c.Sentences[a.ID] = sentences
		}
		gold, err := filepath.Glob(filepath.Join(dir, name, "TimeLines_Gold_Standard", "*.txt"))
		if err != nil || len(gold) == 0 {
			return nil, fmt.Errorf("SemEval %s: no gold timelines", name)
		}
		for _, g := range gold {
			entity, gold, err := readGoldTimeline(g)
			if err != nil {
				return nil, err
			}
			c.Timelines[entity] = gold
		}
		out = append(out, c)
	}
	return out, nil
}

// readTimeML reads one TimeML document as an article, and its sentences.
func readTimeML(path string) (newsbot.Article, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return newsbot.Article{}, nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	var doc struct {
		DocID string `xml:"DOCID"`
		DCT   struct {
			Timex struct {
				Value string `xml:"value,attr"`
			} `xml:"TIMEX3"`
		} `xml:"DCT"`
		Sentences []struct {
			Text string `xml:",chardata"`
		} `xml:"TEXT>s"`
	}
	if err := xml.NewDecoder(f).Decode(&doc); err != nil {
		return newsbot.Article{}, nil, fmt.Errorf("reading %s: %w", path, err)
	}
	published, _ := time.Parse("2006-01-02", doc.DCT.Timex.Value)
	a := newsbot.Article{ID: doc.DocID, Published: published, Hash: doc.DocID, Path: filepath.Base(path)}
	sentences := make([]string, len(doc.Sentences))
	for i, s := range doc.Sentences {
		sentences[i] = strings.TrimSpace(s.Text)
		switch i {
		case 0:
			a.Title = strings.TrimSpace(s.Text)
		case 1: // the date line
		default:
			text := strings.TrimSpace(s.Text)
			a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i - 1, Text: text})
		}
	}
	readDates(&a)
	return a, sentences, nil
}

func readGoldTimeline(path string) (string, GoldTimeline, error) {
	gold := GoldTimeline{Order: map[string]int{}, Sentences: map[string][]string{}}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", gold, fmt.Errorf("reading %s: %w", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	entity := strings.TrimSpace(lines[0])
	seen := map[string]bool{}
	for _, l := range lines[1:] {
		fields := strings.Split(l, "\t")
		if len(fields) < 3 {
			continue
		}
		fields[1] = goldDate(fields[1])
		order, err := strconv.Atoi(fields[0])
		if err != nil {
			return "", gold, fmt.Errorf("reading %s: order %q: %w", path, fields[0], err)
		}
		for _, ev := range fields[2:] {
			parts := strings.SplitN(ev, "-", 3) // docid-sentence-word
			if len(parts) != 3 {
				continue
			}
			place := parts[0] + "-" + parts[1]
			if order > 0 {
				gold.Order[place] = order
			}
			if fields[1] != "XXXX-XX-XX" && !slices.Contains(gold.Sentences[fields[1]], place) {
				gold.Sentences[fields[1]] = append(gold.Sentences[fields[1]], place)
			}
			if fields[1] != "XXXX-XX-XX" {
				gold.Events = append(gold.Events, GoldEvent{Place: place, Date: fields[1]})
			}
		}
		if fields[1] == "XXXX-XX-XX" || seen[fields[1]] {
			continue
		}
		seen[fields[1]] = true
		gold.Dates = append(gold.Dates, fields[1])
	}
	return entity, gold, nil
}

// TimelineReport holds the date precision, recall and F1 of the timelines,
// and how often two events that are also gold events come in the gold order.
type TimelineReport struct {
	Corpora, Entities     int
	Gold, Found, Correct  int
	Precision, Recall, F1 float64
	// Pairs counts pairs of timeline events found in the gold timeline at
	// different places; Ordered, those the timeline puts in the gold order.
	Pairs, Ordered int
	OrderAccuracy  float64
	Took           time.Duration
}

// RunSemEval asks the timeline of every target entity of c, with no limit
// but the gold timeline's length times two, and compares its dates with the
// gold ones at day granularity (2008-03 is 2008-03-XX).
func RunSemEval(ctx context.Context, s timeline.Source, c SemEvalCorpus, r *TimelineReport) error {
	start := time.Now()
	r.Corpora++
	entities := make([]string, 0, len(c.Timelines))
	for e := range c.Timelines {
		entities = append(entities, e)
	}
	sort.Strings(entities)
	for _, entity := range entities {
		gold := c.Timelines[entity]
		tl, err := timeline.Build(ctx, s, timeline.Request{Topic: entity, Limit: 500})
		if err != nil {
			return fmt.Errorf("timeline of %s: %w", entity, err)
		}
		found := map[string]bool{}
		var places []int // gold order of the timeline's events, in timeline order
		for _, e := range tl.Events {
			found[chosenDate(e.Value)] = true
			c := e.Citations[0]
			// Paragraph n is sentence n+1: sentence 0 is the title, 1 the date line.
			if o, ok := gold.Order[fmt.Sprintf("%s-%d", c.Article, c.Paragraph+1)]; ok {
				places = append(places, o)
			}
		}
		for i := range places {
			for j := i + 1; j < len(places); j++ {
				if places[i] != places[j] {
					r.Pairs++
					if places[i] < places[j] {
						r.Ordered++
					}
				}
			}
		}
		r.Entities++
		r.Gold += len(gold.Dates)
		r.Found += len(found)
		for _, g := range gold.Dates {
			if found[g] {
				r.Correct++
			}
		}
	}
	if r.Pairs > 0 {
		r.OrderAccuracy = float64(r.Ordered) / float64(r.Pairs)
	}
	if r.Found > 0 {
		r.Precision = float64(r.Correct) / float64(r.Found)
	}
	if r.Gold > 0 {
		r.Recall = float64(r.Correct) / float64(r.Gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	r.Took += time.Since(start)
	return nil
}

// chosenDate is the date a timeline event counts as: its SemEval date, or,
// for a week, quarter, season or decade, which no gold date can be, a date
// of its own that is never correct, so that choosing it costs precision.
func chosenDate(v string) string {
	if d := semevalDate(v); d != "" {
		return d
	}
	return "unscored " + v
}

// semevalDate writes a TimeML value as the gold timelines do: 2008-03-01,
// 2008-03-XX, 2008-XX-XX; "" for values they cannot hold (weeks, seasons).
func semevalDate(v string) string {
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		return v
	case len(v) == 7 && v[4] == '-' && isDigit(v[5]) && isDigit(v[6]): // not 2008-W09, -Q1, -H2, -SU
		return v + "-XX"
	case len(v) == 4 && !strings.Contains(v, "X"):
		return v + "-XX-XX"
	case len(v) > 10 && v[10] == 'T':
		return v[:10]
	}
	return ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// WriteTable prints the report as a Markdown table.
func (r *TimelineReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| corpora | entities | gold dates | dates found | correct | precision | recall | F1 | order (pairs) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d | %.3f | %.3f | %.3f | %.3f (%d/%d) |\n",
		r.Corpora, r.Entities, r.Gold, r.Found, r.Correct, r.Precision, r.Recall, r.F1, r.OrderAccuracy, r.Ordered, r.Pairs)
	return err
}
