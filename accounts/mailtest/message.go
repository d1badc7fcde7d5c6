package mailtest

import (
	"fmt"
	"time"
)

// Message builds a minimal plain-text RFC 5322 message, enough for tests
// that care about delivery rather than MIME.
func Message(from, to, subject, body string, date time.Time) []byte {
	return fmt.Appendf(nil, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%d.mailtest@localhost>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
		from, to, subject, date.Format(time.RFC1123Z), maildirSeq.Add(1), body)
}
