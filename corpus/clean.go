package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
)

// Dropped records a piece of an article that did not become a passage, and why.
type Dropped struct {
	Article string
	Text    string
	Reason  string
}

var (
	// teaserMarker is a line after which a scraped page holds only links to
	// other stories: "More from GZERO Media", "Related", "Read more".
	teaserMarker = regexp.MustCompile(`(?i)^(?:more (?:from|on|stories from) .{1,60}|related(?: (?:articles|stories|coverage|content|reading|news))?|read more|read next|recommended(?: for you| reading)?|you (?:may|might) also like|most (?:popular|read)|trending(?: now)?|top stories)\s*:?$`)

	// photoCredit matches a photo-credit line: "LUDOVIC MARIN/Pool via REUTERS",
	// "Sopa Images via Reuters", "REUTERS/Samir Bol", "Al Drago/Pool/Sipa USA".
	photoCredit = regexp.MustCompile(`(?i)(?:\bvia (?:reuters|getty(?: images)?|ap|afp|imagn|usa today)\b` +
		`|^(?:reuters|ap|afp|getty images|epa|ansa|xinhua)\s*/` +
		`|/\s*(?:pool|reuters|ap|afp|getty images|sipa(?: usa)?|epa|bloomberg)\b` +
		`|^(?:photo|image|picture|credit|photograph)s?(?: by)?\s*:` +
		`|^\(?(?:photo|image) by\b` +
		`|\b(?:getty images|shutterstock|ap photo|afp photo)\b)`)

	// sourceLink matches the trailing "Read the Full WSB-TV Article at: [ URL ]".
	sourceLink = regexp.MustCompile(`(?is)(?:^|\n)[ \t]*read the full (?:(.{1,80}?) )?(?:article|story)(?: (?:at|on|here))?\s*:?\s*\[?\s*(https?://[^\s\]]+)\s*\]?\s*$`)
)

// isPhotoCredit reports whether a line is a short photo credit.
func isPhotoCredit(line string) bool {
	return len(line) < 200 && mayBeCredit(line) && wordCount(line) <= 10 && !endsSentence(line) && photoCredit.MatchString(line)
}

// creditWords are what every photo credit holds, one of them at least
// (a slash, or one of these words in any case).
var creditWords = []string{"via ", "photo", "image", "picture", "credit", "getty", "shutterstock"}

