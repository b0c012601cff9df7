package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/internal/shareddata"
)

// These tests write small corpora in the shape of real wire copy: stories
// re-sent with updates, the same file saved twice, syndicated copies,
// Reuters' hard-wrapped text and earnings briefs, broadcasters' promos.

func load(t *testing.T, dir string) *Result {
	t.Helper()
	res, err := Load(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// texts returns the paragraphs' texts of an article.
func texts(a newsbot.Article) []string {
	var out []string
	for _, p := range a.Paragraphs {
		out = append(out, p.Text)
	}
	return out
}

// hasParagraph reports whether an article has a paragraph holding part.
func hasParagraph(a newsbot.Article, part string) bool {
	for _, p := range a.Paragraphs {
		if strings.Contains(p.Text, part) {
			return true
		}
	}
	return false
}

const libyaStory = `UPDATE 1-Libya's interim rulers say Sirte fighting nears end

By Hamid Ould Ahmed

SIRTE, Libya, Oct 19 (Reuters) - Libyan government forces said on Wednesday they had pushed Muammar Gaddafi's last loyalists back into a small pocket of his hometown Sirte.

"We are in the final stages," said commander Mustafa bin Dardef, as rockets and tank shells slammed into the neighbourhood.

The fall of Sirte would allow the National Transitional Council to declare the country liberated and start a timetable towards elections.

Gaddafi himself has not been seen in public since he was driven out of Tripoli in August.
`

// TestSavedTwiceIsOneArticle: the same file saved twice, under another
// name and in another folder, is one article with every paragraph and
// both locations; today's rule deleted every paragraph from both.
func TestSavedTwiceIsOneArticle(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"libya-sirte.txt":               libyaStory,
		"downloads/libya-sirte (1).txt": libyaStory,
		"other.txt":                     "Markets rally on rate hopes\n\nStocks rose on Wednesday after the central bank signalled a pause.\n",
	})
	res := load(t, dir)
	if len(res.Skipped) != 0 {
		t.Fatalf("skipped %v", res.Skipped)
	}
	if len(res.Articles) != 2 {
		t.Fatalf("got %d articles, want 2 (the copy is the same article)", len(res.Articles))
	}
	a := article(t, res, "downloads/libya-sirte (1)")
	if len(a.Paragraphs) != 4 {
		t.Errorf("paragraphs = %q, want all 4", texts(a))
	}
	if len(a.Copies) != 1 || a.Copies[0].Path != "libya-sirte.txt" || a.Copies[0].ID != "libya-sirte" {
		t.Errorf("copies = %+v, want libya-sirte.txt", a.Copies)
	}
	for _, d := range res.Dropped {
		if d.Reason != "byline" {
			t.Errorf("dropped %q: %s", d.Text, d.Reason)
		}
	}
	if a.Place != "SIRTE" {
		t.Errorf("place %q, want SIRTE from the dateline below the byline", a.Place)
	}
}

// TestCopiesWhenPathsAndIDsSortApart: "a-b.txt" reads before "a.txt", but
// the ID "a" comes before "a-b"; each copy is listed once.
func TestCopiesWhenPathsAndIDsSortApart(t *testing.T) {
	res := load(t, dir(t, map[string]string{"a.txt": libyaStory, "a-b.txt": libyaStory, "a-c.md": libyaStory}))
	if len(res.Articles) != 1 {
		t.Fatalf("%d articles, want 1", len(res.Articles))
	}
	a := res.Articles[0]
	var paths []string
	for _, c := range a.Copies {
		paths = append(paths, c.Path)
	}
	if a.ID != "a" || strings.Join(paths, ",") != "a-b.txt,a-c.md" {
		t.Errorf("article %s with copies %v, want a with a-b.txt,a-c.md", a.ID, paths)
	}
}

