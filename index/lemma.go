package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/newsbot-dev/newsbot/internal/verbs"
)

// lemmaFilterName names the token filter that maps irregular verb forms to
// their base form, so that "When did the uprising begin?" meets "the
// uprising began": the Porter stemmer joins regular forms (founded, found)
// but not irregular ones (began, begun, begin).
const lemmaFilterName = "newsbot_irregular_verbs"

// lemmaFilter rewrites irregular verb forms to their base form (the forms
// that are not also common words of another meaning: verbs.Folded).
type lemmaFilter map[string][]byte

func (f lemmaFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if base, ok := f[string(tok.Term)]; ok {
			tok.Term = base
		}
	}
	return input
}

func newLemmaFilter(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	f := make(lemmaFilter)
	for form, base := range verbs.Folded() {
		f[form] = []byte(base)
	}
	return f, nil
}

func init() {
	// Bleve finds analysis components by name in its registry; registering
	// once at start-up is how a custom filter joins an analyzer.
	if err := registry.RegisterTokenFilter(lemmaFilterName, newLemmaFilter); err != nil {
		panic(err)
	}
}
