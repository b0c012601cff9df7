package answer

import "testing"

func TestAskedPart(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hi! Quick question: when was Gaddafi killed?", "when was Gaddafi killed?"},
		{"Hello, when was Gaddafi killed? Thanks!", "when was Gaddafi killed?"},
		{"Hey, can you tell me why the talks failed?", "why the talks failed?"},
		{"hi when was Gaddafi killed", "when was Gaddafi killed"},
		{"Please, who won? Thank you.", "who won?"},
		{"Quick question - who won? thx", "who won?"},
		{"Who won the election, please?", "Who won the election, please?"}, // inside the question: left
		// Not frames: names and phrases that begin like one, and words
		// that end a question as its own.
		{"Hey Jude was released when?", "Hey Jude was released when?"},
		{"Question Time was first broadcast when?", "Question Time was first broadcast when?"},
		{"Hiroshima was bombed when?", "Hiroshima was bombed when?"},
		{"Why did the minister give thanks?", "Why did the minister give thanks?"},
		{"Tell me about Gaddafi", "Tell me about Gaddafi"},
		// Nothing but courtesies: left as asked.
		{"Hi! Thanks!", "Hi! Thanks!"},
		{"thanks", "thanks"},
		{"", ""},
	} {
		if got := askedPart(c.in); got != c.want {
			t.Errorf("askedPart(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
