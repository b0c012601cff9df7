package timex

import (
	"strings"
	"testing"
	"time"
)

// newsCase is a sentence of wire copy, the article's publication date, and
// the values its expressions must have, in order.
type newsCase struct {
	ref, text string
	want      []string
}

func checkNews(t *testing.T, cases []newsCase) {
	t.Helper()
	for _, c := range cases {
		var got []string
		for _, e := range Extract(c.text, date(c.ref)) {
			got = append(got, e.Text+"="+e.Value)
		}
		if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("published %s: %q\n got %v\nwant %v", c.ref, c.text, got, c.want)
		}
	}
}

// TestBareWeekdays: a weekday without a date takes the tense of the verb
// it belongs to: the nearest before it in its sentence, else the first
// after it.
func TestBareWeekdays(t *testing.T) {
	const fri = "2011-01-28" // a Friday: Mubarak's speech was that night
	checkNews(t, []newsCase{
		// Issue 10: the government was dissolved the next day.
		{fri, "Mubarak said he would dissolve the government Saturday.", []string{"Saturday=2011-01-29"}},
		{fri, "Mubarak promised to dissolve the government Saturday and form a new one.", []string{"Saturday=2011-01-29"}},
		{fri, "Mubarak, in a televised speech, vowed to name a new government on Saturday.", []string{"Saturday=2011-01-29"}},
		{fri, "Protesters clashed with police on Friday.", []string{"Friday=2011-01-28"}},
		{fri, "Protesters clashed with police on Thursday.", []string{"Thursday=2011-01-27"}},
		{fri, "The minister said on Tuesday that talks had failed.", []string{"Tuesday=2011-01-25"}},
		{fri, "On Tuesday, tens of thousands marched in Cairo.", []string{"Tuesday=2011-01-25"}},
		{fri, "On Monday, the cabinet will meet again.", []string{"Monday=2011-01-31"}},
		{fri, "The cabinet will meet on Sunday.", []string{"Sunday=2011-01-30"}},
		{fri, "The cabinet won't meet until Sunday.", []string{"Sunday=2011-01-30"}},
		{fri, "The vote is on Sunday.", []string{"Sunday=2011-01-30"}},
		// A verb in the present for what is arranged: the coming days.
		{fri, "The council meets Monday to discuss the crisis.", []string{"Monday=2011-01-31"}},
		{fri, "Talks resume on Monday.", []string{"Monday=2011-01-31"}},
		{fri, "The president travels to Paris on Tuesday.", []string{"Tuesday=2011-02-01"}},
		{fri, "The exhibition opens Sunday in Cairo.", []string{"Sunday=2011-01-30"}},
		{fri, "The Australian Open ends on Sunday.", []string{"Sunday=2011-01-30"}},
		// ... but a noun is no verb.
		{fri, "After the vote on Monday, protesters gathered.", []string{"Monday=2011-01-24"}},
		// A refusal, a purpose clause, a past state: the past.
		{fri, "Police could not be reached for comment on Thursday.", []string{"Thursday=2011-01-27"}},
		{fri, "A spokesman would not comment on Wednesday.", []string{"Wednesday=2011-01-26"}},
		{fri, "Police used tear gas to disperse protesters on Wednesday.", []string{"Wednesday=2011-01-26"}},
		{fri, "The embassy remained closed until Monday.", []string{"Monday=2011-01-24"}},
		{fri, "The embassy will remain closed until Monday.", []string{"Monday=2011-01-31"}},
		{fri, "Markets stay closed until Monday.", []string{"Monday=2011-01-31"}},
		{fri, "The vote was postponed until Sunday.", []string{"Sunday=2011-01-30"}},
		// Relative and complement clauses have their own tense.
		{fri, "The company, which will report results on Tuesday, said sales rose.", []string{"Tuesday=2011-02-01"}},
		{fri, "Shares of the company, which reported results on Tuesday, rose 5%.", []string{"Tuesday=2011-01-25"}},
		{fri, "He said that on Monday the talks would resume.", []string{"Monday=2011-01-31"}},
		{fri, "It was not immediately clear on Thursday whether he would attend.", []string{"Thursday=2011-01-27"}},
		{fri, "Police said a man was arrested on Thursday and will appear in court on Monday.", []string{"Thursday=2011-01-27", "Monday=2011-01-31"}},
		{fri, "Talks broke down on Wednesday, and are due to resume on Monday.", []string{"Wednesday=2011-01-26", "Monday=2011-01-31"}},
		{fri, "Hundreds of thousands are expected to march on Tuesday.", []string{"Tuesday=2011-02-01"}},
		{fri, "The deadline expired on Thursday.", []string{"Thursday=2011-01-27"}},
		{fri, "The bill expires on Thursday.", []string{"Thursday=2011-02-03"}},
		// Possessives.
		{fri, "Friday's protests were the largest yet.", []string{"Friday=2011-01-28"}},
		{fri, "Thousands gathered ahead of Tuesday's march.", []string{"Tuesday=2011-02-01"}},
		// "the United Nations" is a name, not a verb in the past.
		{fri, "The United Nations will vote on Monday.", []string{"Monday=2011-01-31"}},
		// "a Thursday" is any Thursday, unless it qualifies a noun.
		{fri, "Question time takes place on a Thursday.", nil},
		{fri, "In a Wednesday media event, Apple released new laptops.", []string{"Wednesday=2011-01-26"}},
		// A sentence ends at "." only where package sentence ends one.
		{fri, "He met the U.N. envoy on Thursday and will fly to Geneva.", []string{"Thursday=2011-01-27"}},
		{fri, "Talks in the U.S. failed. On Monday the envoy will try again.", []string{"Monday=2011-01-31"}},
	})
}

