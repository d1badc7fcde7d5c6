package warning

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// A generated inbox: a week of ordinary customer mail in six languages, and complaint
// waves injected into it. Ordinary mail is short questions on a shop's everyday topics,
// padded with real sentences from the seed guides (testdata/seeds) so
// the vocabulary is as wide as real mail's; it also holds the odd lone complaint of the
// same kinds the waves are made of.

var langs = []string{"sv", "cs", "es", "pt", "ru", "en"}

// ordinary topics: per language, several phrasings each.
var ordinary = map[string][][]string{
	"en": {
		{"Where is my order {n}? It has not arrived yet.", "Any news on the delivery of order {n}?", "My tracking has not moved for three days."},
		{"I moved house, can you change the address on my subscription?", "Please update my delivery address before the next box."},
		{"Which grinder do you recommend for a moka pot?", "Do you sell decaf beans in 500 g bags?", "Is the Fika blend good for espresso?"},
		{"Can I pause my subscription for a month while I travel?", "How do I skip the next delivery?"},
		{"Just wanted to say the Oslo café was lovely today, thank you!", "Your winter blend is the best coffee I have had this year."},
		{"We run a small café and would like your wholesale prices.", "Do you supply beans to restaurants in Gothenburg?"},
		{"What are the opening hours of the Malmö café on Sunday?", "Is the Stockholm café open on public holidays?"},
		{"Can I buy a gift card for my sister?", "My gift card code does not work at checkout."},
		{"I returned a bag last week, when will I get my refund?", "The coffee tasted a bit flat this time, is that normal?"},
		{"Does the oat latte contain nuts?", "Is your chocolate syrup gluten free?"},
	},
	"sv": {
		{"Var är min beställning {n}? Den har inte kommit än.", "Hur går det med leveransen av order {n}?"},
		{"Jag har flyttat, kan ni ändra adressen på min prenumeration?", "Vänligen uppdatera min leveransadress."},
		{"Vilken kvarn rekommenderar ni till mokabryggare?", "Säljer ni koffeinfritt kaffe?"},
		{"Kan jag pausa min prenumeration en månad?", "Hur hoppar jag över nästa leverans?"},
		{"Tack för ett fint besök på caféet i Stockholm!", "Ert julkaffe är det godaste jag druckit."},
		{"Vi driver ett litet café och vill veta era grossistpriser."},
		{"Vilka öppettider har caféet i Malmö på söndag?"},
		{"Kan jag köpa ett presentkort till min mamma?", "Min presentkortskod fungerar inte i kassan."},
		{"Jag skickade tillbaka en påse, när får jag pengarna?", "Kaffet smakade lite platt den här gången."},
		{"Innehåller havrelatten nötter?"},
	},
	"cs": {
		{"Kde je moje objednávka {n}? Ještě nedorazila.", "Jak to vypadá s doručením objednávky {n}?"},
		{"Přestěhovala jsem se, můžete změnit adresu u předplatného?"},
		{"Jaký mlýnek doporučujete na moka konvičku?", "Prodáváte kávu bez kofeinu?"},
		{"Můžu pozastavit předplatné na měsíc?", "Jak přeskočím příští zásilku?"},
		{"Děkuji za skvělou kávu, zimní směs je výborná."},
		{"Provozujeme malou kavárnu a zajímají nás velkoobchodní ceny."},
		{"Jakou otevírací dobu má kavárna v Oslu v neděli?"},
		{"Můžu koupit dárkovou kartu?", "Kód dárkové karty nefunguje."},
		{"Vrátila jsem balení, kdy dostanu peníze zpět?"},
		{"Obsahuje ovesné latte ořechy?"},
	},
	"es": {
		{"¿Dónde está mi pedido {n}? Todavía no ha llegado.", "¿Hay novedades sobre la entrega del pedido {n}?"},
		{"Me he mudado, ¿pueden cambiar la dirección de mi suscripción?"},
		{"¿Qué molinillo recomiendan para una cafetera italiana?", "¿Venden café descafeinado?"},
		{"¿Puedo pausar mi suscripción durante un mes?"},
		{"Muchas gracias, el café de invierno está buenísimo."},
		{"Tenemos una pequeña cafetería y queremos sus precios al por mayor."},
		{"¿Cuál es el horario del café de Malmö el domingo?"},
		{"¿Puedo comprar una tarjeta regalo?", "El código de mi tarjeta regalo no funciona."},
		{"Devolví una bolsa la semana pasada, ¿cuándo recibiré el reembolso?"},
		{"¿El latte de avena contiene frutos secos?"},
	},
	"pt": {
		{"Onde está a minha encomenda {n}? Ainda não chegou.", "Alguma novidade sobre a entrega da encomenda {n}?"},
		{"Mudei de casa, podem alterar o endereço da minha assinatura?"},
		{"Que moinho recomendam para cafeteira italiana?", "Vendem café descafeinado?"},
		{"Posso pausar a minha assinatura por um mês?"},
		{"Obrigada, o café de inverno é ótimo."},
		{"Temos uma pequena cafetaria e queremos os preços de revenda."},
		{"Qual é o horário do café de Oslo no domingo?"},
		{"Posso comprar um cartão presente?", "O código do meu cartão presente não funciona."},
		{"Devolvi um pacote na semana passada, quando recebo o reembolso?"},
		{"O latte de aveia contém nozes?"},
	},
	"ru": {
		{"Где мой заказ {n}? Он ещё не пришёл.", "Есть новости о доставке заказа {n}?"},
		{"Я переехала, можно изменить адрес в подписке?"},
		{"Какую кофемолку вы посоветуете для гейзерной кофеварки?", "Продаёте ли вы кофе без кофеина?"},
		{"Можно приостановить подписку на месяц?"},
		{"Спасибо, зимняя смесь просто чудесная."},
		{"У нас маленькое кафе, пришлите, пожалуйста, оптовые цены."},
		{"Какие часы работы у кафе в Мальмё в воскресенье?"},
		{"Можно купить подарочную карту?", "Код подарочной карты не работает."},
		{"Я вернула пачку на прошлой неделе, когда вернутся деньги?"},
		{"Есть ли орехи в овсяном латте?"},
	},
}

