package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsbot-dev/newsbot"
)

// List returns the indexed articles without their paragraphs (Paragraphs is
// nil; use Article for them), newest first, undated ones last, then by ID.
func (ix *Index) List() []newsbot.Article {
	ix.mu.RLock()
	out := make([]newsbot.Article, 0, len(ix.manifest))
	for id, e := range ix.manifest {
		out = append(out, newsbot.Article{ID: id, Title: e.Title, URL: e.URL, Source: e.Source, Published: e.Published, Hash: e.Hash, Copies: e.Copies})
	}
	ix.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Published, out[j].Published
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Article returns one indexed article with its paragraphs, read back from
// the index in one search, so that an update running meanwhile shows it
// wholly old or wholly new; false when no article has that ID.
func (ix *Index) Article(ctx context.Context, id string) (newsbot.Article, bool, error) {
	q := bleve.NewTermQuery(id)
	q.SetField(fieldArticle)
	req := bleve.NewSearchRequestOptions(q, maxArticleParagraphs, 0, false)
	req.Fields = storedFields
	found, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return newsbot.Article{}, false, fmt.Errorf("reading article %s: %w", id, err)
	}
	if len(found.Hits) == 0 {
		return newsbot.Article{}, false, nil
	}
	e, _ := ix.version(str(found.Hits[0], fieldHash))
	a := newsbot.Article{ID: id, Title: e.Title, URL: e.URL, Source: e.Source, Published: e.Published, Hash: e.Hash, Copies: e.Copies}
	for _, h := range found.Hits {
		hit, err := toHit(h, true)
		if err != nil {
			return a, false, fmt.Errorf("reading article %s: %w", id, err)
		}
		a.Paragraphs = append(a.Paragraphs, newsbot.Paragraph{N: hit.Citation.Paragraph, Section: hit.Section, Text: hit.Text, Dates: hit.Dates})
	}
	sort.Slice(a.Paragraphs, func(i, j int) bool { return a.Paragraphs[i].N < a.Paragraphs[j].N })
	return a, true, nil
}

// maxArticleParagraphs bounds the paragraphs read back for one article; a 5
// MB file holds fewer.
const maxArticleParagraphs = 20000
