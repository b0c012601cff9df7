package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/newsbot-dev/newsbot"
)

// draft is an article as read from its file, before junk removal.
type draft struct {
	id, title, url, source string
	published              time.Time
	blocks                 []block
	// bodyText is the body for formats that give it as one text; it is
	// split into blocks after the source link is taken off.
	bodyText string
}

// errEmpty is returned for a file with no article in it.
var errEmpty = errors.New("empty: no title or text")

// parseFile reads the articles in one file. name is the path relative to the
// corpus folder, with forward slashes; it decides the format and the ID.
func parseFile(name string, data []byte) ([]draft, error) {
	ext := strings.ToLower(path.Ext(name))
	id := strings.TrimSuffix(name, path.Ext(name))
	switch webKind(name) {
	case "html":
		data = utf16ToUTF8(data)
		if err := checkMarkup(data); err != nil {
			return nil, err
		}
		d, err := parseHTML(id, data)
		if err != nil {
			return nil, err
		}
		return []draft{d}, nil
	case "feed":
		data = utf16ToUTF8(data)
		if err := checkMarkup(data); err != nil {
			return nil, err
		}
		if !isFeed(data) {
			return nil, errors.New("an .xml file that is not an RSS or Atom feed")
		}
		return parseFeed(id, data)
	}
	if !supported[ext] {
		return nil, fmt.Errorf("unsupported file type %q (want .txt, .md, .json, .jsonl, .html or a feed: .rss, .atom, .xml)", path.Ext(name))
	}
	if err := checkText(data); err != nil {
		return nil, err
	}
	switch ext {
	case ".json":
		d, err := parseJSON(id, data)
		if err != nil {
			return nil, err
		}
		return []draft{d}, nil
	case ".jsonl", ".ndjson":
		return parseJSONLines(id, data)
	default:
		d, err := parseText(id, string(data))
		if err != nil {
			return nil, err
		}
		return []draft{d}, nil
	}
}

// supported are the file extensions read as articles.
var supported = map[string]bool{
	".txt": true, ".text": true, ".md": true, ".markdown": true, "": true,
	".json": true, ".jsonl": true, ".ndjson": true,
}

// checkMarkup rejects a page or feed that is empty or binary; its
// character set is decoded later, so it need not be UTF-8.
func checkMarkup(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errEmpty
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return errors.New("binary file (contains NUL bytes)")
	}
	return nil
}

// checkText rejects data that is not text: binary (NUL bytes), invalid
// UTF-8, or nothing but white space.
func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errEmpty
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return errors.New("binary file (contains NUL bytes)")
	}
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8 text")
	}
	return nil
}

// parseText reads a plain-text or Markdown article: an optional YAML front
// matter block, then the title line (unless the front matter gave one), then
// the body.
func parseText(id, text string) (draft, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	d := draft{id: id}
	if strings.HasPrefix(text, "---\n") {
		end := strings.Index(text[4:], "\n---")
		if end < 0 {
			return d, errors.New("front matter: no closing --- line")
		}
		var meta frontMatter
		if err := yaml.Unmarshal([]byte(text[4:4+end]), &meta); err != nil {
			return d, fmt.Errorf("front matter: %w", err)
		}
		if err := meta.apply(&d); err != nil {
			return d, fmt.Errorf("front matter: %w", err)
		}
		text = text[4+end+4:]
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			text = text[i+1:]
		} else {
			text = ""
		}
	}
	text = strings.TrimLeft(text, " \t\n")
	if d.title == "" {
		line, rest, _ := strings.Cut(text, "\n")
		d.title = strings.TrimSpace(line)
		if isHeadingLine(d.title) {
			d.title = headingText(d.title)
		}
		text = rest
	}
	d.bodyText = text
	if d.title == "" {
		return d, errEmpty
	}
	return d, nil
}

// frontMatter is the YAML block at the top of a text or Markdown article.
type frontMatter struct {
	Title     string `yaml:"title"`
	Date      string `yaml:"date"`
	Published string `yaml:"published"`
	URL       string `yaml:"url"`
	Source    string `yaml:"source"`
}

func (m frontMatter) apply(d *draft) error {
	d.title = strings.TrimSpace(m.Title)
	d.url = strings.TrimSpace(m.URL)
	d.source = strings.TrimSpace(m.Source)
	return setDate(d, m.Date, m.Published)
}

// setDate sets the draft's publication date from the first non-empty value.
func setDate(d *draft, values ...string) error {
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		t, ok := ParseDate(v)
		if !ok {
			return fmt.Errorf("unreadable date %q", v)
		}
		d.published = t
		return nil
	}
	return nil
}

// jsonArticle is one article in a JSON or JSON Lines file.
type jsonArticle struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Date       string   `json:"date"`
	Published  string   `json:"published"`
	URL        string   `json:"url"`
	Source     string   `json:"source"`
	Text       string   `json:"text"`
	Paragraphs []string `json:"paragraphs"`
}

