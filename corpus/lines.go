package corpus

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file turns an article body into paragraph candidates (blocks of
// lines). News comes in many layouts: one paragraph per line; paragraphs
// separated by blank lines; prose hard-wrapped at a fixed width, with
// paragraphs marked by indentation (Reuters' wire copy); tables, lists and
// earnings briefs of short lines ("Shr 34 cts vs 1.19 dlrs"). The rules:
//
//   - A blank line always ends a paragraph.
//   - A line that continues the one before is joined to it with a space:
//     the text is hard-wrapped and the line broke only because its next
//     word did not fit, or the line before ends mid-sentence (this one
//     starts in lower case, or that one ends on "by", "the", "and"). An
//     indented line starts a paragraph.
//   - Without blank lines, each remaining line is a paragraph; with them,
//     the lines of a paragraph are kept apart (joined with a line break)
//     when they are items: short lines, or lines that end a sentence.
//   - Runs of short lines (a table, a brief, a list) are joined into one
//     paragraph, their line breaks kept (see mergeShortRuns).

// block is one body paragraph candidate: its lines, each a logical line
// (a hard-wrapped line is already joined to the one it continues).
type block []string

// text is the block's paragraph text: its lines joined by line breaks.
func (b block) text() string { return strings.Join(b, "\n") }

// shortLine is the longest line, in characters, that counts as short: a
// row of a table or a brief, a list item, a heading.
const shortLine = 64

// isShort reports whether a line is short (see shortLine).
func isShort(line string) bool { return utf8.RuneCountInString(line) <= shortLine }

// splitBlocks splits an article body into paragraph candidates (see the
// rules above).
func splitBlocks(body string) []block {
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	raw := strings.Split(strings.Trim(body, "\n"), "\n")
	for i, l := range raw {
		raw[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	blankSeparated := false
	for _, l := range raw {
		if l == "" {
			blankSeparated = true
			break
		}
	}
	width := wrapWidth(raw)
	base := baseIndent(raw)

	var blocks []block
	var cur []logicalLine // the block being gathered
	flush := func() {
		if len(cur) > 0 {
			b := make(block, len(cur))
			for i, l := range cur {
				b[i] = l.text()
			}
			blocks = append(blocks, b)
			cur = nil
		}
	}
	prev := "" // the raw line before, when it is in cur
	for _, l := range raw {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "#"):
			flush()
			blocks = append(blocks, block{t})
		case len(cur) == 0:
			cur = []logicalLine{newLogicalLine(t)}
		default:
			last := &cur[len(cur)-1]
			separate := indent(l) > base || listItem(t) || isPhotoCredit(t) || teaserMarker.MatchString(t) || last.isPhotoCredit()
			switch {
			case !separate && (wraps(prev, t, width) || continues(last, t)):
				last.add(t)
			case !blankSeparated:
				flush()
				cur = []logicalLine{newLogicalLine(t)}
			case !separate && !endsSentence(last.end()) && !last.short():
				last.add(t) // a long line broken mid-sentence: a soft wrap
			default:
				cur = append(cur, newLogicalLine(t))
			}
		}
		if t == "" || strings.HasPrefix(t, "#") {
			prev = ""
		} else {
			prev = l
		}
	}
	flush()
	return blocks
}

// logicalLine is a line as its writer meant it: the lines of a text that
// hard-wraps it, joined only at the end (joining as they come would cost
// the square of a long paragraph's length).
type logicalLine struct {
	parts []string
	runes int
}

func newLogicalLine(s string) logicalLine {
	return logicalLine{parts: []string{s}, runes: utf8.RuneCountInString(s)}
}

func (l *logicalLine) add(s string) {
	l.parts = append(l.parts, s)
	l.runes += 1 + utf8.RuneCountInString(s)
}

// end is the line's last part, which holds how it ends.
func (l *logicalLine) end() string { return l.parts[len(l.parts)-1] }

func (l *logicalLine) short() bool { return l.runes <= shortLine }

func (l *logicalLine) text() string { return strings.Join(l.parts, " ") }

func (l *logicalLine) isPhotoCredit() bool { return len(l.parts) == 1 && isPhotoCredit(l.parts[0]) }

// wrapWidth returns the width at which the body's prose is hard-wrapped,
// or 0 when it is not: most lines break mid-sentence and the long lines
// (the 90th percentile) are between 40 and 100 characters.
func wrapWidth(lines []string) int {
	var lengths []int
	open := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lengths = append(lengths, utf8.RuneCountInString(l))
		if !endsSentence(l) {
			open++
		}
	}
	if len(lengths) < 3 || open*2 < len(lengths) {
		return 0
	}
	sort.Ints(lengths)
	w := lengths[len(lengths)*9/10]
	if w < 40 || w > 100 {
		return 0
	}
	return w
}

