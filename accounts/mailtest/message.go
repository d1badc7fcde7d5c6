package mailtest

import (
	"fmt"
	"strings"
	"time"
)

// Message is a plain-text RFC 5322 message for tests: the one way tests make "a message
// arrived" (Bytes for a server or an importer; accounts/arrivetest.Arrive stores it in a
// workspace as synced mail). Zero fields get working defaults.
type Message struct {
	From      string    // "Name <address>" or an address; default customer@example.com
	To        string    // default support@example.com
	Subject   string    // default "Hello"
	Body      string    // default "Hello!"
	Date      time.Time // default now
	MessageID string    // without <>; default a fresh one
	InReplyTo string    // without <>; also the References
	// Headers are added as given ("Auto-Submitted: auto-replied").
	Headers []string
}

// Bytes is the message as sent, CRLF line ends.
func (m Message) Bytes() []byte {
	if m.From == "" {
		m.From = "customer@example.com"
	}
	if m.To == "" {
		m.To = "support@example.com"
	}
	if m.Subject == "" {
		m.Subject = "Hello"
	}
	if m.Body == "" {
		m.Body = "Hello!"
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	if m.MessageID == "" {
		m.MessageID = m.ID()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n", m.From, m.To, m.Subject, m.Date.Format(time.RFC1123Z), m.MessageID)
	if m.InReplyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", m.InReplyTo, m.InReplyTo)
	}
	for _, h := range m.Headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString(strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n") + "\r\n")
	return []byte(b.String())
}

// ID is m's Message-ID, or a fresh one when it has none (so a caller can thread a reply
// to a message it builds: give the first an ID, the reply InReplyTo).
func (m Message) ID() string {
	if m.MessageID != "" {
		return m.MessageID
	}
	return fmt.Sprintf("%d.mailtest@localhost", maildirSeq.Add(1))
}
