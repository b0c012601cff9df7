package eval

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/followup"
)

// FollowUpReport measures follow-up questions made from SQuAD: each
// question whose subject a simple rule can replace by a pronoun
// (followup.Pronominalize), asked after an earlier question on the same
// paragraph that names that subject. Recall is over those questions only.
type FollowUpReport struct {
	// Questions is how many questions were looked at; Rewritten how many
	// became follow-ups (the rule applied and an earlier question on the
	// same paragraph names the subject).
	Questions, Rewritten int
	// Original is the recall of the questions as SQuAD has them; Alone of
	// the follow-ups asked without context; WithContext of the follow-ups
	// resolved against the earlier question and its answer.
	Original, Alone, WithContext Recall
	// Restored counts the follow-ups whose resolved question names the
	// subject that was taken out.
	Restored int
	Took     time.Duration
}

// RunFollowUp asks every rewritable question three ways: as written, as a
// follow-up alone, and as a follow-up resolved in its conversation.
func RunFollowUp(ctx context.Context, a Answerer, questions []SQuADQuestion) (*FollowUpReport, error) {
	start := time.Now()
	rep := &FollowUpReport{Questions: len(questions)}
	var orig, alone, with recallAcc
	seen := map[string][]SQuADQuestion{} // paragraph → earlier questions
	for _, q := range questions {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key := fmt.Sprintf("%s#%d", q.Article, q.Paragraph)
		earlier := seen[key]
		seen[key] = append(earlier, q)
		fu, subject, ok := followup.Pronominalize(q.Question)
		if !ok {
			continue
		}
		name := strings.ToLower(strings.TrimPrefix(subject, "the "))
		var prev *SQuADQuestion
		for i := len(earlier) - 1; i >= 0; i-- {
			if strings.Contains(strings.ToLower(earlier[i].Question), name) {
				prev = &earlier[i]
				break
			}
		}
		if prev == nil {
			continue
		}
		rep.Rewritten++
		rank := func(cmd newsbot.Command, text string) (int, *newsbot.Answer, error) {
			ans, err := a.Answer(ctx, cmd, text, 5)
			if err != nil {
				return 0, nil, fmt.Errorf("question %s: %w", q.ID, err)
			}
			for i, p := range ans.Passages {
				if p.Citation.Article == q.Article && p.Citation.Paragraph == q.Paragraph {
					return i + 1, ans, nil
				}
			}
			return 0, ans, nil
		}
		r, _, err := rank(answer.Intent(q.Question), q.Question)
		if err != nil {
			return nil, err
		}
		orig.add(r)
		if r, _, err = rank(answer.Intent(fu), fu); err != nil {
			return nil, err
		}
		alone.add(r)
		// The conversation: the earlier question, answered as the bot
		// answers it, then the follow-up.
		var conv followup.Conversation
		pcmd := answer.Intent(prev.Question)
		pans, err := a.Answer(ctx, pcmd, prev.Question, 1)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", prev.ID, err)
		}
		var lead *newsbot.Passage
		if len(pans.Passages) > 0 {
			lead = &pans.Passages[0]
		}
		conv.Record(prev.Question, pcmd, lead)
		res := conv.Resolve(fu)
		if strings.Contains(strings.ToLower(res.Question), strings.ToLower(subject)) {
			rep.Restored++
		}
		if r, _, err = rank(res.Command, res.Question); err != nil {
			return nil, err
		}
		with.add(r)
	}
	rep.Original, rep.Alone, rep.WithContext = orig.recall(), alone.recall(), with.recall()
	rep.Took = time.Since(start)
	return rep, nil
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
func (r *FollowUpReport) WriteTable(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "%d of %d questions rewritten as follow-ups; the resolved question names the subject again in %d (%.1f%%)\n\n",
		r.Rewritten, r.Questions, r.Restored, 100*float64(r.Restored)/float64(max(r.Rewritten, 1))); err != nil {
		return err
	}
	fmt.Fprintf(w, "| asked | questions | R@1 | R@3 | R@5 | MRR |\n|---|---:|---:|---:|---:|---:|\n")
	for _, row := range []struct {
		name string
		r    Recall
	}{{"the question as SQuAD has it", r.Original}, {"the follow-up alone", r.Alone}, {"the follow-up in its conversation", r.WithContext}} {
		if _, err := fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f | %.3f |\n", row.name, row.r.Questions, row.r.At1, row.r.At3, row.r.At5, row.r.MRR); err != nil {
			return err
		}
	}
	return nil
}
