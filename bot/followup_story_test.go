package bot

import (
	"strings"
	"testing"
)

// storyCorpus is wire copy whose next steps are told later in the same
// article without the names a topic's timeline is built from, and another
// agency's story in between.
var storyCorpus = map[string]string{
	"sirte-wrap.txt": `---
date: 2011-10-24
---
Libya's new rulers declare liberation after fall of Sirte

SIRTE, Libya, Oct 24 (Reuters) - Libyan government forces captured Muammar Gaddafi's hometown of Sirte on Thursday after a two-month siege, ending the last major resistance to the country's new rulers.

Two days later, the last loyalist units withdrew from the port district towards the desert, a field commander said.

The following day the National Transitional Council declared the liberation of the country at a rally in Benghazi.

The siege had begun on Sept. 15, when fighters first pushed into the eastern suburbs.
`,
	"nato.txt": `---
date: 2011-10-21
---
NATO to end Libya air campaign after Sirte falls

BRUSSELS, Oct 21 (Reuters) - NATO said on Friday it would end its air campaign over Libya at the end of the month, after Libyan government forces took Sirte.
`,
}

// In chat, "what happened next?" quotes the steps the article tells later
// and another article's nearer event first; "and then?" goes on in the
// article the conversation came from; "before that?" reaches back.
func TestChatNextStepsOfTheSameArticle(t *testing.T) {
	c := chatOn(t, storyCorpus)
	out := converse(t, c, "/ask What did Libyan government forces capture?", "what happened next?", "and then?", "what happened before that?")
	for _, ck := range []struct {
		n    int
		want []string
	}{
		{1, []string{"21 October 2011 — “BRUSSELS, Oct 21 (Reuters) - NATO said on Friday", "22 October 2011 — “Two days later, the last loyalist units withdrew",
			"23 October 2011 — “The following day the National Transitional Council", "¶2 · `sirte-wrap`", "¶1 · `nato`"}},
		{2, []string{"What happened after “BRUSSELS, Oct 21", "22 October 2011 — “Two days later", "23 October 2011 — “The following day"}},
		{3, []string{"What happened before “Two days later", "15 September 2011 — “The siege had begun", "20 October 2011 — “SIRTE, Libya, Oct 24 (Reuters) - Libyan government forces captured"}},
	} {
		at := 0
		for _, w := range ck.want {
			i := strings.Index(out[ck.n][at:], w)
			if i < 0 {
				t.Fatalf("answer %d lacks %q after byte %d:\n%s", ck.n, w, at, out[ck.n])
			}
			if !strings.Contains(w, "·") {
				at += i + len(w)
			}
		}
	}
}
