package eval_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/internal/samples"
	"github.com/newsbot-dev/newsbot/timex"
)

// TestAnswersAreExtractive is the extractive guarantee, checked on every
// answer to many questions over real text: the sample articles, and the
// MEANTIME news with wire copies of a third of its stories (another
// outlet's, hours later, with a credit prefix and a sentence added to the
// lede, and the lede repeated at the end as a summary). Every passage
// shown is, byte for byte, the paragraph of the article it is cited to
// first; its highlights are words of it; a when-answer's date is in the
// sentence quoted with it, and that sentence is of the passage; every other
// source is another article of the corpus, each named once; no answer cites
// a paragraph twice, nor shows a story's paragraph again from its copy.
// (Two stories may share a sentence word for word: MEANTIME's markets
// stories of 6 and 24 October 2008 both open "Stock markets around the
// world have fallen dramatically today." Those are two passages.)
func TestAnswersAreExtractive(t *testing.T) {
	ctx := context.Background()
	set, err := meantimeNews(t)
	if err != nil {
		t.Fatal(err)
	}
	news := append(set.Articles, wireCopies(set.Articles)...)
	var questions []string
	for _, q := range set.Questions {
		questions = append(questions, q.Question)
	}
	for _, a := range set.Articles {
		questions = append(questions, a.Title, "When did "+strings.TrimSuffix(a.Title, ".")+"?")
	}
	res, err := corpus.Load(ctx, samples.Dir(), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sampleQuestions := []string{
		"Why did North Korea blow up the building?",
		"When did North Korea reopen communication lines?",
		"What did South Korea's Unification Minister say about the reopening?",
		"Why did Kim Jong Un meet Vladimir Putin?",
		"What do North Korean defectors send over the border?",
		"Who is Kwon Young-se?",
		"When was the liaison office destroyed?",
	}
	for _, c := range []struct {
		name      string
		articles  []newsbot.Article
		questions []string
	}{
		{"samples", res.Articles, sampleQuestions},
		{"MEANTIME news and wire copies", news, questions},
	} {
		paras := map[string]string{}
		for _, a := range c.articles {
			for _, p := range a.Paragraphs {
				paras[fmt.Sprintf("%s#%d", a.ID, p.N)] = p.Text
			}
		}
		e := answer.New(samples.IndexArticles(t, c.articles), answer.Config{})
		passages, collapsed, dated := 0, 0, 0
		for _, q := range c.questions {
			for _, cmd := range []newsbot.Command{newsbot.Ask, newsbot.Why, newsbot.When} {
				ans, err := e.Answer(ctx, cmd, q, 5)
				if err != nil {
					t.Fatal(err)
				}
				cited := map[string]bool{}
				for i, p := range ans.Passages {
					passages++
					if len(p.Sources) > 0 {
						collapsed++
					}
					if p.Date != nil {
						dated++
					}
					for _, msg := range extractiveFaults(p, paras) {
						t.Errorf("%s: %s %q, passage %d (%s #%d): %s", c.name, cmd, q, i+1, p.Citation.Article, p.Citation.Paragraph, msg)
					}
					for _, o := range ans.Passages[:i] {
						if sameStory(o.Citation.Article, p.Citation.Article) && sameWords(o.Text, p.Text) {
							t.Errorf("%s: %s %q shows %s #%d twice (as %s #%d)", c.name, cmd, q, p.Citation.Article, p.Citation.Paragraph, o.Citation.Article, o.Citation.Paragraph)
						}
					}
					carriers := p.Sources // the citation first
					if len(carriers) == 0 {
						carriers = []newsbot.Citation{p.Citation}
					}
					for _, src := range carriers {
						key := fmt.Sprintf("%s#%d", src.Article, src.Paragraph)
						if cited[key] {
							t.Errorf("%s: %s %q cites %s in two passages", c.name, cmd, q, key)
						}
						cited[key] = true
					}
				}
			}
		}
		t.Logf("%s: %d questions, %d passages, %d of them collapsed copies, %d dated", c.name, 3*len(c.questions), passages, collapsed, dated)
		if passages == 0 || c.name != "samples" && (collapsed == 0 || dated == 0) {
			t.Errorf("%s: %d passages, %d collapsed, %d dated: the check checked nothing", c.name, passages, collapsed, dated)
		}
	}
}

// extractiveFaults lists how passage p breaks the extractive guarantee;
// paras are the corpus's paragraphs by "article#n".
func extractiveFaults(p newsbot.Passage, paras map[string]string) []string {
	var faults []string
	cited := fmt.Sprintf("%s#%d", p.Citation.Article, p.Citation.Paragraph)
	if text, ok := paras[cited]; !ok || text != p.Text {
		faults = append(faults, fmt.Sprintf("text %.60q is not the cited paragraph %.60q", p.Text, text))
	}
	last := 0
	for _, h := range p.Highlights {
		if h.Start < last || h.End <= h.Start || h.End > len(p.Text) ||
			!utf8.RuneStart(p.Text[h.Start]) || h.End < len(p.Text) && !utf8.RuneStart(p.Text[h.End]) {
			faults = append(faults, fmt.Sprintf("highlight %v is not a span of the text", h))
			break
		}
		last = h.End
	}
	if len(p.Highlights) == 0 {
		faults = append(faults, "no question term is highlighted")
	}
	if d := p.Date; d != nil {
		s := d.Sentence
		if s.Start < 0 || s.End > len(p.Text) || s.Start >= s.End {
			faults = append(faults, fmt.Sprintf("date sentence %v is outside the text", s))
		} else if !strings.Contains(p.Text[s.Start:s.End], d.Expression.Text) {
			faults = append(faults, fmt.Sprintf("the date %q is not in its sentence %q", d.Expression.Text, p.Text[s.Start:s.End]))
		}
	}
	if len(p.Sources) == 1 {
		faults = append(faults, "one source listed: Sources are for passages carried by several articles")
	}
	seen := map[string]bool{}
	for i, c := range p.Sources {
		key := fmt.Sprintf("%s#%d", c.Article, c.Paragraph)
		if i == 0 && (c.Article != p.Citation.Article || c.Paragraph != p.Citation.Paragraph) {
			faults = append(faults, fmt.Sprintf("first source %s is not the citation", key))
		}
		if _, ok := paras[key]; !ok {
			faults = append(faults, fmt.Sprintf("source %s is no paragraph of the corpus", key))
		}
		if seen[c.Article] {
			faults = append(faults, fmt.Sprintf("source %s is named twice", c.Article))
		}
		seen[c.Article] = true
	}
	return faults
}

// wireCopies makes, of every third article, the copy another outlet runs
// six hours later: a credit prefix and one more sentence on the lede, and
// the lede again at the end, as a summary.
func wireCopies(articles []newsbot.Article) []newsbot.Article {
	var out []newsbot.Article
	for i := 0; i < len(articles); i += 3 {
		a := articles[i]
		if len(a.Paragraphs) == 0 {
			continue
		}
		c := newsbot.Article{ID: a.ID + "-outlet", Title: a.Title + " - The Outlet", Hash: a.ID + "-outlet", Source: "The Outlet"}
		if !a.Published.IsZero() {
			c.Published = a.Published.Add(6 * time.Hour)
		}
		texts := []string{"(Reuters) - " + a.Paragraphs[0].Text + " More details were not immediately available."}
		for _, p := range a.Paragraphs[1:] {
			texts = append(texts, p.Text)
		}
		texts = append(texts, a.Paragraphs[0].Text)
		for j, text := range texts {
			c.Paragraphs = append(c.Paragraphs, newsbot.Paragraph{N: j + 1, Text: text, Dates: timex.Extract(text, c.Published)})
		}
		out = append(out, c)
	}
	return out
}

// sameStory reports whether two articles are one story: an article and
// the copy wireCopies made of it.
func sameStory(a, b string) bool {
	return strings.TrimSuffix(a, "-outlet") == strings.TrimSuffix(b, "-outlet")
}

// sameWords reports whether two texts have the same words, spaced alike.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
