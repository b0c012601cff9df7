package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/index"
)

// Defaults for the corpus and index folders.
const (
	defaultCorpus = "corpus/articles"
	defaultIndex  = ".newsbot/index"
)

// paths are the corpus and index folders, from flags, then the environment,
// then the defaults.
type paths struct {
	corpus, index string
}

// addPathFlags registers --corpus and --index on fs.
func addPathFlags(fs *flag.FlagSet, getenv func(string) string) *paths {
	p := &paths{}
	fs.StringVar(&p.corpus, "corpus", envOr(getenv, "NEWSBOT_CORPUS", defaultCorpus), "article `folder`")
	fs.StringVar(&p.index, "index", envOr(getenv, "NEWSBOT_INDEX", defaultIndex), "index `folder`")
	return p
}

func envOr(getenv func(string) string, key, def string) string {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		return v
	}
	return def
}

// parseFlags parses args with fs, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usagef("%s: flags: %s", fs.Name(), flagList(fs))
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

func flagList(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return strings.Join(names, " ")
}

// syncIndex loads the corpus and brings the index up to date with it.
func syncIndex(ctx context.Context, ix *index.Index, dir string, log *slog.Logger) (*corpus.Result, index.SyncReport, error) {
	res, err := corpus.Load(ctx, dir, corpus.Options{Logger: log})
	if err != nil {
		return nil, index.SyncReport{}, err
	}
	rep, err := ix.Sync(ctx, res.Articles)
	if err != nil {
		return res, rep, fmt.Errorf("updating index: %w", err)
	}
	return res, rep, nil
}

// openEngine opens the index, builds it from the corpus when it is empty
// (first use, or after an automatic rebuild), and returns an answer engine
// over it. The caller closes the index.
func openEngine(ctx context.Context, p *paths, log *slog.Logger) (*index.Index, *answer.Engine, error) {
	ix, err := index.Open(ctx, p.index, log)
	if err != nil {
		return nil, nil, err
	}
	if ix.Articles() == 0 {
		log.Info("building index on first use", "corpus", p.corpus, "index", p.index)
		if _, _, err := syncIndex(ctx, ix, p.corpus, log); err != nil {
			ix.Close()
			return nil, nil, err
		}
	}
	return ix, answer.New(ix, answer.Config{}), nil
}
