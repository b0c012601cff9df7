package answer

import (
	"strings"
	"unicode"

	"github.com/newsbot-dev/newsbot"
)

// whWords are the interrogatives that decide a question's intent.
var whWords = map[string]newsbot.Command{
	"what": newsbot.Ask, "which": newsbot.Ask, "who": newsbot.Ask, "whom": newsbot.Ask,
	"whose": newsbot.Ask, "where": newsbot.Ask, "how": newsbot.Ask,
	"when": newsbot.When, "why": newsbot.Why,
}

// askingWhenFollowers are the words that follow an interrogative "when":
// auxiliaries ("when did", "since when was", "when's"), a few adverbs ("when
// exactly"). After any other word "when" opens a clause ("When the law is
// broken, what …?", "… occur when people speak …").
var askingWhenFollowers = map[string]bool{
	"did": true, "do": true, "does": true, "was": true, "were": true, "is": true, "are": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "could": true,
	"can": true, "should": true, "shall": true, "may": true, "might": true, "must": true,
	"s": true, "exactly": true, "precisely": true, "approximately": true, "roughly": true,
}

// Intent returns the command a question asks for: When for "when", Why for
// "why", Ask otherwise. The first wh-word decides, except a "when" that opens
// a clause rather than asks: in "When the law is a direct target, what is it
// called?" the question is "what", and in "Civil disobedience can occur when
// people speak about …?" there is no wh-word. A question that opens with such
// a "when" and has no other wh-word still asks when ("When year was the treaty
// signed?").
func Intent(question string) newsbot.Command {
	words := questionWords(question)
	for i, w := range words {
		c, ok := whWords[w]
		if !ok {
			continue
		}
		if w != "when" || i == len(words)-1 || askingWhenFollowers[words[i+1]] {
			return c
		}
		// A clause-opening "when": a later wh-word asks the question.
		for _, later := range words[i+1:] {
			if c, ok := whWords[later]; ok {
				return c
			}
		}
		if i == 0 {
			return newsbot.When
		}
		return newsbot.Ask
	}
	return newsbot.Ask
}

// ByFirstWhWord returns the command of a question's first wh-word, "when"
// opening a clause or not: how the SQuAD when and why subsets are counted.
func ByFirstWhWord(question string) newsbot.Command {
	for _, w := range questionWords(question) {
		if c, ok := whWords[w]; ok {
			return c
		}
	}
	return newsbot.Ask
}

// questionWords splits a question into its words, lower-cased.
func questionWords(question string) []string {
	return strings.FieldsFunc(strings.ToLower(question), func(r rune) bool { return !unicode.IsLetter(r) })
}
