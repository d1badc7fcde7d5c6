package faq

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A generated inbox for the suggestion tests: recurring questions (topic × language),
// each asked in several wordings and wrapped in the greetings, order numbers, small talk
// and typos of real mail, plus one-off questions that belong to no group.

type topicLang struct{ topic, lang string }

var paraphrases = map[topicLang][]string{
	{"order", "en"}: {
		"Where is my order? It still hasn't arrived.",
		"My order hasn't arrived yet, can you check where it is?",
		"When will my order arrive? I'm still waiting for the delivery.",
		"Can you tell me the status of my order, it has not been delivered.",
	},
	{"order", "sv"}: {
		"Var är min beställning? Den har inte kommit än.",
		"Min beställning har fortfarande inte kommit, kan ni kolla var den är?",
		"När kommer min beställning? Jag väntar fortfarande på leveransen.",
		"Kan ni kolla status på min beställning, den har inte levererats.",
	},
	{"order", "es"}: {
		"¿Dónde está mi pedido? Todavía no ha llegado.",
		"Mi pedido aún no ha llegado, ¿pueden revisar dónde está?",
		"¿Cuándo llegará mi pedido? Sigo esperando la entrega.",
		"¿Me pueden decir el estado de mi pedido? No lo he recibido.",
	},
	{"refund", "en"}: {
		"How do I get a refund for coffee I returned?",
		"I sent the beans back two weeks ago and still no refund, when will I get my money back?",
		"Can I return an unopened bag and get a refund?",
		"I'd like a refund please, how does returning work?",
	},
	{"refund", "cs"}: {
		"Jak dostanu peníze zpět za vrácenou kávu?",
		"Vrátil jsem kávu před dvěma týdny a peníze zpět pořád nemám.",
		"Můžu vrátit neotevřený balíček kávy a dostat peníze zpět?",
		"Chtěla bych vrátit zboží a dostat peníze zpět, jak na to?",
	},
	{"refund", "pt"}: {
		"Como faço para receber o reembolso do café que devolvi?",
		"Devolvi o café há duas semanas e ainda não recebi o reembolso.",
		"Posso devolver um pacote fechado e receber o reembolso?",
		"Quero pedir o reembolso, como funciona a devolução?",
	},
	{"pause", "en"}: {
		"How can I pause my subscription while I'm on holiday?",
		"I want to pause the coffee subscription for a month, is that possible?",
		"Can I skip or pause my subscription deliveries for the summer?",
		"Please pause my subscription, I'm travelling for six weeks.",
	},
	{"pause", "sv"}: {
		"Hur pausar jag min prenumeration under semestern?",
		"Kan jag pausa kaffeprenumerationen en månad?",
		"Jag vill pausa min prenumeration över sommaren, går det?",
		"Snälla pausa min prenumeration, jag reser bort i sex veckor.",
	},
	{"pause", "ru"}: {
		"Как приостановить подписку на время отпуска?",
		"Можно ли приостановить подписку на кофе на месяц?",
		"Хочу приостановить подписку на лето, это возможно?",
		"Пожалуйста, приостановите мою подписку, я уезжаю на шесть недель.",
	},
	{"grinder", "en"}: {
		"My grinder stopped working, is it covered by the warranty?",
		"The burr grinder I bought makes a loud noise, can I use the warranty?",
		"How long is the warranty on the grinder? Mine is broken.",
		"The grinder broke after three months, will the warranty cover a repair?",
	},
	{"grinder", "cs"}: {
		"Mlýnek přestal fungovat, vztahuje se na něj záruka?",
		"Jak dlouhá je záruka na mlýnek? Můj je rozbitý.",
		"Mlýnek se po třech měsících rozbil, pokryje záruka opravu?",
		"Můj mlýnek na kávu dělá hluk, můžu využít záruku?",
	},
	{"grinder", "es"}: {
		"Mi molinillo dejó de funcionar, ¿lo cubre la garantía?",
		"¿Cuánto dura la garantía del molinillo? El mío está roto.",
		"El molinillo se rompió a los tres meses, ¿la garantía cubre la reparación?",
		"El molinillo hace mucho ruido, ¿puedo usar la garantía?",
	},
	{"allergens", "en"}: {
		"Do your pastries contain nuts? My son has a nut allergy.",
		"Is there any gluten or nuts in the cardamom buns?",
		"Which allergens are in your pastries? I'm allergic to nuts.",
		"Are the buns safe for someone with a nut allergy?",
	},
	{"allergens", "pt"}: {
		"Os doces têm nozes? Meu filho tem alergia a nozes.",
		"Os pães de cardamomo têm glúten ou nozes?",
		"Quais alérgenos estão nos doces? Tenho alergia a nozes.",
		"Os doces são seguros para quem tem alergia a nozes?",
	},
	{"allergens", "ru"}: {
		"В ваших булочках есть орехи? У сына аллергия на орехи.",
		"Есть ли глютен или орехи в булочках с кардамоном?",
		"Какие аллергены в булочках? У меня аллергия на орехи.",
		"Булочки безопасны при аллергии на орехи?",
	},
	{"hours", "en"}: {
		"What are your opening hours on Sunday?",
		"When does the café open on weekends?",
		"Is the café open on Sunday, and until what time?",
		"What time do you open and close on Saturday and Sunday?",
	},
	{"hours", "sv"}: {
		"Vilka är era öppettider på söndag?",
		"När öppnar kaféet på helgen?",
		"Har kaféet öppet på söndag, och till vilken tid?",
		"Vilken tid öppnar och stänger ni på lördag och söndag?",
	},
	{"hours", "cs"}: {
		"Jaká je otevírací doba kavárny v neděli?",
		"Kdy otevírá kavárna o víkendu?",
		"Je kavárna v neděli otevřená a do kolika?",
		"V kolik kavárna otevírá a zavírá v sobotu a v neděli?",
	},
	{"address", "en"}: {
		"I entered the wrong delivery address, can you change it?",
		"Can I change the shipping address on my order? I moved.",
		"Please update the delivery address for my order, it's wrong.",
		"How do I change the address my coffee is delivered to?",
	},
	{"address", "es"}: {
		"Puse mal la dirección de entrega, ¿pueden cambiarla?",
		"¿Puedo cambiar la dirección de envío de mi pedido? Me he mudado.",
		"Por favor, cambien la dirección de entrega de mi pedido, está mal.",
		"¿Cómo cambio la dirección a la que me envían el café?",
	},
	{"address", "ru"}: {
		"Я указал неправильный адрес доставки, можно его изменить?",
		"Можно изменить адрес доставки заказа? Я переехал.",
		"Пожалуйста, измените адрес доставки моего заказа, он неверный.",
		"Как изменить адрес, на который доставляют кофе?",
	},
	{"discount", "en"}: {
		"My discount code doesn't work at checkout.",
		"The discount code from your newsletter says invalid, why?",
		"Why is my discount code not accepted? I tried twice.",
		"I can't use the discount code, it gives an error at checkout.",
	},
	{"discount", "sv"}: {
		"Min rabattkod fungerar inte i kassan.",
		"Rabattkoden från nyhetsbrevet säger ogiltig, varför?",
		"Varför godkänns inte min rabattkod? Jag har försökt två gånger.",
		"Jag kan inte använda rabattkoden, det blir fel i kassan.",
	},
	{"discount", "pt"}: {
		"Meu código de desconto não funciona no checkout.",
		"O código de desconto da newsletter diz que é inválido, por quê?",
		"Por que meu código de desconto não é aceito? Tentei duas vezes.",
		"Não consigo usar o código de desconto, dá erro no pagamento.",
	},
}

