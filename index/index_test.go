package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

func samples(t *testing.T) []newsbot.Article {
	t.Helper()
	res, err := corpus.Load(context.Background(), "../corpus/articles", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Articles
}

func openTemp(t *testing.T) (*Index, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, dir
}

func TestSyncIsIncremental(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	arts := samples(t)
	rep, err := ix.Sync(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 2 || rep.Paragraphs != 15 {
		t.Fatalf("first sync: %+v", rep)
	}
	rep, _ = ix.Sync(ctx, arts)
	if rep.Changed() || rep.Unchanged != 2 {
		t.Fatalf("second sync changed things: %+v", rep)
	}
	// Change one article (drop its last paragraph) and remove the other.
	changed := arts[0]
	changed.Paragraphs = changed.Paragraphs[:len(changed.Paragraphs)-1]
	changed.Hash = "changed"
	rep, err = ix.Sync(ctx, []newsbot.Article{changed})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Updated) != 1 || len(rep.Removed) != 1 || rep.Paragraphs != 6 {
		t.Fatalf("update sync: %+v", rep)
	}
	res, err := ix.Search(ctx, newsbot.SearchRequest{Text: "soap-opera drama exploding houses", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 0 {
		t.Errorf("removed article still found: %+v", res.Hits[0].Citation)
	}
	res, _ = ix.Search(ctx, newsbot.SearchRequest{Text: "first substantive talks next week", Limit: 5})
	for _, h := range res.Hits {
		if h.Citation.Paragraph == 7 {
			t.Errorf("dropped paragraph 7 still indexed")
		}
	}
}

func TestSearchReturnsCitationsAndLocations(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	if _, err := ix.Sync(ctx, samples(t)); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, newsbot.SearchRequest{Text: "anti-Kim leaflets balloons", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	h := res.Hits[0]
	if h.Citation.Article != "004_ad30c935bafc3323" || h.Citation.Paragraph != 2 || h.Section != "Why now?" {
		t.Fatalf("top hit %+v", h.Citation)
	}
	for _, m := range h.Matches {
		if got := strings.ToLower(h.Text[m.Start:m.End]); !strings.HasPrefix(got, m.Term[:3]) {
			t.Errorf("match %q at %d-%d covers %q", m.Term, m.Start, m.End, got)
		}
	}
	if len(res.Terms) != 4 || res.Terms[0].IDF <= 0 {
		t.Errorf("terms = %+v", res.Terms)
	}
	res, _ = ix.Search(ctx, newsbot.SearchRequest{Text: "lines reopened Seoul", Limit: 1})
	if c := res.Hits[0].Citation; c.Published.Format("2006-01-02") != "2026-02-21" || c.URL == "" || c.Source != "WSB-TV" {
		t.Errorf("citation = %+v", c)
	}
}

func TestQuerySyntaxIsJustText(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	if _, err := ix.Sync(ctx, samples(t)); err != nil {
		t.Fatal(err)
	}
	hostile := []string{
		`+North -Korea title:"blows up" leaf* ~2 ^5 (a OR b) /regex/ \`,
		`"unterminated phrase`, `*`, `:`, `-`, `AND OR NOT`, `field:`, `{!}`, "\x00\x01",
		strings.Repeat("leaflets border balloons ", 420), // ~10 KB
	}
	for _, q := range hostile {
		if _, err := ix.Search(ctx, newsbot.SearchRequest{Text: q, Limit: 3}); err != nil {
			t.Errorf("Search(%.40q) = %v", q, err)
		}
	}
	// "-Korea" must not exclude Korea: the text is words, not operators.
	res, _ := ix.Search(ctx, newsbot.SearchRequest{Text: "-Korea +leaflets", Limit: 3})
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Text, "Korea") {
		t.Errorf("'-Korea +leaflets' found %d hits; minus must not be an operator", len(res.Hits))
	}
	if terms := ix.QueryTerms(strings.Repeat("alpha beta gamma ", 10) + strings.Repeat("x", 5)); len(terms) != 4 {
		t.Errorf("QueryTerms dedupe: %v", terms)
	}
}

func TestSchemaChangeRebuilds(t *testing.T) {
	ctx := context.Background()
	ix, dir := openTemp(t)
	if _, err := ix.Sync(ctx, samples(t)); err != nil {
		t.Fatal(err)
	}
	// Write an old schema version the way Sync writes: in a batch.
	w := ix.newWriter(map[string]entry{})
	w.batch.SetInternal(keySchema, []byte("newsbot-index/0"))
	w.docs = 1
	b, _ := w.seal()
	if err := ix.apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix2, err := Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if ix2.Articles() != 0 {
		t.Fatalf("old-schema index kept %d articles; want a fresh one", ix2.Articles())
	}
	rep, err := ix2.Sync(ctx, samples(t))
	if err != nil || len(rep.Added) != 2 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
}

func TestCorruptIndexRebuilds(t *testing.T) {
	ctx := context.Background()
	ix, dir := openTemp(t)
	if _, err := ix.Sync(ctx, samples(t)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix2, err := Open(ctx, dir, nil)
	if err != nil {
		t.Fatalf("corrupt index not rebuilt: %v", err)
	}
	defer ix2.Close()
	rep, err := ix2.Sync(ctx, samples(t))
	if err != nil || len(rep.Added) != 2 {
		t.Fatalf("sync after rebuild: %+v, %v", rep, err)
	}
}

func TestRefusesToDeleteOtherFolders(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), dir, nil); err == nil || !strings.Contains(err.Error(), "not a newsbot index") {
		t.Fatalf("Open on a non-index folder: %v", err)
	}
	if err := Remove(dir); err == nil {
		t.Fatal("Remove deleted a folder that is not an index")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatalf("file lost: %v", err)
	}
}

func TestBM25StatsAreTokenTotals(t *testing.T) {
	ctx := context.Background()
	ix, _ := openTemp(t)
	arts := samples(t)
	if _, err := ix.Sync(ctx, arts); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range arts {
		for _, p := range a.Paragraphs {
			want += len(ix.analyzer.Analyze([]byte(p.Text)))
		}
	}
	st := ix.bm25Stats(15)
	if got := st.FieldCardinality[fieldText]; got != want || want < 15*40 {
		t.Errorf("text tokens = %d, want %d (average well over 40 per paragraph)", got, want)
	}
}

func TestTokenCountMatchesAnalyzer(t *testing.T) {
	s, err := eval.LoadSQuAD(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := openTemp(t)
	var exact, counted int
	for _, a := range append(s.Articles, samples(t)...) {
		for _, p := range a.Paragraphs {
			exact += len(ix.analyzer.Analyze([]byte(p.Text)))
			counted += ix.counter.count(p.Text)
		}
	}
	if counted != exact {
		t.Errorf("counted %d tokens, the analyzer %d", counted, exact)
	}
	for text, want := range map[string]int{"": 0, "The cat's hat isn't 3.5 m": 4, "It's what it is.": 0, "Kraków, 10,000 people": 3, "THEM’S DOG'S": 1} {
		if got, analysed := ix.counter.count(text), len(ix.analyzer.Analyze([]byte(text))); got != want || analysed != want {
			t.Errorf("count(%q) = %d, analyzer %d, want %d", text, got, analysed, want)
		}
	}
}

func TestListAndArticle(t *testing.T) {
	ctx := context.Background()
	res, err := corpus.Load(ctx, "../corpus/articles", corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, filepath.Join(t.TempDir(), "index"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, res.Articles); err != nil {
		t.Fatal(err)
	}
	list := ix.List()
	if len(list) != 2 || list[0].ID != "000_7372d195acbf193c" || !list[1].Published.IsZero() {
		t.Fatalf("List = %+v, want the dated WSB-TV article first, the undated GZERO one last", list)
	}
	for _, want := range res.Articles {
		got, ok, err := ix.Article(ctx, want.ID)
		if err != nil || !ok {
			t.Fatalf("Article(%s) = %v, %v", want.ID, ok, err)
		}
		if got.Title != want.Title || len(got.Paragraphs) != len(want.Paragraphs) {
			t.Fatalf("Article(%s): %q with %d paragraphs, want %q with %d", want.ID, got.Title, len(got.Paragraphs), want.Title, len(want.Paragraphs))
		}
		for i, p := range got.Paragraphs {
			if p.N != i+1 || p.Text != want.Paragraphs[i].Text || p.Section != want.Paragraphs[i].Section || len(p.Dates) != len(want.Paragraphs[i].Dates) {
				t.Errorf("Article(%s) paragraph %d differs from the corpus", want.ID, i+1)
			}
		}
	}
	if _, ok, err := ix.Article(ctx, "nope"); ok || err != nil {
		t.Errorf("Article(nope) = %v, %v", ok, err)
	}
}

// TestSyncKeepsTheManifestTrue runs many Syncs of random additions, changes
// and removals, in batches written two at a time, and checks after each that
// the index holds exactly the articles given, with their paragraph counts,
// and after reopening too (the manifest is read back from the index).
func TestSyncKeepsTheManifestTrue(t *testing.T) {
	ctx := context.Background()
	ix, dir := openTemp(t)
	rng := rand.New(rand.NewPCG(3, 4))
	corpus := map[string]newsbot.Article{}
	version := 0
	article := func(id string) newsbot.Article {
		version++
		a := newsbot.Article{ID: id, Title: "Title " + id, Hash: fmt.Sprintf("%s-v%d", id, version)}
		for n := range 1 + rng.IntN(400) {
			n++
			a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: n, Text: fmt.Sprintf("Paragraph %d of %s, version %d.", n, id, version)})
		}
		return a
	}
	check := func(ix *Index, round int) {
		t.Helper()
		paragraphs := 0
		for _, a := range corpus {
			paragraphs += len(a.Paragraphs)
		}
		if ix.Articles() != len(corpus) || ix.Paragraphs() != paragraphs {
			t.Fatalf("round %d: index has %d articles, %d paragraphs; want %d, %d", round, ix.Articles(), ix.Paragraphs(), len(corpus), paragraphs)
		}
		n, err := ix.bleve.DocCount()
		if err != nil || int(n) != paragraphs {
			t.Fatalf("round %d: Bleve holds %d documents (%v), want %d", round, n, err, paragraphs)
		}
		for _, a := range ix.List() {
			if want, ok := corpus[a.ID]; !ok || want.Hash != a.Hash {
				t.Fatalf("round %d: article %s version %s, want %+v", round, a.ID, a.Hash, ok)
			}
		}
	}
	for round := range 12 {
		for range 5 + rng.IntN(20) {
			id := fmt.Sprintf("a%03d", rng.IntN(60))
			if _, ok := corpus[id]; ok && rng.IntN(3) == 0 {
				delete(corpus, id)
			} else {
				corpus[id] = article(id)
			}
		}
		list := make([]newsbot.Article, 0, len(corpus))
		for _, a := range corpus {
			list = append(list, a)
		}
		if _, err := ix.Sync(ctx, list); err != nil {
			t.Fatal(err)
		}
		check(ix, round)
	}
	t.Logf("%d articles, %d paragraphs at the end", ix.Articles(), ix.Paragraphs())
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	check(again, -1)
}
