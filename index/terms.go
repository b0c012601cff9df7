package index

// Terms analyses text as the index analyses paragraphs and returns its
// terms in order, repeats kept: stop words dropped, the rest lower case and
// stemmed. Timelines compare sentences with it, and evaluations count
// ROUGE unigrams with it.
func (ix *Index) Terms(text string) []string {
	toks := ix.analyzer.Analyze([]byte(text))
	out := make([]string, len(toks))
	for i, tok := range toks {
		out[i] = string(tok.Term)
	}
	return out
}
