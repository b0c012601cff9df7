package timex

import (
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

// monthNames maps month names and their abbreviations to months. An
// abbreviation only counts beside a day or a year.
var monthNames = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March,
	"april": time.April, "may": time.May, "june": time.June, "july": time.July,
	"august": time.August, "september": time.September, "october": time.October,
	"november": time.November, "december": time.December,
}

var monthAbbrevs = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"jun": time.June, "jul": time.July, "aug": time.August, "sep": time.September,
	"sept": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sunday": time.Sunday,
}

// seasons maps season names to their TimeML code and first month (northern
// hemisphere, as TimeML has it).
var seasons = map[string]struct {
	code  string
	month time.Month
}{
	"spring": {"SP", time.March}, "summer": {"SU", time.June},
	"autumn": {"FA", time.September}, "fall": {"FA", time.September},
	"winter": {"WI", time.December},
}

// units maps unit words, singular and plural, to their granularity.
var units = map[string]Granularity{
	"minute": Minute, "minutes": Minute,
	"day": Day, "days": Day,
	"week": Week, "weeks": Week,
	"month": Month, "months": Month,
	"quarter": Quarter, "quarters": Quarter,
	"year": Year, "years": Year,
	"decade": Decade, "decades": Decade,
	"century": Century, "centuries": Century,
}

// durationUnits are the units of a duration that are finer than the ones
// granularity knows.
var durationUnits = map[string]string{
	"second": "S", "seconds": "S", "hour": "H", "hours": "H",
}

// numberWords maps spelled-out counts to numbers.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"a": 1, "an": 1, "single": 1, "couple": 2,
}

// vagueCounts are counts that give a duration with an unknown number (PXY).
var vagueCounts = map[string]bool{"several": true, "few": true, "many": true, "some": true}

// ordinals maps ordinal words to numbers, for quarters and halves.
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

// modifiers may open a date expression: "early 2009", "mid-2018", "the end
// of this year". They widen the span; the value stays the date's.
var modifiers = [][]string{
	{"the", "end", "of"}, {"the", "beginning", "of"}, {"the", "start", "of"},
	{"the", "middle", "of"}, {"end", "of"}, {"beginning", "of"}, {"start", "of"},
	{"early"}, {"late"}, {"mid"},
}

// monthContext are the words after which a bare month name that is also an
// English word ("May", "March") is a month.
var monthContext = map[string]bool{
	"in": true, "since": true, "until": true, "till": true, "by": true, "from": true,
	"to": true, "through": true, "during": true, "before": true, "after": true,
	"of": true, "between": true, "and": true, "early": true, "late": true, "mid": true,
	"last": true, "next": true, "this": true, "-": true, "or": true, "for": true,
}

// references are the words TimeML gives a reference value.
var references = map[string]string{
	"now":      "PRESENT_REF",
	"recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
	"nowadays": "PRESENT_REF", "currently": "PRESENT_REF",
	"soon": "FUTURE_REF", "later": "FUTURE_REF",
}

// countNouns after a four-digit number make it an amount, not a year:
// "2018 points", "1500 jobs".
var countNouns = map[string]bool{
	"points": true, "people": true, "jobs": true, "shares": true, "units": true,
	"employees": true, "workers": true, "cars": true, "vehicles": true, "planes": true,
	"aircraft": true, "miles": true, "km": true, "kilometres": true, "kilometers": true,
	"feet": true, "metres": true, "meters": true, "dollars": true, "euros": true,
	"barrels": true, "tonnes": true, "tons": true, "votes": true, "seats": true,
	"troops": true, "soldiers": true, "members": true, "students": true, "homes": true,
	"stores": true, "dealers": true, "positions": true, "copies": true, "words": true,
	"pages": true, "passengers": true, "residents": true, "cases": true, "deaths": true,
	"hours": true, "minutes": true, "days": true, "pounds": true, "yen": true,
}

// numberMarks are the words for "number" that come before one: "No. 1000".
var numberMarks = wordSet("number", "no", "nos", "num", "nr", "#")

