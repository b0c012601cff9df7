package timex

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/newsbot-dev/newsbot/internal/shareddata"
	"github.com/newsbot-dev/newsbot/sentence"
)

// TestSentenceBreaksAgreeWithPackageSentence: the tense of a bare date is
// read within its sentence, cut by breakBefore over tokens; package
// sentence is the project's splitter. On MEANTIME's Wikinews bodies run
// together, both must start sentences at the same places.
func TestSentenceBreaksAgreeWithPackageSentence(t *testing.T) {
	f, err := os.Open(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	spaceBefore := regexp.MustCompile(` ([.,;:!?%)\]]|'s|'re|'ve|'ll|'d|n't|'')`)
	spaceAfter := regexp.MustCompile("([(\\[$]|``) ")
	both, ours, theirs := 0, 0, 0
	var disagree []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var doc struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(doc.Text, "\n")
		if len(lines) < 3 {
			continue
		}
		var body []string
		for _, l := range lines[2:] {
			l = spaceAfter.ReplaceAllString(spaceBefore.ReplaceAllString(strings.TrimSpace(l), "$1"), "$1")
			if l = strings.NewReplacer("``", "“", "''", "”").Replace(l); l != "" {
				body = append(body, l)
			}
		}
		text := strings.Join(body, " ")
		starts := map[int]bool{}
		for _, s := range sentence.Split(text)[1:] {
			starts[s.Start] = true
		}
		p := parser{text: text, toks: lex(text, nil)}
		for j := 1; j < len(p.toks); j++ {
			at := int(p.toks[j].start)
			switch ok := p.breakBefore(j); {
			case ok && starts[at]:
				both++
			case ok:
				ours++
				disagree = append(disagree, "timex only: "+text[max(0, at-40):at]+"|"+text[at:min(len(text), at+20)])
			case starts[at]:
				theirs++
				disagree = append(disagree, "sentence only: "+text[max(0, at-40):at]+"|"+text[at:min(len(text), at+20)])
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	agreement := float64(both) / float64(both+ours+theirs)
	t.Logf("%d sentence starts found by both, %d by timex only, %d by package sentence only: agreement %.3f", both, ours, theirs, agreement)
	if agreement < 0.99 {
		for _, d := range disagree[:min(len(disagree), 20)] {
			t.Log(d)
		}
		t.Errorf("agreement %.3f, want at least 0.99", agreement)
	}
}
