package timeline

import "testing"

func TestQuotable(t *testing.T) {
	for s, want := range map[string]bool{
		"Muammar Gaddafi was killed on Thursday as Libyan fighters overran Sirte.": true,
		"“We will use this opportunity,” the minister said.":                       true,
		"Saturday.":                       false,
		"March 17 - The U.N.":             false,
		"By Sarah Jones, Reuters":         false,
		"By Tim Gaynor and Taha Zargoun.": false,
		"(Reporting by Tim Gaynor; Editing by Janet Lawrence)":  false,
		"Last updated at 14:02 GMT, Thursday, 20 October 2011.": false,
		"Photo: Fighters celebrate in Surt on Oct. 20, 2011.":   false,
		"and then the rebels took the city on Friday.":          false,
		"Why North Korea blew up the liaison office":            false,
		"LIBYA'S LEADER KILLED AS FIGHTERS TAKE SIRTE.":         false,
		"The court ruled on the copyright case on Monday.":      true,
		"Netflix said its subscribers rose to 200 million.":     true,
		// The outlet's notes and stamps, which state the publication day
		// in every article of an outlet.
		"Posted on Thursday, October 20, 2011 at 3:15 pm.":                                    false,
		"Published on Thursday, October 20, 2011 by the Guardian.":                            false,
		"First published on Thu 20 Oct 2011 10.15 BST.":                                       false,
		"Originally published October 20, 2011 at 9:00 a.m.":                                  false,
		"Updated at 3:15 p.m. ET on October 20, 2011.":                                        false,
		"This article was first published on October 20, 2011.":                               false,
		"This story was updated on Oct. 21, 2011 to correct the spelling of a name.":          false,
		"Associated Press writers Kim Gamel and Rami al-Shaheibi contributed to this report.": false,
		"This material may not be published, broadcast, rewritten or redistributed.":          false,
		"Correction: An earlier version of this story misstated the date of the attack.":      false,
		"Copyright 2011 Thomson Reuters Limited and its affiliates.":                          false,
		"Updated figures showed inflation rose to 5.2 percent in September.":                  true,
		"Published accounts said 20 people were killed in Sirte on Thursday.":                 true,
		"Posted guards stood at every gate of the compound on Oct. 20.":                       true,
	} {
		if got := Quotable(s); got != want {
			t.Errorf("Quotable(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestStripDateline(t *testing.T) {
	for in, want := range map[string]string{
		"SIRTE, Libya (Reuters) - Muammar Gaddafi was killed on Thursday.":                            "Muammar Gaddafi was killed on Thursday.",
		"TRIPOLI (Reuters) - Libya's interim rulers said on Friday they would declare liberation.":    "Libya's interim rulers said on Friday they would declare liberation.",
		"UNITED NATIONS - The Security Council voted on Thursday to act.":                             "The Security Council voted on Thursday to act.",
		"(Reuters) - Here are key events in the uprising against Muammar Gaddafi.":                    "Here are key events in the uprising against Muammar Gaddafi.",
		"SEOUL, South Korea - February 21st, 2026 - In a surprising development, the lines reopened.": "In a surprising development, the lines reopened.",
		"Oct. 20, 2011 - Gaddafi is killed as fighters take Sirte.":                                   "Gaddafi is killed as fighters take Sirte.",
		"NATO - led forces struck the compound on Monday night.":                                      "NATO - led forces struck the compound on Monday night.",
		"The U.N. - backed government said on Monday it would act.":                                   "The U.N. - backed government said on Monday it would act.",
		"CAIRO (AP) - Clashes.": "CAIRO (AP) - Clashes.",
	} {
		if got := stripDateline(in); got != want {
			t.Errorf("stripDateline(%q) = %q, want %q", in, got, want)
		}
	}
}
