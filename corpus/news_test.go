package corpus

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot-dev/newsbot"
	"github.com/newsbot-dev/newsbot/eval"
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
	sameTime(t, dir)
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
	// The byline, once: the copy's is not listed again under its own ID.
	if len(res.Dropped) != 1 || res.Dropped[0].Reason != "byline" || res.Dropped[0].Article != a.ID {
		t.Errorf("dropped %+v, want the byline of %s", res.Dropped, a.ID)
	}
	if a.Place != "SIRTE" {
		t.Errorf("place %q, want SIRTE from the dateline below the byline", a.Place)
	}
}

// TestCopiesWhenPathsAndIDsSortApart: "a-b.txt" reads before "a.txt", but
// the ID "a" comes before "a-b"; each copy is listed once.
func TestCopiesWhenPathsAndIDsSortApart(t *testing.T) {
	d := dir(t, map[string]string{"a.txt": libyaStory, "a-b.txt": libyaStory, "a-c.md": libyaStory})
	sameTime(t, d)
	res := load(t, d)
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

// sameTime gives every file below dir the same modification time, so
// that the smallest ID stands for its copies whatever order the files
// were written in.
func sameTime(t *testing.T, dir string) {
	t.Helper()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, at, at)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCopySavedLaterKeepsItsCitation: a copy saved after its original,
// whatever its name, leaves the article cited by the original's ID (an
// answer's "Full paragraph" button carries it); only when the original
// goes does a copy stand in, the oldest one. Followed through the cache,
// as the watcher reloads: copies added, renamed and removed.
func TestCopySavedLaterKeepsItsCitation(t *testing.T) {
	d := t.TempDir()
	cache := NewCache()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(name string, minutes int) string {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, []byte(libyaStory), 0o644); err != nil {
			t.Fatal(err)
		}
		mod := at.Add(time.Duration(minutes) * time.Minute)
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
		return p
	}
	step := func(changed []string, wantID string, wantCopies ...string) {
		t.Helper()
		res, err := Load(context.Background(), d, Options{Cache: cache, Changed: changed})
		if err != nil {
			t.Fatal(err)
		}
		var copies []string
		for _, c := range res.Articles[0].Copies {
			copies = append(copies, c.Path)
		}
		if len(res.Articles) != 1 || res.Articles[0].ID != wantID || strings.Join(copies, ",") != strings.Join(wantCopies, ",") {
			t.Errorf("articles %d, cited as %s with copies %v; want %s with %v", len(res.Articles), res.Articles[0].ID, copies, wantID, wantCopies)
		}
	}
	m := write("m.txt", 0)
	step(nil, "m")
	a := write("a.txt", 1) // sorts first, saved later
	step([]string{a}, "m", "a.txt")
	z := write("z.txt", 2)
	step([]string{z}, "m", "a.txt", "z.txt")
	b := filepath.Join(d, "b.txt")
	if err := os.Rename(z, b); err != nil {
		t.Fatal(err)
	}
	step([]string{z, b}, "m", "a.txt", "b.txt")
	if err := os.Remove(m); err != nil {
		t.Fatal(err)
	}
	step([]string{m}, "a", "b.txt") // the oldest copy left stands in
	step(nil, "a", "b.txt")         // and a full scan agrees
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

// TestGiantParagraphsAreSplit: a one-line article of 4.9 MB (a clause
// break every few words: the clause checks of the advert rule once took
// the square of its length, minutes) gives many
// paragraphs of moderate size, cut at sentence ends, and so does the same
// text hard-wrapped (its 70,000 lines joined back in linear time) and a
// run of 100,000 short lines (joined as a brief, in linear time); 150,000
// one-line paragraphs are packed into parts of the same size; one
// without sentence ends is cut between words, and text without spaces
// between characters. Nothing is lost.
func TestGiantParagraphsAreSplit(t *testing.T) {
	var prose strings.Builder
	for i := 0; prose.Len() < 4_900_000; i++ {
		fmt.Fprintf(&prose, "Sentence %d of the endless report, filed late, says the U.S. Senate met on Tuesday. ", i)
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

// TestSplitTextNoScrapAtTheEnd: parts end at sentence ends, past their
// aim; a long report must not end on a scrap of a part.
func TestSplitTextNoScrapAtTheEnd(t *testing.T) {
	for _, n := range []int{400, 1_000, 5_000} {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "Sentence %d of the endless report, filed late, says the U.S. Senate met on Tuesday. ", i)
		}
		parts := splitText(strings.TrimSpace(b.String()), maxParagraph)
		for i, p := range parts {
			if len(p) > maxParagraph || len(p) < maxParagraph/2 {
				t.Errorf("%d sentences: part %d of %d has %d bytes", n, i+1, len(parts), len(p))
			}
		}
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
	docs, err := eval.LoadMeantime(shareddata.Path(t, "meantime/meantime_timex_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range docs {
		out[d.ID] = d.Text
	}
	return out
}

// semevalTexts returns the SemEval-2015 Task 4 articles by corpus and
// document ID: their sentences, one a line (the title first, then the date
// line, which eval.LoadSemEval leaves out).
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

// squadFiles writes the SQuAD development set as article files (one per
// Wikipedia title: the title, then its paragraphs between blank lines) and
// returns the paragraphs of each by article ID.
func squadFiles(tb testing.TB) (dir string, paragraphs map[string][]string) {
	tb.Helper()
	squad, err := eval.LoadSQuAD(shareddata.Path(tb, "squad-v1.1/dev-v1.1.json"))
	if err != nil {
		tb.Fatal(err)
	}
	dir = tb.TempDir()
	paragraphs = map[string][]string{}
	for i, a := range squad.Articles {
		id := fmt.Sprintf("squad-%02d", i)
		var b strings.Builder
		b.WriteString(a.Title + "\n")
		for _, p := range a.Paragraphs {
			text := strings.TrimSpace(p.Text)
			b.WriteString("\n" + text + "\n")
			paragraphs[id] = append(paragraphs[id], text)
		}
		if err := os.WriteFile(filepath.Join(dir, id+".txt"), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir, paragraphs
}

// TestSQuADParagraphsKeptWhole: every paragraph of the SQuAD development
// set, written as articles (title, then paragraphs between blank lines),
// comes out as exactly one passage, unchanged (but for white space: some
// hold line breaks, as in "O\n2").
func TestSQuADParagraphsKeptWhole(t *testing.T) {
	d, want := squadFiles(t)
	res := load(t, d)
	if len(res.Articles) != len(want) || len(res.Dropped) != 0 {
		t.Fatalf("%d articles of %d, dropped %+v", len(res.Articles), len(want), res.Dropped)
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

// TestButtonsMidStoryKeepTheStory: scraped pages put "Read more",
// "Related" and "Top stories" buttons in the middle of a story; the story
// after them is news. A section of headlines or of teasers with photos
// after such a marker, at the end, is still dropped.
func TestButtonsMidStoryKeepTheStory(t *testing.T) {
	story := []string{
		"Muammar Gaddafi was killed on Thursday as fighters overran his hometown of Sirte, officials of Libya's interim government said.",
		"His death was confirmed by Prime Minister Mahmoud Jibril at a news conference in Tripoli.",
		"Footage showed the former leader, bloodied but alive, being dragged from a vehicle by fighters.",
		"The killing ends an eight-month uprising that toppled his 42-year rule.",
	}
	headlines := "Related stories\n\nWho were Gaddafi's last loyalists?\n\nTimeline: Libya's eight-month war\n\nNATO to end Libya mission\n"
	teasers := "More from World News\n\nRebels celebrate in Tripoli on Friday.\nREUTERS/Ahmed Jadallah\n\n" +
		"Libya's interim rulers said they would declare the country liberated on Sunday, a day after burying the dead.\n\n" +
		"Oil workers return to a terminal near Ras Lanuf.\nAFP via Getty Images\n\n" +
		"Production could return to pre-war levels within a year, the national oil company said.\n"
	files := map[string]string{}
	for _, button := range []string{"Read more", "Related", "Top stories", "More from CNN"} {
		body := story[0] + "\n\n" + button + "\n\n" + strings.Join(story[1:], "\n\n") + "\n\n"
		name := strings.ToLower(strings.ReplaceAll(button, " ", "-"))
		files[name+".txt"] = "Gaddafi killed in Sirte\n\n" + body
		files[name+"-headlines.txt"] = "Gaddafi killed in Sirte\n\n" + body + headlines
		files[name+"-teasers.txt"] = "Gaddafi killed in Sirte\n\n" + body + teasers
	}
	res := load(t, dir(t, files))
	for _, a := range res.Articles {
		if got := strings.Join(texts(a), "\n\n"); got != strings.Join(story, "\n\n") {
			t.Errorf("%s: paragraphs\n%q\nwant the story whole, and nothing else", a.ID, texts(a))
		}
		for _, p := range a.Paragraphs {
			if p.Section != "" {
				t.Errorf("%s: paragraph %d under %q: a button is no heading", a.ID, p.N, p.Section)
			}
		}
	}
}

// TestStoriesAboutPhotoAgencies: a credit is names with an agency's mark;
// a line that names an agency in a sentence is news: the hard-wrapped
// lede of a story about Getty Images, a list item about Shutterstock.
func TestStoriesAboutPhotoAgencies(t *testing.T) {
	credits := []string{"(AP Photo/Evan Vucci)", "AFP via Getty Images", "Spencer Platt/Getty Images", "Getty Images",
		"Image copyright Getty Images", "REUTERS/Ahmed Jadallah/File Photo", "Photograph: Alamy", "Shutterstock"}
	for _, c := range credits {
		if !isPhotoCredit(c) {
			t.Errorf("credit missed: %q", c)
		}
	}
	wire := `Getty Images results
    SEATTLE, Nov 9 - Getty Images Holdings said on Thursday
its quarterly revenue rose as demand for licensed content from
artificial intelligence companies grew, sending shares of Getty Images
up sharply in extended trading.
    The company said revenue rose to 240 mln dlrs from 220 mln.
 Reuter
`
	list := "Stock-photo deals of the year\n\nThe industry consolidated quickly this year.\n\n" +
		"- Getty Images to merge with Shutterstock\n- Adobe buys a rival\n\nAnalysts expect more deals.\n"
	res := load(t, dir(t, map[string]string{"getty.txt": wire, "deals.txt": list}))
	if len(res.Dropped) != 0 {
		t.Errorf("dropped %+v", res.Dropped)
	}
	lede := "SEATTLE, Nov 9 - Getty Images Holdings said on Thursday its quarterly revenue rose as demand for licensed content from artificial intelligence companies grew, sending shares of Getty Images up sharply in extended trading."
	if a := article(t, res, "getty"); len(a.Paragraphs) == 0 || a.Paragraphs[0].Text != lede {
		t.Errorf("getty: paragraphs %q, want the lede whole first", texts(a))
	}
	if a := article(t, res, "deals"); !hasParagraph(a, "- Getty Images to merge with Shutterstock\n- Adobe buys a rival") {
		t.Errorf("deals: paragraphs %q, want the list whole", texts(a))
	}
}

// TestHashtagsOpenNews: a paragraph that opens with a hashtag or a rank is
// news, not a Markdown heading; a heading needs "#" and a space.
func TestHashtagsOpenNews(t *testing.T) {
	body := "#MeToo spreads to Hollywood\n\nThe campaign began on social media on Sunday.\n\n" +
		"#MeToo posts were shared more than 12 million times in the first 24 hours, Facebook said on Tuesday.\n\n" +
		"#1 seed Novak Djokovic lost in the second round.\n\n## What comes next\n\nThe campaign has spread to dozens of countries.\n"
	res := load(t, dir(t, map[string]string{"metoo.md": body}))
	a := article(t, res, "metoo")
	want := []string{"The campaign began on social media on Sunday.",
		"#MeToo posts were shared more than 12 million times in the first 24 hours, Facebook said on Tuesday.",
		"#1 seed Novak Djokovic lost in the second round.", "The campaign has spread to dozens of countries."}
	if a.Title != "#MeToo spreads to Hollywood" || strings.Join(texts(a), "|") != strings.Join(want, "|") {
		t.Errorf("title %q, paragraphs %q", a.Title, texts(a))
	}
	if s := a.Paragraphs[len(a.Paragraphs)-1].Section; s != "What comes next" {
		t.Errorf("last section %q, want the Markdown heading", s)
	}
}

// TestRepeatedNewsAtTheEdgesStays: lines that close every story of a
// series are boilerplate only when they are labels ("Reuter", "Related
// Topics"); an unfinished line of news repeated so stays: a key-points
// list at the bottom of each update of a story, a quote that lost its
// full stop, a Chinese agency's standard background sentence.
func TestRepeatedNewsAtTheEdgesStays(t *testing.T) {
	keyPoints := "KEY POINTS\n- Rebels control most of the country\n- Gaddafi's whereabouts remain unknown\n- NATO air strikes continue"
	quote := `"We will fight until the last drop of blood," Gaddafi said in a broadcast`
	background := "利比亚冲突始于反对卡扎菲统治的抗议活动。"
	files := map[string]string{}
	for i := 1; i <= 3; i++ {
		files[fmt.Sprintf("reuters/sirte-%d.txt", i)] = fmt.Sprintf("UPDATE %d-Fighting in Sirte\n\n"+
			"SIRTE, Libya, Oct %d (Reuters) - Fighters pushed into the centre of Sirte on day %d of the assault.\n\n%s\n\n%s\n\nRelated Topics\n\nReuter\n",
			i, 10+i, i, quote, keyPoints)
		files[fmt.Sprintf("xinhua/libya-%d.md", i)] = fmt.Sprintf("---\ntitle: 利比亚局势 %d\nsource: 新华社\n---\n第%d天，联合国安理会召开紧急会议讨论利比亚局势。\n\n%s\n", i, i, background)
	}
	res := load(t, dir(t, files))
	for i := 1; i <= 3; i++ {
		a := article(t, res, fmt.Sprintf("reuters/sirte-%d", i))
		if !hasParagraph(a, keyPoints) || !hasParagraph(a, quote) || hasParagraph(a, "Reuter\n") || hasParagraph(a, "Related Topics") {
			t.Errorf("%s: paragraphs %q, want the key points and the quote, without the labels", a.ID, texts(a))
		}
		if a := article(t, res, fmt.Sprintf("xinhua/libya-%d", i)); !hasParagraph(a, background) {
			t.Errorf("%s: paragraphs %q, want the background sentence", a.ID, texts(a))
		}
	}
	for _, d := range res.Dropped {
		if d.Text != "Reuter" && d.Text != "Related Topics" {
			t.Errorf("%s: dropped %q: %s", d.Article, d.Text, d.Reason)
		}
	}
}

// TestLedesThatOpenLikeTimeStamps: a monthly series whose ledes open
// "Updated figures showed…" or "Posted…" keeps them: a time stamp is no
// sentence, and figures in it are compared blind only for real stamps.
func TestLedesThatOpenLikeTimeStamps(t *testing.T) {
	files := map[string]string{}
	for i := 1; i <= 3; i++ {
		files[fmt.Sprintf("acme/cpi-%d.md", i)] = fmt.Sprintf("---\ntitle: Inflation report %d\nsource: Acme Wire\n---\n"+
			"Last updated at 10:%02d GMT\n\nUpdated figures showed inflation rose to %d.2 percent in the month.\n\n"+
			"Economists had expected a smaller rise, officials said on day %d.\n\n"+
			"Posted job vacancies fell 3 percent, the agency said.\n", i, 10*i, i, i)
	}
	res := load(t, dir(t, files))
	for i := 1; i <= 3; i++ {
		a := article(t, res, fmt.Sprintf("acme/cpi-%d", i))
		if len(a.Paragraphs) != 3 || !strings.HasPrefix(a.Paragraphs[0].Text, "Updated figures") || !hasParagraph(a, "Posted job vacancies") {
			t.Errorf("%s: paragraphs %q, want the lede, the reaction and the vacancies", a.ID, texts(a))
		}
	}
	for _, d := range res.Dropped {
		if !strings.HasPrefix(d.Text, "Last updated at") {
			t.Errorf("%s: dropped %q: %s", d.Article, d.Text, d.Reason)
		}
	}
}

// TestReportedCallsToActionAreNews: a call to action that someone is
// reported to have made is news ("Tune in to state television, the junta
// ordered"), and "Advertising:" opens a business segment's figures; a
// page's own call to action is still an advert, and a time stamp
// "Posted 3 hours ago" still boilerplate.
func TestReportedCallsToActionAreNews(t *testing.T) {
	news := []string{
		"Tune in to state television, the junta ordered citizens on Sunday.",
		"Download the app to receive evacuation alerts, police urged residents.",
		"Join us in the streets, opposition leaders wrote in a statement on Facebook.",
		"Learn more about the rescue effort, the Red Cross posted on Twitter.",
		"Advertising: revenue fell 12 pct to 34 mln dlrs\nPublishing: revenue rose 3 pct to 51 mln dlrs",
	}
	files := map[string]string{}
	for i := 1; i <= 3; i++ {
		files[fmt.Sprintf("wire/coup-%d.txt", i)] = fmt.Sprintf("Coup in the capital, day %d\n\nPosted %d hours ago\n\n%s\n\nShare your stories with us.\n", i, i, strings.Join(news, "\n\n"))
	}
	res := load(t, dir(t, files))
	for i := 1; i <= 3; i++ {
		a := article(t, res, fmt.Sprintf("wire/coup-%d", i))
		if strings.Join(texts(a), "\n\n") != strings.Join(news, "\n\n") {
			t.Errorf("%s: paragraphs %q, want the news and nothing else", a.ID, texts(a))
		}
	}
}

// TestQAndAKeepsItsQuestions: a Reuters-style Q&A's questions are no
// headings: each is one passage with its answer, so that "How big is the
// fund?" finds "A: 440 billion euros." by its question.
func TestQAndAKeepsItsQuestions(t *testing.T) {
	body := "Q&A-What is the euro zone bailout fund?\n\n" +
		"BRUSSELS, Oct 20 (Reuters) - Euro zone leaders meet on Sunday to decide how to use their bailout fund.\n\n" +
		"Q: What is the EFSF?\n\nA: The European Financial Stability Facility is a fund set up in 2010 to lend to euro zone states.\n\n" +
		"Q: How big is the fund?\n\nA: 440 billion euros.\n\n" +
		"Q: Who pays? A: The euro zone's governments, by their share of the ECB's capital.\n\n" +
		"The fund can lend to banks through their governments.\n"
	a := article(t, load(t, dir(t, map[string]string{"qa.txt": body})), "qa")
	want := []string{
		"BRUSSELS, Oct 20 (Reuters) - Euro zone leaders meet on Sunday to decide how to use their bailout fund.",
		"Q: What is the EFSF?\nA: The European Financial Stability Facility is a fund set up in 2010 to lend to euro zone states.",
		"Q: How big is the fund?\nA: 440 billion euros.",
		"Q: Who pays? A: The euro zone's governments, by their share of the ECB's capital.", // answered on its line
		"The fund can lend to banks through their governments.",
	}
	if strings.Join(texts(a), "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q, want %q", texts(a), want)
	}
}

// TestCookieNoticeIsBoilerplate: a web page's cookie notice closing every
// article of a source is page furniture, like its time stamp; a story
// about cookies is news.
func TestCookieNoticeIsBoilerplate(t *testing.T) {
	notice := "We use cookies to ensure that we give you the best experience on our website. If you continue, we assume you are happy with it."
	files := map[string]string{}
	for i := 1; i <= 3; i++ {
		files[fmt.Sprintf("bbc/libya-%d.md", i)] = fmt.Sprintf("---\ntitle: Libya, day %d\nsource: BBC\n---\n"+
			"Coalition forces carried out a night of strikes on Libya, day %d.\n\n"+
			"Google said it would stop using third-party cookies in its browser, regulators said.\n\n%s\n", i, i, notice)
	}
	res := load(t, dir(t, files))
	for i := 1; i <= 3; i++ {
		a := article(t, res, fmt.Sprintf("bbc/libya-%d", i))
		if len(a.Paragraphs) != 2 || hasParagraph(a, "We use cookies") || !hasParagraph(a, "third-party cookies") {
			t.Errorf("%s: paragraphs %q, want the two of news", a.ID, texts(a))
		}
	}
}

// TestParagraphBeforeAPhotoIsNoCaption: a photo without a caption sits
// after a paragraph of the story; the paragraph is news (long, or someone
// said it), only the credit goes. A short caption above its credit goes.
func TestParagraphBeforeAPhotoIsNoCaption(t *testing.T) {
	lede := "Rebel fighters pushed into the centre of Sirte on Tuesday after a week of heavy shelling, and " +
		"commanders said the last pocket of Gaddafi loyalists was surrounded near the conference centre, where " +
		"snipers had held up the advance for days while civilians fled the city in cars piled high with " +
		"belongings and mattresses, witnesses and aid workers said."
	quote := `"We are in the final stages," commander Mustafa bin Dardef said on Tuesday.`
	body := "Rebels push into Sirte\n\n" + lede + "\n\nREUTERS/Esam Al-Fetori\n\n" + quote + "\nREUTERS/Saad Shalash\n\n" +
		"Fighters celebrate on a captured tank in Sirte.\n\nREUTERS/Ahmed Jadallah\n\n" +
		"The fall of Sirte would allow the interim government to declare the country liberated.\n"
	res := load(t, dir(t, map[string]string{"sirte.txt": body}))
	want := []string{lede, quote, "The fall of Sirte would allow the interim government to declare the country liberated."}
	if got := texts(article(t, res, "sirte")); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q\nwant %q", got, want)
	}
}

// TestInlineLinksAreNoHeadings: CNN-style links between paragraphs
// ("Related: Timeline of the conflict") go; they were headings, the
// section of the story below them. A sentence that opens so stays.
func TestInlineLinksAreNoHeadings(t *testing.T) {
	body := "Gaddafi forces pound rebels\n\n" +
		"Tripoli, Libya (CNN) -- Coalition forces struck Libyan air defenses for a third night, officials said.\n\n" +
		"Related: Why did the coalition strike Libya?\n\n" +
		"A U.S. fighter jet crashed in Libya overnight, but both crew members were safe, a U.S. military official said.\n\n" +
		"Watch: Rebels retreat from Ajdabiya\n\n" +
		"Watch: the footage, filmed by a resident, shows tanks in the streets of Misrata.\n\n" +
		"CNN's Jane Arraf contributed to this report.\n"
	a := article(t, load(t, dir(t, map[string]string{"cnn.txt": body})), "cnn")
	want := []string{
		"Tripoli, Libya (CNN) -- Coalition forces struck Libyan air defenses for a third night, officials said.",
		"A U.S. fighter jet crashed in Libya overnight, but both crew members were safe, a U.S. military official said.",
		"Watch: the footage, filmed by a resident, shows tanks in the streets of Misrata.",
		"CNN's Jane Arraf contributed to this report.",
	}
	if strings.Join(texts(a), "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q\nwant %q", texts(a), want)
	}
	for _, p := range a.Paragraphs {
		if p.Section != "" {
			t.Errorf("paragraph %d under %q", p.N, p.Section)
		}
	}
}

// TestChineseAndJapaneseParagraphs: a Chinese or Japanese article with a
// paragraph a line keeps them apart: its lines end on "。", a full stop,
// not mid-sentence as hard-wrapped prose does.
func TestChineseAndJapaneseParagraphs(t *testing.T) {
	zh := []string{
		"新华社的黎波里10月20日电，利比亚全国过渡委员会20日宣布，卡扎菲在苏尔特被抓获后死亡。",
		"过渡委员会执行局副主席贾卜里勒在首都的黎波里举行的新闻发布会上宣布了这一消息。",
		"他说，卡扎菲在被押送途中因伤重不治身亡，过渡委员会将在近日宣布利比亚全境解放。",
		"联合国秘书长潘基文当天发表声明，呼吁利比亚各派放下武器，实现民族和解。",
	}
	ja := []string{
		"リビアの国民評議会は20日、カダフィ大佐が出身地シルトで拘束された後に死亡したと発表した。",
		"評議会のジブリル執行委員長は首都トリポリで記者会見し、大佐の死亡を確認した。",
		"これにより、8か月に及んだ内戦は事実上終結するとみられる。",
	}
	res := load(t, dir(t, map[string]string{
		"zh.txt": "利比亚局势\n" + strings.Join(zh, "\n") + "\n",
		"ja.txt": "カダフィ大佐死亡\n" + strings.Join(ja, "\n") + "\n",
	}))
	for id, want := range map[string][]string{"zh": zh, "ja": ja} {
		if got := texts(article(t, res, id)); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: paragraphs %q, want %d, one a line", id, got, len(want))
		}
	}
}

// TestAddKeepsEveryPassage: an article written by Add (as `newsbot add`
// and the feed follower write them) reads back with the same passages.
// Add joined a passage's lines with spaces, and a few short lines made one
// short line, read back as a heading: a pull quote and its speaker, a
// short list, went out of the passages.
func TestAddKeepsEveryPassage(t *testing.T) {
	src := "Storm hits the coast\n\nMIAMI, Sept 10 (Reuters) - A powerful storm hit the coast on Sunday.\n\n" +
		"\"We lost everything\"\n-- resident Maria Lopez\n\n" +
		"Officials opened shelters in three counties.\n\n" +
		"What residents need\n- Water\n- Shelter\n\n" +
		"Q: When will power return?\n\nA: Within a week, the utility said.\n\n" +
		"Shr 34 cts vs 1.19 dlrs\nNet 3,804,000 vs 5,294,000\n\n" +
		"Residents fled inland.\n"
	arts, _, err := Parse("storm.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := t.TempDir()
	if _, err := Add(d, arts); err != nil {
		t.Fatal(err)
	}
	res := load(t, d)
	if len(res.Articles) != 1 {
		t.Fatalf("%d articles", len(res.Articles))
	}
	if got, want := texts(res.Articles[0]), texts(arts[0]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("read back:\n%q\nwant\n%q", got, want)
	}
}