// TestAddedCopyBesideItsOriginal: an article added with `newsbot add`
// (written again as Markdown with front matter) beside its original is
// one article too.
func TestAddedCopyBesideItsOriginal(t *testing.T) {
	dir := writeFiles(t, map[string]string{"wire/libya.txt": libyaStory})
	arts, _, err := Parse("libya.txt", []byte(libyaStory))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Add(dir, arts); err != nil {
		t.Fatal(err)
	}
	res := load(t, dir)
	if len(res.Articles) != 1 {
		var ids []string
		for _, a := range res.Articles {
			ids = append(ids, a.ID)
		}
		t.Fatalf("articles %v, want one with a copy", ids)
	}
	a := res.Articles[0]
	if len(a.Paragraphs) != 4 || len(a.Copies) != 1 {
		t.Errorf("article %s: %d paragraphs, copies %+v", a.ID, len(a.Paragraphs), a.Copies)
	}
}

// TestUpdatedAndSyndicatedStoriesKeepTheirParagraphs: a wire story, its
// update and a syndicated copy share paragraphs; each keeps them all
// (answers collapse the repeats and cite every source).
func TestUpdatedAndSyndicatedStoriesKeepTheirParagraphs(t *testing.T) {
	update2 := strings.Replace(libyaStory, "UPDATE 1-", "UPDATE 2-", 1) +
		"\nNTC officials said they expected to declare liberation within days.\n"
	syndicated := "---\ntitle: Libya's new rulers close in on Sirte\nsource: Gulf Times\nurl: https://example.com/gulf/sirte\n---\n" +
		strings.SplitN(libyaStory, "\n\n", 3)[2]
	dir := writeFiles(t, map[string]string{
		"reuters/sirte-1.txt": libyaStory,
		"reuters/sirte-2.txt": update2,
		"gulf/sirte.md":       syndicated,
	})
	res := load(t, dir)
	if len(res.Articles) != 3 {
		t.Fatalf("got %d articles, want 3", len(res.Articles))
	}
	want := map[string]int{"reuters/sirte-1": 4, "reuters/sirte-2": 5, "gulf/sirte": 4}
	for id, n := range want {
		a := article(t, res, id)
		if len(a.Paragraphs) != n || !hasParagraph(a, "We are in the final stages") {
			t.Errorf("%s: paragraphs %q, want %d with the quote", id, texts(a), n)
		}
		if len(a.Copies) != 0 {
			t.Errorf("%s: copies %+v; an update is not a copy", id, a.Copies)
		}
	}
}

// cnnStory is a CNN-shaped article that ends with the show's promo and a
// time stamp.
func cnnStory(n int, body string) string {
	return fmt.Sprintf("---\ntitle: Story %d from the front\nsource: CNN\n---\n%s\n\n"+
		"For all the latest developments on this story, tune in to AC360 tonight at 8 ET.\n\n"+
		"Last updated at %02d:%02d GMT\n", n, body, 9+n, 10*n%60)
}