// TestYearlessDates: a day or a month without a year is in the past when
// its verb is, in the future when its verb is, and otherwise in the nine
// months before publication or the three after it.
func TestYearlessDates(t *testing.T) {
	checkNews(t, []newsCase{
		// Issue 10: a February article on Mubarak's speech of 1 February.
		{"2011-02-02", "Mubarak said he wouldn't seek re-election in September.", []string{"September=2011-09"}},
		{"2011-02-02", "Mubarak said he would not stand in the September election.", []string{"September=2011-09"}},
		{"2011-02-02", "Mubarak said on Tuesday he won't run in September's election.", []string{"Tuesday=2011-02-01", "September=2011-09"}},
		{"2011-02-02", "Elections were held in September.", []string{"September=2010-09"}},
		{"2011-02-02", "Parliamentary elections held in November were marred by fraud.", []string{"November=2010-11"}},
		{"2011-02-02", "The trial begins in September.", []string{"September=2011-09"}},
		{"2011-02-02", "The company's fiscal year ends June 30.", []string{"June 30=2011-06-30"}},
		// ... but a habit is no arrangement: no tense.
		{"2011-01-28", "The festival usually opens in June.", []string{"June=2010-06"}},
		{"2011-02-02", "Mubarak is due to step down in September.", []string{"September=2011-09"}},
		{"2011-02-02", "The IMF forecast in October that growth would slow.", []string{"October=2010-10"}},
		{"2011-02-02", "The company expects to return to profit in March.", []string{"March=2011-03"}},
		{"2011-02-02", "Parliament is in recess until March.", []string{"March=2011-03"}},
		{"2011-01-28", "The bank cut rates on Thursday, its first move since March.", []string{"Thursday=2011-01-27", "March=2010-03"}},
		// More than six months after publication, in a past-tense sentence.
		{"2011-02-10", "Sales fell 5 percent on Sept. 30.", []string{"Sept. 30=2010-09-30"}},
		{"2011-01-14", "Protests began on Dec. 17 after a vendor set himself on fire.", []string{"Dec. 17=2010-12-17"}},
		// Recent past and near future with no tense.
		{"2011-10-20", "Gaddafi was killed on Oct. 20 in Sirte.", []string{"Oct. 20=2011-10-20"}},
		{"2011-10-20", "Results of the Oct. 23 election are awaited.", []string{"Oct. 23=2011-10-23"}},
		{"2011-10-20", "The March 17 resolution authorised force.", []string{"March 17=2011-03-17"}},
		{"2011-12-20", "Voting starts on Jan. 3 in Iowa.", []string{"Jan. 3=2012-01-03"}},
		// Parts of a year.
		{"2011-02-10", "Profit in the third quarter rose 5 percent.", []string{"the third quarter=2010-Q3"}},
		{"2011-02-10", "The company expects profit to rise in the third quarter.", []string{"the third quarter=2011-Q3"}},
		// A quarter that names what is reported takes no tense from the verb.
		{"2011-01-18", "China will release its fourth-quarter GDP data on Thursday.", []string{"fourth-quarter=2010-Q4", "Thursday=2011-01-20"}},
		{"2011-01-18", "Apple will report Q4 results next week.", []string{"Q4=2010-Q4", "next week=2011-W04"}},
		{"2009-02-18", "The company has warned that it might run out of money by March.", []string{"March=2009-03"}},
		{"2009-10-12", "The high hit in September last year was not reached.", []string{"September last year=2008-09"}},
		{"2011-10-20", "Elections are due next month.", []string{"next month=2011-11"}},
	})
}