// wraps reports whether the raw line prev was broken before next only
// because next's first word did not fit within width (text wrapped to a
// fixed width breaks so; a line broken by its writer is shorter).
func wraps(prev, next string, width int) bool {
	if width == 0 || prev == "" {
		return false
	}
	n := utf8.RuneCountInString(prev)
	if n > width+5 || n < width/2 {
		return false
	}
	word, _, _ := strings.Cut(next, " ")
	return n+1+utf8.RuneCountInString(word) > width-3
}

// continues reports whether next continues the sentence that last leaves
// open: last does not end a sentence and next starts in lower case, or
// last is a long line that ends on a word no sentence ends on ("by",
// "the", "and").
func continues(last *logicalLine, next string) bool {
	end := last.end()
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) && !endsSentence(end) && !strings.HasSuffix(end, ":") {
		return true
	}
	if last.short() {
		return false
	}
	i := strings.LastIndexFunc(end, unicode.IsSpace)
	return openWords[end[i+1:]]
}

// openWords are words that leave a sentence open: a line ending on one
// was broken mid-sentence.
var openWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"by": true, "for": true, "from": true, "with": true, "and": true, "or": true, "but": true,
	"that": true, "as": true, "than": true, "into": true, "its": true, "their": true, "his": true,
	"her": true, "is": true, "was": true, "were": true, "are": true, "be": true, "has": true,
	"have": true, "had": true, "will": true, "would": true,
}

// listItem reports whether a line opens with a list marker: "- ", "* ",
// "• ", "1. ", "2) ".
func listItem(line string) bool {
	for _, m := range []string{"- ", "* ", "• ", "– ", "— "} {
		if strings.HasPrefix(line, m) {
			return true
		}
	}
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// indent is the number of leading white-space characters of a raw line (a
// tab counts as one).
func indent(line string) int {
	return len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
}

// baseIndent is the smallest indentation of the body's lines: a line
// indented further starts a paragraph.
func baseIndent(lines []string) int {
	base := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := indent(l); base < 0 || n < base {
			base = n
		}
	}
	return max(base, 0)
}

// endsSentence reports whether s ends with sentence-ending punctuation,
// perhaps followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’)]» \t")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// mergeShortRuns joins runs of blocks made only of short lines that are
// not sentences (a table, a brief's figures, a list) into one block, its
// lines kept apart, so that they stay together as one passage instead of
// becoming headings or scattered one-line passages.
func mergeShortRuns(blocks []block) []block {
	out := blocks[:0:0]
	owned := false // whether out's last block is a run this func made
	for _, b := range blocks {
		if n := len(out); n > 0 && canRun(b) && (owned || canRun(out[n-1])) {
			if !owned {
				out[n-1] = append(block(nil), out[n-1]...)
				owned = true
			}
			out[n-1] = append(out[n-1], b...)
			continue
		}
		out = append(out, b)
		owned = false
	}
	return out
}

// canRun reports whether a block may be in a run of short lines: it is
// short lines only, none ending a sentence, and not a Markdown heading.
func canRun(b block) bool {
	if isMarkdownHeading(b) {
		return false
	}
	for _, l := range b {
		if !isShort(l) || endsSentence(l) {
			return false
		}
	}
	return true
}

func isMarkdownHeading(b block) bool { return len(b) == 1 && strings.HasPrefix(b[0], "#") }