// TestBoilerplateGoesNewsStays: a line repeated at the bottom of many
// articles of one source, with no sentence of news, is dropped and listed
// ("Last updated at…", whatever the time; Reuters' signature); a news
// sentence repeated so, a brief's figures, and a time stamp in another
// source's single article are kept. A paragraph that only promotes is an
// advert, wherever it is.
func TestBoilerplateGoesNewsStays(t *testing.T) {
	files := map[string]string{}
	background := "More than 400,000 people have been killed in the conflict since 2011."
	for i := 1; i <= 4; i++ {
		files[fmt.Sprintf("cnn/story-%d.md", i)] = cnnStory(i, fmt.Sprintf(
			"Rebels advanced on the %d-th day of fighting, officials said on Tuesday.\n\n%s", i, background))
	}
	files["blog/one.md"] = "---\ntitle: A blog post\nsource: Some Blog\n---\nThe blogger wrote about the war at length today.\n\n" +
		"Last updated at 10:10 GMT\n"
	for i, co := range []string{"Acme Corp", "Bolt Inc", "Crane Co"} {
		files[fmt.Sprintf("reuters/div-%d.txt", i)] = fmt.Sprintf("%s sets quarterly dividend\n\n"+
			"Qtly div %d cts vs %d cts prior\n    Pay April 15\n    Record April 1\n Reuter\n", co, 20+i, 20+i)
	}
	res := load(t, dir(t, files))
	for i := 1; i <= 4; i++ {
		a := article(t, res, fmt.Sprintf("cnn/story-%d", i))
		if hasParagraph(a, "AC360") || hasParagraph(a, "Last updated") {
			t.Errorf("%s keeps boilerplate: %q", a.ID, texts(a))
		}
		if !hasParagraph(a, background) || !hasParagraph(a, "Rebels advanced") {
			t.Errorf("%s lost news: %q", a.ID, texts(a))
		}
	}
	if a := article(t, res, "blog/one"); !hasParagraph(a, "Last updated") {
		t.Errorf("a time stamp in one article of its source is not boilerplate: %q", texts(a))
	}
	for i := range 3 {
		a := article(t, res, fmt.Sprintf("reuters/div-%d", i))
		got := strings.Join(texts(a), "|")
		want := fmt.Sprintf("Qtly div %d cts vs %d cts prior\nPay April 15\nRecord April 1", 20+i, 20+i)
		if got != want {
			t.Errorf("%s paragraphs %q, want %q (the signature gone, the brief whole)", a.ID, got, want)
		}
	}
	reasons := map[string]int{}
	for _, d := range res.Dropped {
		reasons[d.Reason]++
	}
	want := map[string]int{
		"boilerplate: closes 4 articles from cnn":            4,
		"boilerplate: closes 3 articles from folder reuters": 3,
		"advert (the whole paragraph is one)":                4,
	}
	for reason, n := range want {
		if reasons[reason] != n {
			t.Errorf("dropped reasons %v, want %q %d times", reasons, reason, n)
		}
	}
}

func dir(t *testing.T, files map[string]string) string { return writeFiles(t, files) }

// TestAdvertIsAWholeParagraph: adverts are whole paragraphs; sentences that
// mention sponsorship are news.
func TestAdvertIsAWholeParagraph(t *testing.T) {
	news := []string{
		"The measure would be replaced under a bill sponsored by a group of leading Senate Democrats, aides said.",
		"The resolution, co-sponsored by the United States, Britain and France, passed 10-0 with five abstentions.",
		"\"We accepted the roadmap as presented by us to the council,\" the rebel spokesman said.",
		"Sponsored by Senator Jane Doe, the bill passed the chamber late on Thursday.",
		"Investigators want to find out how the fire started and why alarms failed.",
		"He urged supporters to sign up for the march and to follow the organisers' instructions.",
		"Police said three people died. Find out more here.",
	}
	adverts := []string{
		"Advertisement", "ADVERTISEMENT", "Sponsored content", "Presented by BMW", "Brought to you by Acme Bank",
		"Sponsored: The best credit cards of 2026.", "Sponsored content: buy our widgets today.",
		"Subscribe now for unlimited access. Click here to sign up.",
		"This newsletter is brought to you by Acme.", "Story continues below advertisement",
		"The BMW Foundation is dedicated to addressing concrete challenges. Find out how the BMW Foundation helps drive collaboration and solutions toward a clean and secure energy future here.",
	}
	for _, s := range news {
		if isAdvert(s) {
			t.Errorf("news taken for an advert: %q", s)
		}
	}
	for _, s := range adverts {
		if !isAdvert(s) {
			t.Errorf("advert missed: %q", s)
		}
	}
	body := strings.Join(news, "\n\n") + "\n\nAdvertisement\n\n" + "The vote is expected next week.\n"
	res := load(t, dir(t, map[string]string{"senate.txt": "Senate Democrats unveil bill\n\n" + body}))
	a := article(t, res, "senate")
	if len(a.Paragraphs) != len(news)+1 || hasParagraph(a, "Advertisement") {
		t.Errorf("paragraphs %q, want the %d news paragraphs and no advert", texts(a), len(news)+1)
	}
}

