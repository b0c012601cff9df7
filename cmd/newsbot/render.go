package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
)

// noAnswer is said when nothing in the corpus answers a question.
const noAnswer = "No passage in the corpus answers this question."

// jsonAnswer is the --json shape of an answer.
type jsonAnswer struct {
	Command  string        `json:"command"`
	Query    string        `json:"query"`
	Passages []jsonPassage `json:"passages"`
}

type jsonPassage struct {
	Article   string  `json:"article"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Paragraph int     `json:"paragraph"`
	Section   string  `json:"section"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
	// Date is set on when-answers: the date the passage gives.
	Date *jsonDate `json:"date,omitempty"`
	// Copies are the other files that hold the same article.
	Copies []jsonCopy `json:"copies,omitempty"`
	// Sources are every article that carries the passage or a
	// near-duplicate of it, the passage's own citation first.
	Sources []jsonSource `json:"sources"`
}

type jsonCopy struct {
	Article string `json:"article"`
	Path    string `json:"path"`
	URL     string `json:"url,omitempty"`
	Source  string `json:"source,omitempty"`
}

type jsonSource struct {
	Article   string `json:"article"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published"`
	Paragraph int    `json:"paragraph"`
}

type jsonDate struct {
	Words    string `json:"words"`
	Value    string `json:"value"`
	Text     string `json:"text"`
	Sentence string `json:"sentence"`
}

func toJSON(a *newsbot.Answer) jsonAnswer {
	out := jsonAnswer{Command: string(a.Command), Query: a.Query, Passages: []jsonPassage{}}
	for _, p := range a.Passages {
		out.Passages = append(out.Passages, jsonPassage{
			Article:   p.Citation.Article,
			Title:     p.Citation.Title,
			URL:       p.Citation.URL,
			Published: isoDate(p.Citation.Published),
			Paragraph: p.Citation.Paragraph,
			Section:   p.Section,
			Text:      p.Text,
			Score:     p.Score,
			Sources:   jsonSources(p),
		})
		for _, c := range p.Citation.Copies {
			out.Passages[len(out.Passages)-1].Copies = append(out.Passages[len(out.Passages)-1].Copies,
				jsonCopy{Article: c.ID, Path: c.Path, URL: c.URL, Source: c.Source})
		}
		if d := p.Date; d != nil {
			out.Passages[len(out.Passages)-1].Date = &jsonDate{Words: d.Words, Value: d.Expression.Value, Text: d.Expression.Text,
				Sentence: strings.TrimSpace(p.Text[d.Sentence.Start:d.Sentence.End])}
		}
	}
	return out
}

// jsonSources lists the articles carrying p, its own citation first.
func jsonSources(p newsbot.Passage) []jsonSource {
	cs := p.Sources
	if len(cs) == 0 {
		cs = []newsbot.Citation{p.Citation}
	}
	out := make([]jsonSource, 0, len(cs))
	for _, c := range cs {
		out = append(out, jsonSource{Article: c.Article, Title: c.Title, URL: c.URL, Source: c.Source, Published: isoDate(c.Published), Paragraph: c.Paragraph})
	}
	return out
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// renderer writes answers as JSON lines or readable text blocks.
type renderer struct {
	json bool
	bold bool // mark highlights with ANSI bold (terminals only)
}

func (r renderer) write(w io.Writer, a *newsbot.Answer) error {
	if r.json {
		return writeJSON(w, toJSON(a))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", a.Command, a.Query)
	if len(a.Passages) == 0 {
		fmt.Fprintf(&b, "  %s\n\n", noAnswer)
		_, err := io.WriteString(w, b.String())
		return err
	}
	for i, p := range a.Passages {
		if d := p.Date; d != nil {
			fmt.Fprintf(&b, "\n[%d] %s: “%s”\n", i+1, d.Words, strings.TrimSpace(p.Text[d.Sentence.Start:d.Sentence.End]))
			fmt.Fprintf(&b, "    “%s”\n", r.highlight(p.Text, p.Highlights))
		} else if i == 0 && a.Command == newsbot.When {
			fmt.Fprintf(&b, "\n[1] No passage gives a date for that. The closest:\n    “%s”\n", r.highlight(p.Text, p.Highlights))
		} else {
			fmt.Fprintf(&b, "\n[%d] “%s”\n", i+1, r.highlight(p.Text, p.Highlights))
		}
		fmt.Fprintf(&b, "    — %s\n", citationLine(p))
		if p.Citation.URL != "" {
			fmt.Fprintf(&b, "      %s\n", p.Citation.URL)
		}
		for _, c := range p.Citation.Copies {
			fmt.Fprintf(&b, "      also %s\n", copyLocation(c))
		}
		if len(p.Sources) > 1 {
			fmt.Fprintf(&b, "      reported by %d sources; also:\n", len(p.Sources))
			for _, c := range p.Sources[1:] {
				fmt.Fprintf(&b, "      · %s\n", citationLine(newsbot.Passage{Citation: c}))
			}
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeEmpty writes the answer to a blank line in batch mode: no question,
// no passages, so that answers stay in line with the questions.
func (r renderer) writeEmpty(w io.Writer, cmd newsbot.Command) error {
	if r.json {
		return writeJSON(w, jsonAnswer{Command: string(cmd), Passages: []jsonPassage{}})
	}
	_, err := fmt.Fprintf(w, "%s: \n  (a blank line: no question)\n\n", cmd)
	return err
}

// citationLine is "Title (Source), 21 February 2026, paragraph 1, section “Why now?”".
func citationLine(p newsbot.Passage) string {
	c := p.Citation
	var b strings.Builder
	b.WriteString(c.Title)
	if c.Source != "" {
		fmt.Fprintf(&b, " (%s)", c.Source)
	}
	if c.Published.IsZero() {
		b.WriteString(", date unknown")
	} else {
		fmt.Fprintf(&b, ", %s", c.Published.Format("2 January 2006"))
	}
	fmt.Fprintf(&b, ", paragraph %d", c.Paragraph)
	if p.Section != "" {
		fmt.Fprintf(&b, ", section “%s”", p.Section)
	}
	fmt.Fprintf(&b, " [%s]", printable(c.Article))
	return strings.ReplaceAll(b.String(), "\n", " ")
}

// printable is s as it can go on one line of a report: as it is, or quoted
// in Go syntax ("a\nb") when it holds a line break, a NUL or another
// control character, or is not UTF-8, so that a file name can never forge
// a line of its own.
func printable(s string) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// copyLocation is where a copy of an article is: its file, and its link
// when it has another.
func copyLocation(c newsbot.Copy) string {
	if c.URL != "" {
		return c.Path + " " + c.URL
	}
	return c.Path
}

// highlight marks the highlighted spans of text in bold when enabled.
func (r renderer) highlight(text string, spans []newsbot.Span) string {
	if !r.bold || len(spans) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.Start < last || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(text[last:s.Start])
		b.WriteString("\x1b[1m")
		b.WriteString(text[s.Start:s.End])
		b.WriteString("\x1b[0m")
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}
