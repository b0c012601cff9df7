package sentence

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/neurosnap/sentences/english"

	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

func texts(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplitNews(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"March 17 - The U.N. Security Council votes to authorize a no-fly zone over Libya. March 19 - French jets strike.",
			[]string{"March 17 - The U.N. Security Council votes to authorize a no-fly zone over Libya.", "March 19 - French jets strike."}},
		{"Mr. Smith went to Washington. He said “I will not resign.” Then he left.",
			[]string{"Mr. Smith went to Washington.", "He said “I will not resign.”", "Then he left."}},
		{"“We are done,” he said. “It is over.” The U.S. team left at 3 p.m. Monday. Others stayed.",
			[]string{"“We are done,” he said.", "“It is over.”", "The U.S. team left at 3 p.m. Monday.", "Others stayed."}},
		{"The company, based in St. Louis, said Jan. 5 it would cut jobs. Gen. Smith disagreed.",
			[]string{"The company, based in St. Louis, said Jan. 5 it would cut jobs.", "Gen. Smith disagreed."}},
		{`He said: "It's done." She agreed.`, []string{`He said: "It's done."`, "She agreed."}},
		{"“Why?” he asked. Nobody knew.", []string{"“Why?” he asked.", "Nobody knew."}},
		{"John F. Kennedy was shot in Dallas. It was 1963.", []string{"John F. Kennedy was shot in Dallas.", "It was 1963."}},
		{"Troops moved into the U.S. The president spoke.", []string{"Troops moved into the U.S.", "The president spoke."}},
		{"Shr 34 cts vs 1.19 dlrs\nNet loss 110.6 mln vs profit 4.1 mln\n", []string{"Shr 34 cts vs 1.19 dlrs", "Net loss 110.6 mln vs profit 4.1 mln"}},
		{"Prices rose 3.5 pct. Wait... What happened? Nobody said!", []string{"Prices rose 3.5 pct.", "Wait...", "What happened?", "Nobody said!"}},
		{"The U.S.-led force (the coalition.) Later it left.", []string{"The U.S.-led force (the coalition.)", "Later it left."}},
		{"No end here", []string{"No end here"}},
		{"  \n ", nil},
	}
	for _, c := range cases {
		got := texts(c.text, Split(c.text))
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Split(%q)\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// detokenize turns MEANTIME's tokenised sentence into text as printed.
var (
	spaceBefore = regexp.MustCompile(` ([.,;:!?%)\]]|'s|'re|'ve|'ll|'d|n't|'')`)
	spaceAfter  = regexp.MustCompile("([(\\[$]|``) ")
)

func detokenize(s string) string {
	s = spaceBefore.ReplaceAllString(s, "$1")
	s = spaceAfter.ReplaceAllString(s, "$1")
	return strings.NewReplacer("``", "“", "''", "”").Replace(s)
}

// boundaries scores found sentence ends against gold ones.
type boundaries struct{ found, gold, right int }

func (b *boundaries) add(found, gold []int) {
	set := map[int]bool{}
	for _, g := range gold {
		set[g] = true
	}
	for _, f := range found {
		if set[f] {
			b.right++
		}
	}
	b.found += len(found)
	b.gold += len(gold)
}

func (b boundaries) f1() (p, r, f float64) {
	p, r = float64(b.right)/float64(b.found), float64(b.right)/float64(b.gold)
	return p, r, 2 * p * r / (p + r)
}

// TestMeantimeBoundaries measures sentence ends against MEANTIME's gold
// sentences (Wikinews, one sentence a line), beside the full Punkt
// tokenizer of github.com/neurosnap/sentences.
func TestMeantimeBoundaries(t *testing.T) {
	f, err := os.Open(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	punkt, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	var ours, full boundaries
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
		// The body: lines after the title and the date line, run together.
		var body strings.Builder
		var gold []int
		for _, l := range lines[2:] {
			if l = detokenize(strings.TrimSpace(l)); l == "" {
				continue
			}
			if body.Len() > 0 {
				body.WriteByte(' ')
			}
			body.WriteString(l)
			gold = append(gold, body.Len())
		}
		text := body.String()
		var found []int
		for _, s := range Split(text) {
			found = append(found, s.End)
		}
		ours.add(found, gold)
		var fullFound []int
		for _, s := range punkt.Tokenize(text) {
			fullFound = append(fullFound, len(strings.TrimRight(text[:s.End], " ")))
		}
		full.add(fullFound, gold)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	p, r, f1 := ours.f1()
	fp, fr, ff := full.f1()
	t.Logf("MEANTIME sentence ends (%d gold): Split P %.3f R %.3f F1 %.3f; full Punkt P %.3f R %.3f F1 %.3f", ours.gold, p, r, f1, fp, fr, ff)
	if f1 < ff-0.01 {
		t.Errorf("Split F1 %.3f falls more than 0.01 below the full Punkt tokenizer's %.3f", f1, ff)
	}
	if f1 < 0.97 {
		t.Errorf("Split F1 %.3f, want at least 0.97", f1)
	}
}

func BenchmarkSplitSQuAD(b *testing.B) {
	raw, err := os.ReadFile(shareddata.Path(b, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	var d struct {
		Data []struct{ Paragraphs []struct{ Context string } }
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		b.Fatal(err)
	}
	var ctxs []string
	for _, a := range d.Data {
		for _, p := range a.Paragraphs {
			ctxs = append(ctxs, p.Context)
		}
	}
	var spans []Span
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		spans = AppendSplit(spans[:0], ctxs[i%len(ctxs)])
	}
}
