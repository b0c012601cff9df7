package corpus

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/newsbot-dev/newsbot/sentence"
)

// An advert is a whole paragraph that is an advert, never a sentence that
// mentions sponsorship: "a bill sponsored by a group of leading Senate
// Democrats", "the resolution, co-sponsored by the United States", "the
// roadmap as presented by us" are news.

var (
	// advertLabel is a paragraph that is nothing but an advert's label,
	// perhaps naming the sponsor: "Advertisement", "Sponsored content",
	// "Presented by BMW", "Brought to you by Acme".
	advertLabel = regexp.MustCompile(`(?i)^(?:advertisement|advertising|advert|ad|sponsored(?: (?:content|post|story|article|links?))?|paid (?:post|content|partnership)|partner content|promoted(?: content| stories)?|story continues below(?: this)? advertisement|(?:sponsored|presented|brought to you|supported|powered|paid for) by .{1,60}|in (?:partnership|association) with .{1,60})[.:]?$`)

	// advertLead is a label opening an advert paragraph: "Sponsored:",
	// "Advertisement -", "Paid post |".
	advertLead = regexp.MustCompile(`(?i)^(?:advertisement|advertising|sponsored(?: content| post)?|paid (?:post|content)|partner content|promoted(?: content)?)\s*[:|–—-]\s+\S`)

	// callToAction is a clause that asks the reader to do something: tune
	// in, subscribe, click, download, follow us. It must open the sentence
	// or a clause (see promotes).
	callToAction = regexp.MustCompile(`(?i)^(?:tune in|follow (?:us|@|\w+ on (?:twitter|x|facebook|instagram))|subscribe (?:now|today|here|to (?:our|the|us)|for (?:free|our|the latest))|sign up (?:now|today|here|for (?:our|the|free))|click (?:here|the|on|below|through|now|to)|tap (?:here|the)|download (?:the|our|it)|watch (?:live|now|the (?:full|video)|our)|listen (?:now|live|to (?:the|our) (?:full|podcast|episode))|read (?:more|the full|our)|visit (?:our|us|www|https?:)|share (?:this|your)|join (?:us|our)|like us|find out (?:more|how|why)|get (?:the latest|breaking|our|unlimited|\d+%)|don'?t miss|shop (?:now|the)|buy (?:now|it now)|order (?:now|today)|learn more|see more|contact us|email us|send us your|use (?:the )?code)\b`)

	// mediaCredit is a sentence crediting a sponsor for a piece of
	// content: "This newsletter is brought to you by Acme."
	mediaCredit = regexp.MustCompile(`(?i)^(?:this|the|today's|our) (?:newsletter|podcast|episode|show|segment|content|series|video|feature|page|briefing|coverage|email) (?:is|was) (?:brought to you|sponsored|presented|supported|paid for|made possible) by\b`)

	// findOutHere is a closing pointer at a link that is gone: "Find out
	// how the BMW Foundation helps … here."
	findOutHere = regexp.MustCompile(`(?i)^(?:find out|learn|discover|see|read) (?:more|how|why|what)\b.{0,200}\bhere[.!]?$`)

	// findOutStart is how findOutHere begins.
	findOutStart = regexp.MustCompile(`(?i)^(?:find out|learn|discover|see|read) (?:more|how|why|what)\b`)

	// attribution marks a sentence that reports news: someone said it.
	attribution = regexp.MustCompile(`(?i)\b(?:said|says|say|told|according to|reported|announced|added)\b`)
)

// isAdvert reports whether a paragraph is an advert as a whole: an advert's
// label ("Advertisement", "Sponsored content", "Presented by BMW"), a
// paragraph opened by such a label ("Sponsored: the best credit cards"),
// a paragraph every sentence of which promotes (a call to action, a
// sponsor's credit), or a sponsor's blurb that ends by pointing at a link
// ("Find out how … here.") and reports nothing (no one said it, no figure).
func isAdvert(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	if len(t) < 200 && !strings.Contains(t, "\n") && wordCount(t) <= 12 && advertLabel.MatchString(t) {
		return true
	}
	if advertLead.MatchString(t) {
		return true
	}
	// Most paragraphs hold no call to action and do not end "… here.":
	// they need no sentence splitting.
	if !promotes(t) && !findOutStart.MatchString(t) && !endsHere(t) {
		return false
	}
	spans := sentence.Split(t)
	all := len(spans) > 0
	for _, s := range spans {
		if !promotes(t[s.Start:s.End]) || attribution.MatchString(t[s.Start:s.End]) {
			all = false
			break
		}
	}
	if all {
		return true
	}
	if len(spans) > 1 && findOutHere.MatchString(t[spans[len(spans)-1].Start:spans[len(spans)-1].End]) {
		for _, s := range spans[:len(spans)-1] {
			if sent := t[s.Start:s.End]; attribution.MatchString(sent) || strings.ContainsFunc(sent, unicode.IsDigit) {
				return false
			}
		}
		return true
	}
	return false
}

// ctaWords are the words a call to action opens with.
var ctaWords = map[string]bool{
	"tune": true, "follow": true, "subscribe": true, "sign": true, "click": true, "tap": true,
	"download": true, "watch": true, "listen": true, "read": true, "visit": true, "share": true,
	"join": true, "like": true, "find": true, "get": true, "don't": true, "dont": true, "don’t": true,
	"shop": true, "buy": true, "order": true, "learn": true, "see": true, "contact": true,
	"email": true, "send": true, "use": true,
}

// firstWord is the lower-case word s opens with.
func firstWord(s string) string {
	end := strings.IndexAny(s, " \t\n,;:.!?")
	if end < 0 {
		end = len(s)
	}
	if end > 12 {
		return ""
	}
	return strings.ToLower(s[:end])
}

// endsHere reports whether text ends on the word "here", as a pointer at
// a link does.
func endsHere(text string) bool {
	t := strings.TrimRight(text, ".! \t\n")
	return len(t) >= 5 && strings.EqualFold(t[len(t)-5:], " here")
}

// promotes reports whether a sentence only promotes: it asks the reader to
// act, in the sentence's first clause or one after a comma, a semicolon,
// a colon or "and"; or it credits a sponsor for the content.
func promotes(s string) bool {
	if mediaCredit.MatchString(s[:min(len(s), 120)]) || findOutStart.MatchString(s[:min(len(s), 40)]) && findOutHere.MatchString(s) {
		return true
	}
	// At each clause's start, the pattern is tried only after a word
	// that can open a call to action: far cheaper than one pattern tried
	// at every position.
	for i := 0; i < len(s); {
		if ctaWords[firstWord(s[i:])] && callToAction.MatchString(s[i:min(len(s), i+80)]) {
			return true
		}
		j := strings.IndexAny(s[i:], ",;:")
		k := strings.Index(s[i:], " and ")
		switch {
		case j < 0 && k < 0:
			return false
		case k >= 0 && (j < 0 || k < j):
			i += k + len(" and ")
		default:
			i += j + 1
		}
		i += len(s[i:]) - len(strings.TrimLeft(s[i:], " \t"))
	}
	return false
}
