package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/internal/scale"
	"github.com/newsbot-dev/newsbot/library"
	"github.com/newsbot-dev/newsbot/metrics"
)

// runIndex builds or updates the index and reports what it did.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	verbose := fs.Bool("v", false, "list what was dropped from articles, and why")
	rebuild := fs.Bool("rebuild", false, "delete the index and build it anew")
	watch := fs.Bool("watch", false, "then keep the index in step with the corpus (and publish snapshots) until stopped")
	o, err := addOperateFlags(fs, getenv)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("index: unexpected argument %q", fs.Arg(0))
	}
	if o.readOnly {
		return usagef("index: --read-only is for serve; the index command writes the index")
	}
	if err := o.check(); err != nil {
		return err
	}
	var fenv feedEnv
	if *watch {
		if fenv, err = readFeedEnv(getenv, p); err != nil {
			return err
		}
	}
	log := newLogger(stderr, *verbose)
	if *watch {
		log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	start := time.Now()
	if *rebuild {
		if err := index.Remove(p.index); err != nil {
			return err
		}
	}
	lib, err := library.Open(ctx, p.corpus, p.index, library.Options{Logger: log, NoBuild: true, Progress: printProgress(stderr, p.corpus)})
	if err != nil {
		return err
	}
	defer lib.Close()
	var m *metrics.Metrics
	if *watch {
		// Health and metrics from the start: a first build may take long,
		// and /healthz must answer meanwhile (/readyz says it is building).
		m = metrics.New(lib.Status)
		stopAdmin, err := startAdmin(o.admin, m, log)
		if err != nil {
			return err
		}
		defer stopAdmin()
	}
	res, rep, err := lib.Sync(ctx)
	if err != nil {
		if *watch && ctx.Err() != nil { // SIGTERM during the first build
			m.ShuttingDown()
			log.Info("stopped while building the index; the next start goes on from there")
			return nil
		}
		return err
	}

	fmt.Fprintf(stdout, "indexed %s, %s from %s in %s\n", plural(len(res.Articles), "article", "articles"),
		plural(res.Paragraphs(), "paragraph", "paragraphs"), p.corpus, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "changes: %d added, %d updated, %d removed, %d unchanged\n",
		len(rep.Added), len(rep.Updated), len(rep.Removed), rep.Unchanged)
	if len(res.Skipped) > 0 {
		fmt.Fprintf(stdout, "skipped %s:\n", plural(len(res.Skipped), "file", "files"))
		for _, s := range res.Skipped {
			fmt.Fprintf(stdout, "  %s: %s\n", printable(s.Path), printable(s.Reason))
		}
	}
	if len(rep.Unread) > 0 {
		fmt.Fprintf(stdout, "%s changed while being indexed, and will be read on the next run: %s\n",
			plural(len(rep.Unread), "article", "articles"), printable(strings.Join(rep.Unread, ", ")))
	}
	if n := countCopies(res.Articles); n > 0 {
		fmt.Fprintf(stdout, "%d files hold an article read from another file (one article, several locations):\n", n)
		for _, a := range res.Articles {
			for _, c := range a.Copies {
				fmt.Fprintf(stdout, "  %s: same article as %s (ID %s opens %s)\n", printable(c.Path), printable(a.Path), printable(c.ID), printable(a.ID))
			}
		}
	}
	if *verbose {
		// The index keeps no text in memory (a lean load): read the corpus
		// once more, whole, for the text of what was dropped.
		full, err := corpus.Load(ctx, p.corpus, corpus.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "dropped %d pieces of text:\n", len(full.Dropped))
		for _, d := range full.Dropped {
			fmt.Fprintf(stdout, "  %s: %s: %q\n", printable(d.Article), d.Reason, excerpt(d.Text, 70))
		}
	}
	if !*watch {
		if o.snapshots != "" {
			if err := lib.PublishNow(ctx, o.snapshots, o.keep); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "published a snapshot of the index into %s\n", o.snapshots)
		}
		return nil
	}
	return keepIndexing(ctx, lib, p, fenv, o, m, log)
}

