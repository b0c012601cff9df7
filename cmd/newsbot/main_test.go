package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs newsbot with the bundled corpus and a fresh index folder.
type cli struct {
	t     *testing.T
	env   map[string]string
	index string
}

func newCLI(t *testing.T) *cli {
	abs, err := filepath.Abs("../../corpus/articles")
	if err != nil {
		t.Fatal(err)
	}
	// Votes go to a temporary file, never into the source tree.
	return &cli{t: t, index: filepath.Join(t.TempDir(), "index"), env: map[string]string{"NEWSBOT_CORPUS": abs, "NEWSBOT_FEEDBACK": filepath.Join(t.TempDir(), "feedback.jsonl")}}
}

func (c *cli) run(stdin string, args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	env := map[string]string{"NEWSBOT_INDEX": c.index}
	for k, v := range c.env {
		env[k] = v
	}
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

type jsonOut struct {
	Command  string `json:"command"`
	Query    string `json:"query"`
	Passages []struct {
		Article   string   `json:"article"`
		Title     string   `json:"title"`
		URL       string   `json:"url"`
		Published string   `json:"published"`
		Paragraph int      `json:"paragraph"`
		Section   string   `json:"section"`
		Text      string   `json:"text"`
		Score     *float64 `json:"score"`
		// Date is on when-answers only.
		Date *struct {
			Words    string `json:"words"`
			Value    string `json:"value"`
			Text     string `json:"text"`
			Sentence string `json:"sentence"`
		} `json:"date"`
		Sources []struct {
			Article   string `json:"article"`
			Title     string `json:"title"`
			URL       string `json:"url"`
			Source    string `json:"source"`
			Published string `json:"published"`
			Paragraph int    `json:"paragraph"`
		} `json:"sources"`
	} `json:"passages"`
}

func decodeStrict(t *testing.T, line string) jsonOut {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	var out jsonOut
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decoding %q: %v", line, err)
	}
	return out
}

func TestWhenJSON(t *testing.T) {
	c := newCLI(t)
	code, stdout, stderr := c.run("", "when", "--json", "When did North Korea reopen communication lines?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := decodeStrict(t, stdout)
	if out.Command != "when" || out.Query != "When did North Korea reopen communication lines?" || len(out.Passages) != 3 {
		t.Fatalf("out = %+v", out)
	}
	p := out.Passages[0]
	if p.Article != "000_7372d195acbf193c" || p.Paragraph != 1 || p.Published != "2026-02-21" ||
		p.Title != "North Korea Reopens Communication Lines with South Korea" || !strings.HasPrefix(p.URL, "https://www.wsbtv.com/") || p.Score == nil {
		t.Errorf("lead = %+v", p)
	}
	if p.Date == nil || p.Date.Words != "21 February 2026" || p.Date.Value != "2026-02-21" || p.Date.Text != "February 21st, 2026" ||
		!strings.HasPrefix(p.Date.Sentence, "SEOUL, South Korea - February 21st, 2026 - ") {
		t.Errorf("when-answer leads with %+v, want 21 February 2026 and the dateline sentence", p.Date)
	}
	// Keys present even when empty: published and section of an undated article.
	_, stdout, _ = c.run("", "why", "--json", "Why did North Korea blow up the building?")
	if !strings.Contains(stdout, `"published":""`) || !strings.Contains(stdout, `"section":"Why now?"`) {
		t.Errorf("why JSON = %s", stdout)
	}
}

func TestTextOutputCites(t *testing.T) {
	c := newCLI(t)
	code, stdout, _ := c.run("", "why", "Why did North Korea blow up the building?")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"[1] “The immediate issue seems to be", "North Korea blows up the relationship. Why?, date unknown, paragraph 2, section “Why now?”"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("ANSI codes written to a non-terminal")
	}
}

func TestNoAnswerIsSaidPlainlyAndExitsZero(t *testing.T) {
	c := newCLI(t)
	code, stdout, _ := c.run("", "ask", "What is the recipe for banana bread?")
	if code != exitOK || !strings.Contains(stdout, noAnswer) {
		t.Fatalf("exit %d, output %q", code, stdout)
	}
	code, stdout, _ = c.run("", "ask", "--json", "What is the recipe for banana bread?")
	if code != exitOK || decodeStrict(t, stdout).Passages == nil || !strings.Contains(stdout, `"passages":[]`) {
		t.Fatalf("exit %d, output %q", code, stdout)
	}
}

