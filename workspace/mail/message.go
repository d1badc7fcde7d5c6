package mail

import "time"

// Flags are the IMAP flags Switchboard follows, as bits.
type Flags uint8

const (
	Seen     Flags = 1
	Answered Flags = 2
	Flagged  Flags = 4
)

// Address is a mailbox: display name and address.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// String is "Name <address>", or the bare address.
func (a Address) String() string {
	if a.Name == "" {
		return a.Email
	}
	return a.Name + " <" + a.Email + ">"
}

// AttachmentInfo describes an attachment; its bytes stay in the raw message.
type AttachmentInfo struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
}

// Parsed is what the MIME parser (package accounts/mime) read from a message.
type Parsed struct {
	MessageID     string // without angle brackets; empty if missing
	InReplyTo     string
	References    []string
	Subject       string
	SubjectKey    string // case-folded subject without Re:/Fwd:/[list] prefixes
	From          Address
	To, Cc        []Address
	Date          time.Time // zero if missing or unparseable
	Text          string
	Snippet       string
	HTMLOnly      bool
	Attachments   []AttachmentInfo
	AutoSubmitted bool
	Bulk          bool
	Warnings      []string
}

// Incoming is one message fetched from a folder (or imported), ready to store.
type Incoming struct {
	UID        uint32
	Flags      Flags
	ReceivedAt time.Time // the server's INTERNALDATE
	Raw        []byte
	Parsed     *Parsed
}