// namingNouns are the nouns a number after which names a thing, not a year
// ("ship 1000", "Flight 2008", "Article 1999", "Resolution 1973", "page
// 1066"); a plural is read as its singular.
var namingNouns = wordSet("ship", "vessel", "boat", "flight", "route", "bus", "train", "tram", "car",
	"room", "page", "article", "resolution", "figure", "chapter", "section", "paragraph", "clause",
	"item", "exhibit", "table", "verse", "line", "platform", "gate", "berth", "pier", "dock", "bay",
	"highway", "interstate", "road", "street", "lane", "building", "block", "floor", "suite",
	"apartment", "flat", "unit", "lot", "box", "seat", "row", "ward", "precinct", "district",
	"zone", "station", "channel", "model", "version", "code", "serial", "ticket", "case", "bill",
	"motion", "amendment", "order", "decree", "regulation", "directive", "rule", "account",
	"squadron", "battalion", "regiment", "brigade", "division", "cell", "bed", "track", "level",
	"stage", "phase", "step", "round", "game", "match", "episode", "issue", "volume", "vol", "pp", "p",
	"tab", "slide", "frame", "batch", "lab", "hall", "terminal", "runway", "engine")

// yearLeads are the words after which a number is a year even when far
// from the article's: "in 1066", "since 1000", "between 1200 and 1300".
var yearLeads = wordSet("in", "since", "of", "by", "until", "till", "from", "to", "before", "after",
	"between", "through", "during", "and", "or", "circa", "ca", "c", "around", "year")

// eras follow a year: "1000 AD".
var eras = wordSet("ad", "bc", "bce", "ce")

// wordClass sorts words by the part they can play in an expression.
type wordClass uint8

const (
	none        wordClass = iota // opens no expression
	weakStarter                  // opens one only before a core word: "the", "last", "two"
	coreStarter                  // says time by itself and may open one: "January", "today", "week"
	core                         // says time, opens none: "ago"
)

// coreReach is how far after a weak starter a core word must come: "the
// first half of the year" has it four words on.
const coreReach = 4

// weakWords are the starters that are common English words with no sense
// of time of their own.
var weakWords = []string{
	"the", "a", "an", "this", "last", "next", "previous", "preceding", "following", "coming",
	"current", "earlier", "later", "early", "late", "mid", "more", "over", "about", "around",
	"nearly", "almost", "less", "in", "first", "second", "third", "fourth", "final",
	"1st", "2nd", "3rd", "4th", "each", "every", "per", "some", "several", "few", "many",
	"single", "couple", "end", "beginning", "start", "middle", "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
	"fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "recent", "that",
}

// classes gives every word that can take part in an expression its class;
// other words have none. Built once, read only.
var classes = func() map[string]wordClass {
	set := map[string]wordClass{}
	add := func(class wordClass, words iter.Seq[string]) {
		for w := range words {
			set[w] = class
		}
	}
	add(coreStarter, maps.Keys(monthNames))
	add(coreStarter, maps.Keys(monthAbbrevs))
	add(coreStarter, maps.Keys(weekdays))
	for w := range weekdays {
		set[w+"s"] = coreStarter // "on Mondays"
	}
	add(coreStarter, maps.Keys(seasons))
	add(coreStarter, maps.Keys(units))
	add(coreStarter, maps.Keys(durationUnits))
	add(coreStarter, maps.Keys(references))
	add(coreStarter, slices.Values([]string{"today", "yesterday", "tomorrow", "tonight", "q", "h",
		"annual", "annually", "yearly", "weekly", "monthly", "quarterly", "daily", "weekend", "half", "future",
		"morning", "afternoon", "evening", "night", "century", "centuries", "decade", "decades", "past"}))
	// A holiday's first word opens it; it says time by itself when the
	// name is one word or its time word ("Day") may lie beyond coreReach.
	for first, names := range holidays {
		class := weakStarter
		for _, h := range names {
			if len(h.words) == 1 || len(h.words) > coreReach {
				class = coreStarter
			}
		}
		forms := []string{first}
		if stem, ok := strings.CutSuffix(first, "s"); ok {
			forms = append(forms, stem+"'s", stem+"’s") // "father's"
		}
		for _, w := range forms {
			if set[w] == none || set[w] == weakStarter && class == coreStarter {
				set[w] = class
			}
		}
	}
	add(core, slices.Values([]string{"ago", "utc", "gmt"}))
	for _, w := range weakWords {
		if set[w] == none {
			set[w] = weakStarter
		}
	}
	// Every other word that can open an expression is weak.
	for _, words := range []iter.Seq[string]{maps.Keys(numberWords), maps.Keys(vagueCounts), maps.Keys(ordinals)} {
		for w := range words {
			if set[w] == none {
				set[w] = weakStarter
			}
		}
	}
	for _, phrase := range slices.Concat(modifiers, durationPrefixes) {
		if set[phrase[0]] == none {
			set[phrase[0]] = weakStarter
		}
	}
	return set
}()
