package mime

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/quotedprintable"
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
)

// The corpus is generated so that every byte in it is explained by the code
// below; corpusMessages also seeds FuzzParse.

// encodeCharset converts UTF-8 s to the named charset.
func encodeCharset(t testing.TB, charset, s string) []byte {
	t.Helper()
	if strings.EqualFold(charset, "utf-8") {
		return []byte(s)
	}
	enc, err := htmlindex.Get(charset)
	if err != nil {
		t.Fatalf("charset %s: %v", charset, err)
	}
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encode %q as %s: %v", s, charset, err)
	}
	return []byte(out)
}

// encodeTransfer applies a Content-Transfer-Encoding with CRLF lines.
func encodeTransfer(t testing.TB, cte string, b []byte) string {
	t.Helper()
	switch cte {
	case "quoted-printable":
		var buf bytes.Buffer
		w := quotedprintable.NewWriter(&buf)
		w.Write(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
		w.Close()
		return buf.String()
	case "base64":
		s := base64.StdEncoding.EncodeToString(b)
		var out strings.Builder
		for len(s) > 76 {
			out.WriteString(s[:76] + "\r\n")
			s = s[76:]
		}
		return out.String() + s
	default:
		return strings.ReplaceAll(string(b), "\n", "\r\n")
	}
}

// encodedWord returns s as one RFC 2047 B word in the given charset.
func encodedWord(t testing.TB, charset, s string) string {
	return "=?" + charset + "?B?" + base64.StdEncoding.EncodeToString(encodeCharset(t, charset, s)) + "?="
}

// crlf joins header and body lines with CRLF.
func crlf(lines ...string) []byte {
	return []byte(strings.Join(lines, "\r\n"))
}

type languageCase struct {
	name, charset, cte, subject, sender, text string
}

var languageCases = []languageCase{
	{"sv utf-8 qp", "utf-8", "quoted-printable", "Fråga om beställning", "Åsa Öberg", "Hej Åsa, tack för din fråga.\nVänliga hälsningar"},
	{"sv iso-8859-1 8bit", "iso-8859-1", "8bit", "Fråga om beställning", "Åsa Öberg", "Hej Åsa, tack för din fråga."},
	{"sv iso-8859-15 base64", "iso-8859-15", "base64", "Pris 10 € för Åsa", "Åsa Öberg", "Hej Åsa, tack för din fråga. Det kostar 10 €."},
	{"cs windows-1250 qp", "windows-1250", "quoted-printable", "Příliš žluťoučký kůň", "Jiří Řezníček", "Příliš žluťoučký kůň úpěl ďábelské ódy"},
	{"cs iso-8859-2 base64", "iso-8859-2", "base64", "Příliš žluťoučký kůň", "Jiří Řezníček", "Příliš žluťoučký kůň úpěl ďábelské ódy"},
	{"ru koi8-r 8bit", "koi8-r", "8bit", "Ёжик в тумане", "Юрий Норштейн", "Ёжик в тумане\nЛошадка!"},
	{"ru windows-1251 qp", "windows-1251", "quoted-printable", "Ёжик в тумане", "Юрий Норштейн", "Ёжик в тумане"},
	{"ru iso-8859-5 base64", "iso-8859-5", "base64", "Ёжик в тумане", "Юрий Норштейн", "Ёжик в тумане"},
	{"es iso-8859-1 qp", "iso-8859-1", "quoted-printable", "¿Dónde está mi pedido?", "Íñigo Muñoz", "¡Hola! ¿Dónde está mi pedido? Gracias, señora."},
	{"pt iso-8859-15 qp", "iso-8859-15", "quoted-printable", "Atenção: pedido não chegou", "João Conceição", "Olá, a encomenda não chegou. Obrigação cumprida? €5"},
	{"es windows-1252 base64", "windows-1252", "base64", "Información “urgente”", "José Núñez", "Información “urgente” — gracias"},
}

func languageMessage(t testing.TB, c languageCase) []byte {
	return crlf(
		"From: "+encodedWord(t, c.charset, c.sender)+" <sender@example.com>",
		"To: support@brand.example",
		"Subject: "+encodedWord(t, c.charset, c.subject),
		"Date: Mon, 15 Jan 2024 10:30:00 +0100",
		"Message-ID: <"+strings.ReplaceAll(c.name, " ", ".")+"@example.com>",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset="+c.charset,
		"Content-Transfer-Encoding: "+c.cte,
		"",
		encodeTransfer(t, c.cte, encodeCharset(t, c.charset, c.text)),
	)
}

const htmlBody = `<!DOCTYPE html><html><head><title>Newsletter</title>
<style>body { color: red; } .x::after { content: "STYLE" }</style>
<script>document.write("SCRIPT")</script></head>
<body><h1>Hej&nbsp;Åsa &amp; Erik</h1>
<p>Tack f&ouml;r din fr&aring;ga &#8212; <a href="https://shop.example/order/42">se din order</a>.</p>
<p><img src="http://tracker.example/pixel.gif" width=1 height=1>
<img src="http://cdn.example/logo.png" alt="Logo"></p>
<script type="text/javascript">alert("SCRIPT2")</script>
<ul><li>Ett</li><li>Två</li></ul>
<p>Besök <a href="https://shop.example">shop.example</a> &lt;3</p></body></html>`

// corpusMessages is every generated message, keyed by a short name.
func corpusMessages(t testing.TB) map[string][]byte {
	m := map[string][]byte{}
	for _, c := range languageCases {
		m[c.name] = languageMessage(t, c)
	}
	m["alternative"] = crlf(
		"From: Erik <erik@example.com>",
		"Subject: Alternative",
		"Content-Type: multipart/alternative; boundary=\"alt\"",
		"",
		"--alt",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"Plain version",
		"--alt",
		"Content-Type: text/html; charset=utf-8",
		"",
		"<p>HTML version</p>",
		"--alt--",
		"",
	)
	m["html only"] = crlf(
		"From: News <news@example.com>",
		"Subject: HTML only",
		"Content-Type: text/html; charset=utf-8",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		encodeTransfer(t, "quoted-printable", []byte(htmlBody)),
	)
	m["attachments"] = attachmentsMessage(t)
	m["auto reply"] = crlf(
		"From: Mailer <noreply@example.com>",
		"Subject: Automatic reply: Out of office",
		"Auto-Submitted: auto-replied",
		"",
		"I am away.",
	)
	m["list"] = crlf(
		"From: List <list@example.com>",
		"Subject: [team] Weekly",
		"List-Id: Team list <team.lists.example.com>",
		"Precedence: list",
		"",
		"News.",
	)
	m["missing terminator"] = crlf(
		"From: a@example.com",
		"Content-Type: multipart/mixed; boundary=b",
		"",
		"--b",
		"Content-Type: text/plain",
		"",
		"Part one",
		"--b",
		"Content-Type: text/plain",
		"",
		"Part two, cut off",
	)
	m["no headers"] = []byte("just some text\r\nwithout any header\r\n")
	m["garbage"] = []byte("\x00\xff\xfe\x01binary\x00garbage\xc3\x28\r\n\r\n\x00\x00")
	m["unknown charset"] = crlf(
		"From: =?x-klingon?q?Worf?= <worf@example.com>",
		"Subject: =?x-klingon?q?Qapla=27?=",
		"Content-Type: text/plain; charset=x-klingon",
		"",
		"Qapla'",
	)
	m["bad date"] = crlf("From: a@example.com", "Date: yesterday at noon", "", "text")
	return m
}

func attachmentsMessage(t testing.TB) []byte {
	names := []string{
		`filename="../../etc/passwd"`,
		`filename="CON"`,
		"filename=\"a\x00b.txt\"",
		`filename="` + strings.Repeat("n", 300) + `.pdf"`,
		`filename*=UTF-8''%C3%85rsrapport%20f%C3%B6r%20%C5%99%C3%ADjen.pdf`,
		`filename="=?utf-8?B?` + base64.StdEncoding.EncodeToString([]byte("Отчёт.docx")) + `?="`,
	}
	lines := []string{
		"From: a@example.com",
		"Subject: Files",
		"Content-Type: multipart/mixed; boundary=\"mix\"",
		"",
		"--mix",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"See attached.",
	}
	for i, n := range names {
		lines = append(lines,
			"--mix",
			"Content-Type: application/octet-stream",
			"Content-Disposition: attachment; "+n,
			"Content-Transfer-Encoding: base64",
			"",
			encodeTransfer(t, "base64", []byte(fmt.Sprintf("file %d", i))),
		)
	}
	lines = append(lines,
		"--mix",
		"Content-Type: image/png; name=\"inline.png\"",
		"Content-Disposition: inline",
		"Content-ID: <img1>",
		"",
		"PNG",
		"--mix--",
		"",
	)
	return crlf(lines...)
}
