// Package eval measures newsbot's answers on public evaluation data. It
// drives the same answer path as the CLI and the bot.
package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/timex"
)

// SQuADQuestion is one question with the paragraph that answers it.
type SQuADQuestion struct {
	ID       string
	Question string
	Article  string
	// Paragraph is the 1-based number of the gold paragraph in Article.
	Paragraph int
	// Answers are the answer texts the data gives, spans of the paragraph.
	Answers []string
}

// SQuAD is a SQuAD v1.1 file as a corpus and its questions.
type SQuAD struct {
	Articles  []newsbot.Article
	Questions []SQuADQuestion
}

// LoadSQuAD reads a SQuAD v1.1 JSON file: every Wikipedia title becomes an
// article whose paragraphs are its contexts, verbatim.
func LoadSQuAD(path string) (*SQuAD, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening SQuAD file: %w", err)
	}
	defer f.Close()
	return ReadSQuAD(f)
}

// ReadSQuAD reads SQuAD v1.1 JSON from r.
func ReadSQuAD(r io.Reader) (*SQuAD, error) {
	var raw struct {
		Data []struct {
			Title      string `json:"title"`
			Paragraphs []struct {
				Context string `json:"context"`
				QAs     []struct {
					ID       string `json:"id"`
					Question string `json:"question"`
					Answers  []struct {
						Text string `json:"text"`
					} `json:"answers"`
				} `json:"qas"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("reading SQuAD JSON: %w", err)
	}
	if len(raw.Data) == 0 {
		return nil, fmt.Errorf("reading SQuAD JSON: no articles")
	}
	s := &SQuAD{}
	for _, d := range raw.Data {
		a := newsbot.Article{ID: d.Title, Title: strings.ReplaceAll(d.Title, "_", " "), Hash: d.Title}
		for i, p := range d.Paragraphs {
			a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: i + 1, Text: p.Context, Dates: timex.Extract(p.Context, time.Time{})})
			for _, q := range p.QAs {
				sq := SQuADQuestion{ID: q.ID, Question: q.Question, Article: a.ID, Paragraph: i + 1}
				for _, a := range q.Answers {
					sq.Answers = append(sq.Answers, a.Text)
				}
				s.Questions = append(s.Questions, sq)
			}
		}
		s.Articles = append(s.Articles, a)
	}
	return s, nil
}

// Recall holds retrieval figures for a set of questions.
type Recall struct {
	Questions int
	At1       float64
	At3       float64
	At5       float64
	MRR       float64
}

// SQuADReport is the outcome of an evaluation run.
type SQuADReport struct {
	All, When, Why Recall
	Took           time.Duration
}

// Answerer answers one question; *answer.Engine is one.
type Answerer interface {
	Answer(ctx context.Context, cmd newsbot.Command, question string, k int) (*newsbot.Answer, error)
}

// RunSQuAD asks every question through a, routed as the bot routes it
// (answer.Intent), and reports Recall@1, 3, 5 and MRR over the top five
// passages: overall, and for the when and why subsets, which are the
// questions whose first wh-word is "when" or "why" (answer.ByFirstWhWord),
// as the data's reference figures count them.
func RunSQuAD(ctx context.Context, a Answerer, questions []SQuADQuestion) (*SQuADReport, error) {
	start := time.Now()
	var all, when, why recallAcc
	for _, q := range questions {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cmd := answer.Intent(q.Question)
		ans, err := a.Answer(ctx, cmd, q.Question, 5)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		rank := goldRank(ans, q)
		all.add(rank)
		switch answer.ByFirstWhWord(q.Question) {
		case newsbot.When:
			when.add(rank)
		case newsbot.Why:
			why.add(rank)
		}
	}
	return &SQuADReport{All: all.recall(), When: when.recall(), Why: why.recall(), Took: time.Since(start)}, nil
}

// goldRank is the rank (from 1) of q's paragraph among the answer's
// passages; 0 when it is not among them.
func goldRank(ans *newsbot.Answer, q SQuADQuestion) int {
	for i, p := range ans.Passages {
		if p.Citation.Article == q.Article && p.Citation.Paragraph == q.Paragraph {
			return i + 1
		}
	}
	return 0
}

// recallAcc counts ranks of the gold paragraph (0: not in the top 5).
type recallAcc struct {
	n, at1, at3, at5 int
	rr               float64
}

func (c *recallAcc) add(rank int) {
	c.n++
	if rank == 0 {
		return
	}
	if rank == 1 {
		c.at1++
	}
	if rank <= 3 {
		c.at3++
	}
	if rank <= 5 {
		c.at5++
	}
	c.rr += 1 / float64(rank)
}

func (c recallAcc) recall() Recall {
	if c.n == 0 {
		return Recall{}
	}
	n := float64(c.n)
	return Recall{Questions: c.n, At1: float64(c.at1) / n, At3: float64(c.at3) / n, At5: float64(c.at5) / n, MRR: c.rr / n}
}

// WriteTable prints the report as a Markdown table.
func (r *SQuADReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| subset | questions | R@1 | R@3 | R@5 | MRR |\n|---|---:|---:|---:|---:|---:|\n")
	for _, row := range []struct {
		name string
		r    Recall
	}{{"all", r.All}, {"when", r.When}, {"why", r.Why}} {
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f | %.3f |\n", row.name, row.r.Questions, row.r.At1, row.r.At3, row.r.At5, row.r.MRR)
	}
	return err
}
