package corpus

import (
	"regexp"
	"slices"
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

	// inlineLink is a link to another story set between a story's
	// paragraphs: "Related: Timeline of the conflict", "Read more: Who
	// are the rebels?", "See also: …". With a headline after it (see
	// notHeadline) it is neither news nor a heading.
	inlineLink = regexp.MustCompile(`(?i)^(?:related(?: (?:article|story|video|coverage))?|read more|read next|read also|see also|more on this|watch|listen)\s*:\s*\S`)

	// photoCredit matches a photo-credit line: "LUDOVIC MARIN/Pool via REUTERS",
	// "Sopa Images via Reuters", "REUTERS/Samir Bol", "Al Drago/Pool/Sipa USA".
	photoCredit = regexp.MustCompile(`(?i)(?:\bvia (?:reuters|getty(?: images)?|ap|afp|imagn|usa today)\b` +
		`|^(?:reuters|ap|afp|getty images|epa|ansa|xinhua)\s*/` +
		`|/\s*(?:pool|reuters|ap|afp|getty images|sipa(?: usa)?|epa|bloomberg)\b` +
		`|\b(?:getty images|shutterstock|ap photo|afp photo)\b)`)

	// creditLabel is a line labelled as a credit or caption: "Photo: Jane
	// Doe", "(Photo by John Smith/Getty Images)".
	creditLabel = regexp.MustCompile(`(?i)^(?:(?:photo|image|picture|credit|photograph)s?(?: by)?\s*:|\(?(?:photo|image) by\b)`)

	// sourceLink matches the trailing "Read the Full WSB-TV Article at: [ URL ]".
	sourceLink = regexp.MustCompile(`(?is)(?:^|\n)[ \t]*read the full (?:(.{1,80}?) )?(?:article|story)(?: (?:at|on|here))?\s*:?\s*\[?\s*(https?://[^\s\]]+)\s*\]?\s*$`)
)

// isPhotoCredit reports whether a line is a short photo credit: labelled
// as one, or names only (photographers, agencies: "REUTERS/Samir Bol",
// "Sopa Images via Reuters") with an agency's mark. A line that names an
// agency in a sentence ("Getty Images Holdings said on Thursday", a
// hard-wrapped line of a story about the company) is no credit.
func isPhotoCredit(line string) bool {
	if len(line) >= 200 || !mayBeCredit(line) || wordCount(line) > 10 || endsSentence(line) {
		return false
	}
	return creditLabel.MatchString(line) || namesOnly(line) && photoCredit.MatchString(line)
}

// creditWordsLower are the words a credit may hold in lower case: "via",
// "for", "copyright" ("Image copyright Getty Images"), particles of names.
var creditWordsLower = map[string]bool{
	"via": true, "for": true, "by": true, "and": true, "of": true, "photo": true, "file": true, "images": true,
	"copyright": true, "source": true,
	"de": true, "da": true, "del": true, "della": true, "di": true, "do": true, "dos": true, "du": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ibn": true,
}

