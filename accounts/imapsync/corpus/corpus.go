// Package corpus generates realistic, multilingual test mail for a coffee brand's support
// address: Swedish in ISO-8859-1, Czech in windows-1250, Russian in KOI8-R, Spanish and
// Portuguese in UTF-8, quoted-printable and base64, HTML-only mail with scripts, threads
// with and without references, auto-replies, and a few malformed messages. The same seed
// always gives the same mail, so tests can state what a sync must produce.
package corpus

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Support is the brand's address: mail from it is outbound.
const Support = "support@nordlys.example"

// Mail is one generated message and what a correct sync must make of it.
type Mail struct {
	Raw       []byte
	MessageID string // empty for the malformed ones that lack it
	Thread    int    // messages with the same Thread belong to one conversation
	Lang      string // sv, cs, ru, es, pt, en, auto, bad
	Phrase    string // decoded text the body must contain
	Outbound  bool
	Date      time.Time
}

type lang struct {
	code, charset, enc string // enc: "q" quoted-printable, "b" base64, "html" HTML-only
	cs                 encoding.Encoding
	names              []string
	subjects           []string
	bodies             []string // the first line is the Phrase
	reply              string
}

var langs = []lang{
	{"sv", "ISO-8859-1", "q", charmap.ISO8859_1, []string{"Åsa Lindström", "Björn Öberg", "Märta Sjögren"},
		[]string{"Var är min beställning?", "Kaffebönorna smakade bränt", "Fel vara levererad"},
		[]string{"Min beställning av kaffebönor har inte kommit än.", "Påsen var öppen när den kom fram.", "Jag fick te i stället för kaffe."},
		"SV: "},
	{"cs", "windows-1250", "b", charmap.Windows1250, []string{"Jiří Dvořák", "Žaneta Šťastná", "Petr Černý"},
		[]string{"Reklamace: rozbitý mlýnek", "Kůň a káva", "Vrácení peněz"},
		[]string{"Žluťoučký kůň mi rozkousal balíček kávy.", "Mlýnek přišel rozbitý, prosím o výměnu.", "Prosím o vrácení peněz za objednávku."},
		"Odp: "},
	{"ru", "KOI8-R", "b", charmap.KOI8R, []string{"Ёжик Туманов", "Ольга Петрова", "Дмитрий Смирнов"},
		[]string{"Где мой заказ?", "Жалоба на доставку", "Возврат денег"},
		[]string{"Ёжик в тумане ждёт свой кофе уже две недели.", "Посылка пришла мокрой и мятой.", "Прошу вернуть деньги за заказ."},
		"Ответ: "},
	{"es", "UTF-8", "q", nil, []string{"José Martínez", "Lucía Fernández"},
		[]string{"Café frío", "Pedido incompleto"},
		[]string{"El café llegó frío y la caja estaba rota.", "Faltan dos paquetes de mi pedido, señor."},
		"RE: "},
	{"pt", "UTF-8", "b", nil, []string{"João Gonçalves", "Inês Araújo"},
		[]string{"Quando chega o meu pedido?", "Cobrança duplicada"},
		[]string{"Gostaria de saber quando chega o meu pedido de café.", "Fui cobrada duas vezes pela assinatura."},
		"Res: "},
	{"en", "UTF-8", "html", nil, []string{"Megan O'Brien", "Tom Baker"},
		[]string{"Where is my order??", "Refund request"},
		[]string{"Where is my order, it has been three weeks.", "I would like a refund for the broken grinder."},
		"Re: "},
}

var supportReplies = map[string]string{
	"sv": "Tack för att du hörde av dig! Vi skickar en ny påse i dag.",
	"cs": "Děkujeme za zprávu, posíláme náhradu ještě dnes.",
	"ru": "Спасибо за обращение, мы отправим замену сегодня.",
	"es": "Gracias por escribirnos, enviamos un reemplazo hoy.",
	"pt": "Obrigado pelo contato, enviaremos um novo pacote hoje.",
	"en": "Thanks for writing in, we are sending a replacement today.",
}

