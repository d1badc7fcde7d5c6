package textsim

import "strings"

// Stopword lists, folded like Fold folds text. One union serves every language: a word
// that is filler in one of them is rarely the point of a customer's question in another,
// and it spares guessing the language of a two-line message first.
var stopwordLists = map[string]string{
	"en": `a about above after again all also am an and any are as at be because been before being
		both but by can could did do does doing done down during each few for from further get got had has
		have having he her here hers him his how i if in into is it its just let me more most my myself no
		nor not now of off on once only or other our ours out over own please same she should so some
		such than thank thanks that the their them then there these they this those through to too under
		until up us very was we were what when where which while who whom why will with would you your
		yours hi hello hey dear regards best cheers kind know like want need wondering question
		good morning afternoon evening team advance sent iphone android mobile number way`,
	"sv": `och att det som en pa ar av for med till den har de inte om ett han men var jag sig fran
		vi sa kan nar eller vad min mitt mina du ni hur efter upp ut nagon nagot bara skulle hade blir bli
		ocksa sin sitt sina dem dig mig er era ert vara varit varfor vilken vilket vilka finns hej tack
		halsningar mvh snalla undrar fraga halla forhand nummer ordernummer forresten`,
	"cs": `a aby ale ani az bez by byl byla bylo byt co da do i jak jake jako je jeho jej jen jeste ji
		jsem jsi jsme jste jsou k kde kdy kdyz ke ktera ktere ktery me mi mit mne mu my na nad nam nas
		ahoj zdravim predem cislo mimochodem
		ne nebo neni nez o od po pod pokud pro proc prosim pri s se si sve ta tak tam te tedy ten to tu
		ty u uz v ve vam vas ze zda dobry den dekuji dekuju diky pozdravem zdravim chtel chtela`,
	"es": `a al algo como con cual cuando de del desde donde el ella en entre es esta este esto estoy
		fue ha hay hola la las le lo los mas me mi mis muy no nos o para pero por porque puedo que se
		si sin sobre su sus te tengo tiene un una uno unos y ya yo gracias saludos favor quisiera
		quiero puede pueden hacer buenos buenas dias tardes equipo antemano numero`,
	"pt": `a ao aos as com como da das de do dos e ela ele em entre esta este eu foi ha isso ja mais
		mas me meu minha muito na nao nas no nos o os ou para pela pelo por porque pode posso qual
		quando que se sem seu sua tem tenho um uma voce ola oi obrigado obrigada saudacoes favor gostaria
		queria fazer bom boa dia tarde equipe desde agradeco numero`,
	"ru": `а без бы был была были было быть в вам вас во вот все всё вы где да для до его ее её если
		есть еще ещё же за здравствуите здравствуйте и из или им их к как ко когда кто ли мне мои мой мы
		на нам нас не нет но о об от по пожалуиста пожалуйста при с со спасибо так также там то у уже
		хочу чем что чтобы эта это я можно могу добрыи добрый день привет заранее номер кстати`,
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range stopwordLists {
		for _, w := range strings.Fields(list) {
			m[Fold(w)] = true
		}
	}
	return m
}()
