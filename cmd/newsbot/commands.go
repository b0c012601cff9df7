package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/answer"
	"github.com/newsbot-dev/newsbot/corpus"
	"github.com/newsbot-dev/newsbot/eval"
	"github.com/newsbot-dev/newsbot/index"
	"github.com/newsbot-dev/newsbot/internal/scale"
	"github.com/newsbot-dev/newsbot/library"
)

// runIndex builds or updates the index and reports what it did.
func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	verbose := fs.Bool("v", false, "list what was dropped from articles, and why")
	rebuild := fs.Bool("rebuild", false, "delete the index and build it anew")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("index: unexpected argument %q", fs.Arg(0))
	}
	log := newLogger(stderr, *verbose)
	start := time.Now()
	if *rebuild {
		if err := index.Remove(p.index); err != nil {
			return err
		}
	}
	lib, err := library.Open(ctx, p.corpus, p.index, library.Options{Logger: log, NoBuild: true})
	if err != nil {
		return err
	}
	defer lib.Close()
	res, rep, err := lib.Sync(ctx)
	if err != nil {
		return err
	}

	fmt.Fprintf(stdout, "indexed %d articles, %d paragraphs from %s in %s\n",
		len(res.Articles), res.Paragraphs(), p.corpus, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "changes: %d added, %d updated, %d removed, %d unchanged\n",
		len(rep.Added), len(rep.Updated), len(rep.Removed), rep.Unchanged)
	if len(res.Skipped) > 0 {
		fmt.Fprintf(stdout, "skipped %d files:\n", len(res.Skipped))
		for _, s := range res.Skipped {
			fmt.Fprintf(stdout, "  %s: %s\n", s.Path, s.Reason)
		}
	}
	if n := countCopies(res.Articles); n > 0 {
		fmt.Fprintf(stdout, "%d files hold an article read from another file (one article, several locations):\n", n)
		for _, a := range res.Articles {
			for _, c := range a.Copies {
				fmt.Fprintf(stdout, "  %s: same article as %s\n", c.Path, a.Path)
			}
		}
	}
	if *verbose {
		fmt.Fprintf(stdout, "dropped %d pieces of text:\n", len(res.Dropped))
		for _, d := range res.Dropped {
			fmt.Fprintf(stdout, "  %s: %s: %q\n", d.Article, d.Reason, excerpt(d.Text, 70))
		}
	}
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
	lib, err := openLibrary(ctx, p, log)
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
	// Batch mode: one question per line, answers in the same order.
	in := bufio.NewReader(stdin)
	for {
		line, readErr := in.ReadString('\n')
		if q := strings.TrimSpace(line); q != "" {
			if err := answerOne(q); err != nil {
				return err
			}
		}
		if errors.Is(readErr, io.EOF) {
			return nil
		}
		if readErr != nil {
			return fmt.Errorf("reading questions: %w", readErr)
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
		return usagef("eval: want 'eval squad FILE', 'eval abstain FILE', 'eval followup FILE', 'eval meantime FILE', 'eval dates DIR' or 'eval timelines DIR'")
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

// isTerminal reports whether w is a character device, where bold text shows.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
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
	corpora, err := eval.LoadSemEval(args[0])
	if err != nil {
		return err
	}
	var report eval.TimelineReport
	for _, c := range corpora {
		ix, _, err := tempIndex(ctx, c.Articles, stderr)
		if err != nil {
			return err
		}
		err = eval.RunSemEval(ctx, ix, c, &report)
		ix.Close()
		if err != nil {
			return err
		}
	}
	return report.WriteTable(stdout)
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
func runAdd(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
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
			data, err = io.ReadAll(io.LimitReader(stdin, corpus.DefaultMaxFileBytes+1))
			label = "stdin" + corpus.Sniff(data)
		} else {
			data, err = os.ReadFile(name)
		}
		if err == nil {
			var articles []newsbot.Article
			if articles, _, err = corpus.Parse(filepath.Base(label), data); err == nil {
				var written []string
				written, err = corpus.Add(p.corpus, articles)
				for i, w := range written {
					fmt.Fprintf(stdout, "added %s: %s\n", w, articles[i].Title)
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

// runEvalScale measures newsbot on a large corpus generated from SQuAD.
func runEvalScale(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval scale", flag.ContinueOnError)
	paragraphs := fs.Int("paragraphs", 100_000, "paragraphs to generate")
	questions := fs.Int("questions", 2000, "SQuAD questions to ask")
	work := fs.String("work", ".newsbot/scale", "`folder` for the generated corpus (kept for later runs) and its index")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (the source of cmd/newsbot/default.pgo)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *paragraphs < 100 || *questions < 10 {
		return usagef("eval scale: want [--paragraphs N] [--questions N] [--work DIR] SQUAD-FILE")
	}
	s, err := eval.LoadSQuAD(fs.Arg(0))
	if err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("eval scale: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("eval scale: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	r, err := scale.Run(ctx, *work, s, *paragraphs, *questions, stderr)
	if err != nil {
		return err
	}
	return r.WriteTable(stdout)
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
