package eval

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
)

// WhenDateReport counts how the answers to when-questions lead: with a
// date or without, and whether the date is the one the data gives.
type WhenDateReport struct {
	// Questions are the when-questions asked (routed as "when").
	Questions int
	// Dated is how many answers lead with a date; Right how many of those
	// dates are (or hold, or are held by) an answer text of the data.
	Dated, Right int
	// ByHalf are the same counts for the questions of even- and
	// odd-numbered articles.
	ByHalf [2]struct{ Questions, Dated, Right int }
}

// Wrong is how many answers lead with a date that is not the answer.
func (r *WhenDateReport) Wrong() int { return r.Dated - r.Right }

// RunWhenDates asks every question that the bot routes as a when-question
// and checks the date its answer leads with against the data's answers.
// half gives an article's half (0 even, 1 odd).
func RunWhenDates(ctx context.Context, a Answerer, questions []SQuADQuestion, half func(article string) int) (*WhenDateReport, error) {
	r := &WhenDateReport{}
	for _, q := range questions {
		if answer.Intent(q.Question) != newsbot.When {
			continue
		}
		ans, err := a.Answer(ctx, newsbot.When, q.Question, 1)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		h := &r.ByHalf[half(q.Article)]
		r.Questions++
		h.Questions++
		if len(ans.Passages) == 0 || ans.Passages[0].Date == nil {
			continue
		}
		r.Dated++
		h.Dated++
		got := ans.Passages[0].Date.Expression.Text
		for _, want := range q.Answers {
			if strings.Contains(want, got) || strings.Contains(got, want) {
				r.Right++
				h.Right++
				break
			}
		}
	}
	return r, nil
}

// WriteTable prints the report as a Markdown table.
func (r *WhenDateReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| questions | asked | lead with a date | the answer | another date |\n|---|---:|---:|---:|---:|\n")
	rows := []struct {
		name     string
		q, d, ok int
	}{{"even", r.ByHalf[0].Questions, r.ByHalf[0].Dated, r.ByHalf[0].Right}, {"odd", r.ByHalf[1].Questions, r.ByHalf[1].Dated, r.ByHalf[1].Right}, {"all", r.Questions, r.Dated, r.Right}}
	for _, row := range rows {
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", row.name, row.q, row.d, row.ok, row.d-row.ok)
	}
	return err
}
