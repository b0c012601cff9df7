package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Discord's limits on what a message may hold, in characters (runes).
const (
	MaxContent          = 2000
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxEmbedTotal       = 6000
	MaxEmbeds           = 10
	MaxFields           = 25
	MaxChoices          = 25
	MaxChoiceName       = 100
	MaxCustomID         = 100
)

const ellipsis = "…"

// Truncate cuts s to at most limit runes, at the last word boundary (a
// single long word is cut inside), and marks the cut with an ellipsis. It
// never splits a rune, nor leaves a Markdown escape without the character
// it escapes.
func Truncate(s string, limit int) string {
	if limit <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := 0
	for n := 0; n < limit-1; n++ { // room for the ellipsis
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	kept := s[:cut]
	if sp := strings.LastIndexFunc(kept, unicode.IsSpace); sp > 0 {
		kept = kept[:sp]
	}
	kept = strings.TrimRightFunc(kept, unicode.IsSpace)
	if trailing := len(kept) - len(strings.TrimRight(kept, "\\")); trailing%2 == 1 {
		kept = kept[:len(kept)-1]
	}
	return kept + ellipsis
}

// markdownSpecial are the characters Discord's Markdown gives meaning to
// anywhere in a line; lineStart, those that only mean something first on a
// line (quotes, headings, lists).
const (
	markdownSpecial = "\\*_~`|[]<@"
	lineStart       = ">#-"
)

// Escape makes article or user text show literally in Discord: Markdown
// characters get a backslash, so "**", "`", "> " or "[x](y)" do nothing
// (a masked link needs its brackets, so parentheses stay as they are).
// Mentions cannot ping anyway (every message sets allowed_mentions to
// parse nothing); "@" and "<" are escaped too so they do not even look live.
func Escape(s string) string { return escapeFrom(s, true) }

// escapeFrom escapes s, which begins a line when atLineStart.
func escapeFrom(s string, atLineStart bool) string {
	if !strings.ContainsAny(s, markdownSpecial+lineStart) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if strings.ContainsRune(markdownSpecial, r) || atLineStart && strings.ContainsRune(lineStart, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '\n' {
			atLineStart = true
		} else if !unicode.IsSpace(r) {
			atLineStart = false
		}
	}
	return b.String()
}

// Runes counts s in runes, as Discord counts its limits.
func Runes(s string) int { return utf8.RuneCountInString(s) }
