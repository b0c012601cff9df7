// Package newsbot holds the domain types shared by every part of newsbot:
// articles and their paragraphs, the passages and citations an answer is made
// of, and the small interfaces between the parts. It depends only on the
// standard library and package timex's types, so the corpus reader, the index, the answer
// engine, the bot and the CLI can all speak it.
package newsbot

import (
	"context"
	"time"

	"github.com/newsbot-dev/newsbot/timex"
)

// Article is one news article, split into the paragraphs that carry news.
type Article struct {
	// ID identifies the article within the corpus: the file path relative to
	// the corpus folder, without extension (JSON Lines: the record's id).
	ID string
	// Title is the headline.
	Title string
	// URL links to the original article; empty when unknown.
	URL string
	// Source names the publisher (e.g. "WSB-TV"); empty when unknown.
	Source string
	// Place is the dateline's place (e.g. "SEOUL"); empty when there is none.
	Place string
	// Published is the publication date; the zero time when unknown.
	Published time.Time
	// Paragraphs are the kept paragraphs in reading order, numbered from 1.
	Paragraphs []Paragraph
	// Path is the file the article was read from, relative to the corpus.
	Path string
	// Hash is a digest of the article's source bytes, used to notice changes.
	Hash string
	// Copies are the other places the same article was found: files (or
	// records) with the same title, date and text, read as this one.
	Copies []Copy
}

// Copy is another place an article was found: a file or record identical
// to the article in title, publication date and text.
type Copy struct {
	// ID is the article ID the copy would have had.
	ID string
	// Path is the copy's file, relative to the corpus folder.
	Path string
	// URL and Source are the copy's link and publisher, when it has them.
	URL    string
	Source string
}

// Paragraph is one passage of an article.
type Paragraph struct {
	// N is the 1-based position among the article's kept paragraphs.
	N int
	// Section is the heading the paragraph stands under; empty when none.
	Section string
	// Text is the paragraph's text exactly as the article has it.
	Text string
	// Dates are the time expressions Text mentions, resolved against the
	// article's publication date when it has one.
	Dates []timex.Expression
}

// Command is the kind of question asked.
type Command string

// The question kinds newsbot answers.
const (
	Ask  Command = "ask"
	Why  Command = "why"
	When Command = "when"
)

// ParseCommand returns the Command named s, or false when s names none.
func ParseCommand(s string) (Command, bool) {
	switch c := Command(s); c {
	case Ask, Why, When:
		return c, true
	}
	return "", false
}

// Citation says where a passage comes from.
type Citation struct {
	Article   string
	Title     string
	URL       string
	Source    string
	Published time.Time
	Paragraph int
	// Copies are the other places the same article was found (see
	// Article.Copies); the passage is in each of them.
	Copies []Copy
}

// Span is a half-open byte range [Start, End) within a text.
type Span struct {
	Start, End int
}

// Passage is a paragraph chosen to answer a question, quoted verbatim.
type Passage struct {
	Citation Citation
	Section  string
	Text     string
	// Score is the passage's final relevance score (higher is better).
	Score float64
	// Highlights are the byte spans of Text that matched the question,
	// sorted and non-overlapping.
	Highlights []Span
	// Date, for a when-question, is the date the passage gives as the
	// answer; nil when it gives none.
	Date *DateLead
	// Sources are the articles that carry this passage or a near-duplicate
	// of it (a wire story re-sent with an update, the same copy in another
	// outlet, a file saved twice), Citation first, then by publication date
	// and article; nil when only Citation does.
	Sources []Citation
}

// DateLead is the date a passage answers a when-question with.
type DateLead struct {
	// Words is the date for a reader: "21 February 2026", "the week after
	// 21 February 2026", "the day before publication (date unknown)".
	Words string
	// Expression is the time expression as the text has it.
	Expression timex.Expression
	// Sentence is the byte span of the sentence of Text that holds it.
	Sentence Span
}

// Answer is the reply to one question: the best passages, best first. An
// Answer with no passages means the corpus holds nothing relevant.
type Answer struct {
	Command  Command
	Query    string
	Passages []Passage
}

// QueryTerm is one analysed term of a question with its inverse document
// frequency in the index.
type QueryTerm struct {
	Term string
	IDF  float64
	// Name is set when the question writes the term with a capital letter
	// other than at the start of a sentence ("When was Gaddafi killed?"):
	// a name, a place, a title. A question with no lower-case letter has
	// no names.
	Name bool
}

// TermMatch is one occurrence of a query term in a hit's text.
type TermMatch struct {
	Term string
	// Pos is the 1-based token position within the text.
	Pos int
	// Start and End are byte offsets of the occurrence within the text.
	Start, End int
}

// Hit is one paragraph returned by a Searcher, with the evidence a ranker
// needs to rescore it.
type Hit struct {
	Citation Citation
	Section  string
	Text     string
	// Score is the full-text (BM25) score.
	Score float64
	// Matches are the query terms' occurrences in Text, in text order.
	Matches []TermMatch
	// TitleTerms are the distinct query terms found in the article title.
	TitleTerms []string
	// Dates are the paragraph's time expressions; nil unless the search
	// asked for them (SearchRequest.WithDates).
	Dates []timex.Expression
}

// SearchRequest asks a Searcher for paragraphs matching free text. Text is
// never parsed as query syntax.
type SearchRequest struct {
	Text  string
	Limit int
	// Dated keeps only paragraphs that mention a resolved date; From and To,
	// when set, keep only those with an event on a day (UTC) that [From, To)
	// touches: bounds at midnight, as dates parse, are exact. With Dated and
	// no Text, every dated paragraph matches.
	Dated    bool
	From, To time.Time
	// WithDates asks for each hit's time expressions (Hit.Dates); without
	// it they are left out, which saves reading them.
	WithDates bool
}

// SearchResult is what a Searcher found.
type SearchResult struct {
	// Terms are the question's distinct analysed terms, in question order.
	Terms []QueryTerm
	Hits  []Hit
}

// Searcher finds paragraphs that match free text.
type Searcher interface {
	Search(ctx context.Context, req SearchRequest) (*SearchResult, error)
}

// GatherRequest asks for every paragraph that matches, not the best few: a
// timeline weighs the whole coverage of its topic.
type GatherRequest struct {
	// Clauses select paragraphs by their analysed terms: a paragraph
	// matches when it satisfies any clause.
	Clauses []TermClause
	// Days also selects the paragraphs with an event on one of these days
	// (UTC).
	Days []time.Time
	// Periods also selects the paragraphs that mention a week, month,
	// year or longer period starting on one of these days (UTC).
	Periods []time.Time
	// Paragraphs also selects these paragraphs by name.
	Paragraphs []ParagraphRef
	// Max caps how many are returned: the best by score over the clause
	// terms.
	Max int
}

// TermClause matches a paragraph that holds a term of at least Min of its
// groups. A group holds alternatives: a term and its other spellings.
type TermClause struct {
	Groups [][]string
	Min    int
}

// ParagraphRef names one paragraph of an article.
type ParagraphRef struct {
	Article string
	N       int
}

// TermCount is an index term and how many paragraphs hold it.
type TermCount struct {
	Term  string
	Count int
}
