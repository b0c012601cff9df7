package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/newsbot-dev/newsbot"
)

// Sniff guesses the extension of article data that came without a file
// name (standard input): a web page, a feed, JSON, JSON Lines, or text.
func Sniff(data []byte) string {
	head := bytes.ToLower(bytes.TrimSpace(data))
	if len(head) > 2048 {
		head = head[:2048]
	}
	switch {
	case isFeed(head):
		return ".xml"
	case bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || bytes.Contains(head, []byte("<body")):
		return ".html"
	case bytes.HasPrefix(head, []byte("{")) && bytes.Count(bytes.TrimSpace(data), []byte("\n{")) > 0:
		return ".jsonl"
	case bytes.HasPrefix(head, []byte("{")):
		return ".json"
	}
	return ".txt"
}

// Parse reads the articles in data as a file called name would be read in
// the corpus (its extension decides the format), junk removed, dates found.
func Parse(name string, data []byte) ([]newsbot.Article, []Dropped, error) {
	if len(data) > DefaultMaxFileBytes {
		return nil, nil, fmt.Errorf("%s: %w (over %d bytes)", name, ErrTooLarge, DefaultMaxFileBytes)
	}
	drafts, err := parseFile(filepath.ToSlash(name), data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var out []newsbot.Article
	var dropped []Dropped
	for _, d := range drafts {
		a, dr := d.finish(name)
		dropped = append(dropped, dr...)
		if len(a.Paragraphs) == 0 {
			continue
		}
		FindDates(&a)
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, dropped, fmt.Errorf("%s: no article with text in it", name)
	}
	return out, dropped, nil
}

// Normalised writes an article in newsbot's own form: Markdown with a YAML
// front matter block (title, date, url, source), sections as "##"
// headings, paragraphs separated by blank lines. Reading it back gives the
// same article.
func Normalised(a newsbot.Article) ([]byte, error) {
	meta := struct {
		Title  string `yaml:"title"`
		Date   string `yaml:"date,omitempty"`
		URL    string `yaml:"url,omitempty"`
		Source string `yaml:"source,omitempty"`
	}{Title: a.Title, URL: a.URL, Source: a.Source}
	if !a.Published.IsZero() {
		meta.Date = a.Published.Format(time.DateOnly)
	}
	front, err := yaml.Marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(front)
	b.WriteString("---\n")
	section := ""
	for _, p := range a.Paragraphs {
		if p.Section != section && p.Section != "" {
			fmt.Fprintf(&b, "\n## %s\n", p.Section)
		}
		section = p.Section
		b.WriteString("\n")
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(p.Text), "\n", " "))
		b.WriteString("\n")
	}
	return b.Bytes(), nil
}

// Add writes each article into the corpus folder dir in normalised form,
// under a file name made from its title, and returns the paths written. A
// file appears whole or not at all: it is written under a hidden name and
// then renamed, so a watching bot never reads it half-written.
func Add(dir string, articles []newsbot.Article) ([]string, error) {
	var written []string
	for _, a := range articles {
		data, err := Normalised(a)
		if err != nil {
			return written, fmt.Errorf("article %q: %w", a.Title, err)
		}
		base := slug(a.Title)
		if base == "" {
			base = "article"
		}
		var target string
		for n := 1; ; n++ {
			name := base + ".md"
			if n > 1 {
				name = fmt.Sprintf("%s-%d.md", base, n)
			}
			target = filepath.Join(dir, name)
			existing, err := os.ReadFile(target)
			if errors.Is(err, os.ErrNotExist) {
				break
			}
			if err == nil && bytes.Equal(existing, data) {
				break // the same article again: rewrite in place
			}
		}
		if err := WriteFile(target, data); err != nil {
			return written, fmt.Errorf("adding %q: %w", a.Title, err)
		}
		written = append(written, target)
	}
	return written, nil
}

// WriteFile replaces the file at path with data, whole: it is written
// under a hidden name in the same folder (which the corpus and the watcher
// pass over), synced, and renamed, so a reader sees the old file or the
// new one, never half of one. The file is readable by all (0644).
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	merr := tmp.Chmod(0o644)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, merr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// slug makes a file name from a title: lower-case letters and digits
// joined by hyphens, at most 60 characters.
func slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}
