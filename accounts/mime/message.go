package mime

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Address is a mailbox: a display name (may be empty) and an address.
type Address struct {
	Name  string
	Email string
}

// Attachment is a part the user can save. Data is nil when the part was
// larger than Limits.MaxAttachmentBytes; Size is always the decoded size.
type Attachment struct {
	Filename    string
	ContentType string
	Size        int
	Data        []byte
	Truncated   bool
	In          string // the container it was taken out of ("winmail.dat"), empty if none
}

// Message is a parsed message. All strings are valid UTF-8.
type Message struct {
	MessageID  string // without angle brackets
	InReplyTo  string // the first id of In-Reply-To
	References []string
	Subject    string
	From       Address
	To         []Address
	Cc         []Address
	ReplyTo    []Address
	Date       time.Time // zero if missing or unparseable

	Text        string // the body as plain text
	HTMLOnly    bool   // Text was converted from HTML
	Attachments []Attachment

	AutoSubmitted bool // an auto-reply or other machine-sent mail: never auto-answer it
	Bulk          bool // list or bulk mail
	ListID        string

	Warnings []string // human-readable problems met while parsing
}

// Snippet returns the first n runes of the text with whitespace collapsed,
// followed by "…" when it was cut.
func (m *Message) Snippet(n int) string {
	if n <= 0 {
		return ""
	}
	var b strings.Builder
	count := 0
	for _, w := range strings.Fields(m.Text) {
		if count > 0 {
			if count == n {
				return b.String() + "…"
			}
			b.WriteByte(' ')
			count++
		}
		for _, r := range w {
			if count == n {
				return b.String() + "…"
			}
			b.WriteRune(r)
			count++
		}
	}
	return b.String()
}

// Limits bounds the work Parse does on one message. Zero fields take the
// defaults.
type Limits struct {
	MaxParts           int // MIME entities visited; default 500
	MaxDepth           int // multipart nesting; default 20
	MaxTextBytes       int // bytes of Text; default 2 MiB
	MaxAttachmentBytes int // decoded bytes kept per attachment; default 25 MiB
}

// DefaultLimits are the limits used for zero fields.
var DefaultLimits = Limits{
	MaxParts:           500,
	MaxDepth:           20,
	MaxTextBytes:       2 << 20,
	MaxAttachmentBytes: 25 << 20,
}

func (l Limits) withDefaults() Limits {
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultLimits.MaxParts
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultLimits.MaxTextBytes
	}
	if l.MaxAttachmentBytes <= 0 {
		l.MaxAttachmentBytes = DefaultLimits.MaxAttachmentBytes
	}
	return l
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
