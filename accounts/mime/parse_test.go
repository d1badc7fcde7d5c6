package mime

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestParseLanguagesAndCharsets(t *testing.T) {
	for _, c := range languageCases {
		t.Run(c.name, func(t *testing.T) {
			m := Parse(languageMessage(t, c), Limits{})
			if m.Subject != c.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, c.subject)
			}
			if m.From != (Address{Name: c.sender, Email: "sender@example.com"}) {
				t.Errorf("From = %+v", m.From)
			}
			if m.Text != c.text {
				t.Errorf("Text = %q, want %q", m.Text, c.text)
			}
			if len(m.Warnings) > 0 {
				t.Errorf("warnings: %q", m.Warnings)
			}
			want := time.Date(2024, 1, 15, 9, 30, 0, 0, time.UTC)
			if !m.Date.Equal(want) {
				t.Errorf("Date = %v, want %v", m.Date, want)
			}
		})
	}
}

func TestParseHeaders(t *testing.T) {
	raw := crlf(
		"From \"Ström, Åsa\" <asa@example.se>",
		`From: "Ström, Åsa" <asa@example.se>`,
		"To: =?utf-8?q?Ji=C5=99=C3=AD?= <jiri@example.cz>, ivan@example.ru",
		"To: second@example.com",
		"Cc: broken <cc@example.com, \"unterminated <x@example.com>",
		"Reply-To: <replies@example.se>",
		"Subject: =?utf-8?q?Hej_?=",
		" =?utf-8?q?=C3=85sa?= och Erik",
		"Message-ID: <abc@example.se>",
		"In-Reply-To: <parent@example.se> (comment)",
		"References: <root@example.se>",
		"\t<parent@example.se> <root@example.se>",
		"Date: Tue, 2 Jan 2024 03:04:05 +0000 (UTC)",
		"",
		"body",
	)
	m := Parse(raw, Limits{})
	check := func(name string, got, want any) {
		t.Helper()
		if !equalAny(got, want) {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	check("From", m.From, Address{"Ström, Åsa", "asa@example.se"})
	check("To", m.To, []Address{{"Jiří", "jiri@example.cz"}, {"", "ivan@example.ru"}, {"", "second@example.com"}})
	check("ReplyTo", m.ReplyTo, []Address{{"", "replies@example.se"}})
	check("Subject", m.Subject, "Hej Åsa och Erik")
	check("MessageID", m.MessageID, "abc@example.se")
	check("InReplyTo", m.InReplyTo, "parent@example.se")
	check("References", m.References, []string{"root@example.se", "parent@example.se"})
	check("Date", m.Date.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)), true)
	if len(m.Cc) == 0 || m.Cc[0].Email != "cc@example.com" {
		t.Errorf("Cc = %#v, want cc@example.com salvaged", m.Cc)
	}
	if !hasWarning(m, "Cc") {
		t.Errorf("no warning about Cc: %q", m.Warnings)
	}
}

func TestParseBodies(t *testing.T) {
	corpus := corpusMessages(t)
	t.Run("alternative prefers plain", func(t *testing.T) {
		m := Parse(corpus["alternative"], Limits{})
		if m.Text != "Plain version" || m.HTMLOnly {
			t.Errorf("Text = %q, HTMLOnly = %v", m.Text, m.HTMLOnly)
		}
	})
	t.Run("html only", func(t *testing.T) {
		m := Parse(corpus["html only"], Limits{})
		if !m.HTMLOnly {
			t.Error("HTMLOnly = false")
		}
		for _, want := range []string{"Hej Åsa & Erik", "Tack för din fråga — se din order (https://shop.example/order/42).", "[Logo]", "• Två", "Besök shop.example <3"} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("Text lacks %q:\n%s", want, m.Text)
			}
		}
		for _, bad := range []string{"SCRIPT", "STYLE", "Newsletter", "tracker", "http://cdn", "color"} {
			if strings.Contains(m.Text, bad) {
				t.Errorf("Text contains %q:\n%s", bad, m.Text)
			}
		}
	})
	t.Run("undeclared 8-bit is windows-1252", func(t *testing.T) {
		m := Parse(append(crlf("From: a@example.com", "", ""), encodeCharset(t, "windows-1252", "Señor Ström")...), Limits{})
		if m.Text != "Señor Ström" || !hasWarning(m, "windows-1252") {
			t.Errorf("Text = %q, warnings %q", m.Text, m.Warnings)
		}
	})
	t.Run("broken base64 keeps the decodable start", func(t *testing.T) {
		m := Parse(crlf("From: a@example.com", "Content-Transfer-Encoding: base64", "", "SGVqIMOFc2E#!*", "Y"), Limits{})
		if m.Text != "Hej Åsa" || !hasWarning(m, "base64") {
			t.Errorf("Text = %q, warnings %q", m.Text, m.Warnings)
		}
	})
	t.Run("control characters and invalid UTF-8", func(t *testing.T) {
		m := Parse(crlf("From: a@example.com", "Content-Type: text/plain; charset=utf-8", "", "a\x00b\x07c \xc3\x28 d"), Limits{})
		if m.Text != "abc \uFFFD( d" {
			t.Errorf("Text = %q", m.Text)
		}
	})
}

