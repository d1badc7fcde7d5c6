package warning

// concepts join a complaint across languages: the words customers in each of the six
// languages use for the same trouble, as folded prefixes (see textsim.Fold). A message
// using any of a concept's prefixes gets the concept as a feature, so "bitter" (en),
// "beskt" (sv), "hořká" (cs), "amargo" (es/pt) and "горький" (ru) meet. The playbooks'
// trigger keywords add the brand's own concepts the same way.
var concepts = map[string][]string{
	"taste": {
		"bitter", "sour", "burnt", "taste", "stale", "rancid",
		"besk", "smak", "sur ", "surt", "brand",
		"hork", "kysel", "chut", "spalen", "zatuchl",
		"amarg", "agri", "acid", "sabor", "quemad", "rancio",
		"azed", "gosto", "queimad", "rancos",
		"горьк", "горч", "кисл", "вкус", "горел", "прогорк",
	},
	"delivery": {
		"deliver", "parcel", "package", "shipping", "shipment", "tracking", "arrived", "arrive",
		"leverans", "levere", "paket", "forsen", "sparning",
		"doruc", "balik", "zasilk", "dorazil", "zpozd", "prepravc",
		"entreg", "envio", "paquet", "llego", "llega", "retras", "seguimiento",
		"encomend", "pacote", "chegou", "atras", "rastreio", "transportad",
		"доставк", "посылк", "пришл", "пришел", "задерж", "курьер", "трек",
	},
	"damage": {
		"damag", "broken", "torn", "crushed", "leak", "ripped", "dented",
		"skad", "trasig", "sonder", "krossad",
		"poskoz", "rozbit", "roztrh", "prorazen", "rozmacka",
		"danad", "dano", "roto", "rota", "rasgad", "golpead", "aplastad",
		"danific", "quebrad", "amassad", "vazand",
		"поврежд", "разорв", "сломан", "порван", "помят", "разбит",
	},
	"refund": {
		"refund", "money back", "reimburse",
		"aterbet", "pengarna tillbaka", "aterbetalning",
		"vraceni penez", "penize zpet", "vratit penize", "dostanu penize",
		"reembols", "devolucion del dinero", "devuelvan",
		"reembolso", "estorno", "dinheiro de volta",
		"возврат", "вернут", "верните",
	},
	"charged": {
		"charged", "double payment", "twice", "double charge",
		"debiterad", "dubbel betalning", "tva ganger", "drog pengar", "dubbelt",
		"strzen", "strhl", "dvakrat", "dvojit",
		"cobrado", "cobraron", "dos veces", "duplicad",
		"cobrada", "cobrado", "duas vezes", "duplicado",
		"дважды", "списали", "списан", "двойн",
	},
	"access": {
		"login", "log in", "password", "website", "crash", "error", "app ",
		"logga", "losenord", "inloggning", "webbplats", "krasch", "appen",
		"aplikac", "prihlas", "heslo", "strank", "chyba", "spadl",
		"aplicacion", "sesion", "contrasen", "pagina web", "falla", "la app",
		"aplicativo", "senha", "entrar", "trava", "o app", "o site",
		"приложен", "войти", "вход", "парол", "сайт", "ошибк", "вылет",
	},
	"subscription": {
		"subscri", "pause my", "cancel my",
		"prenumer", "pausa", "avsluta",
		"predplat", "pozastav", "zrusit",
		"suscrip", "pausar", "cancelar",
		"assinatur", "pausar", "cancelar",
		"подписк", "приостанов", "отмен",
	},
}