// TestEarningsBriefsAreNews: Reuters' earnings and dividend briefs, in the
// layouts wire copy comes in, are one passage with their lines, never
// headings, never gone.
func TestEarningsBriefsAreNews(t *testing.T) {
	brief := []string{"Shr 34 cts vs 1.19 dlrs", "Net 3,804,000 vs 5,294,000", "Revs 15.5 mln vs 17.2 mln",
		"Nine mths", "Shr 1.05 dlrs vs 2.88 dlrs", "Net loss 110.6 mln vs profit 4.1 mln"}
	layouts := map[string]string{
		"indented.txt":  "ACME CORP 3RD QTR NET\n\n" + brief[0] + "\n    " + strings.Join(brief[1:], "\n    ") + "\n Reuter\n",
		"lines.txt":     "BOLT INC 3RD QTR NET\n" + strings.Join(brief, "\n") + "\n",
		"blank.txt":     "CRANE CO 3RD QTR NET\n\n" + strings.Join(brief, "\n\n") + "\n",
		"one-block.txt": "DELTA LTD 3RD QTR NET\n\n" + strings.Join(brief, "\n") + "\n",
	}
	res := load(t, dir(t, layouts))
	if len(res.Articles) != len(layouts) {
		t.Fatalf("%d articles, skipped %v", len(res.Articles), res.Skipped)
	}
	for _, a := range res.Articles {
		all := strings.Join(texts(a), "\n")
		for _, line := range brief {
			if !strings.Contains(all, line) {
				t.Errorf("%s lost %q: %q", a.ID, line, texts(a))
			}
		}
		if len(a.Paragraphs) > 2 {
			t.Errorf("%s: %d paragraphs %q, want the brief as one passage", a.ID, len(a.Paragraphs), texts(a))
		}
		if p := a.Paragraphs[0]; !strings.HasPrefix(p.Text, brief[0]+"\n") || p.Section != "" {
			t.Errorf("%s: paragraph 1 = %q (section %q), want the brief's lines", a.ID, p.Text, p.Section)
		}
	}
	if len(res.Dropped) != 0 {
		t.Errorf("dropped %+v", res.Dropped)
	}
}

// TestHardWrappedWireCopy: Reuters' 1987 copy is wrapped at a fixed width,
// with an indented line opening each paragraph and no blank lines. Lines
// are joined back into paragraphs; no wrapped line is a heading.
func TestHardWrappedWireCopy(t *testing.T) {
	body := `BAHIA COCOA REVIEW
Showers continued throughout the week in
the Bahia cocoa zone, alleviating the drought since early
January and improving prospects for the coming temporao,
although normal humidity levels have not been restored,
Comissaria Smith said in its weekly review.
    The dry period means the temporao will be late this year.
    Arrivals for the week ended February 22 were 155,221 bags
of 60 kilos making a cumulative total for the season of 5.93
mln against 5.81 at the same stage last year. Again it seems
that cocoa delivered earlier on consignment was included in the
arrivals figures.
    Comissaria Smith said there is still some doubt as to how
much old crop cocoa is still available as harvesting has
practically come to an end.
`
	res := load(t, dir(t, map[string]string{"cocoa.txt": body}))
	a := article(t, res, "cocoa")
	want := []string{
		"Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said in its weekly review.",
		"The dry period means the temporao will be late this year.",
		"Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season of 5.93 mln against 5.81 at the same stage last year. Again it seems that cocoa delivered earlier on consignment was included in the arrivals figures.",
		"Comissaria Smith said there is still some doubt as to how much old crop cocoa is still available as harvesting has practically come to an end.",
	}
	if got := texts(a); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs:\n%q\nwant\n%q", got, want)
	}
}