func TestParseAttachments(t *testing.T) {
	m := Parse(attachmentsMessage(t), Limits{})
	want := []string{"passwd", "_CON", "ab.txt", strings.Repeat("n", 196) + ".pdf", "Årsrapport för říjen.pdf", "Отчёт.docx", "inline.png"}
	if len(m.Attachments) != len(want) {
		t.Fatalf("%d attachments, want %d: %+v", len(m.Attachments), len(want), m.Attachments)
	}
	for i, a := range m.Attachments {
		if a.Filename != want[i] {
			t.Errorf("attachment %d: Filename = %q, want %q", i, a.Filename, want[i])
		}
	}
	if a := m.Attachments[0]; string(a.Data) != "file 0" || a.Size != 6 || a.ContentType != "application/octet-stream" {
		t.Errorf("first attachment = %+v", a)
	}
	if m.Text != "See attached." {
		t.Errorf("Text = %q", m.Text)
	}

	capped := Parse(attachmentsMessage(t), Limits{MaxAttachmentBytes: 5})
	if a := capped.Attachments[0]; a.Data != nil || !a.Truncated || a.Size != 6 {
		t.Errorf("capped attachment = %+v", a)
	}
	if !hasWarning(capped, "larger than 5 bytes") {
		t.Errorf("no size warning: %q", capped.Warnings)
	}
}

