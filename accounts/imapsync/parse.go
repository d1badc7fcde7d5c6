package imapsync

import (
	"switchboard/accounts/mime"
	"switchboard/workspace/mail"
)

const snippetRunes = 160

// Parse reads raw bytes into what the store keeps. It never fails: a message the parser
// cannot make sense of is kept with warnings, never dropped.
func Parse(raw []byte) *mail.Parsed {
	m := mime.Parse(raw, mime.Limits{})
	p := &mail.Parsed{
		MessageID:     m.MessageID,
		InReplyTo:     m.InReplyTo,
		References:    m.References,
		Subject:       m.Subject,
		SubjectKey:    mime.SubjectKey(m.Subject),
		From:          address(m.From),
		Date:          m.Date,
		Text:          m.Text,
		Snippet:       m.Snippet(snippetRunes),
		HTMLOnly:      m.HTMLOnly,
		AutoSubmitted: m.AutoSubmitted,
		Bulk:          m.Bulk,
		Warnings:      m.Warnings,
	}
	for _, a := range m.To {
		p.To = append(p.To, address(a))
	}
	for _, a := range m.Cc {
		p.Cc = append(p.Cc, address(a))
	}
	for _, a := range m.Attachments {
		p.Attachments = append(p.Attachments, mail.AttachmentInfo{Filename: a.Filename, ContentType: a.ContentType, Size: a.Size})
	}
	return p
}

func address(a mime.Address) mail.Address { return mail.Address{Name: a.Name, Email: a.Email} }