// maxIDBytes is the longest article ID a JSON article may name. The index
// keys its paragraphs by it, and a key of the index may not pass 32 KiB: a
// longer one failed every update of the corpus. Real IDs (a wire story's
// number, a URL) are far shorter.
const maxIDBytes = 1024

func (j jsonArticle) draft(id string) (draft, error) {
	d := draft{id: id, title: strings.TrimSpace(j.Title), url: strings.TrimSpace(j.URL), source: strings.TrimSpace(j.Source)}
	if len(id) > maxIDBytes {
		return d, fmt.Errorf("article ID of %d bytes, over the %d-byte limit", len(id), maxIDBytes)
	}
	if err := setDate(&d, j.Date, j.Published); err != nil {
		return d, err
	}
	if d.title == "" {
		return d, errors.New("no title")
	}
	switch {
	case len(j.Paragraphs) > 0:
		for _, p := range j.Paragraphs {
			if p = strings.TrimSpace(p); p != "" {
				d.blocks = append(d.blocks, block{p})
			}
		}
	case strings.TrimSpace(j.Text) != "":
		d.bodyText = j.Text
	default:
		return d, errors.New("no text or paragraphs")
	}
	return d, nil
}

func parseJSON(id string, data []byte) (draft, error) {
	var j jsonArticle
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&j); err != nil {
		return draft{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return draft{}, errors.New("invalid JSON: more than one value (use .jsonl for one article per line)")
	}
	if j.ID != "" {
		id = j.ID
	}
	return j.draft(id)
}

// parseJSONLines reads one article per line. A bad line fails the whole file:
// the error names the line, so nothing is silently half-read.
func parseJSONLines(fileID string, data []byte) ([]draft, error) {
	var drafts []draft
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var j jsonArticle
		if err := json.Unmarshal(line, &j); err != nil {
			return nil, fmt.Errorf("line %d: invalid JSON: %w", n+1, err)
		}
		id := j.ID
		if id == "" {
			id = fmt.Sprintf("%s-%d", fileID, n+1)
		}
		d, err := j.draft(id)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, err)
		}
		drafts = append(drafts, d)
	}
	if len(drafts) == 0 {
		return nil, errEmpty
	}
	return drafts, nil
}

// finish turns a draft into an article: it takes off the source link, reads
// the dateline, and drops junk.
func (d draft) finish(relPath string) (newsbot.Article, []Dropped) {
	a := newsbot.Article{ID: d.id, Title: d.title, URL: d.url, Source: d.source, Published: d.published, Path: relPath}
	blocks := d.blocks
	if d.bodyText != "" {
		body, source, url := extractSourceLink(d.bodyText)
		if a.URL == "" {
			a.URL = url
		}
		if a.Source == "" {
			a.Source = source
		}
		blocks = splitBlocks(body)
	}
	// The dateline opens the body, perhaps after a byline.
	for _, b := range blocks[:min(len(blocks), 2)] {
		if isByline(b) {
			continue
		}
		if place, date, ok := parseDateline(b[0]); ok {
			a.Place = place
			if a.Published.IsZero() {
				a.Published = date
			}
		}
		break
	}
	if len(blocks) == 0 && d.title != "" {
		// A headline with no body (a wire flash): the headline is the news.
		blocks = []block{{d.title}}
	} else if len(a.Title) > maxTitleBytes {
		// A title line of thousands of characters is a paragraph that came
		// without a title: it is kept whole as the first paragraph.
		blocks = append([]block{{a.Title}}, blocks...)
	}
	// Titles, sources and links are shown with every passage and in every
	// JSON answer: one of a megabyte would make each answer that large.
	a.Title = cutAtWord(a.Title, maxTitleBytes)
	a.Source = cutAtWord(a.Source, maxSourceBytes)
	if len(a.URL) > maxURLBytes {
		a.URL = ""
	}
	var dropped []Dropped
	a.Paragraphs, dropped = cleanBlocks(a.ID, blocks)
	return a, dropped
}

// The longest title, source name and link an article keeps. A longer title
// or source is cut at a word, with "…"; a longer link (no browser or Discord
// takes one) is left out.
const (
	maxTitleBytes  = 500
	maxSourceBytes = 200
	maxURLBytes    = 2048
)

// cutAtWord returns s if it has at most max bytes, else its start cut at
// the last space before max bytes (or at max bytes, on a rune boundary,
// when there is none in its second half), followed by "…".
func cutAtWord(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > cut/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}

// hashArticle digests everything about an article that the index stores, so
// that a change to any of it is noticed.
func hashArticle(a *newsbot.Article) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", a.ID, a.Title, a.URL, a.Source, a.Place, a.Published.Format(time.DateOnly))
	for _, p := range a.Paragraphs {
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00", p.N, p.Section, p.Text)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
