package mime

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestComposeRoundTrip(t *testing.T) {
	tests := []struct{ name, fromName, toName, subject, text string }{
		{"sv", "Åsa Öberg", "Erik Ström", "Re: Fråga om beställning", "Hej Åsa, tack för din fråga.\nVänliga hälsningar\n"},
		{"cs", "Jiří Řezníček", "Petr Dvořák, s.r.o.", "Příliš žluťoučký kůň úpěl ďábelské ódy, a to dlouho a velmi hlasitě", "Příliš žluťoučký kůň úpěl ďábelské ódy\n"},
		{"ru", "Юрий Норштейн", "Ёжик", "Ёжик в тумане", "Ёжик в тумане\n" + strings.Repeat("Лошадка! ", 30) + "\n"},
		{"ascii", "Erik", "Support", "Order #42 = shipped", "Plain = ascii\nwith a trailing space \n.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			date := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
			raw, err := Compose(Outgoing{
				From:       Address{tt.fromName, "from@brand.example"},
				To:         []Address{{tt.toName, "to@example.com"}},
				Cc:         []Address{{"", "cc@example.com"}},
				Subject:    tt.subject,
				Text:       tt.text,
				InReplyTo:  "<parent@example.com>",
				References: []string{"root@example.com", "<parent@example.com>"},
				Date:       date,
				Headers:    map[string]string{"Auto-Submitted": "auto-replied", "X-Brand": tt.fromName},
			})
			if err != nil {
				t.Fatal(err)
			}
			checkWireFormat(t, raw)
			m := Parse(raw, Limits{})
			if len(m.Warnings) > 0 {
				t.Errorf("warnings: %q", m.Warnings)
			}
			if m.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tt.subject)
			}
			if m.From != (Address{tt.fromName, "from@brand.example"}) {
				t.Errorf("From = %+v", m.From)
			}
			if len(m.To) != 1 || m.To[0] != (Address{tt.toName, "to@example.com"}) || len(m.Cc) != 1 {
				t.Errorf("To = %+v, Cc = %+v", m.To, m.Cc)
			}
			if m.Text != strings.TrimSpace(tt.text) {
				t.Errorf("Text = %q, want %q", m.Text, strings.TrimSpace(tt.text))
			}
			if m.InReplyTo != "parent@example.com" || !equalAny(m.References, []string{"root@example.com", "parent@example.com"}) {
				t.Errorf("InReplyTo = %q, References = %q", m.InReplyTo, m.References)
			}
			if !m.Date.Equal(date) || !m.AutoSubmitted {
				t.Errorf("Date = %v, AutoSubmitted = %v", m.Date, m.AutoSubmitted)
			}
			if !strings.HasSuffix(m.MessageID, "@brand.example") {
				t.Errorf("MessageID = %q", m.MessageID)
			}
		})
	}
}

// checkWireFormat asserts 7-bit CRLF lines of at most 78 characters,
// which the bodies and headers above allow.
func checkWireFormat(t *testing.T, raw []byte) {
	t.Helper()
	for _, c := range raw {
		if c >= 0x80 {
			t.Fatalf("8-bit byte %#x in\n%s", c, raw)
		}
	}
	for i, line := range bytes.Split(raw, []byte("\r\n")) {
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 78 {
			t.Errorf("line %d is %d characters: %q", i+1, len(line), line)
		}
	}
}

func TestComposeLongReferencesFold(t *testing.T) {
	refs := make([]string, 20)
	for i := range refs {
		refs[i] = "message-" + itoa(i) + "@lists.example.com"
	}
	raw, err := Compose(Outgoing{From: Address{Email: "a@example.com"}, To: []Address{{Email: "b@example.com"}}, References: refs})
	if err != nil {
		t.Fatal(err)
	}
	checkWireFormat(t, raw)
	if m := Parse(raw, Limits{}); !equalAny(m.References, refs) {
		t.Errorf("References = %q", m.References)
	}
}

func TestComposeRejects(t *testing.T) {
	ok := Outgoing{From: Address{Email: "a@example.com"}, To: []Address{{Email: "b@example.com"}}}
	tests := []struct {
		name   string
		change func(o *Outgoing)
	}{
		{"no recipients", func(o *Outgoing) { o.To = nil }},
		{"bad from", func(o *Outgoing) { o.From.Email = "not an address" }},
		{"injected recipient", func(o *Outgoing) { o.To[0].Email = "b@example.com\r\nBcc: evil@example.com" }},
		{"injected header", func(o *Outgoing) { o.Headers = map[string]string{"X-Tag": "a\r\nBcc: evil@example.com"} }},
		{"overridden field", func(o *Outgoing) { o.Headers = map[string]string{"content-type": "text/html"} }},
		{"bad header name", func(o *Outgoing) { o.Headers = map[string]string{"X Tag": "a"} }},
		{"bad message id", func(o *Outgoing) { o.InReplyTo = "a b@example.com" }},
	}
	for _, tt := range tests {
		o := ok
		o.To = append([]Address(nil), ok.To...)
		tt.change(&o)
		if _, err := Compose(o); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if _, err := Compose(ok); err != nil {
		t.Errorf("valid message: %v", err)
	}
}

func TestComposeSubjectNewlines(t *testing.T) {
	raw, err := Compose(Outgoing{From: Address{Email: "a@example.com"}, To: []Address{{Email: "b@example.com"}}, Subject: "Hello\r\nBcc: evil@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if m := Parse(raw, Limits{}); m.Subject != "Hello Bcc: evil@example.com" || strings.Contains(string(raw), "\r\nBcc:") {
		t.Errorf("Subject = %q\n%s", m.Subject, raw)
	}
}
