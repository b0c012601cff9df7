package corpus

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/sentence"
)

// This file holds what the corpus reader decides across articles, on
// every Load (what one file parses to is cached): identical files become
// one article with several locations, and boilerplate lines repeated at
// the top or bottom of many articles of one source are dropped. Paragraphs
// repeated across articles are otherwise kept: a wire story re-sent with
// an update, or syndicated to several outlets, keeps all its paragraphs,
// and answers collapse the repeats, citing every source.

// minBoilerplate is how many articles of one source must open or close
// with the same line for it to be boilerplate.
const minBoilerplate = 3

// maxEdgeLines is how many lines deep from the top and from the bottom of
// an article boilerplate is looked for.
const maxEdgeLines = 5

// edges are the lines that open and close an article and hold no
// sentence of news, as keys, from the edge inwards: the only lines that
// can be boilerplate.
type edges struct {
	top, bottom []uint64
}

var (
	// stampLine is a page's time stamp ("Last updated at 10:32 GMT",
	// "Published 3 hours ago"), and noticeLine its copyright or cookie
	// notice ("We use cookies to ensure that we give you the best
	// experience on our website."): lines about the page rather than the
	// news (see isMetaLine). Figures in them are ignored when lines are
	// compared.
	stampLine  = regexp.MustCompile(`(?i)^(?:(?:last )?(?:updated|modified)|(?:first )?(?:published|posted))\b(?: on| at)?.{0,60}$`)
	noticeLine = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright\b).{0,100}$|^all rights reserved\.?$` +
		`|^(?:we|this (?:site|website)|our (?:site|website)) uses? cookies\b.{0,300}$|^by (?:continuing to )?(?:use|using|browsing) (?:this|our) (?:site|website)\b.{0,300}$`)
	digits = regexp.MustCompile(`\d+`)
)

// newsless reports whether a line holds no news: a time stamp or a
// copyright ("Last updated at 10:32 GMT"); a line every sentence of which
// promotes ("For all the latest developments on this story, tune in to
// AC360 tonight at 8 ET."); or a label of fewer than four words without
// figures ("Reuter", "Story highlights", "Related Topics"). A longer line
// may be news even unfinished (an item of a key-points list, a quote
// without its full stop), and figures are news: a brief's "Pay April 15"
// closes many briefs.
func newsless(line string) bool {
	if isMetaLine(line) {
		return true
	}
	if utf8.RuneCountInString(line) > 300 {
		return false
	}
	spans := sentence.Split(line)
	promo := len(spans) > 0
	for _, s := range spans {
		promo = promo && promotes(line[s.Start:s.End]) && !attribution.MatchString(line[s.Start:s.End])
	}
	if promo {
		return true
	}
	return !strings.ContainsFunc(line, unicode.IsDigit) && words(line) < 4
}

// words counts the words of a line: its runs of letters between spaces,
// and in scripts written without spaces (Chinese, Japanese, Thai) one word
// for every two characters.
func words(line string) int {
	n, unspaced := 0, 0
	for _, f := range strings.Fields(line) {
		spaced := false
		for _, r := range f {
			switch {
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar):
				unspaced++
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				spaced = true
			}
		}
		if spaced {
			n++
		}
	}
	return n + (unspaced+1)/2
}

// isMetaLine reports whether a line is a time stamp, a copyright or a
// cookie notice, not a sentence of news that opens with such a word: a time stamp is no
// finished sentence ("Updated figures showed inflation rose to 5.2
// percent." is a lede), and no one says anything in either.
func isMetaLine(line string) bool {
	if !noticeLine.MatchString(line) && !(stampLine.MatchString(line) && !endsSentence(line)) {
		return false
	}
	// The stamp's own word ("Posted") is no attribution.
	_, rest, _ := strings.Cut(line, " ")
	return !attribution.MatchString(rest)
}

// lineKey is a 64-bit digest of a line, compared case- and space-blind;
// a time stamp's figures are left out.
func lineKey(line string) uint64 {
	n := normalise(line)
	if isMetaLine(line) {
		n = digits.ReplaceAllString(n, "#")
	}
	h := fnv.New64a()
	h.Write([]byte(n))
	return h.Sum64()
}

func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// articleEdges finds an article's candidate boilerplate lines.
func articleEdges(a *newsbot.Article) edges {
	var e edges
	lines := articleLines(a)
	for i := 0; i < len(lines) && i < maxEdgeLines && newsless(lines[i]); i++ {
		e.top = append(e.top, lineKey(lines[i]))
	}
	for i := len(lines) - 1; i >= 0 && len(lines)-i <= maxEdgeLines && newsless(lines[i]); i-- {
		e.bottom = append(e.bottom, lineKey(lines[i]))
	}
	return e
}

// articleLines returns the lines of an article's paragraphs, in order.
func articleLines(a *newsbot.Article) []string {
	var lines []string
	for _, p := range a.Paragraphs {
		lines = append(lines, strings.Split(p.Text, "\n")...)
	}
	return lines
}

// contentKey is a digest of what makes two files the same article: the
// title, the publication date and the paragraphs' text, white space
// aside (a copy written again by `newsbot add` may break lines apart).
func contentKey(a *newsbot.Article) uint64 {
	h := fnv.New64a()
	w := bufio.NewWriterSize(h, 4096)
	writeSpaced(w, a.Title)
	fmt.Fprintf(w, "\x00%s\x00", a.Published.Format(time.DateOnly))
	for _, p := range a.Paragraphs {
		writeSpaced(w, p.Text)
		w.WriteByte(0)
	}
	w.Flush()
	return h.Sum64()
}

// writeSpaced writes s with its runs of white space made one space and
// none at either end: strings.Join(strings.Fields(s), " "), without
// making it.
func writeSpaced(w *bufio.Writer, s string) {
	start := -1 // start of the current run of other characters
	wrote := false
	for i := 0; i < len(s); {
		c := s[i]
		size, space := 1, c == ' ' || c >= '\t' && c <= '\r'
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			if wrote {
				w.WriteByte(' ')
			}
			w.WriteString(s[start:i])
			wrote, start = true, -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		if wrote {
			w.WriteByte(' ')
		}
		w.WriteString(s[start:])
	}
}

// sameContent reports whether two articles are the same article (see
// contentKey), comparing the text itself.
func sameContent(a, b *newsbot.Article) bool {
	if spaced(a.Title) != spaced(b.Title) || !a.Published.Equal(b.Published) || len(a.Paragraphs) != len(b.Paragraphs) {
		return false
	}
	for i := range a.Paragraphs {
		if spaced(a.Paragraphs[i].Text) != spaced(b.Paragraphs[i].Text) {
			return false
		}
	}
	return true
}

func spaced(s string) string { return strings.Join(strings.Fields(s), " ") }

// collapseCopies makes identical articles one: the one saved first (the
// oldest file; the smallest ID among files of the same time) stands for
// the others, which become its Copies, so that a copy saved later never
// changes the ID the article is cited by. It takes a link and a source
// name from its copies when it has none. It returns the articles that
// stand, in their order.
func collapseCopies(drafts []*parsedArticle) []*parsedArticle {
	groups := make(map[uint64][]*parsedArticle, len(drafts))
	for _, pa := range drafts {
		groups[pa.content] = append(groups[pa.content], pa)
	}
	out := make([]*parsedArticle, 0, len(drafts))
	isCopy := make(map[*parsedArticle]bool)
	for _, group := range groups {
		if len(group) > 1 {
			sort.Slice(group, func(i, j int) bool {
				if !group[i].mod.Equal(group[j].mod) {
					return group[i].mod.Before(group[j].mod)
				}
				return group[i].article.ID < group[j].article.ID
			})
			// Each member is compared with those that stand so far (the
			// digest of different texts may, most rarely, be the same).
			var standing []*parsedArticle
			for _, m := range group {
				found := false
				for _, s := range standing {
					if sameContent(&s.article, &m.article) {
						s.copies = append(s.copies, newsbot.Copy{ID: m.article.ID, Path: m.article.Path, URL: m.article.URL, Source: m.article.Source})
						isCopy[m] = true
						found = true
						break
					}
				}
				if !found {
					standing = append(standing, m)
				}
			}
			for _, s := range standing {
				sort.Slice(s.copies, func(i, j int) bool { return s.copies[i].ID < s.copies[j].ID })
			}
		}
	}
	for _, pa := range drafts {
		if isCopy[pa] {
			continue
		}
		a := &pa.article
		a.Copies = pa.copies
		for _, c := range pa.copies {
			if a.URL == "" && c.URL != "" {
				a.URL = c.URL
			}
			if a.Source == "" && c.Source != "" {
				a.Source = c.Source
			}
		}
		out = append(out, pa)
	}
	return out
}

// sourceOf names an article's source for boilerplate: its source name,
// else its link's host, else its folder.
func sourceOf(a *newsbot.Article) string {
	if a.Source != "" {
		return strings.ToLower(a.Source)
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	return "folder " + path.Dir(a.Path)
}

// edgeKey counts one boilerplate candidate: a line, at the top or bottom
// of articles of one source.
type edgeKey struct {
	source string
	line   uint64
	bottom bool
}

// dropBoilerplate takes off the lines that open or close at least
// minBoilerplate articles of the same source and hold no sentence of news,
// from the edge inwards, and returns what it dropped. An article that would
// be left empty keeps its text.
func dropBoilerplate(articles []*parsedArticle) []Dropped {
	counts := make(map[edgeKey]int)
	sources := make([]string, len(articles))
	for i, pa := range articles {
		sources[i] = sourceOf(&pa.article)
		countOnce(counts, sources[i], pa.edges.top, false)
		countOnce(counts, sources[i], pa.edges.bottom, true)
	}
	var dropped []Dropped
	for i, pa := range articles {
		top := peel(counts, sources[i], pa.edges.top, false)
		bottom := peel(counts, sources[i], pa.edges.bottom, true)
		if top == 0 && bottom == 0 {
			continue
		}
		lines := articleLines(&pa.article)
		total := len(lines)
		lean := pa.article.Paragraphs == nil // Options.Lean: line counts, no text
		if lean {
			total = 0
			for _, n := range pa.lines {
				total += n
			}
		}
		if top+bottom >= total {
			continue // it would leave nothing
		}
		text := func(line int) string {
			if lean {
				return ""
			}
			return lines[line]
		}
		for n := range top {
			dropped = append(dropped, Dropped{Article: pa.article.ID, Text: text(n),
				Reason: fmt.Sprintf("boilerplate: opens %d articles from %s", counts[edgeKey{sources[i], pa.edges.top[n], false}], sources[i])})
		}
		for n := range bottom {
			dropped = append(dropped, Dropped{Article: pa.article.ID, Text: text(total - 1 - n),
				Reason: fmt.Sprintf("boilerplate: closes %d articles from %s", counts[edgeKey{sources[i], pa.edges.bottom[n], true}], sources[i])})
		}
		if !lean { // a lean article is cut when it is fetched
			pa.article.Paragraphs = cutLines(pa.article.Paragraphs, top, bottom)
			FindDates(&pa.article)
		}
		pa.cut = [2]int{top, bottom}
	}
	return dropped
}

// countOnce counts an article's edge lines, each line once.
func countOnce(counts map[edgeKey]int, source string, keys []uint64, bottom bool) {
	for i, k := range keys {
		if !slices.Contains(keys[:i], k) {
			counts[edgeKey{source, k, bottom}]++
		}
	}
}

// peel counts the edge lines, from the edge inwards, that are boilerplate.
func peel(counts map[edgeKey]int, source string, keys []uint64, bottom bool) int {
	n := 0
	for n < len(keys) && counts[edgeKey{source, keys[n], bottom}] >= minBoilerplate {
		n++
	}
	return n
}

// cutLines returns paragraphs without their first top and last bottom
// lines, renumbered. The dates are to be read again (FindDates): a cut
// line may have named a date a later paragraph counts from. The paragraphs given are not changed (the cache shares them).
func cutLines(paras []newsbot.Paragraph, top, bottom int) []newsbot.Paragraph {
	total := 0
	for _, p := range paras {
		total += strings.Count(p.Text, "\n") + 1
	}
	out := make([]newsbot.Paragraph, 0, len(paras))
	line := 0
	for _, p := range paras {
		lines := strings.Split(p.Text, "\n")
		var keep []string
		for _, l := range lines {
			if line >= top && line < total-bottom {
				keep = append(keep, l)
			}
			line++
		}
		if len(keep) == 0 {
			continue
		}
		if len(keep) < len(lines) {
			p.Text = strings.Join(keep, "\n")
			p.Dates = nil // read again with the article's (FindDates)
		}
		p.N = len(out) + 1
		out = append(out, p)
	}
	return out
}

// finalHash is an article's digest once the decisions across articles are
// made: the digest of the article as read, the boilerplate lines cut, and
// its copies. It costs nothing per paragraph, so a re-scan of a large
// corpus stays cheap.
func finalHash(read string, cut [2]int, copies []newsbot.Copy) string {
	if cut == [2]int{} && len(copies) == 0 {
		return read
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s,%d,%d", read, cut[0], cut[1])
	for _, c := range copies {
		fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00%s", c.ID, c.Path, c.URL, c.Source)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