// mayBeCredit is a cheap test that a line may be a photo credit: the
// pattern costs microseconds a line.
func mayBeCredit(line string) bool {
	if strings.IndexByte(line, '/') >= 0 {
		return true
	}
	lower := strings.ToLower(line)
	for _, w := range creditWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// isHeading reports whether a paragraph is a heading, the section of the
// paragraphs below it, rather than a passage: a Markdown "#" line, or one
// short line (at most 8 words) that asks a question ("Why now?") or does
// not end a sentence and holds no figure ("What comes next", "The
// economy"). A short line with figures is news: a date line ("March 01,
// 2008"), a result, a brief ("Qtly div 25 cts vs 25 cts prior").
func isHeading(b block) bool {
	if len(b) != 1 {
		return false
	}
	text := b[0]
	if strings.HasPrefix(text, "#") {
		return true
	}
	if len(text) > 320 || utf8.RuneCountInString(text) > 80 {
		return false
	}
	if n := wordCount(text); n == 0 || n > 8 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if last == '?' {
		return true
	}
	return unicode.IsLetter(last) && !strings.ContainsFunc(text, unicode.IsDigit)
}

// byline matches an author's line: "By Hamid Ould Ahmed", "By Jane Doe and
// John Smith", "By Reuters Staff", "By Jane Doe, Reuters".
var byline = regexp.MustCompile(`^(?i:by)\s+\p{Lu}[\p{L}'’.\-]*,?(?:\s+(?:\p{Lu}[\p{L}'’.\-]*,?|and|&|de|van|von|bin|al|el))+$`)

// isByline reports whether a block is an author's byline near the top of
// an article: neither news nor a heading.
func isByline(b block) bool {
	return len(b) == 1 && wordCount(b[0]) <= 12 && byline.MatchString(strings.TrimSuffix(b[0], ","))
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// extractSourceLink removes a trailing "Read the Full X Article at: [ URL ]"
// from body and returns the body, the source name and the URL.
func extractSourceLink(body string) (rest, source, url string) {
	// The link closes the body: only its last lines are searched (the
	// pattern is slow over a long text).
	from := 0
	if len(body) > 2048 {
		from = strings.LastIndexByte(body[:len(body)-2048], '\n') + 1
	}
	loc := sourceLink.FindStringSubmatchIndex(body[from:])
	if loc == nil {
		return body, "", ""
	}
	if loc[2] >= 0 {
		source = strings.TrimSpace(body[from+loc[2] : from+loc[3]])
	}
	return body[:from+loc[0]], source, body[from+loc[4] : from+loc[5]]
}

// cleanBlocks turns body blocks into paragraphs, dropping junk. It returns the
// kept paragraphs (numbered from 1) and what it dropped. When the rules
// would leave nothing, every block is kept: cleaning never empties an
// article.
func cleanBlocks(articleID string, blocks []block) ([]newsbot.Paragraph, []Dropped) {
	var (
		kept    []block
		dropped []Dropped
	)
	drop := func(text, reason string) {
		dropped = append(dropped, Dropped{Article: articleID, Text: text, Reason: reason})
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if len(b) == 1 && teaserMarker.MatchString(b[0]) && len(kept) > 0 {
			for _, rest := range blocks[i:] {
				drop(rest.text(), "teaser section after "+quote(b[0]))
			}
			break
		}
		var lines block
		for _, line := range b {
			if isPhotoCredit(line) {
				drop(line, "photo credit")
				continue
			}
			lines = append(lines, line)
		}
		switch {
		case len(lines) == 0:
		case len(lines) < len(b) && !looksLikeBody(lines):
			// A block that carried a credit line is a captioned photo.
			drop(lines.text(), "photo caption")
		case i+1 < len(blocks) && len(b) == 1 && isCaptionBefore(blocks[i+1]):
			drop(lines.text(), "photo caption (followed by a credit)")
		case isAdvert(lines.text()):
			drop(lines.text(), "advert (the whole paragraph is one)")
		case len(kept) < 2 && isByline(lines):
			drop(lines.text(), "byline")
		default:
			kept = append(kept, lines)
		}
	}
	kept = mergeShortRuns(kept)

	var (
		paras   []newsbot.Paragraph
		section string
	)
	for i, b := range kept {
		text := b.text()
		switch {
		case isHeading(b) && i+1 < len(kept):
			section = strings.TrimSpace(strings.TrimLeft(text, "#"))
			drop(text, "heading (section of the paragraphs below)")
		default:
			paras = append(paras, newsbot.Paragraph{Section: section, Text: text})
		}
	}
	if len(paras) == 0 {
		// Nothing would be left: keep the text as it is.
		dropped = nil
		for _, b := range blocks {
			paras = append(paras, newsbot.Paragraph{Text: b.text()})
		}
	}
	paras = splitLong(paras, maxParagraph)
	if len(paras) > maxParagraphs {
		paras = pack(paras, maxParagraph)
	}
	for i := range paras {
		paras[i].N = i + 1
	}
	return paras, dropped
}

// looksLikeBody reports whether the lines left of a block that had a credit
// line removed are long enough to be body text rather than a caption.
func looksLikeBody(kept block) bool {
	return wordCount(kept.text()) > 60
}

// isCaptionBefore reports whether next is a lone photo-credit line, making the
// block before it a photo caption.
func isCaptionBefore(next block) bool {
	return len(next) == 1 && isPhotoCredit(next[0])
}

// maxParagraph is the longest paragraph kept whole, in bytes; a longer one
// is split at sentence ends into parts of about the same size (see
// splitLong). News paragraphs are far shorter: of SQuAD's 2,067 Wikipedia
// paragraphs, one is longer (4,065 bytes) and six are over 3,000.
const maxParagraph = 4000

// splitLong splits every paragraph longer than limit bytes into parts of
// at most limit bytes, at sentence ends where it can (a sentence longer
// than limit is cut at a space, a run of text without one at a character).
// The parts keep the paragraph's section. Numbering is left to the caller.
func splitLong(paras []newsbot.Paragraph, limit int) []newsbot.Paragraph {
	long := false
	for _, p := range paras {
		long = long || len(p.Text) > limit
	}
	if !long {
		return paras
	}
	out := make([]newsbot.Paragraph, 0, len(paras))
	for _, p := range paras {
		if len(p.Text) <= limit {
			out = append(out, p)
			continue
		}
		for _, part := range splitText(p.Text, limit) {
			out = append(out, newsbot.Paragraph{Section: p.Section, Text: part})
		}
	}
	return out
}

// maxParagraphs is the most paragraphs an article keeps apart: a file of
// a million one-line paragraphs (a log, a word list) has its neighbours
// packed into parts of up to maxParagraph bytes instead.
const maxParagraphs = 2000

// pack joins neighbouring paragraphs of the same section, with a line
// break, into parts of at most limit bytes.
func pack(paras []newsbot.Paragraph, limit int) []newsbot.Paragraph {
	out := paras[:0:0]
	var b strings.Builder
	section := ""
	flush := func() {
		if b.Len() > 0 {
			out = append(out, newsbot.Paragraph{Section: section, Text: b.String()})
			b.Reset()
		}
	}
	for _, p := range paras {
		if b.Len() > 0 && (p.Section != section || b.Len()+1+len(p.Text) > limit) {
			flush()
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		section = p.Section
		b.WriteString(p.Text)
	}
	flush()
	return out
}

// splitText splits text into parts of at most limit bytes, each a run of
// whole sentences where sentences are short enough. Parts aim at an even
// size, so that a text a little over the limit gives two halves, not a
// full part and a scrap.
func splitText(text string, limit int) []string {
	parts := (len(text) + limit - 1) / limit
	target := (len(text) + parts - 1) / parts
	var out []string
	start := -1 // start of the part being gathered, or -1
	end := 0
	emit := func() {
		if start >= 0 {
			if s := strings.TrimSpace(text[start:end]); s != "" {
				out = append(out, s)
			}
			start = -1
		}
	}
	for _, s := range sentence.Split(text) {
		if s.End-s.Start > limit {
			emit()
			out = append(out, cutAtSpaces(text[s.Start:s.End], limit, target)...)
			continue
		}
		if start >= 0 && s.End-start > limit {
			emit()
		}
		if start < 0 {
			start = s.Start
		}
		end = s.End
		if end-start >= target {
			emit()
		}
	}
	emit()
	return out
}

// cutAtSpaces cuts a text with no sentence end into parts of at most limit
// bytes, at the last white space before target bytes where there is one,
// else at the last character boundary within limit.
func cutAtSpaces(text string, limit, target int) []string {
	var out []string
	for len(text) > limit {
		cut := strings.LastIndexFunc(text[:target], unicode.IsSpace)
		if cut <= 0 {
			cut = strings.LastIndexFunc(text[:limit], unicode.IsSpace)
		}
		if cut <= 0 {
			cut = limit
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		if part := strings.TrimSpace(text[:cut]); part != "" {
			out = append(out, part)
		}
		text = strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
	}
	if text = strings.TrimSpace(text); text != "" {
		out = append(out, text)
	}
	return out
}

func quote(s string) string { return `"` + s + `"` }
