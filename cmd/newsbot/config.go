package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

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
// after an automatic rebuild), with the build's progress on stderr. The
// caller closes it.
func openLibrary(ctx context.Context, p *paths, log *slog.Logger, stderr io.Writer) (*library.Library, error) {
	return library.Open(ctx, p.corpus, p.index, library.Options{Logger: log, Progress: printProgress(stderr, p.corpus)})
}

// printProgress reports a long build of the index on stderr: nothing for
// the first two seconds, then a line every ten, and one at the end.
func printProgress(stderr io.Writer, corpusDir string) func(library.BuildProgress) {
	var last time.Duration
	printed := false
	return func(p library.BuildProgress) {
		switch {
		case p.Done:
			if printed {
				fmt.Fprintf(stderr, "newsbot: built the index: %d articles in %s\n", p.Indexed, p.Elapsed.Round(time.Second))
			}
			return
		case printed && p.Elapsed-last < 10*time.Second:
			return
		}
		last = p.Elapsed
		if !printed {
			fmt.Fprintf(stderr, "newsbot: building the index of %s (only the first time; later runs read only what changed)…\n", corpusDir)
			printed = true
		}
		if p.Total == 0 {
			fmt.Fprintf(stderr, "newsbot: … reading the articles (%s)\n", p.Elapsed.Round(time.Second))
			return
		}
		fmt.Fprintf(stderr, "newsbot: … %d of %d articles indexed (%s)\n", p.Indexed, p.Total, p.Elapsed.Round(time.Second))
	}
}
