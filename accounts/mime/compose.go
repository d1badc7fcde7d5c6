package mime

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"sort"
	"strings"
	"time"

	gomail "github.com/emersion/go-message/mail"
)

// Outgoing is a plain-text message to send.
type Outgoing struct {
	From       Address
	To         []Address
	Cc         []Address
	Subject    string
	Text       string
	InReplyTo  string   // message id, with or without brackets
	References []string // message ids, oldest first
	MessageID  string   // generated as <random@from-domain> when empty
	Date       time.Time
	Headers    map[string]string // extra fields, e.g. Auto-Submitted
}

// structural are fields Compose owns; Headers must not override them.
var structural = map[string]bool{
	"From": true, "To": true, "Cc": true, "Bcc": true, "Subject": true, "Date": true,
	"Message-Id": true, "In-Reply-To": true, "References": true, "Mime-Version": true,
	"Content-Type": true, "Content-Transfer-Encoding": true, "Content-Disposition": true,
}

// Compose renders o as RFC 5322 bytes with CRLF line endings. The body is
// always UTF-8 quoted-printable: one code path, ASCII text comes out nearly
// unchanged, and QP also protects lines over 998 bytes, trailing spaces and
// 8-bit text from relays without 8BITMIME.
func Compose(o Outgoing) ([]byte, error) {
	var h gomail.Header
	from, err := mailAddress(o.From)
	if err != nil {
		return nil, fmt.Errorf("mime: From: %w", err)
	}
	if len(o.To)+len(o.Cc) == 0 {
		return nil, errors.New("mime: no recipients")
	}
	to, err := mailAddresses(o.To)
	if err != nil {
		return nil, fmt.Errorf("mime: To: %w", err)
	}
	cc, err := mailAddresses(o.Cc)
	if err != nil {
		return nil, fmt.Errorf("mime: Cc: %w", err)
	}

	// go-message writes fields in reverse order of Set, so set them
	// bottom-up to get the conventional order.
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	h.Set("MIME-Version", "1.0")
	keys := make([]string, 0, len(o.Headers))
	for k := range o.Headers {
		keys = append(keys, k)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	for _, k := range keys {
		if err := checkExtraHeader(k, o.Headers[k]); err != nil {
			return nil, err
		}
		h.Set(k, encodeWords(o.Headers[k]))
	}
	refs, err := cleanIDs(o.References)
	if err != nil {
		return nil, fmt.Errorf("mime: References: %w", err)
	}
	h.SetMsgIDList("References", refs)
	if o.InReplyTo != "" {
		irt, err := cleanIDs([]string{o.InReplyTo})
		if err != nil {
			return nil, fmt.Errorf("mime: In-Reply-To: %w", err)
		}
		h.SetMsgIDList("In-Reply-To", irt)
	}
	if o.MessageID != "" {
		id, err := cleanIDs([]string{o.MessageID})
		if err != nil {
			return nil, fmt.Errorf("mime: Message-ID: %w", err)
		}
		h.SetMessageID(id[0])
	} else if err := h.GenerateMessageIDWithHostname(domainOf(from.Address)); err != nil {
		return nil, fmt.Errorf("mime: Message-ID: %w", err)
	}
	h.Set("Subject", encodeWords(strings.Join(strings.Fields(o.Subject), " ")))
	date := o.Date
	if date.IsZero() {
		date = time.Now()
	}
	h.SetDate(date)
	setAddresses(&h, "Cc", cc)
	setAddresses(&h, "To", to)
	setAddresses(&h, "From", []*mail.Address{from})

	var buf bytes.Buffer
	w, err := gomail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("mime: %w", err)
	}
	text := strings.ReplaceAll(o.Text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if _, err := w.Write([]byte(strings.ToValidUTF8(text, "\uFFFD"))); err != nil {
		return nil, fmt.Errorf("mime: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("mime: %w", err)
	}
	return buf.Bytes(), nil
}

func mailAddress(a Address) (*mail.Address, error) {
	parsed, err := mail.ParseAddress("<" + strings.TrimSpace(a.Email) + ">")
	if err != nil || strings.ContainsAny(a.Email, "\r\n") {
		return nil, fmt.Errorf("invalid address %q", a.Email)
	}
	return &mail.Address{Name: strings.Join(strings.Fields(a.Name), " "), Address: parsed.Address}, nil
}

func mailAddresses(as []Address) ([]*mail.Address, error) {
	out := make([]*mail.Address, 0, len(as))
	for _, a := range as {
		ma, err := mailAddress(a)
		if err != nil {
			return nil, err
		}
		out = append(out, ma)
	}
	return out, nil
}

// setAddresses formats an address field. Unlike net/mail's String, it keeps
// encoded words short so that go-message can fold the field within 76
// characters per line, as RFC 2047 asks.
func setAddresses(h *gomail.Header, key string, as []*mail.Address) {
	if len(as) == 0 {
		return
	}
	formatted := make([]string, len(as))
	for i, a := range as {
		formatted[i] = a.String()
		if !isASCII(a.Name) {
			formatted[i] = encodeWords(a.Name) + " <" + a.Address + ">"
		}
	}
	h.Set(key, strings.Join(formatted, ", "))
}

// maxWordLen keeps an encoded word plus a field name within one line.
const maxWordLen = 60

// encodeWords encodes non-ASCII s as RFC 2047 Q words of at most
// maxWordLen characters, separated by spaces where go-message may fold.
// Only the characters RFC 2047 allows in a phrase are left unescaped, so the
// same words serve subjects and display names.
func encodeWords(s string) string {
	if isASCII(s) {
		return s
	}
	const open, closing = "=?utf-8?q?", "?="
	var words []string
	var word strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		var enc strings.Builder
		for _, c := range []byte(string(r)) {
			switch {
			case c == ' ':
				enc.WriteByte('_')
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("!*+-/", c) >= 0:
				enc.WriteByte(c)
			default:
				fmt.Fprintf(&enc, "=%02X", c)
			}
		}
		if word.Len() > 0 && len(open)+word.Len()+enc.Len()+len(closing) > maxWordLen {
			words = append(words, open+word.String()+closing)
			word.Reset()
		}
		word.WriteString(enc.String())
	}
	return strings.Join(append(words, open+word.String()+closing), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func domainOf(email string) string {
	return email[strings.LastIndexByte(email, '@')+1:]
}

// cleanIDs strips brackets and refuses ids that would break the header.
func cleanIDs(ids []string) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
		if id == "" || strings.ContainsAny(id, "<> \t\r\n") {
			return nil, fmt.Errorf("invalid message id %q", id)
		}
		out = append(out, id)
	}
	return out, nil
}

func checkExtraHeader(k, v string) error {
	if k == "" || strings.ContainsAny(k, ": \t\r\n") {
		return fmt.Errorf("mime: invalid header name %q", k)
	}
	if structural[textproto.CanonicalMIMEHeaderKey(k)] {
		return fmt.Errorf("mime: header %q is set by Compose", k)
	}
	if strings.ContainsAny(v, "\r\n") {
		return fmt.Errorf("mime: header %q: value contains a line break", k)
	}
	return nil
}