// TestCleaningNeverEmptiesAnArticle: when every rule would drop
// everything, the article keeps its text; a headline without a body is its
// own passage.
func TestCleaningNeverEmptiesAnArticle(t *testing.T) {
	res := load(t, dir(t, map[string]string{
		"ad.txt":       "Advertisement feature\n\nSponsored content\n",
		"credit.txt":   "Photo of the day\n\nREUTERS/Samir Bol\n",
		"flash.txt":    "FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE, FED SAYS\n",
		"heading.txt":  "Results\n\nWhat comes next?\n",
		"teasers.txt":  "Teasers only\n\nMore from GZERO Media\n\nAnother story entirely, told in a teaser.\n",
		"brief-1.txt":  "Qtly div\n\nQtly div 25 cts vs 25 cts prior\n",
		"headline.txt": "Title only\n\n\n",
		"sig/1.txt":    "Signature one\n\nReuter\n",
		"sig/2.txt":    "Signature two\n\nReuter\n",
		"sig/3.txt":    "Signature three\n\nReuter\n",
	}))
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %v", res.Skipped)
	}
	want := map[string]string{
		"ad":       "Sponsored content",
		"credit":   "REUTERS/Samir Bol",
		"flash":    "FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE, FED SAYS",
		"heading":  "What comes next?",
		"teasers":  "Another story entirely",
		"brief-1":  "Qtly div 25 cts vs 25 cts prior",
		"headline": "Title only",
		"sig/1":    "Reuter", // boilerplate, but all the article has
	}
	for id, part := range want {
		if a := article(t, res, id); !hasParagraph(a, part) {
			t.Errorf("%s: paragraphs %q, want one holding %q", id, texts(a), part)
		}
	}
}

