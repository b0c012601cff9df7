package timeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wire is one article of a small corpus in the shape of real wire copy:
// front matter, a dateline, short paragraphs, and the page's furniture
// (bylines, time stamps, credits) that a scraper leaves in.
type wire struct {
	name, title, date, source string
	paragraphs                []string
}

// writeWire writes articles into a new corpus folder.
func writeWire(t *testing.T, articles []wire) string {
	t.Helper()
	dir := t.TempDir()
	for _, a := range articles {
		var b strings.Builder
		b.WriteString("---\ntitle: " + a.title + "\n")
		if a.date != "" {
			b.WriteString("date: " + a.date + "\n")
		}
		if a.source != "" {
			b.WriteString("source: " + a.source + "\nurl: https://example.com/" + a.name + "\n")
		}
		b.WriteString("---\n")
		b.WriteString(strings.Join(a.paragraphs, "\n\n") + "\n")
		if err := os.WriteFile(filepath.Join(dir, a.name+".md"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// libya is the Libyan uprising of 2011 as three outlets covered it, each
// spelling the leader's name its own way (Gaddafi, Qaddafi, Gadhafi), with
// a factbox, and the day he was killed (20 October 2011) reported most.
var libya = []wire{
	{"r-0217", "Libyan protesters defy Gaddafi in Benghazi", "2011-02-17", "Reuters", []string{
		"BENGHAZI, Libya (Reuters) - Thousands of protesters took to the streets of Benghazi on Thursday in a \"day of rage\" against Muammar Gaddafi, witnesses said.",
		"By Sarah Jones, Reuters",
		"Security forces fired on the crowd near the city's courthouse, and hospital officials said at least six people were killed.",
		"The protests follow uprisings that toppled the leaders of neighbouring Tunisia and Egypt.",
		"(Reporting by Sarah Jones; Editing by Tim Smith)",
	}},
	{"a-0218", "Gadhafi forces crack down on Libyan protests", "2011-02-18", "AP", []string{
		"CAIRO (AP) - Libyan security forces loyal to Moammar Gadhafi opened fire on protesters in Benghazi on Thursday, killing at least 20 people, according to witnesses and human rights groups.",
		"The demonstrations, called a day of rage by organizers online, spread to Bayda and Tobruk.",
		"Last updated at 09:14 GMT, Friday, 18 February 2011",
		"Gadhafi has ruled Libya for more than four decades.",
	}},
	{"n-0317", "U.N. authorizes no-flight zone over Libya", "2011-03-17", "The New York Times", []string{
		"UNITED NATIONS - The United Nations Security Council voted on Thursday to authorize military action, including a no-flight zone, to protect Libyan civilians from forces loyal to Col. Muammar el-Qaddafi.",
		"The resolution passed with ten votes in favor and five abstentions, including China and Russia.",
		"Colonel Qaddafi had vowed to show no mercy to the rebels in Benghazi.",
	}},
	{"r-0320", "Western jets strike Libya as Gaddafi vows long war", "2011-03-20", "Reuters", []string{
		"TRIPOLI (Reuters) - U.S. and European forces pounded Libyan air defences on Sunday after strikes began on Saturday, March 19, with French jets hitting Gaddafi's tanks near Benghazi.",
		"Photo: A French Rafale jet takes off for Libya on March 19, 2011. REUTERS/Stringer",
		"Gaddafi said in a telephone call to state television that he would fight a long war.",
		"Saturday.",
	}},
	{"a-0823", "Rebels storm Gadhafi compound in Tripoli", "2011-08-23", "AP", []string{
		"TRIPOLI, Libya (AP) - Libyan rebels overran Moammar Gadhafi's Bab al-Aziziya compound in Tripoli on Tuesday, tearing down his statues and seizing weapons.",
		"There was no sign of Gadhafi himself, and his whereabouts were unknown.",
	}},
	{"r-1020a", "Gaddafi killed as Libyan fighters take Sirte", "2011-10-20", "Reuters", []string{
		"SIRTE, Libya (Reuters) - Muammar Gaddafi was killed on Thursday as Libyan fighters overran his hometown of Sirte, ending a revolt that toppled him in August.",
		"By Tim Gaynor and Taha Zargoun",
		"Last updated at 14:02 GMT, Thursday, 20 October 2011",
		"Footage on television showed Gaddafi's bloodied body being dragged through the streets.",
		"(Reporting by Tim Gaynor; Editing by Janet Lawrence)",
	}},
	{"n-1020", "Qaddafi is killed as Libyan forces take Surt", "2011-10-20", "The New York Times", []string{
		"TRIPOLI, Libya - Col. Muammar el-Qaddafi, the former Libyan leader, was killed on Thursday when fighters captured his hometown, Surt, Libyan officials said.",
		"The death of Colonel Qaddafi ended a manhunt that began when rebels took Tripoli in August.",
		"Photo: Fighters celebrate in Surt on Oct. 20, 2011.",
	}},
	{"a-1020", "Gadhafi killed in hometown, Libya's new leaders say", "2011-10-20", "AP", []string{
		"SIRTE, Libya (AP) - Moammar Gadhafi was killed on Thursday as revolutionary fighters overwhelmed the last bastion of resistance in his hometown of Sirte.",
		"Thursday.",
		"Gadhafi, 69, had been on the run since rebels stormed Tripoli in August.",
	}},
	{"r-1021", "Libya's leaders to declare liberation after Gaddafi death", "2011-10-21", "Reuters", []string{
		"TRIPOLI (Reuters) - Libya's interim rulers said on Friday they would declare the country liberated after Muammar Gaddafi was killed in Sirte on Thursday.",
		"The United Nations human rights office called for an investigation into how Gaddafi died on Oct. 20.",
		"Fighters said NATO jets hit Gaddafi's convoy at 8:30 a.m. on Oct. 20, 2011, as it fled Sirte.",
	}},
	{"r-1021-factbox", "FACTBOX-Key events in Libya's uprising against Gaddafi", "2011-10-21", "Reuters", []string{
		"(Reuters) - Here are key events in the uprising against Muammar Gaddafi:",
		"Feb. 17, 2011 - Protesters in Benghazi hold a \"day of rage\" against Gaddafi.",
		"March 17, 2011 - The U.N. Security Council votes to authorise military action to protect Libyan civilians from Gaddafi's forces.",
		"Aug. 23, 2011 - Rebels overrun Gaddafi's Bab al-Aziziya compound in Tripoli.",
		"Oct. 20, 2011 - Gaddafi is killed as fighters take Sirte.",
	}},
	{"n-1023", "Libya declares liberation after Qaddafi's death", "2011-10-23", "The New York Times", []string{
		"BENGHAZI, Libya - Libya's interim government declared the country's liberation on Sunday, three days after Col. Muammar el-Qaddafi was killed near Surt.",
		"Thousands gathered in Benghazi, where the uprising against Qaddafi began in February.",
	}},
}

// background is other news of 2011, so that words have their usual weight.
var background = []wire{
	{"b-fed", "Fed holds rates steady", "2011-03-15", "Reuters", []string{
		"WASHINGTON (Reuters) - The Federal Reserve kept interest rates near zero on Tuesday and said the economic recovery was on a firmer footing.",
		"The central bank said it would complete its $600 billion bond purchase programme by the end of June.",
	}},
	{"b-japan", "Earthquake and tsunami strike Japan", "2011-03-11", "AP", []string{
		"TOKYO (AP) - A magnitude 9.0 earthquake struck off Japan's northeast coast on Friday, unleashing a tsunami that swept away homes and cars.",
		"The government said a nuclear power plant in Fukushima had lost its cooling systems.",
	}},
	{"b-police", "Police arrest suspects after London riots", "2011-08-10", "Reuters", []string{
		"LONDON (Reuters) - Police arrested more than 700 people after riots spread across London, officers said on Wednesday.",
		"Police officers patrolled the streets in large numbers to prevent further looting.",
		"The police chief said detectives would review video footage to find the rioters.",
	}},
	{"b-policy", "Government unveils new energy policy", "2011-06-01", "Reuters", []string{
		"LONDON (Reuters) - The government set out a new energy policy on Wednesday, promising more wind farms and higher taxes on carbon.",
		"Ministers said the policy would lower household bills over the next decade.",
		"Critics said the policy lacked detail on nuclear power.",
	}},
	{"b-royal", "Prince William marries Kate Middleton", "2011-04-29", "AP", []string{
		"LONDON (AP) - Prince William married Kate Middleton at Westminster Abbey on Friday before a worldwide television audience.",
		"Crowds filled the Mall to watch the couple kiss on the balcony of Buckingham Palace.",
	}},
	{"b-euro", "Euro zone leaders agree Greek rescue", "2011-07-21", "Reuters", []string{
		"BRUSSELS (Reuters) - Euro zone leaders agreed on Thursday a second bailout for Greece worth 109 billion euros, with private bondholders taking losses.",
		"The deal lowers interest rates on loans to Greece and extends their maturities.",
		"Markets rallied on the news, with the euro rising against the dollar.",
	}},
	{"b-jobs", "Steve Jobs resigns as Apple chief", "2011-08-24", "AP", []string{
		"CUPERTINO, Calif. (AP) - Steve Jobs resigned as chief executive of Apple on Wednesday, handing the job to Tim Cook.",
		"Jobs, who has been on medical leave since January, will stay on as chairman.",
		"Shares of Apple fell five percent in after-hours trading.",
	}},
	{"b-cricket", "India win cricket World Cup", "2011-04-02", "Reuters", []string{
		"MUMBAI (Reuters) - India won the cricket World Cup on Saturday, beating Sri Lanka by six wickets in the final at Wankhede Stadium.",
		"Captain Mahendra Singh Dhoni hit the winning six as fans poured into the streets of Mumbai.",
	}},
	{"b-irene", "Hurricane Irene hits New York", "2011-08-28", "AP", []string{
		"NEW YORK (AP) - Hurricane Irene swept into New York on Sunday, flooding streets in lower Manhattan and knocking out power to a million homes.",
		"The storm was later downgraded to a tropical storm as it moved north into New England.",
		"Officials had ordered the evacuation of low-lying neighbourhoods and shut the subway system on Saturday.",
	}},
	{"b-oil", "Oil prices climb on Middle East unrest", "2011-02-23", "Reuters", []string{
		"LONDON (Reuters) - Oil prices rose above $110 a barrel on Wednesday as unrest in the Middle East raised fears over supplies.",
		"Traders said the rally could slow the global economic recovery.",
	}},
	{"b-phone", "Hacking scandal closes News of the World", "2011-07-07", "Reuters", []string{
		"LONDON (Reuters) - Rupert Murdoch's News Corp said on Thursday it would close the News of the World after a phone hacking scandal.",
		"Advertisers had deserted the Sunday tabloid after reports it hacked the phone of a murdered schoolgirl.",
		"The final edition will be published this Sunday.",
	}},
	{"b-norway", "Attacks in Norway kill dozens", "2011-07-22", "AP", []string{
		"OSLO, Norway (AP) - A bomb exploded near government buildings in Oslo on Friday and a gunman opened fire at a youth camp on the island of Utoya.",
		"Police arrested a 32-year-old Norwegian man at the camp.",
	}},
	{"b-debt", "S&P cuts U.S. credit rating", "2011-08-06", "Reuters", []string{
		"NEW YORK (Reuters) - Standard & Poor's cut the United States' AAA credit rating for the first time on Friday, citing concerns over the budget deficit.",
		"The downgrade came days after Congress agreed to raise the debt ceiling.",
		"Treasury officials said the agency's analysis contained a $2 trillion error.",
	}},
	{"b-mars", "NASA launches Curiosity rover to Mars", "2011-11-26", "AP", []string{
		"CAPE CANAVERAL, Fla. (AP) - NASA launched its Curiosity rover toward Mars on Saturday, the biggest and most capable vehicle sent to another planet.",
		"The rover is due to land in a crater near the Martian equator in August 2012.",
	}},
}

// gulf is the Deepwater Horizon spill of 2010: early reports say "BP" and
// "spill"; later ones about the well and the rig do not.
var gulf = []wire{
	{"g-0421", "Oil rig explodes in Gulf of Mexico", "2010-04-21", "AP", []string{
		"NEW ORLEANS (AP) - An explosion on the Deepwater Horizon oil rig in the Gulf of Mexico on Tuesday night left 11 workers missing, the Coast Guard said.",
		"The rig, owned by Transocean and leased by BP, was drilling an exploratory well about 50 miles off the Louisiana coast.",
	}},
	{"g-0429", "BP spill grows as oil reaches Louisiana coast", "2010-04-29", "Reuters", []string{
		"NEW ORLEANS (Reuters) - Oil from the BP spill began reaching the Louisiana coast on Thursday as the leak from the Deepwater Horizon well grew to 5,000 barrels a day.",
		"BP said it would pay for the clean-up of the spill.",
	}},
	{"g-0715", "BP caps leaking well, halting oil spill", "2010-07-15", "Reuters", []string{
		"HOUSTON (Reuters) - BP said on Thursday it had capped its leaking well in the Gulf of Mexico, stopping the oil spill for the first time since the Deepwater Horizon rig exploded in April.",
		"Engineers fitted a tight cap on the well after weeks of failed attempts.",
	}},
	{"g-0919", "Deepwater Horizon well declared dead", "2010-09-19", "AP", []string{
		"NEW ORLEANS (AP) - The Deepwater Horizon well was permanently sealed on Sunday, the federal government said, five months after the rig explosion in the Gulf of Mexico.",
		"A relief well intercepted the blown-out Deepwater Horizon well and cement was pumped in to seal the Gulf well for good.",
	}},
	{"g-1108", "Transocean faults Gulf well design in Deepwater Horizon report", "2010-11-08", "Reuters", []string{
		"HOUSTON (Reuters) - Transocean, owner of the Deepwater Horizon rig, said on Monday that flawed well design caused the Gulf of Mexico disaster.",
		"The report said the cement job on the well failed to stop gas that surged up to the rig.",
	}},
}
