package corpus

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
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

	// advert matches sponsor and advert paragraphs.
	advert = regexp.MustCompile(`(?i)(?:^(?:sponsored|advertisement|advertising|paid (?:post|content)|partner content)\b` +
		`|\b(?:sponsored by|presented by|brought to you by|in partnership with)\b` +
		`|\bfind out (?:how|more|why)\b.{0,200}\bhere\.?$` +
		`|\b(?:click here|subscribe (?:now|today)|sign up (?:now|today|for our newsletter)|download (?:the|our) app)\b)`)

	// sourceLink matches the trailing "Read the Full WSB-TV Article at: [ URL ]".
	sourceLink = regexp.MustCompile(`(?is)(?:^|\n)[ \t]*read the full (?:(.{1,80}?) )?(?:article|story)(?: (?:at|on|here))?\s*:?\s*\[?\s*(https?://[^\s\]]+)\s*\]?\s*$`)
)

// isPhotoCredit reports whether a line is a short photo credit.
func isPhotoCredit(line string) bool {
	return wordCount(line) <= 10 && !endsSentence(line) && photoCredit.MatchString(line)
}

// isHeading reports whether a paragraph is a short heading ("Why now?",
// "What comes next?") rather than a passage.
func isHeading(text string) bool {
	if strings.HasPrefix(text, "#") {
		return true
	}
	n := wordCount(text)
	if n == 0 || n > 8 || utf8.RuneCountInString(text) > 80 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	return last == '?' || unicode.IsLetter(last) || unicode.IsDigit(last)
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’)» `)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// block is one body paragraph candidate: its lines before joining.
type block []string

// splitBlocks splits an article body into paragraph candidates. A body whose
// paragraphs are separated by blank lines yields one block per run of lines;
// a body without blank lines yields one block per line.
func splitBlocks(body string) []block {
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(strings.Trim(body, "\n"), "\n")
	blankSeparated := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blankSeparated = true
			break
		}
	}
	var blocks []block
	var cur block
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
		case !blankSeparated || strings.HasPrefix(l, "#"):
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			blocks = append(blocks, block{l})
		default:
			cur = append(cur, l)
		}
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// extractSourceLink removes a trailing "Read the Full X Article at: [ URL ]"
// from body and returns the body, the source name and the URL.
func extractSourceLink(body string) (rest, source, url string) {
	loc := sourceLink.FindStringSubmatchIndex(body)
	if loc == nil {
		return body, "", ""
	}
	if loc[2] >= 0 {
		source = strings.TrimSpace(body[loc[2]:loc[3]])
	}
	return body[:loc[0]], source, body[loc[4]:loc[5]]
}

// cleanBlocks turns body blocks into paragraphs, dropping junk. It returns the
// kept paragraphs (numbered from 1) and what it dropped.
func cleanBlocks(articleID string, blocks []block) ([]newsbot.Paragraph, []Dropped) {
	var (
		paras   []newsbot.Paragraph
		dropped []Dropped
		section string
	)
	drop := func(text, reason string) {
		dropped = append(dropped, Dropped{Article: articleID, Text: text, Reason: reason})
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if len(b) == 1 && teaserMarker.MatchString(b[0]) {
			for _, rest := range blocks[i:] {
				drop(strings.Join(rest, " "), "teaser section after "+quote(b[0]))
			}
			break
		}
		var kept []string
		for _, line := range b {
			if isPhotoCredit(line) {
				drop(line, "photo credit")
				continue
			}
			kept = append(kept, line)
		}
		text := strings.Join(kept, " ")
		if text == "" {
			continue
		}
		switch {
		case len(kept) < len(b) && len(kept) > 0 && !looksLikeBody(kept):
			// A block that carried a credit line is a captioned photo.
			drop(text, "photo caption")
		case i+1 < len(blocks) && len(b) == 1 && isCaptionBefore(blocks[i+1]):
			drop(text, "photo caption (followed by a credit)")
		case advert.MatchString(text):
			drop(text, "sponsor or advert")
		case isHeading(text) && i+1 < len(blocks):
			section = strings.TrimSpace(strings.TrimLeft(text, "#"))
			drop(text, "heading (section of the paragraphs below)")
		default:
			paras = append(paras, newsbot.Paragraph{N: len(paras) + 1, Section: section, Text: text})
		}
	}
	return paras, dropped
}

// looksLikeBody reports whether the lines left of a block that had a credit
// line removed are long enough to be body text rather than a caption.
func looksLikeBody(kept []string) bool {
	return wordCount(strings.Join(kept, " ")) > 60
}

// isCaptionBefore reports whether next is a lone photo-credit line, making the
// block before it a photo caption.
func isCaptionBefore(next block) bool {
	return len(next) == 1 && isPhotoCredit(next[0])
}

// dedupeAcross drops paragraphs that appear in more than one article: scraped
// teasers repeated on every page. It returns what it dropped.
func dedupeAcross(articles []*parsedArticle) []Dropped {
	// Which article each text was first seen in, and the texts seen in
	// more than one: two flat maps, cheap on a large corpus.
	first := make(map[uint64]string)
	repeated := make(map[uint64]int)
	for _, pa := range articles {
		for _, k := range pa.keys {
			switch id, ok := first[k]; {
			case !ok:
				first[k] = pa.article.ID
			case id != pa.article.ID:
				repeated[k]++
			}
		}
	}
	if len(repeated) == 0 {
		return nil
	}
	var dropped []Dropped
	for _, pa := range articles {
		a := &pa.article
		has := false
		for _, k := range pa.keys {
			has = has || repeated[k] > 0
		}
		if !has {
			continue
		}
		if a.Paragraphs == nil { // lean (Options.Lean): the positions only
			for i, k := range pa.keys {
				if n := repeated[k]; n > 0 {
					dropped = append(dropped, Dropped{Article: a.ID, Reason: fmt.Sprintf("repeated in %d articles (teaser)", n+1)})
					pa.dropped = append(pa.dropped, i)
				}
			}
			continue
		}
		// The paragraphs may be shared with the cache: edit a copy.
		paragraphs := a.Paragraphs
		kept := make([]newsbot.Paragraph, 0, len(paragraphs))
		for i, p := range paragraphs {
			if n := repeated[pa.keys[i]]; n > 0 {
				dropped = append(dropped, Dropped{Article: a.ID, Text: p.Text,
					Reason: fmt.Sprintf("repeated in %d articles (teaser)", n+1)})
				pa.dropped = append(pa.dropped, i)
				continue
			}
			p.N = len(kept) + 1
			kept = append(kept, p)
		}
		a.Paragraphs = kept
	}
	return dropped
}

// paragraphKey is a 64-bit digest of a paragraph's normalised text: lower
// case, white space collapsed.
func paragraphKey(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(normalise(s)))
	return h.Sum64()
}

func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func quote(s string) string { return `"` + s + `"` }
