package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsbot-dev/newsbot/timex"
)

// SchemaVersion names the shape of the index. Change it whenever the
// mapping or the stored fields change: an index of another version is
// rebuilt from the corpus when opened.
const SchemaVersion = "newsbot-index/11+timex-" + timex.Version

// Field names of a paragraph document.
const (
	fieldText    = "text"
	fieldArticle = "article" // searched, not stored: the document ID holds it
	fieldSection = "section"
	fieldDates   = "dates" // event days: where each resolved expression begins (dates.go)
	fieldTimex   = "timex" // the paragraph's time expressions, stored as JSON
	fieldHash    = "hash"  // the article version the paragraph belongs to
)

// storedFields are the fields an answer needs back from a hit; the article
// and paragraph number are in the document ID (docID), and the article's
// title, link and date in the manifest.
var storedFields = []string{fieldText, fieldSection, fieldTimex, fieldHash}

// storedFieldsNoDates are storedFields without the time expressions.
var storedFieldsNoDates = []string{fieldText, fieldSection, fieldHash}

// analyzerName is the analyzer of the text field and of titles; the
// question is analysed with it too, so both sides agree on terms. It is Bleve's English
// analyzer (possessives, lower case, stop words, Porter stemming) with
// irregular verb forms mapped to their base form before stemming.
const analyzerName = "newsbot_en"

func addAnalyzer(m *mapping.IndexMappingImpl) error {
	return m.AddCustomAnalyzer(analyzerName, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     wordTokenizerName,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, lemmaFilterName, porter.Name},
	})
}

// newMapping builds the index mapping: one static document type, BM25
// scoring, English analysis for text (stored, without term vectors: where
// the question's terms occur is found in the text of the hits kept), the
// article ID searchable, the section, time expressions and article version
// stored, event dates searchable; no _all field. The article's publication
// date is in the manifest: no search filters on it. Titles are not
// indexed: searching them cost a fifth of every query on a large corpus
// and moved SQuAD recall by a thousandth; the reranker weighs the
// question terms a title holds from the manifest's titles.
func newMapping() (mapping.IndexMapping, error) {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzerName
	text.Store = true
	text.IncludeTermVectors = false // matches are found in the stored text (matches.go)
	text.IncludeInAll = false
	text.DocValues = false
	keyword := func(indexed, stored bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = stored
		f.Index = indexed
		f.IncludeInAll = false
		f.DocValues = false
		f.IncludeTermVectors = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text)
	doc.AddFieldMappingsAt(fieldArticle, keyword(true, false))
	doc.AddFieldMappingsAt(fieldSection, keyword(false, true))
	// No _all field: every search names its fields.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	// Event dates are keyword terms, searched by range (see dates.go);
	// timelines sort in Go.
	doc.AddFieldMappingsAt(fieldDates, keyword(true, false))
	doc.AddFieldMappingsAt(fieldTimex, keyword(false, true))
	doc.AddFieldMappingsAt(fieldHash, keyword(false, true))

	m := bleve.NewIndexMapping()
	if err := addAnalyzer(m); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName
	m.ScoringModel = bleveindex.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
