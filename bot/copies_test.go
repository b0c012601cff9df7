package bot

import (
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot"
)

// TestCitationCountsCopies: a source held by several identical files says
// so, and its article and paragraph still read back from the line.
func TestCitationCountsCopies(t *testing.T) {
	c := newsbot.Citation{Article: "wire/strike", Title: "Port strike ends", Paragraph: 2,
		Copies: []newsbot.Copy{{ID: "strike", Path: "strike.txt"}, {ID: "x", Path: "x.txt"}}}
	line := citationLine(1, c, 100)
	if !strings.HasSuffix(line, "· also in 2 other files") {
		t.Errorf("citation line %q does not count the copies", line)
	}
	if m := citedRef.FindStringSubmatch(line); m == nil || m[1] != "2" || m[2] != "wire/strike" {
		t.Errorf("citation %q does not read back: %v", line, m)
	}
}
