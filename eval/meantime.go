package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot/timex"
)

// MeantimeAnnotatedLines is how many lines of each MEANTIME article carry
// gold time expressions: the title, the date line and the first four
// sentences (checked on the file: no gold expression lies beyond them).
// Expressions found further down are not scored.
const MeantimeAnnotatedLines = 6

// MeantimeDoc is one MEANTIME article with its gold time expressions.
type MeantimeDoc struct {
	ID   string
	DCT  time.Time // publication date; zero when the file has none
	Text string
	Gold []MeantimeTimex
}

// MeantimeTimex is one gold expression; Start and End are rune offsets.
type MeantimeTimex struct {
	Type       string `json:"type"`
	Value      string `json:"value"`
	Start, End int
	Text       string `json:"text"`
}

// LoadMeantime reads meantime_timex_gold.jsonl.
func LoadMeantime(path string) ([]MeantimeDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening MEANTIME file: %w", err)
	}
	defer f.Close()
	return ReadMeantime(f)
}

// ReadMeantime reads MEANTIME JSON Lines from r. A document whose dct is
// missing or not an ISO date takes its date from its date line (the second
// line), as newsbot does with a dateline.
func ReadMeantime(r io.Reader) ([]MeantimeDoc, error) {
	var docs []MeantimeDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var raw struct {
			DocID string  `json:"doc_id"`
			DCT   *string `json:"dct"`
			Text  string  `json:"text"`
			Timex []struct {
				MeantimeTimex
				Start int `json:"start"`
				End   int `json:"end"`
			} `json:"timex3"`
		}
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			return nil, fmt.Errorf("MEANTIME line %d: %w", line, err)
		}
		d := MeantimeDoc{ID: raw.DocID, Text: raw.Text}
		if raw.DCT != nil {
			d.DCT, _ = time.Parse("2006-01-02", *raw.DCT)
		}
		if d.DCT.IsZero() {
			d.DCT = dateLine(raw.Text)
		}
		for _, t := range raw.Timex {
			g := t.MeantimeTimex
			g.Start, g.End = t.Start, t.End
			d.Gold = append(d.Gold, g)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading MEANTIME: %w", err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("reading MEANTIME: no documents")
	}
	return docs, nil
}

// dateLine reads the date on a MEANTIME article's second line.
func dateLine(text string) time.Time {
	lines := strings.SplitN(text, "\n", 3)
	if len(lines) < 2 {
		return time.Time{}
	}
	for _, e := range timex.Extract(lines[1], time.Time{}) {
		if e.Resolved() && e.Granularity == timex.Day {
			return e.Begin
		}
	}
	return time.Time{}
}

// TimexReport holds extraction figures: precision, recall and F1 by
// overlap, and how often a matched expression's value is right.
type TimexReport struct {
	Docs, Gold, Found      int
	Precision, Recall, F1  float64
	Matched, ValuesCorrect int
	ValueAccuracy          float64
	// ValueF1 is TempEval-3's value F1: the F1 of the expressions found
	// with the right value (precision over those found, recall over the
	// gold ones).
	ValueF1 float64
	// MissedGold and FalseFound list the errors, for inspection.
	MissedGold, FalseFound []string
	// WrongValues lists matched expressions whose value differs.
	WrongValues []string
	Took        time.Duration
}

// RunMeantime extracts the time expressions of every document's annotated
// lines, resolved against its publication date, each line a paragraph of
// the article read as the index reads it (extractByLine), and scores them
// against the gold ones. A found expression is correct when it overlaps a gold one;
// a gold one is recalled when a found one overlaps it. Values are compared
// on matched pairs, ignoring trailing X's ("198X" and TimeML's "198" both
// write the 1980s); see sameValue.
func RunMeantime(docs []MeantimeDoc) *TimexReport {
	start := time.Now()
	r := &TimexReport{Docs: len(docs)}
	foundOK, goldOK := 0, 0
	for _, d := range docs {
		text := annotatedPart(d.Text)
		found := extractByLine(text, d.DCT)
		r.Found += len(found)
		r.Gold += len(d.Gold)
		for _, f := range found {
			if g := overlapping(d.Gold, f.Start, f.End); g >= 0 {
				foundOK++
			} else {
				r.FalseFound = append(r.FalseFound, d.ID+": "+f.Text)
			}
		}
		for _, g := range d.Gold {
			k := -1
			for i, f := range found {
				if f.Start < g.End && g.Start < f.End {
					k = i
					break
				}
			}
			if k < 0 {
				r.MissedGold = append(r.MissedGold, d.ID+": "+g.Text+" = "+g.Value)
				continue
			}
			goldOK++
			r.Matched++
			if sameValue(found[k].Value, g.Value) {
				r.ValuesCorrect++
			} else {
				r.WrongValues = append(r.WrongValues, fmt.Sprintf("%s: %q = %s, found %q = %s", d.ID, g.Text, g.Value, found[k].Text, found[k].Value))
			}
		}
	}
	if r.Found > 0 {
		r.Precision = float64(foundOK) / float64(r.Found)
	}
	if r.Gold > 0 {
		r.Recall = float64(goldOK) / float64(r.Gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	if r.Matched > 0 {
		r.ValueAccuracy = float64(r.ValuesCorrect) / float64(r.Matched)
	}
	if r.Found > 0 && r.Gold > 0 && r.ValuesCorrect > 0 {
		p, rc := float64(r.ValuesCorrect)/float64(r.Found), float64(r.ValuesCorrect)/float64(r.Gold)
		r.ValueF1 = 2 * p * rc / (p + rc)
	}
	r.Took = time.Since(start)
	return r
}

// extractByLine reads text's lines in order as an article's paragraphs,
// as the index does (timex.Reader, corpus.FindDates), and returns their
// expressions with offsets counted from text's start.
func extractByLine(text string, ref time.Time) []timex.Expression {
	r := timex.NewReader(ref)
	var out []timex.Expression
	runes := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		for _, e := range r.Extract(line) {
			e.Start, e.End = e.Start+runes, e.End+runes
			out = append(out, e)
		}
		runes += utf8.RuneCountInString(line)
	}
	return out
}

func annotatedPart(text string) string {
	lines := strings.SplitAfterN(text, "\n", MeantimeAnnotatedLines+1)
	if len(lines) > MeantimeAnnotatedLines {
		lines = lines[:MeantimeAnnotatedLines]
	}
	return strings.Join(lines, "")
}

func overlapping(gold []MeantimeTimex, start, end int) int {
	for i, g := range gold {
		if start < g.End && g.Start < end {
			return i
		}
	}
	return -1
}

// sameValue reports whether a found value is the gold one, ignoring
// trailing X's. A gold value may list the values it accepts, separated by
// "|", where the guidelines leave a choice: "2019-03-13T08:45|2019-03-13T08:45-04".
func sameValue(found, gold string) bool {
	for g := range strings.SplitSeq(gold, "|") {
		if strings.TrimRight(found, "X") == strings.TrimRight(g, "X") {
			return true
		}
	}
	return false
}

// WriteTable prints the report as a Markdown table.
func (r *TimexReport) WriteTable(w io.Writer) error {
	_, err := fmt.Fprintf(w, "| documents | gold | found | precision | recall | F1 | value accuracy | value F1 |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n| %d | %d | %d | %.3f | %.3f | %.3f | %.3f (%d/%d) | %.3f |\n",
		r.Docs, r.Gold, r.Found, r.Precision, r.Recall, r.F1, r.ValueAccuracy, r.ValuesCorrect, r.Matched, r.ValueF1)
	return err
}