var (
	greetings = map[string][]string{
		"en": {"Hi,", "Hello there!", "Hey Nordlys team,", "Good morning,", ""},
		"sv": {"Hej!", "Hej hej,", "Hallå,", ""},
		"cs": {"Dobrý den,", "Ahoj,", "Zdravím,", ""},
		"es": {"Hola,", "Buenos días,", "¡Hola equipo!", ""},
		"pt": {"Olá,", "Oi!", "Bom dia,", ""},
		"ru": {"Здравствуйте!", "Добрый день,", "Привет,", ""},
	}
	// Small talk comes from a pool big enough that no sentence of it recurs more than a
	// real inbox's pleasantries do.
	smallTalk = map[string][]string{
		"en": {"Order number %d.", "I ordered the dark roast last week.", "Love your coffee by the way!", "Thanks in advance.",
			"Sent from my iPhone", "I've been a customer for years.", "Sorry for the long mail.", "My wife loves the light roast.",
			"Hope you're having a good day.", "It's my first time writing to you.", "The espresso blend is amazing.", "Cheers from Bergen!"},
		"sv": {"Ordernummer %d.", "Jag beställde mörkrosten förra veckan.", "Älskar ert kaffe förresten!", "Tack på förhand.",
			"Jag har varit kund i flera år.", "Ursäkta det långa mejlet.", "Ha en fin dag!", "Espressoblandningen är fantastisk."},
		"cs": {"Číslo objednávky %d.", "Minulý týden jsem objednal tmavé pražení.", "Mimochodem, vaše káva je skvělá!", "Předem děkuji.",
			"Jsem váš zákazník už roky.", "Omlouvám se za dlouhý e-mail.", "Přeji hezký den."},
		"es": {"Número de pedido %d.", "Pedí el tueste oscuro la semana pasada.", "¡Me encanta vuestro café!", "Gracias de antemano.",
			"Soy cliente desde hace años.", "Perdón por el correo tan largo.", "Que tengáis un buen día."},
		"pt": {"Número do pedido %d.", "Comprei a torra escura semana passada.", "Adoro o vosso café!", "Desde já agradeço.",
			"Sou cliente há anos.", "Desculpem o email longo.", "Tenham um bom dia."},
		"ru": {"Номер заказа %d.", "На прошлой неделе я заказал тёмную обжарку.", "Кстати, обожаю ваш кофе!", "Заранее спасибо.",
			"Я ваш клиент уже много лет.", "Извините за длинное письмо.", "Хорошего дня!"},
	}
	oneOffs = []string{
		"Do you sell gift cards for the café?",
		"Are you hiring baristas for the summer season?",
		"Is your packaging recyclable or compostable?",
		"Could you tell me which farm the Ethiopian beans come from?",
		"Can I bring my dog into the café?",
		"Säljer ni presentkort?",
		"Har ni glutenfri havremjölk till kaffet?",
		"Můžete mi poslat fakturu na firmu?",
		"Prodáváte i čaj, nebo jen kávu?",
		"¿Hacéis envíos a Canarias?",
		"¿Tenéis descafeinado en grano?",
		"Vocês fazem entregas em Portugal?",
		"Qual é a diferença entre a torra média e a escura?",
		"Есть ли у вас подарочные сертификаты?",
		"Вы продаёте капсулы для кофемашины?",
		"Can I book the café for a birthday party?",
		"What water temperature do you recommend for the light roast?",
		"Er det mulig å bestille til Norge?",
	}
)

