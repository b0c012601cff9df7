package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
)

// noDateForEvent introduces a when-answer whose closest passage gives no
// date for the event asked about.
const noDateForEvent = "*No passage gives a date for that. The closest:*"

// PerPage is how many passages one answer message shows.
const PerPage = 3

// embedColor is newsbot's colour on its embeds.
const embedColor = 0x2b6cb0

// footerText marks every answer as quoted, not written.
const footerText = "Quoted verbatim from the corpus · newsbot"

// noMentions lets a message ping nobody: not @everyone, not a role, not a
// user, whatever an article or a question holds. Parse must be an empty
// list, not null, for Discord to read it so.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// ephemeral is a short plain reply only the asker sees.
func ephemeral(text string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         Truncate(text, MaxContent),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}
}

// quote renders a passage's text escaped, with the highlighted byte spans in
// bold, in at most limit runes: the raw text is cut first, so no bold
// marker is ever left open.
func quote(text string, spans []newsbot.Span, limit int) string {
	n := Runes(text)
	for n > 1 {
		out := highlight(Truncate(text, n), spans)
		over := Runes(out) - limit
		if over <= 0 {
			return out
		}
		n -= max(over, 1)
	}
	return Truncate(Escape(text), limit) // too little room for any highlight
}

// highlight escapes text and wraps the spans that lie wholly inside it in
// bold markers.
func highlight(text string, spans []newsbot.Span) string {
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.Start < last || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(escapeFrom(text[last:s.Start], startsLine(text, last)))
		b.WriteString("**")
		b.WriteString(escapeFrom(text[s.Start:s.End], startsLine(text, s.Start)))
		b.WriteString("**")
		last = s.End
	}
	b.WriteString(escapeFrom(text[last:], startsLine(text, last)))
	return b.String()
}

// startsLine reports whether text[at:] begins a line: nothing but spaces
// since the last line break.
func startsLine(text string, at int) bool {
	before := strings.TrimRight(text[:at], " \t")
	return before == "" || strings.HasSuffix(before, "\n")
}

// mdLink links text (Markdown already escaped) to url, when url can stand
// in a Markdown link; else it is text alone.
func mdLink(text, url string) string {
	if url == "" || len(url) >= 512 || strings.ContainsAny(url, " ()<>") {
		return text
	}
	return "[" + text + "](" + url + ")"
}

// citationLine is one numbered source: "1. [Title](url) — 21 February 2026,
// ¶3 · `article-id`", and how many other files hold the same article. The article ID is there for readers and for the
// feedback buttons, which read the passages shown back from it.
func citationLine(n int, c newsbot.Citation, titleLimit int) string {
	title := mdLink(Escape(Truncate(c.Title, titleLimit)), c.URL)
	date := "date unknown"
	if !c.Published.IsZero() {
		date = c.Published.Format("2 January 2006")
	}
	line := fmt.Sprintf("%d. %s — %s, ¶%d · `%s`", n, title, date, c.Paragraph, citedID(c.Article))
	switch len(c.Copies) {
	case 0:
	case 1:
		line += " · also in 1 other file"
	default:
		line += fmt.Sprintf(" · also in %d other files", len(c.Copies))
	}
	return line
}

// citedID is an article ID as a citation shows it: as it is, or quoted (Go
// syntax, "a\nb") when it holds a line break, a NUL or another control
// character, which would break the line or the inline code around it.
// Backticks, which would end the inline code, become quotes.
func citedID(id string) string {
	if hasControl(id) {
		id = strconv.Quote(id)
	}
	return strings.ReplaceAll(id, "`", "'")
}