// TestDateLines: a date that opens a chronology or factbox line, or a
// dateline, is in the past, whatever the tense of the line's verb.
func TestDateLines(t *testing.T) {
	checkNews(t, []newsCase{
		// Issue 10: a Libya timeline published in October 2011.
		{"2011-10-20", "March 17 - The U.N. Security Council votes to authorise a no-fly zone over Libya.", []string{"March 17=2011-03-17"}},
		{"2011-10-20", "Feb 21: Protests spread to Tripoli.", []string{"Feb 21=2011-02-21"}},
		{"2011-10-20", "March 19 — French jets fire the first shots.", []string{"March 19=2011-03-19"}},
		// Lines a cleaner joined into one paragraph.
		{"2011-10-20", "March 17 - The Security Council votes for a no-fly zone. March 19 - French jets fire the first shots. Aug 23 - Rebels storm Gaddafi's compound.",
			[]string{"March 17=2011-03-17", "March 19=2011-03-19", "Aug 23=2011-08-23"}},
		{"2011-10-20", "March 17 - The Security Council votes for a no-fly zone.\nMarch 19 - French jets fire the first shots.",
			[]string{"March 17=2011-03-17", "March 19=2011-03-19"}},
		{"2011-10-20", "March 17 - The Security Council votes for a no-fly zone March 19 - French jets fire the first shots",
			[]string{"March 17=2011-03-17", "March 19=2011-03-19"}},
		// ... but a date after a preposition is the sentence's.
		{"2011-10-20", "The council will vote on Nov. 3 - a Thursday - in New York.", []string{"Nov. 3=2011-11-03"}},
		// A chronology over New Year.
		{"2011-01-14", "Dec 17 - Mohamed Bouazizi sets himself on fire in Sidi Bouzid.", []string{"Dec 17=2010-12-17"}},
		// A future only when the line says so plainly, in its own clause.
		{"2011-10-20", "Nov 6 - Libya's interim government is due to be formed.", []string{"Nov 6=2011-11-06"}},
		{"2011-10-20", "Feb 1 - Mubarak says he will not run again.", []string{"Feb 1=2011-02-01"}},
		// Datelines.
		{"2011-02-21", "Feb 21 (Reuters) - Gaddafi's son warned of civil war.", []string{"Feb 21=2011-02-21"}},
		{"2011-10-20", "TRIPOLI, Oct 20 (Reuters) - Muammar Gaddafi was killed on Thursday.", []string{"Oct 20=2011-10-20", "Thursday=2011-10-20"}},
		{"2011-10-21", "TRIPOLI, Oct 20 (Reuters) - Libya's new rulers will name a government next week.", []string{"Oct 20=2011-10-20", "next week=2011-W43"}},
		// A range is no chronology line; its days are two dates.
		{"2011-10-20", "Talks are set for Nov. 17-18 in Paris.", []string{"Nov. 17=2011-11-17", "18=2011-11-18"}},
		{"2011-10-20", "Talks were held on 17-18 October in Paris.", []string{"17=2011-10-17", "18 October=2011-10-18"}},
		{"2011-10-20", "Talks are set for Nov. 30-Dec. 2 in Paris.", []string{"Nov. 30=2011-11-30", "Dec. 2=2011-12-02"}},
	})
	if got := Extract("Talks are set for Nov. 17-18 in Paris.", time.Time{}); len(got) != 2 || got[1].Text != "18" || got[1].Value != "XXXX-11-18" {
		t.Errorf("undated range: %+v", got)
	}
}