// TestGiantParagraphsAreSplit: a one-line article of 4.9 MB gives many
// paragraphs of moderate size, cut at sentence ends, and so does the same
// text hard-wrapped (its 70,000 lines joined back in linear time) and a
// run of 100,000 short lines (joined as a brief, in linear time); 150,000
// one-line paragraphs are packed into parts of the same size; one
// without sentence ends is cut between words, and text without spaces
// between characters. Nothing is lost.
func TestGiantParagraphsAreSplit(t *testing.T) {
	var prose strings.Builder
	for i := 0; prose.Len() < 4_900_000; i++ {
		fmt.Fprintf(&prose, "Sentence %d of the endless report says the U.S. Senate met on Tuesday. ", i)
	}
	words := strings.Repeat("word ", 20_000)
	runes := strings.Repeat("日本語", 5_000)
	// The same prose hard-wrapped at 70 characters, without a blank line.
	var wrapped, line strings.Builder
	for _, w := range strings.Fields(prose.String()) {
		if line.Len()+1+len(w) > 70 {
			wrapped.WriteString(line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(w)
	}
	wrapped.WriteString(line.String() + "\n")
	short := strings.Repeat("Qtly div 25 cts\n", 100_000) // 1.6 MB of short lines
	sentences := strings.Repeat("It rained.\n", 150_000)  // 1.6 MB of one-line paragraphs
	res := load(t, dir(t, map[string]string{
		"short.txt":     "Short lines\n" + short,
		"sentences.txt": "Short paragraphs\n" + sentences,
		"giant.txt":     "A giant article\n\n" + prose.String() + "\n",
		"wrapped.txt":   "A giant wrapped article\n" + wrapped.String(),
		"words.txt":     "No sentence ends\n\n" + words + "\n",
		"runes.txt":     "No spaces\n\n" + runes + "\n",
	}))
	unwrapped := strings.Join(strings.Fields(prose.String()), " ")
	if a := article(t, res, "short"); len(a.Paragraphs) < 300 || len(a.Paragraphs[0].Text) > maxParagraph ||
		strings.Count(strings.Join(texts(a), "\n"), "Qtly div 25 cts") != 100_000 {
		t.Errorf("100,000 short lines gave %d paragraphs", len(a.Paragraphs))
	}
	if a := article(t, res, "sentences"); len(a.Paragraphs) > maxParagraphs || len(a.Paragraphs[0].Text) > maxParagraph ||
		strings.Count(strings.Join(texts(a), "\n"), "It rained.") != 150_000 {
		t.Errorf("150,000 one-line paragraphs gave %d paragraphs", len(a.Paragraphs))
	}
	for id, src := range map[string]string{"giant": prose.String(), "wrapped": unwrapped, "words": words, "runes": runes} {
		a := article(t, res, id)
		rest := src
		for i, p := range a.Paragraphs {
			if len(p.Text) > maxParagraph || len(p.Text) < maxParagraph/4 {
				t.Errorf("%s paragraph %d has %d bytes", id, p.N, len(p.Text))
			}
			// Each part is the text that follows the part before.
			rest = strings.TrimLeft(rest, " ")
			if !strings.HasPrefix(rest, p.Text) || p.N != i+1 {
				t.Fatalf("%s paragraph %d is not the text that follows paragraph %d: %.40q", id, p.N, i, p.Text)
			}
			rest = rest[len(p.Text):]
		}
		if strings.TrimSpace(rest) != "" {
			t.Errorf("%s: %d bytes of the text in no paragraph", id, len(rest))
		}
		if id == "giant" || id == "wrapped" {
			if len(a.Paragraphs) < 1000 {
				t.Errorf("giant: %d paragraphs, want over 1,000", len(a.Paragraphs))
			}
			for _, p := range a.Paragraphs {
				if !strings.HasPrefix(p.Text, "Sentence ") || !strings.HasSuffix(p.Text, "Tuesday.") {
					t.Errorf("giant paragraph %d not cut at sentence ends: %.40q … %.40q", p.N, p.Text, p.Text[len(p.Text)-40:])
					break
				}
			}
		}
	}
}

// TestSplitTextEvenParts: a paragraph a little over the limit gives two
// halves, not a full part and a scrap.
func TestSplitTextEvenParts(t *testing.T) {
	text := strings.Repeat("The council met again today. ", 160) // 4,640 bytes
	parts := splitText(strings.TrimSpace(text), maxParagraph)
	if len(parts) != 2 || len(parts[0]) < 2000 || len(parts[1]) < 2000 {
		var sizes []int
		for _, p := range parts {
			sizes = append(sizes, len(p))
		}
		t.Errorf("part sizes %v, want two of about 2,300 bytes", sizes)
	}
}

// TestSharedNewsLosesNoParagraph: no article of the shared MEANTIME and
// SemEval-2015 Task 4 Wikinews texts loses a paragraph to the cleaner.
// Each is written as an article file (the title line, then one sentence a
// line, the date line among them, as the data gives them), read through
// Load, and every line must be found in its article's paragraphs.
func TestSharedNewsLosesNoParagraph(t *testing.T) {
	files := map[string]string{}
	for id, text := range meantimeTexts(t) {
		files["meantime/"+id+".txt"] = text
	}
	for id, text := range semevalTexts(t) {
		files["semeval/"+id+".txt"] = text
	}
	if len(files) < 200 {
		t.Fatalf("only %d articles read from the shared data", len(files))
	}
	res := load(t, dir(t, files))
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %v", res.Skipped)
	}
	for _, d := range res.Dropped {
		t.Errorf("%s: dropped %q: %s", d.Article, d.Text, d.Reason)
	}
	byID := map[string]newsbot.Article{}
	for _, a := range res.Articles {
		byID[a.ID] = a
		for _, c := range a.Copies {
			byID[c.ID] = a
		}
	}
	lost := 0
	for name, text := range files {
		id := strings.TrimSuffix(name, ".txt")
		a, ok := byID[id]
		if !ok {
			t.Errorf("article %s not loaded", id)
			continue
		}
		all := normalise(strings.Join(texts(a), "\n"))
		title, body, _ := strings.Cut(text, "\n")
		if a.Title != strings.TrimSpace(title) {
			t.Errorf("%s: title %q, want %q", id, a.Title, title)
		}
		for _, l := range strings.Split(body, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.Contains(all, normalise(l)) {
				lost++
				if lost <= 10 {
					t.Errorf("%s lost %q", id, l)
				}
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d lines lost in all", lost)
	}
	t.Logf("%d files, %d articles (%d paragraphs) once copies are one", len(files), len(res.Articles), res.Paragraphs())
}

// meantimeTexts returns MEANTIME's articles by document ID: the text as the
// data gives it (title, date line, one sentence a line).
func meantimeTexts(t *testing.T) map[string]string {
	raw, err := os.ReadFile(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var doc struct {
			ID   string `json:"doc_id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatal(err)
		}
		out[doc.ID] = doc.Text
	}
	return out
}

// semevalTexts returns the SemEval-2015 Task 4 articles by corpus and
// document ID: their sentences, one a line (the title first).
func semevalTexts(t *testing.T) map[string]string {
	root := shareddata.Path(t, "semeval2015-task4")
	files, err := filepath.Glob(filepath.Join(root, "corpus_*", "corpus_trackA_TimeML", "*.tml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no TimeML files in %s: %v", root, err)
	}
	out := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			DocID     string `xml:"DOCID"`
			Sentences []struct {
				Text string `xml:",chardata"`
			} `xml:"TEXT>s"`
		}
		if err := xml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var lines []string
		for _, s := range doc.Sentences {
			lines = append(lines, strings.TrimSpace(s.Text))
		}
		corpus := filepath.Base(filepath.Dir(filepath.Dir(f)))
		out[corpus+"-"+doc.DocID] = strings.Join(lines, "\n") + "\n"
	}
	return out
}

// TestSQuADParagraphsKeptWhole: every paragraph of the SQuAD development
// set, written as articles (title, then paragraphs between blank lines),
// comes out as exactly one passage, unchanged (but for white space: some
// hold line breaks, as in "O\n2").
func TestSQuADParagraphsKeptWhole(t *testing.T) {
	raw, err := os.ReadFile(shareddata.Path(t, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var squad struct {
		Data []struct {
			Title      string `json:"title"`
			Paragraphs []struct {
				Context string `json:"context"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(raw, &squad); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	want := map[string][]string{}
	for i, a := range squad.Data {
		id := fmt.Sprintf("squad-%02d", i)
		var b strings.Builder
		b.WriteString(strings.ReplaceAll(a.Title, "_", " ") + "\n")
		for _, p := range a.Paragraphs {
			text := strings.TrimSpace(p.Context)
			b.WriteString("\n" + text + "\n")
			want[id] = append(want[id], text)
		}
		files[id+".txt"] = b.String()
	}
	res := load(t, dir(t, files))
	if len(res.Articles) != len(files) || len(res.Dropped) != 0 {
		t.Fatalf("%d articles of %d, dropped %+v", len(res.Articles), len(files), res.Dropped)
	}
	changed := 0
	for _, a := range res.Articles {
		got := texts(a)
		for n, w := range want[a.ID] {
			// A paragraph over the limit is in parts, which make it whole.
			var parts []string
			for len(got) > 0 && len(strings.Join(parts, " ")) < len(w) && (len(parts) == 0 || len(w) > maxParagraph) {
				parts, got = append(parts, got[0]), got[1:]
			}
			if normalise(strings.Join(parts, " ")) != normalise(w) {
				changed++
				if changed <= 5 {
					t.Errorf("%s paragraph %d changed:\n%q\nwant\n%q", a.ID, n+1, parts, w)
				}
			}
		}
		if len(got) > 0 {
			t.Errorf("%s: %d paragraphs more than SQuAD has", a.ID, len(got))
		}
	}
}

// TestDatelineBelowByline: the dateline that dates an article may follow
// its byline, and may carry its date between commas.
func TestDatelineBelowByline(t *testing.T) {
	res := load(t, dir(t, map[string]string{"stocks.txt": "Stocks rise on rate hopes\n\nBy Jane Doe and John Smith\n\n" +
		"NEW YORK, March 3, 2025 — Stocks rose on Monday as traders bet on a pause in rate rises.\n"}))
	a := article(t, res, "stocks")
	if a.Place != "NEW YORK" || a.Published.Format(time.DateOnly) != "2025-03-03" || len(a.Paragraphs) != 1 {
		t.Errorf("place %q, published %v, paragraphs %q", a.Place, a.Published, texts(a))
	}
}

// TestSplitBlocksLayouts: how lines become paragraphs in the layouts news
// comes in.
func TestSplitBlocksLayouts(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"chronology between blank lines keeps a line per event",
			"March 17 - The U.N. Security Council votes to authorise a no-fly zone over Libya.\nMarch 19 - French jets fire the first shots of the campaign near Benghazi.\n\nThe war went on for months.",
			[]string{"March 17 - The U.N. Security Council votes to authorise a no-fly zone over Libya.\nMarch 19 - French jets fire the first shots of the campaign near Benghazi.", "The war went on for months."}},
		{"chronology one line each",
			"March 17 - The U.N. Security Council votes to authorise a no-fly zone over Libya.\nMarch 19 - French jets fire the first shots of the campaign near Benghazi.",
			[]string{"March 17 - The U.N. Security Council votes to authorise a no-fly zone over Libya.", "March 19 - French jets fire the first shots of the campaign near Benghazi."}},
		{"markdown wrapped at 72",
			"The council met on Tuesday to discuss the harbour budget, which has\nbeen cut twice since the storm. Members said the cuts went too far\nand asked for a new vote.\n\n- first item\n- second item",
			[]string{"The council met on Tuesday to discuss the harbour budget, which has been cut twice since the storm. Members said the cuts went too far and asked for a new vote.", "- first item\n- second item"}},
		{"a long line broken mid-sentence before a name",
			"Talks between the two sides resumed on Monday in the capital after a pause requested by\nPresident Moon, officials said.",
			[]string{"Talks between the two sides resumed on Monday in the capital after a pause requested by President Moon, officials said."}},
		{"caption and credit stay apart",
			"Crowds filled the square.\n\nProtesters gather outside parliament.\nSopa Images via Reuters",
			[]string{"Crowds filled the square.", "Protesters gather outside parliament.\nSopa Images via Reuters"}},
	}
	for _, c := range cases {
		var got []string
		for _, b := range splitBlocks(c.body) {
			got = append(got, b.text())
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestBylines(t *testing.T) {
	for _, s := range []string{"By Hamid Ould Ahmed", "By Jane Doe and John Smith", "By Reuters Staff", "By Jane Doe, Reuters", "BY JOHN SMITH"} {
		if !isByline(block{s}) {
			t.Errorf("byline missed: %q", s)
		}
	}
	for _, s := range []string{"By Sunday", "By the end of the year, prices rose.", "By contrast, exports fell", "Bystanders Fled"} {
		if isByline(block{s}) {
			t.Errorf("taken for a byline: %q", s)
		}
	}
}

func TestWriteSpacedIsSpaced(t *testing.T) {
	for _, s := range []string{"", "  ", "Plain", "  Two\t\tWORDS \n\u00a0 here  ", "İstanbul ÉTÉ\u2003x", "a\nb", "x\u2028"} {
		var b strings.Builder
		w := bufio.NewWriter(&b)
		writeSpaced(w, s)
		w.Flush()
		if b.String() != spaced(s) {
			t.Errorf("writeSpaced(%q) = %q, want %q", s, b.String(), spaced(s))
		}
	}
}
