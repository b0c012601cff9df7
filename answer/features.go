package answer

import (
	"github.com/newsbot-dev/newsbot/sentence"
)

// sentenceSpans splits text into sentences, as byte spans, with package
// sentence (Punkt's English abbreviations and sentence starters): "The U.N.
// Security Council" and "Mr. Kim" stay whole, and a sentence ends after
// its closing quotes.
func sentenceSpans(text string) []sentence.Span {
	return sentence.Split(text)
}
