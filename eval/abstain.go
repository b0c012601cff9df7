package eval

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
)

// LeftOut reports whether the SQuAD article at position i (0-based, in file
// order) is left out of the index of the abstention evaluation: positions 3
// and 4 of every 8, a quarter of the articles, as many even-numbered as
// odd-numbered (the halves that weights are tuned and checked on).
func LeftOut(i int) bool { return i%8 == 3 || i%8 == 4 }

// AbstentionSplit divides a SQuAD set for the abstention evaluation: the
// articles to index, the questions about them (present) and the questions
// about the articles left out (absent). half gives each article's half,
// "even" or "odd", by its position.
func AbstentionSplit(s *SQuAD) (indexed []newsbot.Article, present, absent []SQuADQuestion, half map[string]string) {
	half = make(map[string]string, len(s.Articles))
	out := make(map[string]bool)
	for i, a := range s.Articles {
		half[a.ID] = [2]string{"even", "odd"}[i%2]
		if LeftOut(i) {
			out[a.ID] = true
			continue
		}
		indexed = append(indexed, a)
	}
	for _, q := range s.Questions {
		if out[q.Article] {
			absent = append(absent, q)
		} else {
			present = append(present, q)
		}
	}
	return indexed, present, absent, half
}

// AbstentionRow counts, for one group of questions, how many questions
// about articles that are not in the index got no passage (Abstained of
// Absent) and how many about indexed articles got one (Answered of
// Present).
type AbstentionRow struct {
	Group             string
	Absent, Abstained int
	Present, Answered int
}

// AbstainedShare is the share of absent articles' questions answered "no passage".
func (r AbstentionRow) AbstainedShare() float64 { return share(r.Abstained, r.Absent) }

// AnsweredShare is the share of present articles' questions given a passage.
func (r AbstentionRow) AnsweredShare() float64 { return share(r.Answered, r.Present) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// AbstentionReport is the outcome of RunAbstention: a row per group, then
// one for all questions.
type AbstentionReport struct {
	Rows []AbstentionRow
	Took time.Duration
}

// All is the row of all questions.
func (r *AbstentionReport) All() AbstentionRow { return r.Rows[len(r.Rows)-1] }

// Row returns the row of group, or false.
func (r *AbstentionReport) Row(group string) (AbstentionRow, bool) {
	for _, row := range r.Rows {
		if row.Group == group {
			return row, true
		}
	}
	return AbstentionRow{}, false
}

// RunAbstention asks every question through a, routed as the bot routes
// it, and counts which get a passage: the questions of present are about
// indexed articles and should; those of absent are not and should get
// none. group names each question's group (nil: all in one).
func RunAbstention(ctx context.Context, a Answerer, present, absent []SQuADQuestion, group func(SQuADQuestion) string) (*AbstentionReport, error) {
	start := time.Now()
	rows := map[string]*AbstentionRow{}
	var order []string
	row := func(q SQuADQuestion) *AbstentionRow {
		g := ""
		if group != nil {
			g = group(q)
		}
		r := rows[g]
		if r == nil {
			r = &AbstentionRow{Group: g}
			rows[g] = r
			order = append(order, g)
		}
		return r
	}
	answered := func(q SQuADQuestion) (bool, error) {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		ans, err := a.Answer(ctx, answer.Intent(q.Question), q.Question, 1)
		if err != nil {
			return false, fmt.Errorf("question %s: %w", q.ID, err)
		}
		return len(ans.Passages) > 0, nil
	}
	all := AbstentionRow{Group: "all"}
	for _, q := range present {
		ok, err := answered(q)
		if err != nil {
			return nil, err
		}
		r := row(q)
		r.Present++
		all.Present++
		if ok {
			r.Answered++
			all.Answered++
		}
	}
	for _, q := range absent {
		ok, err := answered(q)
		if err != nil {
			return nil, err
		}
		r := row(q)
		r.Absent++
		all.Absent++
		if !ok {
			r.Abstained++
			all.Abstained++
		}
	}
	rep := &AbstentionReport{Took: time.Since(start)}
	if group != nil {
		slices.Sort(order)
		for _, g := range order {
			rep.Rows = append(rep.Rows, *rows[g])
		}
	}
	rep.Rows = append(rep.Rows, all)
	return rep, nil
}

// WriteTable prints the report as a Markdown table.
func (r *AbstentionReport) WriteTable(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "| questions | absent: asked | no passage | share | present: asked | answered | share |\n|---|---:|---:|---:|---:|---:|---:|\n"); err != nil {
		return err
	}
	for _, row := range r.Rows {
		if _, err := fmt.Fprintf(w, "| %s | %d | %d | %.3f | %d | %d | %.3f |\n", row.Group,
			row.Absent, row.Abstained, row.AbstainedShare(), row.Present, row.Answered, row.AnsweredShare()); err != nil {
			return err
		}
	}
	return nil
}