// Each generates n messages from seed and calls fn with each, oldest first. Messages
// come in threads of one to four; every 50th message is an auto-reply and every 97th is
// malformed (no Message-ID, broken MIME).
func Each(n int, seed uint64, fn func(Mail) error) error {
	r := rand.New(rand.NewPCG(seed, 42))
	start := time.Date(2025, 1, 6, 8, 0, 0, 0, time.UTC)
	at := start
	thread := 0
	for i := 0; i < n; {
		thread++
		l := langs[r.IntN(len(langs))]
		customer := l.names[r.IntN(len(l.names))]
		email := fmt.Sprintf("%s.%d@customer.example", asciiName(customer), thread%997)
		subject := l.subjects[r.IntN(len(l.subjects))]
		size := 1 + r.IntN(4)
		var refs []string
		for k := 0; k < size && i < n; k++ {
			at = at.Add(time.Duration(1+r.IntN(30)) * time.Minute)
			i++
			id := fmt.Sprintf("%d.%d.%x@customer.example", thread, k, r.Uint32())
			var m Mail
			switch {
			case i%97 == 0:
				m = malformed(i, thread, at)
			case i%50 == 0:
				m = autoReply(id, thread, email, at)
			case k%2 == 1:
				m = supportMail(l, id, thread, customer, email, l.reply+subject, refs, at)
			default:
				body := l.bodies[r.IntN(len(l.bodies))]
				s := subject
				if k > 0 {
					s = l.reply + subject
				}
				// Every 7th follow-up lacks references: it must thread by subject and sender.
				useRefs := refs
				if k > 0 && thread%7 == 0 {
					useRefs = nil
				}
				m = customerMail(l, id, thread, customer, email, s, body, useRefs, at, i)
			}
			if m.Thread == thread { // auto-replies and broken mail are not replied to
				refs = append(refs, m.MessageID)
			}
			if err := fn(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// All collects Each into a slice: for tests with a few hundred messages.
func All(n int, seed uint64) []Mail {
	var list []Mail
	Each(n, seed, func(m Mail) error { list = append(list, m); return nil })
	return list
}

func asciiName(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "kunde"
	}
	return b.String()
}

func customerMail(l lang, id string, thread int, name, email, subject, body string, refs []string, at time.Time, n int) Mail {
	text := fmt.Sprintf("%s\r\n\r\nOrder NC-%d, message %d.\r\n\r\n%s\r\n", body, thread, n, name)
	var h bytes.Buffer
	header(&h, id, mime.QEncoding.Encode(l.charset, string(encodeString(l.charset, name)))+" <"+email+">", Support, subject, l.charset, refs, at)
	switch l.enc {
	case "html":
		html := fmt.Sprintf("<html><head><script>alert('x')</script></head><body><p>%s</p>"+
			"<img src=\"https://tracker.example/pixel.gif\"><p>Order NC-%d, message %d.</p></body></html>", body, thread, n)
		h.WriteString("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		h.WriteString(qp([]byte(html)))
	default:
		raw := encode(l.cs, text)
		fmt.Fprintf(&h, "Content-Type: text/plain; charset=%s\r\n", l.charset)
		if l.enc == "b" {
			h.WriteString("Content-Transfer-Encoding: base64\r\n\r\n")
			h.WriteString(b64(raw))
		} else {
			h.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
			h.WriteString(qp(raw))
		}
	}
	return Mail{Raw: h.Bytes(), MessageID: id, Thread: thread, Lang: l.code, Phrase: body, Date: at}
}

func supportMail(l lang, id string, thread int, name, email, subject string, refs []string, at time.Time) Mail {
	id = "reply." + id
	body := supportReplies[l.code]
	var h bytes.Buffer
	header(&h, id, "Nordlys Coffee <"+Support+">", mime.QEncoding.Encode("UTF-8", name)+" <"+email+">", subject, "UTF-8", refs, at)
	h.WriteString("Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n")
	h.WriteString("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	h.WriteString(qp([]byte(body + "\r\n\r\n/ Nordlys Coffee\r\n")))
	h.WriteString("\r\n--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>" + body + "</p>\r\n--alt--\r\n")
	return Mail{Raw: h.Bytes(), MessageID: id, Thread: thread, Lang: l.code, Phrase: body, Outbound: true, Date: at}
}

func autoReply(id string, thread int, email string, at time.Time) Mail {
	var h bytes.Buffer
	header(&h, "auto."+id, "<"+email+">", Support, "Automatic reply: out of office", "UTF-8", nil, at)
	h.WriteString("Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
	h.WriteString("I am out of the office until Monday.\r\n")
	return Mail{Raw: h.Bytes(), MessageID: "auto." + id, Thread: -thread, Lang: "auto", Phrase: "out of the office", Date: at}
}

func malformed(n, thread int, at time.Time) Mail {
	raw := fmt.Sprintf("From: broken sender <<nobody@@customer.example>\r\nSubject: =?bogus-charset?Q?broken=ZZ?= %d\r\n"+
		"Date: %s\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--never\r\n"+
		"Content-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: base64\r\n\r\n"+
		"!!!not base64!!! garbled %d\r\n", n, at.Format(time.RFC1123Z), n)
	return Mail{Raw: []byte(raw), Thread: -1000000 - thread, Lang: "bad", Phrase: "", Date: at}
}

func header(h *bytes.Buffer, id, from, to, subject, charset string, refs []string, at time.Time) {
	fmt.Fprintf(h, "Message-ID: <%s>\r\nDate: %s\r\nFrom: %s\r\nTo: %s\r\n", id, at.Format(time.RFC1123Z), from, to)
	fmt.Fprintf(h, "Subject: %s\r\nMIME-Version: 1.0\r\n", mime.BEncoding.Encode(charset, string(encodeString(charset, subject))))
	if len(refs) > 0 {
		fmt.Fprintf(h, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", refs[len(refs)-1], strings.Join(refs, "> <"))
	}
}

// encodeString encodes subject text for the header's charset; mime.BEncoding then wraps
// the bytes, which it treats as opaque.
func encodeString(charset, s string) []byte {
	for _, l := range langs {
		if l.charset == charset && l.cs != nil {
			return encode(l.cs, s)
		}
	}
	return []byte(s)
}

func encode(cs encoding.Encoding, s string) []byte {
	if cs == nil {
		return []byte(s)
	}
	b, err := cs.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("corpus: %q does not fit its charset: %v", s, err))
	}
	return b
}

func qp(b []byte) string {
	var buf bytes.Buffer
	w := quotedprintable.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.String() + "\r\n"
}

func b64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	return out.String() + s + "\r\n"
}