// genInbox returns messages and, per message, its true group ("" for one-offs).
func genInbox(rng *rand.Rand, perGroup int) ([]Inbound, []string) {
	var msgs []Inbound
	var truth []string
	keys := make([]topicLang, 0, len(paraphrases))
	for k := range paraphrases {
		keys = append(keys, k)
	}
	// map order is random; sort for a reproducible corpus
	sortKeys(keys)
	for _, k := range keys {
		ps := paraphrases[k]
		for i := 0; i < perGroup; i++ {
			msgs = append(msgs, Inbound{Text: dress(rng, k.lang, ps[i%len(ps)])})
			truth = append(truth, k.topic+"/"+k.lang)
		}
	}
	for _, q := range oneOffs {
		msgs = append(msgs, Inbound{Text: dress(rng, "en", q)})
		truth = append(truth, "")
	}
	rng.Shuffle(len(msgs), func(i, j int) { msgs[i], msgs[j] = msgs[j], msgs[i]; truth[i], truth[j] = truth[j], truth[i] })
	for i := range msgs {
		msgs[i].ID = fmt.Sprint(i)
	}
	return msgs, truth
}

func sortKeys(ks []topicLang) {
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j].topic+ks[j].lang < ks[j-1].topic+ks[j-1].lang; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
}

// dress wraps a question the way mail arrives: a greeting, small talk before or after,
// a typo now and then, a quoted earlier mail, a signature.
func dress(rng *rand.Rand, lang, q string) string {
	if rng.IntN(4) == 0 {
		q = typo(rng, q)
	}
	if rng.IntN(3) == 0 {
		q = strings.ToLower(q)
	}
	var parts []string
	if g := greetings[lang][rng.IntN(len(greetings[lang]))]; g != "" {
		parts = append(parts, g)
	}
	talk := func() string {
		s := smallTalk[lang][rng.IntN(len(smallTalk[lang]))]
		if strings.Contains(s, "%d") {
			s = fmt.Sprintf(s, 10000+rng.IntN(90000))
		}
		return s
	}
	if rng.IntN(3) == 0 {
		parts = append(parts, talk())
	}
	parts = append(parts, q)
	if rng.IntN(3) == 0 {
		parts = append(parts, talk())
	}
	if rng.IntN(4) == 0 {
		parts = append(parts, "\n> Thank you for your order at Nordlys Coffee!\n> Your beans are on their way.")
	}
	if rng.IntN(3) == 0 {
		parts = append(parts, "\n-- \nSent from https://mail.example.com\nAnna Svensson, anna@example.com")
	}
	return strings.Join(parts, " ")
}

// typo swaps two neighbouring letters in one word of four letters or more.
func typo(rng *rand.Rand, s string) string {
	words := strings.Fields(s)
	var long []int
	for i, w := range words {
		if len([]rune(w)) >= 4 {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return s
	}
	i := long[rng.IntN(len(long))]
	r := []rune(words[i])
	k := rng.IntN(len(r) - 1)
	r[k], r[k+1] = r[k+1], r[k]
	words[i] = string(r)
	return strings.Join(words, " ")
}
