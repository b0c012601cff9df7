// Package samples gives tests an index of the bundled sample articles.
package samples

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

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
func Index(tb testing.TB) *index.Index {
	tb.Helper()
	ctx := context.Background()
	res, err := corpus.Load(ctx, Dir(), corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.Open(ctx, filepath.Join(tb.TempDir(), "index"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(ctx, res.Articles); err != nil {
		tb.Fatal(err)
	}
	return ix
}