// waveTopics: what a wave is about, per language.
var waveTopics = map[string]map[string][]string{
	"taste": {
		"en": {"My Midnight Sun from batch NC-2611 tastes bitter and sour.", "This bag is really bitter, almost burnt. Is something wrong with the batch?", "The new coffee tastes sour and bitter, nothing like before."},
		"sv": {"Midnight Sun från batch NC-2611 smakar beskt och surt.", "Kaffet smakar väldigt beskt, nästan bränt. Är det fel på rosten?"},
		"cs": {"Káva Midnight Sun ze šarže NC-2611 je hořká a kyselá.", "Nová káva chutná hořce, skoro spáleně. Je něco špatně se šarží?"},
		"es": {"Mi Midnight Sun del lote NC-2611 sabe amargo y ácido.", "El café nuevo está muy amargo, casi quemado. ¿Pasa algo con el lote?"},
		"pt": {"O meu Midnight Sun do lote NC-2611 está amargo e azedo.", "O café novo tem um gosto amargo, quase queimado. Há algum problema com o lote?"},
		"ru": {"Кофе Midnight Sun из партии NC-2611 горький и кислый.", "Новый кофе очень горький, почти горелый. Что-то не так с партией?"},
	},
	"login": {
		"en": {"I cannot log in to the app since this morning, it says error.", "The app crashes every time I try to log in.", "Password reset does not work, I cannot log in."},
		"sv": {"Jag kan inte logga in i appen sedan i morse, det står fel.", "Appen kraschar när jag försöker logga in."},
		"cs": {"Od rána se nemůžu přihlásit do aplikace, píše chyba.", "Aplikace spadne pokaždé, když se chci přihlásit."},
		"es": {"No puedo iniciar sesión en la app desde esta mañana, sale un error.", "La aplicación se cierra cada vez que intento iniciar sesión."},
		"pt": {"Não consigo entrar no aplicativo desde hoje de manhã, dá erro.", "O aplicativo trava sempre que tento entrar com a senha."},
		"ru": {"С утра не могу войти в приложение, пишет ошибку.", "Приложение вылетает при входе, пароль не принимает."},
	},
	"charged": {
		"en": {"I was charged twice for my subscription this month.", "My card shows a double payment for the same order, please refund one."},
		"sv": {"Jag har blivit debiterad två gånger för prenumerationen, dubbel betalning.", "Ni drog pengar dubbelt från mitt kort."},
		"cs": {"Platba za předplatné mi byla stržena dvakrát.", "Strhli jste mi peníze dvakrát za stejnou objednávku."},
		"es": {"Me han cobrado dos veces la suscripción este mes.", "Veo un pago duplicado en mi tarjeta, por favor devuelvan uno."},
		"pt": {"Fui cobrada duas vezes pela assinatura este mês.", "Há um pagamento duplicado no meu cartão, quero o estorno."},
		"ru": {"С меня дважды списали оплату за подписку.", "Деньги списаны дважды за один заказ, верните, пожалуйста."},
	},
	"damaged": {
		"en": {"The parcel arrived crushed and the bag was torn open.", "My package came damaged, coffee everywhere in the box."},
		"sv": {"Paketet kom fram krossat och påsen var trasig.", "Försändelsen var skadad, kaffe överallt."},
		"cs": {"Balík dorazil rozmačkaný a sáček byl roztržený.", "Zásilka přišla poškozená, káva všude v krabici."},
		"es": {"El paquete llegó aplastado y la bolsa estaba rota.", "Mi paquete llegó dañado, café por toda la caja."},
		"pt": {"A encomenda chegou amassada e o saco estava rasgado.", "O pacote veio danificado, café por toda a caixa."},
		"ru": {"Посылка пришла помятая, пакет порван.", "Коробка повреждена, кофе рассыпан."},
	},
}

