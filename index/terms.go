package index

// Terms analyses text as the index analyses paragraphs and returns its
// terms in order, repeats kept: stop words dropped, the rest lower case and
// stemmed. Timelines compare sentences with it, and evaluations count
// ROUGE unigrams with it.
//
// Words are found with the analyzer's own tokenizer, and each word's term
// is remembered (the match finder's memory, see matches.go), so a word is
// stemmed once however many sentences hold it: the full analyzer was a
// sixth of a timeline's time on a large corpus.
// TestTermsAgreeWithAnalyzer checks it against the analyzer.
func (ix *Index) Terms(text string) []string {
	f := ix.matches
	input := []byte(text)
	type word struct{ start, end int }
	words := make([]word, 0, len(input)/6)
	scanWords(input, func(start, end int, _ bool) { words = append(words, word{start, end}) })
	terms := make([]string, len(words))
	known := make([]bool, len(words))
	f.mu.RLock()
	for i, w := range words {
		terms[i], known[i] = f.terms[string(input[w.start:w.end])]
	}
	f.mu.RUnlock()
	out := make([]string, 0, len(words))
	for i, w := range words {
		if !known[i] {
			terms[i] = f.analyse(input[w.start:w.end])
		}
		if terms[i] != "" {
			out = append(out, terms[i])
		}
	}
	return out
}
