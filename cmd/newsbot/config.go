package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"strings"

	"github.com/newsbot-dev/newsbot/library"
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

// openLibrary opens the index of the corpus, building it on first use (or
// after an automatic rebuild). The caller closes it.
func openLibrary(ctx context.Context, p *paths, log *slog.Logger) (*library.Library, error) {
	return library.Open(ctx, p.corpus, p.index, library.Options{Logger: log})
}