// hasControl reports whether s holds a control character or is not UTF-8.
func hasControl(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// maxAlsoShown is how many further articles carrying a passage are listed
// under its citation; the rest are counted.
const maxAlsoShown = 3

// sourceLines are a passage's citation and, when several articles carry
// it, "reported by N sources" and the others (without the article ID that
// marks the passages shown).
func sourceLines(n int, p newsbot.Passage) []string {
	line := citationLine(n, p.Citation, 120)
	if len(p.Sources) < 2 {
		return []string{line}
	}
	lines := []string{fmt.Sprintf("%s · reported by %d sources", line, len(p.Sources))}
	also := p.Sources[1:]
	for _, c := range also[:min(len(also), maxAlsoShown)] {
		lines = append(lines, "↳ also "+alsoLine(c, 60))
	}
	if len(also) > maxAlsoShown {
		lines = append(lines, fmt.Sprintf("↳ and %d more", len(also)-maxAlsoShown))
	}
	return lines
}

// alsoLine is another article carrying a passage: "[Title](url) — 6
// February 2023, ¶1", without the article ID that marks the passages shown.
func alsoLine(c newsbot.Citation, titleLimit int) string {
	date := "date unknown"
	if !c.Published.IsZero() {
		date = c.Published.Format("2 January 2006")
	}
	return fmt.Sprintf("%s — %s, ¶%d", mdLink(Escape(Truncate(c.Title, titleLimit)), c.URL), date, c.Paragraph)
}

// citedRef reads the article and paragraph back from a citation line.
var citedRef = regexp.MustCompile("¶(\\d+) · `([^`]+)`")

// refsIn returns the passages an answer embed cites, as "article#paragraph".
func refsIn(embeds []*discordgo.MessageEmbed) []string {
	var refs []string
	for _, e := range embeds {
		if e == nil {
			continue
		}
		for _, f := range e.Fields {
			if f == nil {
				continue
			}
			for _, m := range citedRef.FindAllStringSubmatch(f.Value, -1) {
				id := m[2]
				if unquoted, err := strconv.Unquote(id); err == nil && strings.HasPrefix(id, `"`) {
					id = unquoted
				}
				refs = append(refs, id+"#"+m[1])
			}
		}
	}
	return refs
}

// articleKey fits an article ID into a button's custom ID: the ID itself
// when short, else a digest that the bot looks up among the articles.
func articleKey(id string) string {
	if len(id) <= 80 && !strings.HasPrefix(id, "#") && !hasControl(id) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "#" + hex.EncodeToString(sum[:12])
}

// answerMessage renders one page of an answer: the lead passage quoted in
// the description (for when-questions, its date first), up to two more as
// fields, numbered citations, and the buttons. page counts from 1.
func answerMessage(ans *newsbot.Answer, page int) *discordgo.InteractionResponseData {
	from := (page - 1) * PerPage
	passages := ans.Passages[min(from, len(ans.Passages)):]
	if len(passages) > PerPage {
		passages = passages[:PerPage]
	}
	embed := &discordgo.MessageEmbed{
		Title:  Truncate(Escape(ans.Query), MaxEmbedTitle),
		Color:  embedColor,
		Footer: &discordgo.MessageEmbedFooter{Text: footerText},
	}
	if page > 1 {
		embed.Footer.Text = fmt.Sprintf("%s · page %d", footerText, page)
	}
	// Budgets shrink until the whole embed fits Discord's total.
	leadBudget, fieldBudget := 3000, 700
	for {
		embed.Fields = nil
		var sources []string
		for k, p := range passages {
			n := from + k + 1
			sources = append(sources, sourceLines(n, p)...)
			if k == 0 {
				embed.Description = leadText(p, n, leadBudget, ans.Command == newsbot.When && n == 1)
				continue
			}
			embed.Fields = append(embed.Fields, &discordgo.MessageEmbedField{
				Name:  Truncate(fmt.Sprintf("[%d] %s", n, Escape(p.Citation.Title)), MaxFieldName),
				Value: quote(p.Text, p.Highlights, fieldBudget),
			})
		}
		embed.Fields = append(embed.Fields, sourceFields(sources)...)
		if embedSize(embed) <= MaxEmbedTotal || leadBudget < 200 {
			break
		}
		leadBudget, fieldBudget = leadBudget*3/4, fieldBudget*3/4
	}
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{embed},
		Components:      answerButtons(ans, page, passages),
		AllowedMentions: noMentions(),
	}
}

