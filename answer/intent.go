package answer

import (
	"strings"
	"unicode"

	"github.com/newsbot-dev/newsbot"
)

// whWords are the interrogatives whose first occurrence decides a question's
// intent.
var whWords = map[string]newsbot.Command{
	"what": newsbot.Ask, "which": newsbot.Ask, "who": newsbot.Ask, "whom": newsbot.Ask,
	"whose": newsbot.Ask, "where": newsbot.Ask, "how": newsbot.Ask,
	"when": newsbot.When, "why": newsbot.Why,
}

// Intent returns the command a question asks for by its first wh-word:
// When for "when", Why for "why", Ask otherwise.
func Intent(question string) newsbot.Command {
	for _, w := range strings.FieldsFunc(question, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if c, ok := whWords[strings.ToLower(w)]; ok {
			return c
		}
	}
	return newsbot.Ask
}