func TestBatchModeAnswersInOrder(t *testing.T) {
	c := newCLI(t)
	questions := "Why did North Korea blow up the building?\n\nWhat is the recipe for banana bread?\n-Korea +leaflets ~2 \"\nWhen did North Korea reopen communication lines?"
	code, stdout, stderr := c.run(questions, "ask", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The blank line gets an empty answer, so answers line up with lines.
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := []string{"Why did North Korea blow up the building?", "", "What is the recipe for banana bread?", `-Korea +leaflets ~2 "`, "When did North Korea reopen communication lines?"}
	if len(lines) != len(want) {
		t.Fatalf("got %d answers for %d questions:\n%s", len(lines), len(want), stdout)
	}
	for i, l := range lines {
		if got := decodeStrict(t, l).Query; got != want[i] {
			t.Errorf("answer %d is for %q, want %q", i, got, want[i])
		}
	}
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	cases := []struct {
		args []string
		env  map[string]string
		want int
	}{
		{nil, nil, exitUsage},
		{[]string{"frobnicate"}, nil, exitUsage},
		{[]string{"ask", "--nope", "x"}, nil, exitUsage},
		{[]string{"ask", "-k", "0", "x"}, nil, exitUsage},
		{[]string{"index", "extra"}, nil, exitUsage},
		{[]string{"eval"}, nil, exitUsage},
		{[]string{"eval", "squad"}, nil, exitUsage},
		{[]string{"eval", "squad", "/nonexistent.json"}, nil, exitError},
		{[]string{"eval", "abstain"}, nil, exitUsage},
		{[]string{"eval", "abstain", "/nonexistent.json"}, nil, exitError},
		{[]string{"ask", "x"}, map[string]string{"NEWSBOT_CORPUS": "/nonexistent/corpus"}, exitError},
		{[]string{"help"}, nil, exitOK},
	}
	for _, tc := range cases {
		cc := newCLI(t)
		for k, v := range tc.env {
			cc.env[k] = v
		}
		if code, _, stderr := cc.run("", tc.args...); code != tc.want {
			t.Errorf("newsbot %v: exit %d, want %d (%s)", tc.args, code, tc.want, stderr)
		}
	}
	_ = c
}

func TestIndexCommandReports(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	for name, content := range map[string]string{
		"a.txt":   "Storm hits coast\n\nHigh winds closed the port on Monday.\n",
		"bad.bin": "\x00\x01",
		"bad.txt": "\xff\xfe",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c.env["NEWSBOT_CORPUS"] = dir
	code, stdout, stderr := c.run("", "index")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"indexed 1 article, 1 paragraph", "1 added", "skipped 2 files", "bad.bin: unsupported file type", "bad.txt: not valid UTF-8"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("index output lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = c.run("", "index")
	if !strings.Contains(stdout, "0 added, 0 updated, 0 removed, 1 unchanged") {
		t.Errorf("second run not incremental:\n%s", stdout)
	}
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ = c.run("", "index")
	if !strings.Contains(stdout, "1 removed") {
		t.Errorf("removal not noticed:\n%s", stdout)
	}
}

func TestIndexVerboseListsDrops(t *testing.T) {
	c := newCLI(t)
	code, stdout, _ := c.run("", "index", "-v", "--rebuild")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{`teaser section after "More from GZERO Media"`, "heading (section of the paragraphs below)", "LUDOVIC MARIN"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("index -v lacks %q", want)
		}
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	c := newCLI(t)
	c.env["NEWSBOT_CORPUS"] = "/nonexistent"
	abs, _ := filepath.Abs("../../corpus/articles")
	if code, _, stderr := c.run("", "ask", "--corpus", abs, "leaflets"); code != exitOK {
		t.Fatalf("--corpus did not win over NEWSBOT_CORPUS: %s", stderr)
	}
}

func TestDatesCommand(t *testing.T) {
	c := newCLI(t)
	in := "Last week Pyongyang quit. Then, yesterday, it blew up a building set up in 2018. Ça va — Feb. 21?"
	code, stdout, stderr := c.run(in, "dates", "--ref", "2026-02-21", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	var out struct {
		Ref         string `json:"ref"`
		Expressions []struct {
			Start       int    `json:"start"`
			End         int    `json:"end"`
			Text        string `json:"text"`
			Type        string `json:"type"`
			Granularity string `json:"granularity"`
			Value       string `json:"value"`
		} `json:"expressions"`
	}
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decoding %q: %v", stdout, err)
	}
	want := []struct{ text, value, gran string }{
		{"Last week", "2026-W07", "week"}, {"yesterday", "2026-02-20", "day"}, {"2018", "2018", "year"}, {"Feb. 21", "2026-02-21", "day"},
	}
	if out.Ref != "2026-02-21" || len(out.Expressions) != len(want) {
		t.Fatalf("out = %+v", out)
	}
	runes := []rune(in)
	for i, w := range want {
		e := out.Expressions[i]
		if e.Text != w.text || e.Value != w.value || e.Granularity != w.gran || e.Type != "DATE" || string(runes[e.Start:e.End]) != w.text {
			t.Errorf("expression %d = %+v, want %+v at its rune offsets", i, e, w)
		}
	}
	// Without --ref, relative expressions stay unresolved.
	_, stdout, _ = c.run("It fell yesterday.", "dates")
	if !strings.Contains(stdout, "(unresolved)") || !strings.Contains(stdout, "the day before publication (date unknown)") {
		t.Errorf("dates without --ref: %q", stdout)
	}
	if code, _, _ := c.run("", "dates", "--ref", "21/02/2026"); code != exitUsage {
		t.Errorf("bad --ref: exit %d, want %d", code, exitUsage)
	}
}

// TestDatesFactboxLine is issue 10's reproduction: a chronology line's
// date without a year is in the past of the article's date.
func TestDatesFactboxLine(t *testing.T) {
	c := newCLI(t)
	code, stdout, stderr := c.run("March 17 - The U.N. Security Council votes to authorise a no-fly zone over Libya.\n", "dates", "--ref", "2011-10-20")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "\t2011-03-17\t\"March 17\"") {
		t.Errorf("March 17 in an October 2011 factbox: %q, want 2011-03-17", stdout)
	}
}

func TestTimelineCommand(t *testing.T) {
	c := newCLI(t)
	code, stdout, stderr := c.run("", "timeline", "--json", "North Korea")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	type citation struct {
		Article   string `json:"article"`
		Title     string `json:"title"`
		URL       string `json:"url"`
		Paragraph int    `json:"paragraph"`
	}
	var out struct {
		Command string `json:"command"`
		Topic   string `json:"topic"`
		Events  []struct {
			Date        string     `json:"date"`
			Words       string     `json:"words"`
			Granularity string     `json:"granularity"`
			Text        string     `json:"text"`
			Citations   []citation `json:"citations"`
			Sources     int        `json:"sources"`
		} `json:"events"`
		Undated []struct {
			Relative  string     `json:"relative"`
			Text      string     `json:"text"`
			Citations []citation `json:"citations"`
			Sources   int        `json:"sources"`
		} `json:"undated"`
	}
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decoding %q: %v", stdout, err)
	}
	if out.Command != "timeline" || out.Topic != "North Korea" || len(out.Events) < 4 || len(out.Undated) < 2 {
		t.Fatalf("out = %+v", out)
	}
	if e := out.Events[0]; e.Date != "2018" || e.Granularity != "year" || len(e.Citations) == 0 || e.Citations[0].Paragraph == 0 {
		t.Errorf("first event = %+v, want 2018", e)
	}
	for _, e := range out.Events {
		if e.Sources < 1 || e.Sources > len(e.Citations) {
			t.Errorf("event %s: %d sources for %d citations", e.Date, e.Sources, len(e.Citations))
		}
	}
	// --to includes the period it names.
	code, stdout, _ = c.run("", "timeline", "--from", "2026", "--to", "2026-02", "North Korea")
	if code != exitOK || strings.Contains(stdout, "2018") || !strings.Contains(stdout, "21 February 2026") {
		t.Errorf("timeline --from 2026 --to 2026-02 = %d %q", code, stdout)
	}
	// The range, not the topic, leaves nothing: it says so.
	code, stdout, _ = c.run("", "timeline", "--from", "2026", "--to", "2026-01", "North Korea")
	if code != exitOK || !strings.Contains(stdout, `Nothing about "North Korea" is dated between 1 January 2026 and 31 January 2026; its passages are dated from 2018 to`) {
		t.Errorf("timeline of January 2026 = %d %q", code, stdout)
	}
	code, stdout, _ = c.run("", "timeline", "zebra husbandry")
	if code != exitOK || !strings.Contains(stdout, "No dated event in the corpus matches this topic.") {
		t.Errorf("timeline of zebra husbandry = %d %q", code, stdout)
	}
	if code, _, _ := c.run("", "timeline", "--from", "yesterday"); code != exitUsage {
		t.Errorf("bad --from: exit %d", code)
	}
	if code, _, _ := c.run("", "timeline", "--limit", "0"); code != exitUsage {
		t.Errorf("bad --limit: exit %d", code)
	}
}

func TestAddCommand(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	c.env["NEWSBOT_CORPUS"] = dir
	page, err := filepath.Abs("../../corpus/testdata/web/harbour-page.html")
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := filepath.Abs("../../corpus/testdata/web/wire-feed.atom")
	code, stdout, stderr := c.run("Pier café reopens\n\nThe pier café reopened on Friday after repairs to the terrace.\n", "add", page, feed, "-", "/no/such/file.txt")
	if code != exitError || !strings.Contains(stderr, "add /no/such/file.txt") || !strings.Contains(stderr, "1 of 4 files could not be added") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"storm-closes-busan-harbour-for-two-days.md: Storm closes Busan harbour for two days", "crane-inspection-finished-at-busan.md", "pier-café-reopens.md: Pier café reopens"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("add output lacks %q:\n%s", want, stdout)
		}
	}
	// What was added is answerable.
	code, stdout, _ = c.run("", "when", "--json", "When did the storm close Busan harbour?")
	if code != exitOK || !strings.Contains(stdout, `"article":"storm-closes-busan-harbour-for-two-days"`) || !strings.Contains(stdout, `"published":"2026-03-14"`) {
		t.Errorf("answer from an added page: %s", stdout)
	}
}