// leadText is the lead passage: for a when-answer the date in words and
// the sentence that holds it, then the passage; when the answer to a
// when-question gives no date for the event asked about, it says so first.
func leadText(p newsbot.Passage, n, budget int, when bool) string {
	var b strings.Builder
	if d := p.Date; d != nil {
		sentence := strings.TrimSpace(p.Text[d.Sentence.Start:d.Sentence.End])
		fmt.Fprintf(&b, "**%s** — “%s”\n\n", Escape(d.Words), Escape(Truncate(sentence, 600)))
	} else if when {
		b.WriteString(noDateForEvent + "\n\n")
	}
	b.WriteString("“")
	b.WriteString(quote(p.Text, p.Highlights, budget))
	fmt.Fprintf(&b, "” [%d]", n)
	return Truncate(b.String(), MaxEmbedDescription)
}

// answerButtons are "More passages", "Full paragraph" (of the lead) and the
// two feedback votes. Custom IDs carry all a click needs, so they work after
// a restart: the question is read back from the message's embed.
func answerButtons(ans *newsbot.Answer, page int, shown []newsbot.Passage) []discordgo.MessageComponent {
	cmd := string(ans.Command)
	buttons := []discordgo.MessageComponent{}
	if len(ans.Passages) > page*PerPage {
		buttons = append(buttons, discordgo.Button{Label: "More passages", Style: discordgo.SecondaryButton,
			CustomID: "more:" + cmd + ":" + strconv.Itoa(page+1)})
	}
	if len(shown) > 0 {
		c := shown[0].Citation
		buttons = append(buttons, discordgo.Button{Label: "Full paragraph", Style: discordgo.SecondaryButton,
			CustomID: "full:" + strconv.Itoa(c.Paragraph) + ":" + articleKey(c.Article)})
	}
	buttons = append(buttons,
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: "vote:up:" + cmd},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: "vote:down:" + cmd},
	)
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// embedSize counts an embed's text as Discord does against its 6,000 total.
func embedSize(e *discordgo.MessageEmbed) int {
	n := Runes(e.Title) + Runes(e.Description)
	if e.Footer != nil {
		n += Runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += Runes(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += Runes(f.Name) + Runes(f.Value)
	}
	return n
}

// unescape undoes Escape, to read a question back from an embed title.
func unescape(s string) string {
	s = strings.TrimSuffix(s, ellipsis)
	var b strings.Builder
	escaped := false
	for _, r := range s {
		if r == '\\' && !escaped {
			escaped = true
			continue
		}
		escaped = false
		b.WriteRune(r)
	}
	return b.String()
}

// paragraphMessage shows one whole paragraph with its citation.
func paragraphMessage(a newsbot.Article, p newsbot.Paragraph) *discordgo.InteractionResponseData {
	c := newsbot.Citation{Article: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published, Paragraph: p.N}
	embed := &discordgo.MessageEmbed{
		Title:       Truncate(Escape(a.Title), MaxEmbedTitle),
		Description: "“" + quote(p.Text, nil, MaxEmbedDescription-4) + "”",
		Color:       embedColor,
		Fields:      []*discordgo.MessageEmbedField{{Name: "Source", Value: Truncate(citationLine(1, c, 200), MaxFieldValue)}},
		Footer:      &discordgo.MessageEmbedFooter{Text: footerText},
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()}
}

// timelineMessage renders a timeline: one line per event (date, quoted
// sentence, citation numbers), undated events after, and the sources.
// Sentences are shortened until the embed fits Discord's 6,000 runes; when
// even short sentences leave too little room (long links, many sources),
// the last sources are listed without their links, as many as it takes, so
// that every number shown has its source line.
func timelineMessage(tl *timeline.Timeline) *discordgo.InteractionResponseData {
	title := "Timeline"
	if tl.Topic != "" {
		title += ": " + tl.Topic
	}
	embed := &discordgo.MessageEmbed{Title: Truncate(Escape(title), MaxEmbedTitle), Color: embedColor, Footer: &discordgo.MessageEmbedFooter{Text: footerText}}
	fits := func(linked int) bool {
		complete := timelineEmbed(embed, tl, linked)
		return complete && embedSize(embed) <= MaxEmbedTotal
	}
	all := (len(tl.Events) + len(tl.Undated)) * citedPerEvent // at least the sources numbered
	if !fits(all) {
		// Fewer links make shorter lines: the most links that fit.
		linked := sort.Search(all+1, func(k int) bool { return !fits(k) }) - 1
		fits(max(linked, 0))
	}
	if over := embedSize(embed) - MaxEmbedTotal; over > 0 {
		embed.Description = Truncate(embed.Description, Runes(embed.Description)-over)
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, AllowedMentions: noMentions()}
}

// timelineEmbed fills embed's description and source fields with tl,
// shortening the sentences until the embed fits or they are short; the
// first linked sources link to their articles, the others do not. It
// reports whether the fields hold every source numbered in the description.
func timelineEmbed(embed *discordgo.MessageEmbed, tl *timeline.Timeline, linked int) (complete bool) {
	for sentenceBudget := 400; ; sentenceBudget = sentenceBudget * 3 / 4 {
		var lines, sources []string
		numbers := map[string]int{}
		cite := func(cs []newsbot.Citation) string {
			var refs []string
			for _, c := range cs {
				key := c.Article + "#" + strconv.Itoa(c.Paragraph)
				n, ok := numbers[key]
				if !ok {
					n = len(numbers) + 1
					numbers[key] = n
					if n > linked {
						c.URL = ""
					}
					sources = append(sources, citationLine(n, c, 80))
				}
				refs = append(refs, "["+strconv.Itoa(n)+"]")
			}
			return strings.Join(refs, "")
		}
		for _, e := range tl.Events {
			lines = append(lines, fmt.Sprintf("**%s** — “%s” %s%s", Escape(e.Words), Escape(Truncate(e.Text, sentenceBudget)),
				cite(e.Citations[:min(len(e.Citations), citedPerEvent)]), sourceCount(e.Sources)))
		}
		if len(tl.Undated) > 0 {
			lines = append(lines, "", "*Undated articles, relative to publication:*")
			for _, u := range tl.Undated {
				cs := append([]newsbot.Citation{u.Citation}, u.Others...)
				lines = append(lines, fmt.Sprintf("**%s** — “%s” %s%s", Escape(u.Relative), Escape(Truncate(u.Text, sentenceBudget)),
					cite(cs[:min(len(cs), citedPerEvent)]), sourceCount(u.Sources)))
			}
		}
		embed.Description = Truncate(strings.Join(lines, "\n"), MaxEmbedDescription)
		embed.Fields = sourceFields(sources)
		shown := 0
		for _, f := range embed.Fields {
			shown += strings.Count(f.Value, "\n") + 1
		}
		if embedSize(embed) <= MaxEmbedTotal || sentenceBudget < 60 {
			return shown == len(sources)
		}
	}
}

// citedPerEvent is how many of an event's citations are numbered in a
// timeline; the source count says how many articles tell it.
const citedPerEvent = 2

// sourceCount is " · 5 sources" for an event told by more than one
// article.
func sourceCount(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" · %d sources", n)
}

// sourceFields packs citation lines into as few fields as fit, each within
// the field value limit, at most 5 of them.
func sourceFields(lines []string) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	var cur []string
	size := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		name := "Sources"
		if len(fields) > 0 {
			name = "Sources (continued)"
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: name, Value: strings.Join(cur, "\n")})
		cur, size = nil, 0
	}
	for _, l := range lines {
		l = Truncate(l, MaxFieldValue)
		if size+Runes(l)+1 > MaxFieldValue {
			flush()
		}
		cur = append(cur, l)
		size += Runes(l) + 1
	}
	flush()
	if len(fields) > 5 {
		fields = fields[:5]
	}
	return fields
}