// TestDaysNamedByOthers: "the same day", "the next day" take the day the
// text named last; a clock time takes the day named in its sentence, else
// the day named last before it.
func TestDaysNamedByOthers(t *testing.T) {
	checkNews(t, []newsCase{
		{"2009-12-16", "Boeing's 787 made its first test flight Tuesday in Everett, Washington at 18:00 UTC.",
			[]string{"Tuesday=2009-12-15", "18:00 UTC=2009-12-15T18:00Z"}},
		{"2009-06-04", "In a press conference at 16:15 UTC, June 1st, Henderson outlined a plan.",
			[]string{"16:15 UTC=2009-06-01T16:15Z", "June 1st=2009-06-01"}},
		{"2009-06-04", "The index closed at 16:15 UTC. On Monday it had risen.",
			[]string{"16:15 UTC=2009-06-04T16:15Z", "Monday=2009-06-01"}},
		// A day named in the sentence before: the clock time is on it.
		{"2009-06-04", "The plane left Rio on Sunday. It lost contact at 10:14 p.m. over the Atlantic.",
			[]string{"Sunday=2009-05-31", "10:14 p.m.=2009-05-31T22:14"}},
		{"2009-04-04", "Stocks posted gains on Friday. A report released on the same day said 663,000 jobs were lost.",
			[]string{"Friday=2009-04-03", "the same day=2009-04-03"}},
		{"2009-02-24", "Indexes closed at their lowest levels on Monday.\nThe Dow fell 3.4 percent to end the day at 7,114.",
			[]string{"Monday=2009-02-23", "the day=2009-02-23"}},
		{"2011-01-28", "He was arrested on Monday and released the next day.", []string{"Monday=2011-01-24", "the next day=2011-01-25"}},
		{"2011-01-28", "The day before, shares fell.", []string{"The day before=2011-01-27"}},
		{"2011-01-28", "That day, markets fell.", []string{"That day=2011-01-28"}},
		{"2009-06-04", "He said that day one motions had been filed.", nil},
	})
	// An undated article: the clock time takes the date named beside it,
	// "the next day" the day after it; with no date named, neither is
	// counted from publication.
	if got := Extract("Trading stopped at 14:30 on March 3, 2009. The next day it resumed.", time.Time{}); len(got) != 3 ||
		got[0].Value != "2009-03-03T14:30" || got[2].Value != "2009-03-04" {
		t.Errorf("undated: %+v", got)
	}
	if got := Extract("The next day it resumed.", time.Time{}); len(got) != 1 || got[0].Value != "" || got[0].Relative != nil {
		t.Errorf("undated, no date named: %+v", got)
	}
}

// TestCountedFromNamedDates: "two days later", "a year earlier", "the
// following year", "the previous week" count from the date the text named
// last, as TimeML values them; "a year ago" from a period named in its
// sentence.
func TestCountedFromNamedDates(t *testing.T) {
	checkNews(t, []newsCase{
		{"2011-01-28", "He was arrested on Monday and released two days later.", []string{"Monday=2011-01-24", "two days later=2011-01-26"}},
		{"2011-01-28", "It opened on March 3, 2008, and closed two weeks later.", []string{"March 3, 2008=2008-03-03", "two weeks later=2008-03-17"}},
		{"2011-10-06", "Jobs left Apple in 1985. One year later he founded Pixar.", []string{"1985=1985", "One year later=1986"}},
		{"2011-10-06", "Apple introduced the iPod in 2001 and the following year a new Mac OS.", []string{"2001=2001", "the following year=2002"}},
		{"2011-10-06", "Jobs returned to Apple in 1997; the previous year Apple had bought NeXT.", []string{"1997=1997", "the previous year=1996"}},
		{"2011-10-06", "Claims fell last week from the previous week.", []string{"last week=2011-W39", "the previous week=2011-W38"}},
		{"2011-10-06", "The deal will close by the end of the year.", []string{"the end of the year=2011"}},
		{"2011-10-06", "Prices rose in 2008 and had doubled by the end of the year.", []string{"2008=2008", "the end of the year=2008"}},
		{"2011-02-10", "Profit rose 5% in the third quarter from a year earlier.", []string{"the third quarter=2010-Q3", "a year earlier=2009-Q3"}},
		{"2009-02-03", "Sales fell 35% in January, compared to the same month a year ago.", []string{"January=2009-01", "a year ago=2008-01"}},
		{"2011-02-10", "He was elected a year ago.", []string{"a year ago=2010"}},
		{"2011-02-10", "Sales rose in January. He was elected a year ago.", []string{"January=2011-01", "a year ago=2010"}},
		{"2011-01-28", "Several weeks later, talks resumed.", []string{"Several weeks later=FUTURE_REF"}},
		{"2005-11-05", "It arrives on November 11, three days later than originally planned.", []string{"November 11=2005-11-11", "three days=P3D", "later=FUTURE_REF"}},
		{"2008-01-21", "It was the biggest single-day loss in recent years.", []string{"single-day=P1D", "recent years=PAST_REF"}},
	})
}

