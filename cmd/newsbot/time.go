package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
	"github.com/newsbot-dev/newsbot/timex"
)

// maxDatesInput bounds the text `newsbot dates` reads from standard input.
const maxDatesInput = 5 << 20

// runDates prints the time expressions of the text on stdin.
func runDates(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("dates", flag.ContinueOnError)
	refFlag := fs.String("ref", "", "publication date YYYY-MM-DD that relative expressions are resolved against")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("dates: reads text on standard input; unexpected argument %q", fs.Arg(0))
	}
	var ref time.Time
	if *refFlag != "" {
		var err error
		if ref, err = time.Parse(time.DateOnly, *refFlag); err != nil {
			return usagef("dates: --ref %q is not a date YYYY-MM-DD", *refFlag)
		}
	}
	raw, err := readAll(ctx, stdin, maxDatesInput)
	if err != nil {
		return fmt.Errorf("dates: reading standard input: %w", err)
	}
	if len(raw) > maxDatesInput {
		return fmt.Errorf("dates: input is over %d bytes", maxDatesInput)
	}
	text := strings.ToValidUTF8(string(raw), "\uFFFD")
	exprs := timex.Extract(text, ref)
	if *asJSON {
		type jsonExpr struct {
			Start       int    `json:"start"`
			End         int    `json:"end"`
			Text        string `json:"text"`
			Type        string `json:"type"`
			Granularity string `json:"granularity"`
			Value       string `json:"value"`
		}
		out := struct {
			Ref         string     `json:"ref"`
			Expressions []jsonExpr `json:"expressions"`
		}{Ref: isoDate(ref), Expressions: []jsonExpr{}}
		for _, e := range exprs {
			out.Expressions = append(out.Expressions, jsonExpr{e.Start, e.End, e.Text, string(e.Type), string(e.Granularity), e.Value})
		}
		return writeJSON(stdout, out)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	for _, e := range exprs {
		value := e.Value
		if value == "" {
			value = "(unresolved)"
		}
		fmt.Fprintf(w, "%d-%d\t%s\t%s\t%s\t%q", e.Start, e.End, e.Type, orDash(string(e.Granularity)), value, e.Text)
		if words := timex.Describe(e, ref); words != "" {
			fmt.Fprintf(w, "\t%s", words)
		}
		fmt.Fprintln(w)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// runTimeline prints the timeline of a topic, or of the whole corpus.
func runTimeline(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("timeline", flag.ContinueOnError)
	p := addPathFlags(fs, getenv)
	asJSON := fs.Bool("json", false, "print one JSON object")
	from := fs.String("from", "", "only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	to := fs.String("to", "", "only events up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")
	limit := fs.Int("limit", timeline.DefaultLimit, "events to show at most: the best days")
	periods := fs.Bool("periods", false, "keep week, month and year events even when a day of them is shown")
	verbose := fs.Bool("v", false, "log more")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *limit < 1 || *limit > timeline.MaxLimit {
		return usagef("timeline: --limit must be between 1 and %d", timeline.MaxLimit)
	}
	req := timeline.Request{Topic: strings.Join(fs.Args(), " "), Limit: *limit, KeepPeriods: *periods}
	var err error
	if req.From, _, err = timeline.ParseBound(*from); err != nil {
		return usagef("timeline: --from: %v", err)
	}
	if _, req.To, err = timeline.ParseBound(*to); err != nil {
		return usagef("timeline: --to: %v", err)
	}
	if !req.From.IsZero() && !req.To.IsZero() && !req.From.Before(req.To) {
		return usagef("timeline: --from must come before --to")
	}
	lib, err := openLibrary(ctx, p, newLogger(stderr, *verbose), stderr)
	if err != nil {
		return err
	}
	defer lib.Close()
	tl, err := lib.Timeline(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, timelineJSON(tl))
	}
	_, err = io.WriteString(stdout, timelineText(tl, req))
	return err
}

type jsonCitation struct {
	Article   string `json:"article"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Paragraph int    `json:"paragraph"`
}

type jsonEvent struct {
	Date        string         `json:"date"`
	Words       string         `json:"words"`
	Granularity string         `json:"granularity"`
	Text        string         `json:"text"`
	Citations   []jsonCitation `json:"citations"`
	// Sources is how many distinct articles tell the event.
	Sources int `json:"sources"`
}

type jsonUndated struct {
	Relative  string         `json:"relative"`
	Text      string         `json:"text"`
	Citations []jsonCitation `json:"citations"`
	Sources   int            `json:"sources"`
}

// jsonTimeline is the --json shape of a timeline.
type jsonTimeline struct {
	Command string        `json:"command"`
	Topic   string        `json:"topic"`
	Events  []jsonEvent   `json:"events"`
	Undated []jsonUndated `json:"undated"`
}

func toCitation(c newsbot.Citation) jsonCitation {
	return jsonCitation{Article: c.Article, Title: c.Title, URL: c.URL, Paragraph: c.Paragraph}
}

func timelineJSON(tl *timeline.Timeline) jsonTimeline {
	out := jsonTimeline{Command: "timeline", Topic: tl.Topic, Events: []jsonEvent{}, Undated: []jsonUndated{}}
	for _, e := range tl.Events {
		ev := jsonEvent{Date: e.Value, Words: e.Words, Granularity: string(e.Granularity), Text: e.Text, Sources: e.Sources}
		for _, c := range e.Citations {
			ev.Citations = append(ev.Citations, toCitation(c))
		}
		out.Events = append(out.Events, ev)
	}
	for _, u := range tl.Undated {
		un := jsonUndated{Relative: u.Relative, Text: u.Text, Citations: []jsonCitation{toCitation(u.Citation)}, Sources: u.Sources}
		for _, c := range u.Others {
			un.Citations = append(un.Citations, toCitation(c))
		}
		out.Undated = append(out.Undated, un)
	}
	return out
}

func timelineText(tl *timeline.Timeline, req timeline.Request) string {
	var b strings.Builder
	topic := tl.Topic
	if topic == "" {
		topic = "the whole corpus"
	}
	fmt.Fprintf(&b, "timeline: %s\n", topic)
	switch {
	case tl.RangeExcludes():
		b.WriteString("  " + tl.RangeNote(req.From, req.To) + "\n")
		return b.String()
	case len(tl.Events)+len(tl.Undated) == 0 && tl.Topic == "" && (!req.From.IsZero() || !req.To.IsZero()):
		b.WriteString("  No event in the corpus is dated in that range.\n")
		return b.String()
	case len(tl.Events)+len(tl.Undated) == 0 && tl.Topic == "":
		b.WriteString("  No event in the corpus has a date.\n")
		return b.String()
	case len(tl.Events)+len(tl.Undated) == 0:
		b.WriteString("  No dated event in the corpus matches this topic.\n")
		return b.String()
	}
	for _, e := range tl.Events {
		words := e.Words
		if e.Sources > 1 {
			words += fmt.Sprintf(" · %d sources", e.Sources)
		}
		fmt.Fprintf(&b, "\n%s\n  “%s”\n", words, e.Text)
		for _, c := range e.Citations {
			fmt.Fprintf(&b, "  — %s\n", shortCitation(c.Title, c.Article, c.Paragraph, c.URL))
		}
	}
	if len(tl.Undated) > 0 {
		b.WriteString("\nUndated articles (dates relative to publication):\n")
		for _, u := range tl.Undated {
			relative := u.Relative
			if u.Sources > 1 {
				relative += fmt.Sprintf(" · %d sources", u.Sources)
			}
			fmt.Fprintf(&b, "\n%s\n  “%s”\n", relative, u.Text)
			for _, c := range append([]newsbot.Citation{u.Citation}, u.Others...) {
				fmt.Fprintf(&b, "  — %s\n", shortCitation(c.Title, c.Article, c.Paragraph, c.URL))
			}
		}
	}
	return b.String()
}

func shortCitation(title, article string, paragraph int, url string) string {
	s := fmt.Sprintf("%s, paragraph %d [%s]", title, paragraph, article)
	if url != "" {
		s += " <" + url + ">"
	}
	return s
}
