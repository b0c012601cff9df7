package eval

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timex"
)

// MeantimeArticles turns MEANTIME documents into articles, as wire copy
// reads: the first line is the title, the second (the date line) is left
// out, and every further line (one sentence, tokenised in the data) is a
// paragraph, with the tokenisation undone ("( EADS )" reads "(EADS)").
func MeantimeArticles(docs []MeantimeDoc) []newsbot.Article {
	out := make([]newsbot.Article, 0, len(docs))
	for _, d := range docs {
		lines := strings.Split(d.Text, "\n")
		a := newsbot.Article{ID: d.ID, Title: Detokenize(lines[0]), Published: d.DCT, Hash: d.ID}
		for _, l := range lines[min(2, len(lines)):] {
			text := Detokenize(l)
			if text == "" {
				continue
			}
			a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: len(a.Paragraphs) + 1, Text: text})
		}
		readDates(&a)
		out = append(out, a)
	}
	return out
}

// readDates sets a's paragraphs' dates as the index reads them
// (corpus.FindDates, which eval cannot import: corpus's tests import eval):
// the paragraphs read in order as one text.
func readDates(a *newsbot.Article) {
	r := timex.NewReader(a.Published)
	for i := range a.Paragraphs {
		a.Paragraphs[i].Dates = r.Extract(a.Paragraphs[i].Text)
	}
}

var (
	spaceBefore = regexp.MustCompile(` ([.,;:!?%)\]]|'s|'re|'ve|'ll|'d|n't|'')`)
	spaceAfter  = regexp.MustCompile("([(\\[$]|``) ")
)

// Detokenize turns a tokenised sentence (Penn Treebank style, as MEANTIME
// and SemEval give them) back into text as printed.
func Detokenize(s string) string {
	s = spaceBefore.ReplaceAllString(strings.TrimSpace(s), "$1")
	s = spaceAfter.ReplaceAllString(s, "$1")
	return strings.NewReplacer("``", "“", "''", "”").Replace(s)
}

// NewsQuestion is a question written from a news article, with the
// paragraph that answers it.
type NewsQuestion struct {
	Question string
	Article  string
	// Fragment is a piece of the answering paragraph's text.
	Fragment string
}

//go:embed newsqa.tsv
var newsQA string

// MeantimeQuestions are questions written by hand from the MEANTIME
// articles (what, who, how many, when and why), each with a fragment of the
// sentence that answers it.
func MeantimeQuestions() []NewsQuestion {
	var out []NewsQuestion
	for _, l := range strings.Split(newsQA, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		out = append(out, NewsQuestion{Article: f[0], Fragment: f[1], Question: f[2]})
	}
	return out
}

// GoldParagraphs resolves each question's fragment to its paragraph among
// articles, as SQuAD questions: an error names a fragment found nowhere.
func GoldParagraphs(articles []newsbot.Article, qs []NewsQuestion) ([]SQuADQuestion, error) {
	byID := make(map[string]*newsbot.Article, len(articles))
	for i := range articles {
		byID[articles[i].ID] = &articles[i]
	}
	out := make([]SQuADQuestion, 0, len(qs))
	for i, q := range qs {
		a := byID[q.Article]
		if a == nil {
			return nil, fmt.Errorf("news question %d: no article %s", i+1, q.Article)
		}
		n := 0
		for _, p := range a.Paragraphs {
			if strings.Contains(p.Text, q.Fragment) {
				n = p.N
				break
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("news question %d: %q is in no paragraph of %s", i+1, q.Fragment, q.Article)
		}
		out = append(out, SQuADQuestion{ID: fmt.Sprintf("news-%d", i+1), Question: q.Question, Article: a.ID, Paragraph: n})
	}
	return out, nil
}

// NewsSet is a news corpus and questions about it.
type NewsSet struct {
	Articles  []newsbot.Article
	Questions []SQuADQuestion
}

// NewNewsSet resolves qs over articles (see GoldParagraphs).
func NewNewsSet(articles []newsbot.Article, qs []NewsQuestion) (*NewsSet, error) {
	gold, err := GoldParagraphs(articles, qs)
	if err != nil {
		return nil, err
	}
	return &NewsSet{Articles: articles, Questions: gold}, nil
}