var greetings = map[string][]string{
	"en": {"Hi,", "Hello,", "Good morning,", "Hey Nordlys,"}, "sv": {"Hej,", "Hej Nordlys,", "Hallå,"},
	"cs": {"Dobrý den,", "Ahoj,"}, "es": {"Hola,", "Buenos días,"}, "pt": {"Olá,", "Bom dia,"}, "ru": {"Здравствуйте,", "Добрый день,"},
}

var englishFiller = []string{
	"I have been a customer for a couple of years now.", "I usually order on Sunday evenings.",
	"My partner and I drink a lot of coffee at home.", "I tried to find the answer on your website first.",
	"Sorry if this was asked before.", "Thanks in advance for your help.", "Have a nice day.",
	"I live in a small flat in Bergen.", "We are hosting a family dinner next week.",
}

// seedSentences are real sentences per language from the seed guides.
func seedSentences() map[string][]string {
	out := map[string][]string{"en": englishFiller}
	files, _ := filepath.Glob("testdata/seeds/*.txt")
	split := regexp.MustCompile(`[.!?]\s+`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		text := string(b)
		lang := detectSeedLang(text)
		for _, s := range split.Split(text, -1) {
			s = strings.Join(strings.Fields(s), " ")
			if n := len(strings.Fields(s)); n >= 5 && n <= 25 {
				out[lang] = append(out[lang], s+".")
			}
		}
	}
	return out
}

func detectSeedLang(text string) string {
	switch {
	case strings.Contains(text, "Как"):
		return "ru"
	case strings.Contains(text, "Não"):
		return "pt"
	case strings.Contains(text, "Nuestra"):
		return "es"
	case strings.Contains(text, "Nepodceňujte"):
		return "cs"
	default:
		return "sv"
	}
}

type traffic struct {
	msgs  []Message
	waves map[int64]int // message id → injected wave number (1-based)
	start []time.Time   // each injected wave's first message
}

type gen struct {
	r      *rand.Rand
	filler map[string][]string
	next   int64
	t      traffic
}

func newGen(seed uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, 7)), filler: seedSentences(), t: traffic{waves: map[int64]int{}}}
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) add(lang, subject, core string, at time.Time, wave int) {
	g.next++
	body := g.pick(greetings[lang]) + "\n\n"
	parts := []string{strings.ReplaceAll(core, "{n}", fmt.Sprint(10000+g.r.IntN(90000)))}
	for k := g.r.IntN(3); k > 0 && len(g.filler[lang]) > 0; k-- {
		parts = append(parts, g.pick(g.filler[lang]))
	}
	g.r.Shuffle(len(parts)-1, func(i, j int) { parts[i+1], parts[j+1] = parts[j+1], parts[i+1] })
	body += strings.Join(parts, " ")
	m := Message{ID: g.next, ConversationID: g.next, From: fmt.Sprintf("customer%d@example.com", g.next),
		Subject: subject, Text: body, At: at}
	g.t.msgs = append(g.t.msgs, m)
	if wave > 0 {
		g.t.waves[m.ID] = wave
	}
}

// week makes ordinary traffic: perDay messages a day, mostly in the daytime, in all six
// languages, with the odd lone complaint.
func (g *gen) week(start time.Time, days, perDay int) {
	for d := 0; d < days; d++ {
		for k := 0; k < perDay; k++ {
			hour := 7 + g.r.NormFloat64()*3.5 + 7
			if hour < 0 || hour >= 24 {
				hour = g.r.Float64() * 24
			}
			at := start.Add(time.Duration(d)*24*time.Hour + time.Duration(hour*float64(time.Hour)))
			lang := langs[g.r.IntN(len(langs))]
			if g.r.IntN(40) == 0 { // a lone complaint of a wave's kind
				topics := []string{"taste", "login", "charged", "damaged"}
				core := g.pick(waveTopics[topics[g.r.IntN(4)]][lang])
				g.add(lang, firstWordsOf(core, 5), core, at, 0)
				continue
			}
			topic := ordinary[lang][g.r.IntN(len(ordinary[lang]))]
			core := g.pick(topic)
			g.add(lang, firstWordsOf(core, 5), core, at, 0)
		}
	}
}

// wave injects n messages about topic within span from at, in the given languages.
func (g *gen) wave(topic string, ls []string, at time.Time, n int, span time.Duration) {
	g.t.start = append(g.t.start, at)
	num := len(g.t.start)
	for k := 0; k < n; k++ {
		off := time.Duration(0)
		if k > 0 {
			off = time.Duration(g.r.Int64N(int64(span)))
		}
		lang := ls[g.r.IntN(len(ls))]
		if k == 0 {
			lang = ls[0]
		}
		core := g.pick(waveTopics[topic][lang])
		g.add(lang, firstWordsOf(core, 5), core, at.Add(off), num)
	}
}

func firstWordsOf(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