// namesOnly reports whether every word of a line, the line cut at spaces
// and slashes, is a name (opens with a capital) or may be in a credit.
func namesOnly(line string) bool {
	for _, w := range strings.FieldsFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == '/' }) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !creditWordsLower[strings.ToLower(w)] {
			return false
		}
	}
	return true
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
	if isHeadingLine(text) {
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
		if isTeaserMarker(b) {
			// The marker's section runs to the next marker.
			end := i + 1
			for end < len(blocks) && !isTeaserMarker(blocks[end]) {
				end++
			}
			if len(kept) > 0 && isTeaserSection(blocks[i+1:end]) {
				for _, rest := range blocks[i:end] {
					drop(rest.text(), "teaser section after "+quote(b[0]))
				}
				i = end - 1
				continue
			}
			// A link's label, or a button, in the middle of a story
			// that goes on ("Read more" on a page that folds the rest).
			drop(b[0], "link label (the story goes on after it)")
			continue
		}
		if len(b) == 1 && inlineLink.MatchString(b[0]) && !notHeadline(b[0]) {
			drop(b[0], "link to another story")
			continue
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
		case len(lines) < len(b) && isCaption(lines):
			// A block that carried a credit line is a captioned photo.
			drop(lines.text(), "photo caption")
		case i+1 < len(blocks) && len(b) == 1 && isCaptionBefore(blocks[i+1]) && isCaption(lines):
			drop(lines.text(), "photo caption (followed by a credit)")
		case isAdvert(lines.text()):
			drop(lines.text(), "advert (the whole paragraph is one)")
		case len(kept) < 2 && isByline(lines):
			drop(lines.text(), "byline")
		default:
			kept = append(kept, lines)
		}
	}
	kept = joinQuestions(mergeShortRuns(kept))

	var (
		paras   []newsbot.Paragraph
		section string
	)
	for i, b := range kept {
		text := b.text()
		switch {
		case isHeading(b) && i+1 < len(kept):
			section = text
			if isHeadingLine(text) {
				section = headingText(text)
			}
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

func isTeaserMarker(b block) bool { return len(b) == 1 && teaserMarker.MatchString(b[0]) }

// isTeaserSection reports whether the blocks after a teaser marker ("More
// from GZERO Media", "Related", "Read more"), up to the next one, are links
// to other stories, not the rest of the story (scraped pages put "Read
// more" and "Related" buttons mid-story): none at all, a list of headlines
// (lines of a few words, none ending on a full stop), or teasers with
// photos (a photo credit in at least one block in four).
func isTeaserSection(rest []block) bool {
	credits, headlines := 0, 0
	for _, b := range rest {
		if slices.ContainsFunc(b, isPhotoCredit) {
			credits++
		}
		if !slices.ContainsFunc(b, notHeadline) {
			headlines++
		}
	}
	return headlines == len(rest) || credits*4 >= len(rest)
}

// notHeadline reports whether a line is too long for a headline, or ends
// on a full stop as a headline does not.
func notHeadline(line string) bool {
	return wordCount(line) > 15 || strings.HasSuffix(strings.TrimRight(line, "\"'”’)]» "), ".")
}

// questionMark opens a question of a Q&A: "Q:", "Q.", "Question:".
var questionMark = regexp.MustCompile(`^(?:Q[:.]|(?i:question):)\s`)

// isQuestion reports whether a line is a Q&A's question alone: "Q:" and a
// question mark at its end (not "Q: How big is it? A: 440 billion.").
func isQuestion(line string) bool {
	return questionMark.MatchString(line) && strings.HasSuffix(strings.TrimRight(line, "\"'”’) "), "?")
}

// joinQuestions joins each one-line question of a Q&A ("Q: How big is
// the fund?") to the block after it, its answer ("A: 440 billion
// euros."): apart, the question would be a heading, out of the passages,
// and the answer a passage that does not say what it answers.
func joinQuestions(blocks []block) []block {
	out := blocks[:0:0]
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if len(b) == 1 && isQuestion(b[0]) && i+1 < len(blocks) && !questionMark.MatchString(blocks[i+1][0]) {
			b = append(append(block(nil), b...), blocks[i+1]...)
			i++
		}
		out = append(out, b)
	}
	return out
}

// isCaption reports whether text next to a photo credit may be the photo's
// caption: at most 60 words, and no one is reported saying anything. A
// paragraph of the story before a photo without a caption is longer, or
// quotes someone ("We are in the final stages," the commander said).
func isCaption(lines block) bool {
	text := lines.text()
	return wordCount(text) <= 60 && !attribution.MatchString(text)
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
	target := evenPart(len(text), limit)
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
			// Each part aims at an even share of the text left: parts
			// end past their aim (at a sentence end), and a fixed aim
			// would leave the last part a scrap.
			start = s.Start
			target = evenPart(len(text)-start, limit)
		}
		end = s.End
		if end-start >= target {
			emit()
		}
	}
	emit()
	return out
}

// evenPart is the size of each of the fewest parts of at most limit bytes
// that n bytes can be cut into, all of about the same size.
func evenPart(n, limit int) int {
	parts := max((n+limit-1)/limit, 1)
	return (n + parts - 1) / parts
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
