package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// lemmaFilterName names the token filter that maps irregular verb forms to
// their base form, so that "When did the uprising begin?" meets "the
// uprising began": the Porter stemmer joins regular forms (founded, found)
// but not irregular ones (began, begun, begin).
const lemmaFilterName = "newsbot_irregular_verbs"

// irregularForms lists past tenses and participles with their base form.
// Forms that are also common words of another meaning (left, saw, felt, fed,
// lay, lead, rose, found, bore, ground, wound) are deliberately absent.
const irregularForms = `arose:arise arisen:arise ate:eat eaten:eat awoke:awake awoken:awake
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

// lemmaFilter rewrites irregular verb forms to their base form.
type lemmaFilter map[string][]byte

func (f lemmaFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if base, ok := f[string(tok.Term)]; ok {
			tok.Term = base
		}
	}
	return input
}

func newLemmaFilter(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	f := make(lemmaFilter)
	for _, pair := range strings.Fields(irregularForms) {
		form, base, _ := strings.Cut(pair, ":")
		f[form] = []byte(base)
	}
	return f, nil
}

func init() {
	// Bleve finds analysis components by name in its registry; registering
	// once at start-up is how a custom filter joins an analyzer.
	if err := registry.RegisterTokenFilter(lemmaFilterName, newLemmaFilter); err != nil {
		panic(err)
	}
}