func TestParseInlineImages(t *testing.T) {
	raw := crlf(
		"Content-Type: multipart/related; boundary=r",
		"",
		"--r",
		"Content-Type: text/html",
		"",
		`<p>Hi<img src="cid:logo"></p>`,
		"--r",
		"Content-Type: image/png",
		"Content-ID: <logo>",
		"",
		"PNG",
		"--r",
		"Content-Type: application/pdf",
		"",
		"PDF",
		"--r--",
	)
	m := Parse(raw, Limits{})
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "attachment" || m.Attachments[0].ContentType != "application/pdf" {
		t.Errorf("attachments = %+v, want only the nameless PDF", m.Attachments)
	}
	if m.Text != "Hi" || !m.HTMLOnly {
		t.Errorf("Text = %q, HTMLOnly = %v", m.Text, m.HTMLOnly)
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		header     string
		auto, bulk bool
		listID     string
	}{
		{"Auto-Submitted: auto-replied", true, false, ""},
		{"Auto-Submitted: auto-generated; owner-email=x@example.com", true, false, ""},
		{"Auto-Submitted: no", false, false, ""},
		{"Auto-Submitted: No (human)", false, false, ""},
		{"X-Autoreply: yes", true, false, ""},
		{"Precedence: auto_reply", true, false, ""},
		{"Precedence: bulk", false, true, ""},
		{"Precedence: junk", false, true, ""},
		{"List-Id: \"Kunder\" <kunder.example.se>", false, true, "kunder.example.se"},
		{"Subject: plain", false, false, ""},
	}
	for _, tt := range tests {
		m := Parse(crlf("From: a@example.com", tt.header, "", "x"), Limits{})
		if m.AutoSubmitted != tt.auto || m.Bulk != tt.bulk || m.ListID != tt.listID {
			t.Errorf("%s: auto=%v bulk=%v list=%q", tt.header, m.AutoSubmitted, m.Bulk, m.ListID)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	corpus := corpusMessages(t)
	tests := []struct {
		name, text, warning string
	}{
		{"missing terminator", "Part one\n\nPart two, cut off", "final boundary missing"},
		{"no headers", "just some text\nwithout any header", "no header found"},
		{"garbage", "ÿþbinarygarbageÃ(", "read as windows-1252"},
		{"unknown charset", "Qapla'", `unknown charset "x-klingon"`},
		{"bad date", "text", `unreadable Date "yesterday at noon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse(corpus[tt.name], Limits{})
			if m.Text != tt.text {
				t.Errorf("Text = %q, want %q", m.Text, tt.text)
			}
			if !hasWarning(m, tt.warning) {
				t.Errorf("no warning %q in %q", tt.warning, m.Warnings)
			}
		})
	}
	t.Run("unknown charset in header is read as its bytes look", func(t *testing.T) {
		m := Parse(corpus["unknown charset"], Limits{})
		if m.Subject != "Qapla'" || !hasWarning(m, `Subject: unknown charset "x-klingon"`) {
			t.Errorf("Subject = %q, warnings %q", m.Subject, m.Warnings)
		}
		if m.From.Email != "worf@example.com" {
			t.Errorf("From = %+v", m.From)
		}
	})
	t.Run("unquoted specials in boundary", func(t *testing.T) {
		m := Parse(crlf("Content-Type: multipart/mixed; boundary==_x=", "", "--=_x=", "", "inside", "--=_x=--"), Limits{})
		if m.Text != "inside" {
			t.Errorf("Text = %q, warnings %q", m.Text, m.Warnings)
		}
	})
	t.Run("boundary never found", func(t *testing.T) {
		m := Parse(crlf("Content-Type: multipart/mixed; boundary=zz", "", "no parts here"), Limits{})
		if m.Text != "no parts here" || !hasWarning(m, "boundary never found") {
			t.Errorf("Text = %q, warnings %q", m.Text, m.Warnings)
		}
	})
	t.Run("empty", func(t *testing.T) {
		m := Parse(nil, Limits{})
		if m == nil || m.Text != "" {
			t.Errorf("Parse(nil) = %+v", m)
		}
	})
}

func TestParseLimits(t *testing.T) {
	t.Run("1000 levels of nesting", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("From: a@example.com\r\n")
		for i := range 1000 {
			b.WriteString("Content-Type: multipart/mixed; boundary=\"b" + itoa(i) + "\"\r\n\r\n--b" + itoa(i) + "\r\n")
		}
		b.WriteString("Content-Type: text/plain\r\n\r\ndeep\r\n")
		m := Parse(b.Bytes(), Limits{})
		if !hasWarning(m, "nested deeper than 20") {
			t.Errorf("warnings %q", m.Warnings)
		}
	})
	t.Run("20 MB of text", func(t *testing.T) {
		raw := append(crlf("From: a@example.com", "", ""), bytes.Repeat([]byte("Hej Åsa, tack för din fråga.\r\n"), 20<<20/32)...)
		m := Parse(raw, Limits{})
		if len(m.Text) > DefaultLimits.MaxTextBytes || len(m.Text) < DefaultLimits.MaxTextBytes*9/10 {
			t.Errorf("len(Text) = %d", len(m.Text))
		}
		if !hasWarning(m, "longer than 2097152 bytes") {
			t.Errorf("warnings %q", m.Warnings)
		}
	})
	t.Run("separators count against the text limit", func(t *testing.T) {
		raw := crlf("Content-Type: multipart/mixed; boundary=p", "", strings.Repeat("--p\r\n\r\nabcd\r\n", 10)+"--p--")
		m := Parse(raw, Limits{MaxTextBytes: 10})
		if m.Text != "abcd\n\nabcd" {
			t.Errorf("Text = %q", m.Text)
		}
	})
	t.Run("too many parts", func(t *testing.T) {
		raw := crlf("Content-Type: multipart/mixed; boundary=p", "", strings.Repeat("--p\r\nContent-Type: image/gif\r\n\r\nGIF\r\n", 100)+"--p--")
		m := Parse(raw, Limits{MaxParts: 10})
		if len(m.Attachments) > 10 || !hasWarning(m, "more than 10 MIME parts") {
			t.Errorf("%d attachments, warnings %q", len(m.Attachments), m.Warnings)
		}
	})
}

func TestSnippet(t *testing.T) {
	m := &Message{Text: "Hej  Åsa,\n\ntack   för din fråga."}
	for n, want := range map[int]string{0: "", 3: "Hej…", 8: "Hej Åsa,…", 100: "Hej Åsa, tack för din fråga."} {
		if got := m.Snippet(n); got != want {
			t.Errorf("Snippet(%d) = %q, want %q", n, got, want)
		}
	}
}

func hasWarning(m *Message, sub string) bool {
	for _, w := range m.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

func equalAny(a, b any) bool {
	switch a := a.(type) {
	case []Address:
		b := b.([]Address)
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	case []string:
		return strings.Join(a, "\x00") == strings.Join(b.([]string), "\x00")
	}
	return a == b
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)))
}
