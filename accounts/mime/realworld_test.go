package mime

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// The messages in testdata/realworld come from other mail parsers' test suites (see its
// README). Each case here is a class of real mail that used to be shown wrong.

func readWorld(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/realworld/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestRealWorldHeaders(t *testing.T) {
	tests := []struct {
		name, file string
		check      func(m *Message) bool
	}{
		{"raw 8-bit inside an encoded word", "zbateson/m2004.txt",
			func(m *Message) bool { return m.Subject == "Die Hasen und die Frösche" }},
		{"raw 8-bit subject without a charset", "zbateson/m2015.txt",
			func(m *Message) bool { return m.Subject == "Die Hasen und die Frösche" }},
		{"UTF-7 subject", "zbateson/m0006.txt",
			func(m *Message) bool { return m.Subject == "Die Hasen und die Frösche (Microsoft Outlook 00)" }},
		{"encoded word inside a quoted display name", "ruby-mail/plain_emails_raw_email_bad_time.eml",
			func(m *Message) bool { return m.From == Address{"Атиковa", "yusuf75thu@auracom.net"} }},
		{"encoded words split inside a multi-byte character", "php-mime-mail-parser/m0124",
			func(m *Message) bool { return m.From.Name == `ФГУП "СибНИА им.С.А.Чаплыгина""` }},
		{"RFC 5322 comments in an address", "ruby-mail/rfc2822_example10.eml",
			func(m *Message) bool { return m.From == Address{"Pete", "pete@silly.test"} }},
		{"two addresses in From without a comma", "enmime/mail_malformed-multiple-address-header-values.raw",
			func(m *Message) bool { return m.From == Address{"Bob Dunite", "bob@extern"} }},
		{"two bare addresses in From", "ruby-mail/plain_emails_raw_email_multiple_from.eml",
			func(m *Message) bool { return m.From == Address{"", "tim@powerupdev.com"} }},
		{"address (Name) of old mailers", "ruby-mail/multipart_report_emails_multi_address_bounce1.eml",
			func(m *Message) bool {
				return m.From == Address{"Mail Delivery System", "MAILER-DAEMON@lvmail01.LL.com"}
			}},
		{"named zone MST", "ruby-mail/error_emails_content_transfer_encoding_7-bit.eml",
			func(m *Message) bool {
				return m.Date.Equal(time.Date(2002, 1, 9, 19, 47, 50, 0, time.FixedZone("", -7*3600)))
			}},
		{"numeric zone with (EDT) comment", "zbateson/m3002.txt",
			func(m *Message) bool { return m.Date.Equal(time.Date(2000, 5, 19, 14, 18, 3, 0, time.UTC)) }},
		{"unreadable zone read as UTC, not dropped", "ruby-mail/error_emails_trademark_character_in_subject.eml",
			func(m *Message) bool { return m.Date.Equal(time.Date(2010, 10, 12, 16, 21, 5, 0, time.UTC)) }},
		{"RFC 2231 file name in ISO-8859-1", "ruby-mail/attachment_emails_attachment_with_quoted_filename.eml",
			func(m *Message) bool {
				return len(m.Attachments) == 1 && m.Attachments[0].Filename == "Eelanalüüsi päring.jpg"
			}},
		{"quoted RFC 2231 file name", "zbateson/m3004.txt",
			func(m *Message) bool {
				return len(m.Attachments) == 1 && m.Attachments[0].Filename == "HasenundFrösche.txt"
			}},
		{"raw UTF-8 file name", "enmime/mail_mime-bad-8bit-filename.raw",
			func(m *Message) bool { return len(m.Attachments) == 1 && m.Attachments[0].Filename == "管理.doc" }},
		{"unquoted file name with spaces", "ruby-mail/attachment_emails_attachment_with_unquoted_name.eml",
			func(m *Message) bool {
				return len(m.Attachments) == 1 && m.Attachments[0].Filename == "This is a test.txt"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse(readWorld(t, tt.file), Limits{})
			if !tt.check(m) {
				t.Errorf("%s: subject %q, from %+v, date %v, attachments %+v", tt.file, m.Subject, m.From, m.Date, m.Attachments)
			}
		})
	}
	t.Run("UTF-8 file name with one broken byte keeps the rest", func(t *testing.T) {
		// The enmime message above with the last byte of 理 damaged in transit.
		raw := bytes.ReplaceAll(readWorld(t, "enmime/mail_mime-bad-8bit-filename.raw"), []byte("理"), []byte("\xe7\x90\xff"))
		m := Parse(raw, Limits{})
		if len(m.Attachments) != 1 || m.Attachments[0].Filename != "管\uFFFD.doc" {
			t.Errorf("attachments %+v", m.Attachments)
		}
	})
}

func TestRealWorldBodies(t *testing.T) {
	t.Run("inline text part with a file name is body text", func(t *testing.T) {
		m := Parse(readWorld(t, "php-mime-mail-parser/m0014"), Limits{})
		if !strings.Contains(m.Text, "Die Hasen klagten einst über ihre mißliche Lage") {
			t.Errorf("Text = %.80q", m.Text)
		}
		if len(m.Attachments) != 1 || m.Attachments[0].Filename != "HasenundFrösche.txt" {
			t.Errorf("attachments %+v: it stays saveable too", m.Attachments)
		}
	})
	t.Run("charset only in HTML meta", func(t *testing.T) {
		m := Parse(readWorld(t, "enmime/mail_non-mime-missing-charset.raw"), Limits{})
		if !strings.Contains(m.Text, "€") || strings.ContainsRune(m.Text, 0x80) {
			t.Errorf("Text = %q", m.Text)
		}
	})
	t.Run("UTF-7 body", func(t *testing.T) {
		m := Parse(readWorld(t, "zbateson/m0006.txt"), Limits{})
		if !strings.Contains(m.Text, `Die Hasen klagten einst über ihre mißliche Lage; "wir leben"`) {
			t.Errorf("Text = %.120q", m.Text)
		}
	})
	t.Run("text mislabelled as base64 is shown as text", func(t *testing.T) {
		m := Parse(readWorld(t, "enmime/mail_mime-bad-content-transfer-encoding.raw"), Limits{})
		if !strings.HasPrefix(m.Text, "ploozdect  nispplul") {
			t.Errorf("Text = %.80q", m.Text)
		}
	})
}

// TestGuessUndeclaredCharset: 8-bit text without a charset is read in the charset of the
// language it is in, among those our users write, not always as windows-1252.
func TestGuessUndeclaredCharset(t *testing.T) {
	for _, tt := range []struct{ charset, text string }{
		{"windows-1252", "Hej Åsa, tack för din fråga om beställningen."},
		{"windows-1250", "Příliš žluťoučký kůň úpěl ďábelské ódy."},
		{"windows-1251", "Ёжик в тумане ждёт свой кофе уже две недели."},
		{"koi8-r", "Ёжик в тумане ждёт свой кофе уже две недели."},
		{"utf-8", "Ёжик в тумане, Příliš žluťoučký kůň"},
	} {
		m := Parse(append(crlf("From: a@example.com", "", ""), encodeCharset(t, tt.charset, tt.text)...), Limits{})
		if m.Text != tt.text {
			t.Errorf("%s: Text = %q", tt.charset, m.Text)
		}
	}
}