// TestWeekendsAndHolidays: "the weekend" is the last one unless the
// sentence looks ahead; holidays are dates without a year.
func TestWeekendsAndHolidays(t *testing.T) {
	checkNews(t, []newsCase{
		{"2008-09-17", "Lehman filed for bankruptcy on Monday after talks collapsed over the weekend.", []string{"Monday=2008-09-15", "the weekend=2008-W37-WE"}},
		{"2008-09-17", "Talks will resume at the weekend.", []string{"the weekend=2008-W38-WE"}},
		{"2008-09-20", "Talks continued over the weekend.", []string{"the weekend=2008-W38-WE"}},
		{"2011-01-14", "Sales rose over Christmas.", []string{"Christmas=2010-12-25"}},
		{"2011-01-14", "The party is planned for New Year's Eve.", []string{"New Year's Eve=2011-12-31"}},
		{"2011-01-14", "He died on Christmas Day 2009.", []string{"Christmas Day 2009=2009-12-25"}},
		{"2011-01-14", "Easter 2011 falls late.", []string{"Easter 2011=2011-04-24"}},
		{"2011-01-14", "It aired in the 2005 Christmas special.", []string{"2005 Christmas=2005-12-25"}},
		{"2011-01-14", "Prices rose before Thanksgiving.", []string{"Thanksgiving=2010-11-25"}},
		// Holidays of several words, and days that move with the year.
		{"2019-03-12", "Markets were shut on Presidents' Day and Martin Luther King, Jr. Day.",
			[]string{"Presidents' Day=2019-02-18", "Martin Luther King, Jr. Day=2019-01-21"}},
		{"2019-03-12", "Stores will open on Good Friday and Easter Monday.", []string{"Good Friday=2019-04-19", "Easter Monday=2019-04-22"}},
		{"2019-03-12", "The rally is planned for Memorial Day.", []string{"Memorial Day=2019-05-27"}},
		{"2019-03-12", "Sales on Black Friday rose.", []string{"Black Friday=2018-11-23"}},
		{"2019-03-12", "The St. Patrick's Day parade will go ahead.", []string{"St. Patrick's Day=2019-03-17"}},
		{"2019-03-12", "Black Monday was a crash.", nil},
	})
}

// TestNumbersThatNameThings: a four-digit number is a year where news
// writes one, not where it numbers a thing (a report, a ship, a flight, a
// UN resolution), and a year far from the article's only after a word
// that leads to a year.
func TestNumbersThatNameThings(t *testing.T) {
	const ref = "2026-03-10"
	checkNews(t, []newsCase{
		// The whole-corpus timeline that found the year 1000.
		{ref, "Harbour report number 1000", nil},
		{ref, "Harbour report 1000", nil},
		{ref, "The harbour master logged ship 1000 arriving on Tuesday.", []string{"Tuesday=2026-03-10"}},
		{ref, "The harbour master logged ship 1999 arriving.", nil},
		{ref, "Flight 2008 landed safely; Route 1990 was closed.", nil},
		{ref, "Security Council Resolution 1973 authorised a no-fly zone.", nil},
		{ref, "The buses 2010 and 2011 were late, said the No. 1998 report on page 2005.", nil},
		{ref, "Article 2019 of the code and Room 2012 were cited, with figures 2001 and 2002.", nil},
		// Years stay years.
		{ref, "The bridge was built in 1066 and rebuilt since 1000.", []string{"1066=1066", "1000=1000"}},
		{ref, "Prices have doubled since 1990, and the 1990s were harder.", []string{"1990=1990", "the 1990s=199"}},
		{ref, "The law, passed by 2008, stays until 2030.", []string{"2008=2008", "2030=2030"}},
		{ref, "Sales fell in the year of 2019.", []string{"2019=2019"}},
		{ref, "2008 was a hard year.", []string{"2008=2008"}},
		{ref, "The castle dates from 1000 AD.", []string{"1000=1000"}},
	})
}
