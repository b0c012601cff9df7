// Package verbs knows the irregular forms of English verbs: past tenses
// and participles with their base forms. The search index folds forms
// into their base, so that "When did the uprising begin?" meets "the
// uprising began" (the Porter stemmer joins only regular forms), and
// follow-up questions find a question's verb in the sentence that tells
// its event ("blow up" in "blew up a building"). It depends on nothing.
package verbs

import (
	"iter"
	"strings"
)

// folded lists past tenses and participles with their base form. Forms
// that are also common words of another meaning are in otherForms.
const folded = `arose:arise arisen:arise ate:eat eaten:eat awoke:awake awoken:awake
beaten:beat became:become began:begin begun:begin bent:bend bitten:bite blew:blow blown:blow
broke:break broken:break brought:bring built:build bought:buy caught:catch chose:choose
chosen:choose came:come dealt:deal dug:dig drew:draw drawn:draw drank:drink drunk:drink
drove:drive driven:drive fell:fall fallen:fall fought:fight fled:flee flew:fly flown:fly
forbade:forbid forbidden:forbid forgot:forget forgotten:forget forgave:forgive forgiven:forgive
froze:freeze frozen:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow
grown:grow hung:hang heard:hear hid:hide hidden:hide held:hold kept:keep knew:know known:know
led:lead lost:lose made:make meant:mean met:meet mistook:mistake mistaken:mistake paid:pay
rode:ride ridden:ride rang:ring rung:ring risen:rise ran:run said:say seen:see sought:seek
sold:sell sent:send shook:shake shaken:shake shone:shine shot:shoot shown:show shrank:shrink
sang:sing sung:sing sank:sink sunk:sink slept:sleep slid:slide spoke:speak spoken:speak
spent:spend spun:spin sprang:spring sprung:spring stood:stand stole:steal stolen:steal
stuck:stick struck:strike strove:strive striven:strive swore:swear sworn:swear swept:sweep
swam:swim swum:swim took:take taken:take taught:teach tore:tear torn:tear told:tell thought:think
threw:throw thrown:throw understood:understand undertook:undertake undertaken:undertake
woke:wake woken:wake wore:wear worn:wear wept:weep won:win withdrew:withdraw withdrawn:withdraw
wrote:write written:write overthrew:overthrow overthrown:overthrow`

// otherForms are verb forms the index does not fold: words of another
// meaning too ("left", "found", "saw", "rose", "born"), forms the same as
// their base ("cut", "put", "set"), the auxiliaries "did", "done" and
// "had", and "showed" (regular, which the stemmer joins). In a question's
// event they are still verbs.
const otherForms = `beat:beat bit:bite born:bear cost:cost cut:cut did:do done:do found:find had:have hit:hit
hurt:hurt laid:lay left:leave lent:lend let:let put:put quit:quit rose:rise sat:sit saw:see set:set
showed:show shut:shut split:split spread:spread`

// pairs yields the form:base pairs of a list.
func pairs(list string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, pair := range strings.Fields(list) {
			form, base, _ := strings.Cut(pair, ":")
			if !yield(form, base) {
				return
			}
		}
	}
}

// Folded yields the irregular forms the search index folds into their
// base form, with that base: those that are not also common words of
// another meaning.
func Folded() iter.Seq2[string, string] { return pairs(folded) }

// base maps every irregular form to its base form; bases are the base
// forms. Both are filled once and only read.
var base, bases = func() (map[string]string, map[string]bool) {
	m, b := map[string]string{}, map[string]bool{}
	for _, list := range []string{folded, otherForms} {
		for form, v := range pairs(list) {
			m[form], b[v] = v, true
		}
	}
	return m, b
}()

// Base returns the base form of an irregular past tense or participle,
// folded or not ("blew" → "blow", "left" → "leave", "cut" → "cut"); ok is
// false for any other word. w is lower case.
func Base(w string) (string, bool) {
	b, ok := base[w]
	return b, ok
}

// IsBase reports whether lower-case w is the base form of an irregular
// verb ("blow", "leave").
func IsBase(w string) bool { return bases[w] }
