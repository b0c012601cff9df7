// Command newsbot answers questions about a corpus of news articles with
// quoted, cited passages. See the README for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The first Ctrl-C or SIGTERM asks the command to stop: it finishes
		// what it must (an index batch, answers in flight, within serve's
		// --drain) and returns. A second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	// A .env file in the working directory adds to the environment; variables
	// already set win. Its absence is normal.
	if err := godotenv.Load(); err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "newsbot: reading .env: %v\n", err)
		os.Exit(exitUsage)
	}
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usage = `newsbot answers questions about news articles with quoted, cited passages.

Usage:
  newsbot chat [--json] [COMMAND]          the Discord bot in the terminal: /ask, /why, /when, /timeline, ...
  newsbot serve [--http ADDR] [--admin ADDR] [--snapshots DIR [--read-only]]
                                          run the Discord bot (gateway; or the HTTP interactions endpoint)
  newsbot feedback [FILE]                  summarise the 👍/👎 votes given to answers
  newsbot health [--ready] [URL]           ask a running newsbot's --admin listener if it is alive (or ready)
  newsbot add FILE...                      copy articles (text, JSON, HTML pages, feeds; - for stdin) into the corpus
  newsbot fetch [-v] [--force]             poll every followed feed once; add its new articles to the corpus
  newsbot index [-v] [--rebuild] [--watch] [--snapshots DIR]
                                          build or update the index from the corpus
  newsbot ask  [--json] [-k N] [QUESTION]  answer a question (no QUESTION: one per line on stdin)
  newsbot why  [--json] [-k N] [QUESTION]  answer a why-question, favouring causes
  newsbot when [--json] [-k N] [QUESTION]  answer a when-question, favouring dates
  newsbot timeline [--json] [--from DATE] [--to DATE] [--limit N] [--periods] [TOPIC]
                                          the days that mattered for a topic (or the corpus), each told once, cited
  newsbot dates [--ref YYYY-MM-DD] [--json] print the time expressions of the text on stdin
  newsbot eval squad [--json] FILE         measure answers on SQuAD v1.1 (Recall@1/3/5, MRR)
  newsbot eval abstain [--meantime F] FILE measure "no passage" on SQuAD with articles left out
  newsbot eval followup [--json] FILE      measure follow-ups made from SQuAD (R@1 alone and in context)
  newsbot eval meantime [-v] FILE          measure date extraction on MEANTIME (P/R/F1, values)
  newsbot eval timelines DIR               measure timelines on SemEval-2015 Task 4 (date F1)
  newsbot eval tls DIR                     measure timelines as summaries on SemEval-2015 Task 4 (date F1, ROUGE-1)
  newsbot eval dates [-v] DIR              measure date values on SemEval-2015 Task 4's dated events
  newsbot eval scale [--paragraphs N] FILE  build, update and query a corpus generated from SQuAD

Common flags (after the command):
  --corpus DIR   article folder (env NEWSBOT_CORPUS, default corpus/articles)
  --index DIR    index folder (env NEWSBOT_INDEX, default .newsbot/index)

Running newsbot (serve, index --watch):
  --admin ADDR       serve /healthz, /readyz and /metrics (env NEWSBOT_ADMIN)
  --snapshots DIR    publish index snapshots there for replicas (env NEWSBOT_SNAPSHOTS)
  --read-only        serve: a replica answering from the newest snapshot in DIR (env NEWSBOT_READ_ONLY)
  --drain D          on SIGTERM, let interactions in flight finish for up to D (env NEWSBOT_DRAIN, default 8s)

Exit codes: 0 answered (also when nothing matched), 1 error, 2 usage.
`

// usageHint follows a usage error: where the commands are listed.
const usageHint = "Run 'newsbot help' for the commands and flags.\n"

// run is the whole program, with its world passed in so tests can drive it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "index":
		err = runIndex(ctx, rest, stdout, stderr, getenv)
	case "ask", "why", "when":
		err = runAnswer(ctx, cmd, rest, stdin, stdout, stderr, getenv)
	case "chat":
		err = runChat(ctx, rest, stdin, stdout, stderr, getenv)
	case "serve":
		err = runServe(ctx, rest, stderr, getenv)
	case "add":
		err = runAdd(ctx, rest, stdin, stdout, stderr, getenv)
	case "fetch":
		err = runFetch(ctx, rest, stdout, stderr, getenv)
	case "health":
		err = runHealth(ctx, rest, stdout, getenv)
	case "feedback":
		err = runFeedback(rest, stdout, getenv)
	case "dates":
		err = runDates(ctx, rest, stdin, stdout)
	case "timeline":
		err = runTimeline(ctx, rest, stdout, stderr, getenv)
	case "eval":
		err = runEval(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q", cmd)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "newsbot: %v\n%s", err, usageHint)
		return exitUsage
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		// Ctrl-C or SIGTERM before the work was done: say so plainly, and
		// exit 1, since not everything asked for was done.
		fmt.Fprintf(stderr, "newsbot %s: stopped by a signal (Ctrl-C or SIGTERM) before it finished\n", args[0])
		return exitError
	default:
		fmt.Fprintf(stderr, "newsbot: %v\n", err)
		return exitError
	}
}

// newLogger logs to stderr: warnings by default, everything with verbose.
func newLogger(stderr io.Writer, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
}
