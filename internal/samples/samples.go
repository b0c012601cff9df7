// Package samples gives tests an index of the bundled sample articles, or
// of any articles, in a temporary folder.
package samples

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
)

// Dir is the bundled sample corpus folder.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "corpus", "articles")
}

// Index loads the sample articles into a new index in a temporary folder,
// closed when the test ends.
func Index(tb testing.TB) *index.Index { return IndexDir(tb, Dir()) }

// IndexDir loads the corpus in dir into a new temporary index.
func IndexDir(tb testing.TB, dir string) *index.Index {
	tb.Helper()
	res, err := corpus.Load(context.Background(), dir, corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return IndexArticles(tb, res.Articles)
}

// IndexArticles indexes articles into a new index in a temporary folder,
// closed when the test ends.
func IndexArticles(tb testing.TB, articles []newsbot.Article) *index.Index {
	tb.Helper()
	ctx := context.Background()
	ix, err := index.Open(ctx, filepath.Join(tb.TempDir(), "index"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(ctx, articles); err != nil {
		tb.Fatal(err)
	}
	return ix
}