// keepIndexing is a writer that serves no one itself: it keeps the index
// in step with the corpus, follows the news feeds into it, and publishes
// snapshots for replicas until ctx ends; m is served on --admin.
func keepIndexing(ctx context.Context, lib *library.Library, p *paths, fenv feedEnv, o *operateFlags, m *metrics.Metrics, log *slog.Logger) error {
	crawler, err := newCrawler(p, fenv, false, log, countFeedErrors(m))
	if err != nil {
		return err
	}
	stopPolling := startPolling(ctx, crawler, fenv, log)
	defer stopPolling()
	stop := keepUp(ctx, lib, o, log, nil)
	log.Info("keeping the index in step with the corpus; Ctrl-C stops it")
	<-ctx.Done()
	log.Info("shutting down")
	m.ShuttingDown()
	stop()
	return nil
}

// countCopies counts the copies of all articles.
func countCopies(articles []newsbot.Article) int {
	n := 0
	for _, a := range articles {
		n += len(a.Copies)
	}
	return n
}

// runAnswer answers one question, or every line of stdin in batch mode.
func runAnswer(ctx context.Context, name string, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	cmd, _ := newsbot.ParseCommand(name)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	asJSON := fs.Bool("json", false, "print one JSON object per answer")
	k := fs.Int("k", 3, "passages to show at most")
	verbose := fs.Bool("v", false, "log more")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *k < 1 || *k > 50 {
		return usagef("%s: -k must be between 1 and 50", name)
	}
	log := newLogger(stderr, *verbose)
	lib, err := openLibrary(ctx, p, log, stderr)
	if err != nil {
		return err
	}
	defer lib.Close()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	r := renderer{json: *asJSON, bold: !*asJSON && isTerminal(stdout)}
	answerOne := func(q string) error {
		ans, err := lib.Answer(ctx, cmd, q, *k)
		if err != nil {
			return err
		}
		if err := r.write(out, ans); err != nil {
			return fmt.Errorf("writing answer: %w", err)
		}
		return nil
	}
	if fs.NArg() > 0 {
		return answerOne(strings.Join(fs.Args(), " "))
	}
	// Batch mode: one question per line, one answer per line in the same
	// order; a blank (or too long) line gets an empty answer, so answers
	// stay in line with questions.
	if isTerminal(stdin) {
		fmt.Fprintf(stderr, "newsbot %s: reading questions from the terminal, one a line; Ctrl-D ends. (Or: newsbot %s \"your question\")\n", name, name)
	}
	lines := newLineReader(ctx, stdin)
	for n := 1; ; n++ {
		l, ok, err := lines.next(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return ctx.Err()
		}
		if l.tooLong > 0 {
			fmt.Fprintf(stderr, "newsbot %s: line %d is %d bytes long, over the %d-byte limit: answered empty\n", name, n, l.tooLong, maxLine)
		}
		q := strings.TrimSpace(l.text)
		if q == "" {
			if err := r.writeEmpty(out, cmd); err != nil {
				return fmt.Errorf("writing answer: %w", err)
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("writing answer: %w", err)
			}
			continue
		}
		if err := answerOne(q); err != nil {
			return err
		}
		// Each answer goes out as it is ready: a program that feeds
		// questions one at a time waits for it.
		if err := out.Flush(); err != nil {
			return fmt.Errorf("writing answer: %w", err)
		}
	}
}

