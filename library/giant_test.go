package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

// giantArticle is a one-line article of about 4.9 MB (under the 5 MB file
// limit): council reports from 500 towns, over and over.
func giantArticle() string {
	var b strings.Builder
	b.WriteString("The endless council report\n\n")
	for i := 0; b.Len() < 4_900_000; i++ {
		fmt.Fprintf(&b, "On day %d the council of Town%d voted on the harbour budget after a debate about fishing quotas and road repairs. ", i, i%500)
	}
	b.WriteString("\n")
	return b.String()
}

// openGiant builds an index over a corpus holding the giant article and a
// short one.
func openGiant(tb testing.TB) *Library {
	tb.Helper()
	dir := tb.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(corpusDir, 0o755); err != nil {
		tb.Fatal(err)
	}
	files := map[string]string{
		"giant.txt": giantArticle(),
		"short.txt": "Harbour reopens\n\nThe harbour reopened on Monday after the storm, the port authority said.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	l, err := Open(context.Background(), corpusDir, filepath.Join(dir, "index"), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close() })
	return l
}

// TestGiantArticleGivesModeratePassages: a 4.9 MB one-line article is
// split into many passages of a few thousand bytes, so that an answer
// matching it quotes a passage, not the article.
func TestGiantArticleGivesModeratePassages(t *testing.T) {
	l := openGiant(t)
	ctx := context.Background()
	a, ok, err := l.Article(ctx, "giant")
	if err != nil || !ok {
		t.Fatalf("giant article: %v, %v", ok, err)
	}
	if len(a.Paragraphs) < 1000 {
		t.Errorf("giant article has %d paragraphs, want over 1,000 of a few thousand bytes", len(a.Paragraphs))
	}
	for _, q := range []string{"What did the council of Town42 vote on?", "When did the harbour reopen?", "Why did the council debate fishing quotas?"} {
		ans, err := l.Answer(ctx, newsbot.Ask, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Passages) == 0 {
			t.Errorf("%q: no answer", q)
		}
		total := 0
		for _, p := range ans.Passages {
			if len(p.Text) > 4000 {
				t.Errorf("%q: a passage of %d bytes", q, len(p.Text))
			}
			total += len(p.Text)
		}
		if total > 40_000 {
			t.Errorf("%q: %d bytes of passages in one answer", q, total)
		}
	}
}

// BenchmarkAnswerGiantArticle measures a question whose terms fill every
// passage of the giant article.
func BenchmarkAnswerGiantArticle(b *testing.B) {
	l := openGiant(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		q := fmt.Sprintf("What did the council of Town%d vote on?", i%500)
		if _, err := l.Answer(ctx, newsbot.Ask, q, 3); err != nil {
			b.Fatal(err)
		}
	}
}
