package eval

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

// SemEvalCorpus is one corpus of SemEval-2015 Task 4: its articles, one
// paragraph per sentence (the title and date line left out), and the gold
// timelines of its target entities.
type SemEvalCorpus struct {
	Name      string
	Articles  []newsbot.Article
	Timelines map[string][]string // entity → gold dates, XXXX-XX-XX dropped
}

// LoadSemEval reads corpus_1, corpus_2 and corpus_3 of dir.
func LoadSemEval(dir string) ([]SemEvalCorpus, error) {
	var out []SemEvalCorpus
	for _, name := range []string{"corpus_1", "corpus_2", "corpus_3"} {
		c := SemEvalCorpus{Name: name, Timelines: map[string][]string{}}
		files, err := filepath.Glob(filepath.Join(dir, name, "corpus_trackA_TimeML", "*.tml"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("SemEval %s: no TimeML files", name)
		}
		for _, f := range files {
			a, err := readTimeML(f)
			if err != nil {
				return nil, err
			}
			c.Articles = append(c.Articles, a)
		}
		gold, err := filepath.Glob(filepath.Join(dir, name, "TimeLines_Gold_Standard", "*.txt"))
		if err != nil || len(gold) == 0 {
			return nil, fmt.Errorf("SemEval %s: no gold timelines", name)
		}
		for _, g := range gold {
			entity, dates, err := readGoldTimeline(g)
			if err != nil {
				return nil, err
			}
			c.Timelines[entity] = dates
		}
		out = append(out, c)
	}
	return out, nil
}

func readTimeML(path string) (newsbot.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return newsbot.Article{}, fmt.Errorf("opening %s: %w", path, err)
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
		return newsbot.Article{}, fmt.Errorf("reading %s: %w", path, err)
	}
	published, _ := time.Parse("2006-01-02", doc.DCT.Timex.Value)
	a := newsbot.Article{ID: doc.DocID, Published: published, Hash: doc.DocID, Path: filepath.Base(path)}
	for i, s := range doc.Sentences {
		switch i {
		case 0:
			a.Title = strings.TrimSpace(s.Text)
		case 1: // the date line
		default:
			text := strings.TrimSpace(s.Text)
			a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i - 1, Text: text, Dates: timex.Extract(text, published)})
		}
	}
	return a, nil
}

func readGoldTimeline(path string) (string, []string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", nil, fmt.Errorf("reading %s: %w", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	entity := strings.TrimSpace(lines[0])
	seen := map[string]bool{}
	var dates []string
	for _, l := range lines[1:] {
		fields := strings.Split(l, "\t")
		if len(fields) < 3 || fields[1] == "XXXX-XX-XX" || seen[fields[1]] {
			continue
		}
		seen[fields[1]] = true
		dates = append(dates, fields[1])
	}
	return entity, dates, nil
}

// TimelineReport holds the date precision, recall and F1 of the timelines.
type TimelineReport struct {
	Corpora, Entities     int
	Gold, Found, Correct  int
	Precision, Recall, F1 float64
	Took                  time.Duration
}

// RunSemEval asks the timeline of every target entity of c, with no limit
// but the gold timeline's length times two, and compares its dates with the
// gold ones at day granularity (2008-03 is 2008-03-XX).
func RunSemEval(ctx context.Context, s newsbot.Searcher, c SemEvalCorpus, r *TimelineReport) error {
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
		for _, e := range tl.Events {
			if d := semevalDate(e.Value); d != "" {
				found[d] = true
			}
		}
		r.Entities++
		r.Gold += len(gold)
		r.Found += len(found)
		for _, g := range gold {
			if found[g] {
				r.Correct++
			}
		}
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

// semevalDate writes a TimeML value as the gold timelines do: 2008-03-01,
// 2008-03-XX, 2008-XX-XX; "" for values they cannot hold (weeks, seasons).
func semevalDate(v string) string {
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		return v
	case len(v) == 7 && v[4] == '-' && v[5] != 'W' && v[5] != 'Q' && v[5] != 'H':
		return v + "-XX"
	case len(v) == 4 && !strings.Contains(v, "X"):
		return v + "-XX-XX"
	case len(v) > 10 && v[10] == 'T':
		return v[:10]
	}
	return ""
}

// WriteTable prints the report as a Markdown table.
func (r *TimelineReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| corpora | entities | gold dates | dates found | correct | precision | recall | F1 |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n",
		r.Corpora, r.Entities, r.Gold, r.Found, r.Correct, r.Precision, r.Recall, r.F1)
	return err
}
