package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

// TestSyncLeanFetchesOnlyWhatItWrites gives SyncLean articles without
// their paragraphs: it must read whole, in chunks, only those it writes,
// and keep what it could not read as it had it.
func TestSyncLeanFetchesOnlyWhatItWrites(t *testing.T) {
	ix, _ := openTemp(t)
	ctx := context.Background()
	var whole []newsbot.Article
	for i := 0; i < 600; i++ {
		a := newsbot.Article{ID: fmt.Sprintf("a%03d", i), Title: fmt.Sprintf("Report %d", i), Hash: fmt.Sprintf("v1-%d", i),
			Paragraphs: []newsbot.Paragraph{{N: 1, Text: fmt.Sprintf("The harbour master logged ship %d arriving with cargo code Q%05d.", i, i)}}}
		whole = append(whole, a)
	}
	byID := map[string]newsbot.Article{}
	for _, a := range whole {
		byID[a.ID] = a
	}
	lean := func(articles []newsbot.Article) []newsbot.Article {
		out := make([]newsbot.Article, len(articles))
		for i, a := range articles {
			a.Paragraphs = nil
			out[i] = a
		}
		return out
	}
	var calls [][]string
	fetch := func(_ context.Context, ids []string) ([]newsbot.Article, error) {
		calls = append(calls, append([]string(nil), ids...))
		var out []newsbot.Article
		for _, id := range ids {
			if a, ok := byID[id]; ok {
				out = append(out, a)
			}
		}
		return out, nil
	}
	rep, err := ix.SyncLean(ctx, lean(whole), fetch)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 600 || ix.Paragraphs() != 600 || len(calls) != 3 || len(calls[0]) != fetchArticles {
		t.Fatalf("first sync: %d added, %d paragraphs, %d fetches", len(rep.Added), ix.Paragraphs(), len(calls))
	}

	// One article changes; another cannot be read any more (its file
	// changed again): the first is fetched and written, the second kept.
	calls = nil
	changed := whole[10]
	changed.Hash = "v2-10"
	changed.Paragraphs = []newsbot.Paragraph{{N: 1, Text: "The harbour master corrected the cargo code of ship ten to ZZ999."}}
	byID["a010"] = changed
	gone := whole[20]
	gone.Hash = "v2-20"
	delete(byID, "a020")
	next := lean(whole)
	next[10].Hash, next[20].Hash = "v2-10", "v2-20"
	rep, err = ix.SyncLean(ctx, next, fetch)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || strings.Join(calls[0], ",") != "a010,a020" {
		t.Errorf("fetched %v, want only the two changed articles", calls)
	}
	if strings.Join(rep.Updated, ",") != "a010" || strings.Join(rep.Unread, ",") != "a020" || rep.Unchanged != 598 {
		t.Errorf("report: updated %v, unread %v, unchanged %d", rep.Updated, rep.Unread, rep.Unchanged)
	}
	if a, ok, _ := ix.Article(ctx, "a020"); !ok || !strings.Contains(a.Paragraphs[0].Text, "Q00020") {
		t.Errorf("the article it could not read is not kept as it was: %+v", a)
	}
	if a, _, _ := ix.Article(ctx, "a010"); !strings.Contains(a.Paragraphs[0].Text, "ZZ999") {
		t.Errorf("the changed article is not the new one: %+v", a)
	}

	// Without fetch, an article without paragraphs to write is an error,
	// never an empty article.
	next[30].Hash = "v2-30"
	if _, err := ix.SyncLean(ctx, next, nil); err == nil {
		t.Error("an article without paragraphs and no fetch was accepted")
	}
}