// runEval runs an evaluation and prints its table.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "meantime" {
		return runEvalMeantime(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "timelines" {
		return runEvalTimelines(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "tls" {
		return runEvalTLS(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "dates" {
		return runEvalDates(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "scale" {
		return runEvalScale(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "abstain" {
		return runEvalAbstain(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "followup" {
		return runEvalFollowUp(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "squad" {
		return usagef("eval: want 'eval squad FILE', 'eval abstain FILE', 'eval followup FILE', 'eval meantime FILE', 'eval dates DIR', 'eval timelines DIR', 'eval tls DIR' or 'eval scale FILE'")
	}
	fs := flag.NewFlagSet("eval squad", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval squad: want one FILE (e.g. ../shared/data/squad-v1.1/dev-v1.1.json)")
	}
	data, err := eval.LoadSQuAD(fs.Arg(0))
	if err != nil {
		return err
	}
	ix, rep, err := tempIndex(ctx, data.Articles, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	fmt.Fprintf(stderr, "indexed %d paragraphs of %d articles in %s; asking %d questions\n",
		rep.Paragraphs, len(data.Articles), rep.Took.Round(time.Millisecond), len(data.Questions))
	report, err := eval.RunSQuAD(ctx, answer.New(ix, answer.Config{}), data.Questions)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, report)
	}
	if err := report.WriteTable(stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d questions answered in %s\n", report.All.Questions, report.Took.Round(time.Millisecond))
	return nil
}

// isTerminal reports whether f (standard input or output) is a terminal,
// where bold text shows and a person types; /dev/null and pipes are not.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(file.Fd()), unix.TCGETS)
	return err == nil
}

// excerpt shortens s to at most n runes for a log line.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// runEvalAbstain measures when the bot says "no passage": over the SQuAD
// articles with a quarter left out of the index, and with --meantime over
// the MEANTIME news with every SQuAD question asked of it.
func runEvalAbstain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval abstain", flag.ContinueOnError)
	meantime := fs.String("meantime", "", "also ask over the MEANTIME news in `FILE` (meantime_timex_gold.jsonl)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval abstain: want [--meantime FILE] SQUAD-FILE (e.g. ../shared/data/squad-v1.1/dev-v1.1.json)")
	}
	data, err := eval.LoadSQuAD(fs.Arg(0))
	if err != nil {
		return err
	}
	indexed, present, absent, half := eval.AbstentionSplit(data)
	ix, _, err := tempIndex(ctx, indexed, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	fmt.Fprintf(stderr, "indexed %d of %d articles; asking %d questions about them and %d about the %d left out\n",
		len(indexed), len(data.Articles), len(present), len(absent), len(data.Articles)-len(indexed))
	rep, err := eval.RunAbstention(ctx, answer.New(ix, answer.Config{}), present, absent,
		func(q eval.SQuADQuestion) string { return half[q.Article] })
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "SQuAD v1.1 dev, articles at positions 3 and 4 of every 8 left out (halves by position):")
	if err := rep.WriteTable(stdout); err != nil {
		return err
	}
	if *meantime == "" {
		return nil
	}
	docs, err := eval.LoadMeantime(*meantime)
	if err != nil {
		return err
	}
	news, err := eval.NewNewsSet(eval.MeantimeArticles(docs), eval.MeantimeQuestions())
	if err != nil {
		return err
	}
	nix, _, err := tempIndex(ctx, news.Articles, stderr)
	if err != nil {
		return err
	}
	defer nix.Close()
	nrep, err := eval.RunAbstention(ctx, answer.New(nix, answer.Config{}), news.Questions, data.Questions, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nMEANTIME news: the questions written from it present, every SQuAD question absent:")
	return nrep.WriteTable(stdout)
}

// runEvalMeantime scores date extraction on MEANTIME's gold expressions.
func runEvalMeantime(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("eval meantime", flag.ContinueOnError)
	verbose := fs.Bool("v", false, "also list wrong values, missed and false expressions")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval meantime: want one FILE (e.g. ../shared/data/meantime/meantime_timex_gold.jsonl)")
	}
	docs, err := eval.LoadMeantime(fs.Arg(0))
	if err != nil {
		return err
	}
	r := eval.RunMeantime(docs)
	if err := r.WriteTable(stdout); err != nil {
		return err
	}
	if *verbose {
		return listLines(stdout, map[string][]string{"wrong value": r.WrongValues, "missed": r.MissedGold, "false": r.FalseFound})
	}
	return nil
}

// runEvalDates scores the values of the expressions found in the SemEval-2015
// Task 4 articles against the dates of the gold timelines' events.
func runEvalDates(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("eval dates", flag.ContinueOnError)
	verbose := fs.Bool("v", false, "also list the events no expression agrees with")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval dates: want one DIR (e.g. ../shared/data/semeval2015-task4)")
	}
	corpora, err := eval.LoadSemEval(fs.Arg(0))
	if err != nil {
		return err
	}
	r := eval.RunEventDates(corpora)
	if err := r.WriteTable(stdout); err != nil {
		return err
	}
	if *verbose {
		return listLines(stdout, map[string][]string{"wrong": r.Wrong})
	}
	return nil
}

// listLines prints each group of lines under its name, groups in name order.
func listLines(w io.Writer, groups map[string][]string) error {
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	sort.Strings(names)
	bw := bufio.NewWriter(w)
	for _, name := range names {
		fmt.Fprintf(bw, "\n%s (%d):\n", name, len(groups[name]))
		for _, l := range groups[name] {
			fmt.Fprintf(bw, "  %s\n", l)
		}
	}
	return bw.Flush()
}

// runEvalTimelines indexes each SemEval-2015 Task 4 corpus and scores the
// dates of every target entity's timeline against the gold timeline.
func runEvalTimelines(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usagef("eval timelines: want one DIR (e.g. ../shared/data/semeval2015-task4)")
	}
	var report eval.TimelineReport
	err := eachSemEvalCorpus(ctx, args[0], stderr, func(ix *tempIndexed, c eval.SemEvalCorpus) error {
		return eval.RunSemEval(ctx, ix, c, &report)
	})
	if err != nil {
		return err
	}
	return report.WriteTable(stdout)
}

// runEvalTLS scores timelines as timeline summarisation is scored (date F1
// and ROUGE-1) on the SemEval-2015 Task 4 entity timelines.
func runEvalTLS(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return usagef("eval tls: want one DIR (e.g. ../shared/data/semeval2015-task4)")
	}
	var report eval.TLSReport
	err := eachSemEvalCorpus(ctx, args[0], stderr, func(ix *tempIndexed, c eval.SemEvalCorpus) error {
		return eval.RunTLS(ctx, ix, c, &report)
	})
	if err != nil {
		return err
	}
	return report.WriteTable(stdout)
}

// eachSemEvalCorpus loads the SemEval-2015 Task 4 corpora in dir and calls
// score with each one's articles indexed in a temporary index, closed after.
func eachSemEvalCorpus(ctx context.Context, dir string, stderr io.Writer, score func(*tempIndexed, eval.SemEvalCorpus) error) error {
	corpora, err := eval.LoadSemEval(dir)
	if err != nil {
		return err
	}
	for _, c := range corpora {
		ix, _, err := tempIndex(ctx, c.Articles, stderr)
		if err != nil {
			return err
		}
		err = score(ix, c)
		ix.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// tempIndex indexes articles into a new index in a temporary folder, which
// goes when the index is closed.
func tempIndex(ctx context.Context, articles []newsbot.Article, stderr io.Writer) (*tempIndexed, index.SyncReport, error) {
	dir, err := os.MkdirTemp("", "newsbot-eval-")
	if err != nil {
		return nil, index.SyncReport{}, fmt.Errorf("eval: %w", err)
	}
	ix, err := index.Open(ctx, filepath.Join(dir, "index"), newLogger(stderr, false))
	if err != nil {
		os.RemoveAll(dir)
		return nil, index.SyncReport{}, err
	}
	t := &tempIndexed{Index: ix, dir: dir}
	rep, err := ix.Sync(ctx, articles)
	if err != nil {
		t.Close()
		return nil, rep, err
	}
	return t, rep, nil
}

// tempIndexed is an index that removes its folder when closed.
type tempIndexed struct {
	*index.Index
	dir string
}

func (t *tempIndexed) Close() error {
	err := t.Index.Close()
	if rmErr := os.RemoveAll(t.dir); err == nil {
		err = rmErr
	}
	return err
}

// runAdd copies articles into the corpus folder in normalised form.
func runAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("add: name the files to add (- reads standard input)")
	}
	if err := os.MkdirAll(p.corpus, 0o755); err != nil {
		return fmt.Errorf("add: %w", err)
	}
	failed := 0
	for _, name := range fs.Args() {
		var data []byte
		var err error
		label := name
		if name == "-" {
			data, err = readAll(ctx, stdin, corpus.DefaultMaxFileBytes)
			label = "stdin" + corpus.Sniff(data)
		} else {
			data, err = readArticleFile(ctx, name, corpus.DefaultMaxFileBytes)
		}
		if err == nil {
			var articles []newsbot.Article
			if articles, _, err = corpus.Parse(filepath.Base(label), data); err == nil {
				var written []string
				written, err = corpus.Add(p.corpus, articles)
				for i, w := range written {
					fmt.Fprintf(stdout, "added %s: %s\n", printable(w), printable(articles[i].Title))
				}
			}
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "newsbot: add %s: %v\n", name, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("add: %d of %d files could not be added", failed, fs.NArg())
	}
	return nil
}

// readArticleFile reads a file named to newsbot add. Only a regular file of
// at most limit bytes is read, as in the corpus: a named pipe could block
// for good, a device such as /dev/zero never ends, a folder is not an
// article. The read stops when ctx ends.
func readArticleFile(ctx context.Context, name string, limit int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	switch mode := info.Mode(); {
	case mode.IsDir():
		return nil, errors.New("a folder, not a file (name the files in it)")
	case mode&fs.ModeNamedPipe != 0:
		return nil, errors.New("a named pipe (FIFO), not a file: reading it could wait forever (use - and a pipe into newsbot add)")
	case mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return nil, errors.New("a device, not a file")
	case !mode.IsRegular():
		return nil, fmt.Errorf("not a regular file (%s)", mode.Type())
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%w: %d bytes, over the %d-byte limit", corpus.ErrTooLarge, info.Size(), limit)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readAll(ctx, f, limit)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit { // it grew since
		return nil, fmt.Errorf("%w: over the %d-byte limit", corpus.ErrTooLarge, limit)
	}
	return data, nil
}

// runEvalScale measures newsbot on a large corpus generated from SQuAD:
// the build in one child process and serving in another (--phase runs one
// of them, printing its result as JSON), so that each one's memory is its
// own.
func runEvalScale(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval scale", flag.ContinueOnError)
	paragraphs := fs.Int("paragraphs", 100_000, "paragraphs to generate")
	questions := fs.Int("questions", 2000, "SQuAD questions to ask")
	work := fs.String("work", ".newsbot/scale", "`folder` for the generated corpus (kept for later runs) and its index")
	cpuProfile := fs.String("cpuprofile", "", "write CPU profiles of the build and of serving to `FILE`.build and FILE.serve (merged, the source of cmd/newsbot/default.pgo)")
	phase := fs.String("phase", "", "run only this phase, build or serve, and print its result as JSON (what eval scale runs in its child processes)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *paragraphs < 100 || *questions < 10 {
		return usagef("eval scale: want [--paragraphs N] [--questions N] [--work DIR] SQUAD-FILE")
	}
	cfg := scale.Config{Work: *work, SQuAD: fs.Arg(0), Paragraphs: *paragraphs, Questions: *questions, Log: stderr}
	if *phase != "" {
		return runScalePhase(ctx, cfg, *phase, *cpuProfile, stdout)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("eval scale: %w", err)
	}
	cfg.Run = func(ctx context.Context, phase string) ([]byte, error) {
		args := []string{"eval", "scale", "--phase", phase, "--work", *work, "--paragraphs", strconv.Itoa(*paragraphs),
			"--questions", strconv.Itoa(*questions)}
		if *cpuProfile != "" {
			args = append(args, "--cpuprofile", *cpuProfile+"."+phase)
		}
		cmd := exec.CommandContext(ctx, self, append(args, fs.Arg(0))...)
		cmd.Stderr = stderr
		return cmd.Output()
	}
	r, err := scale.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *cpuProfile != "" {
		fmt.Fprintf(stderr, "CPU profiles in %[1]s.build and %[1]s.serve; merge them with: go tool pprof -proto %[1]s.build %[1]s.serve > %[1]s\n", *cpuProfile)
	}
	return r.WriteTable(stdout)
}

// runScalePhase runs one phase of eval scale in this process.
func runScalePhase(ctx context.Context, cfg scale.Config, phase, cpuProfile string, stdout io.Writer) error {
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return fmt.Errorf("eval scale: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("eval scale: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	switch phase {
	case "build":
		r, err := scale.Build(ctx, cfg.CorpusDir(), cfg.IndexDir())
		if err != nil {
			return err
		}
		return scale.WritePhase(stdout, r)
	case "serve":
		questions, err := scale.Questions(cfg.SQuAD, cfg.Questions)
		if err != nil {
			return err
		}
		runtime.GC() // the rest of the SQuAD file is garbage: not the bot's memory
		r, err := scale.Serve(ctx, cfg.CorpusDir(), cfg.IndexDir(), questions)
		if err != nil {
			return err
		}
		return scale.WritePhase(stdout, r)
	}
	return usagef("eval scale: --phase is build or serve, not %q", phase)
}

// runEvalFollowUp measures follow-up questions made from SQuAD: R@1 of
// each follow-up alone and resolved in its conversation.
func runEvalFollowUp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval followup", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval followup: want one FILE (e.g. ../shared/data/squad-v1.1/dev-v1.1.json)")
	}
	data, err := eval.LoadSQuAD(fs.Arg(0))
	if err != nil {
		return err
	}
	ix, rep, err := tempIndex(ctx, data.Articles, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	fmt.Fprintf(stderr, "indexed %d paragraphs in %s; making follow-ups of %d questions\n", rep.Paragraphs, rep.Took.Round(time.Millisecond), len(data.Questions))
	report, err := eval.RunFollowUp(ctx, answer.New(ix, answer.Config{}), data.Questions)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, report)
	}
	if err := report.WriteTable(stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\ntook %s\n", report.Took.Round(time.Millisecond))
	return nil
}
