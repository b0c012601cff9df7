package main

import (
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/timeline"
)

// TestTimelineUndatedCopies: the terminal and JSON timelines cite every
// copy of an undated event, and say how many articles tell it.
func TestTimelineUndatedCopies(t *testing.T) {
	tl := &timeline.Timeline{Topic: "Acme", Undated: []timeline.Undated{{Relative: "the day before publication", Text: "Acme said it would close its plant.", Sources: 2,
		Citation: newsbot.Citation{Article: "reuters/acme", Title: "Acme", Paragraph: 1},
		Others:   []newsbot.Citation{{Article: "yahoo/acme", Title: "Acme", Paragraph: 1}}}}}
	text := timelineText(tl, timeline.Request{Topic: "Acme"})
	if !strings.Contains(text, "the day before publication · 2 sources") || !strings.Contains(text, "[reuters/acme]") || !strings.Contains(text, "[yahoo/acme]") {
		t.Errorf("text:\n%s", text)
	}
	js := timelineJSON(tl)
	if len(js.Undated) != 1 || len(js.Undated[0].Citations) != 2 || js.Undated[0].Citations[1].Article != "yahoo/acme" || js.Undated[0].Sources != 2 {
		t.Errorf("json: %+v", js.Undated)
	}
}
