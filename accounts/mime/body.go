package mime

import (
	"math"
	"strings"
)

// text decodes a text part into a chunk, charging it to the text budget.
func (p *parser) text(h header, body []byte, params map[string]string, html bool, where string) []chunk {
	if p.textLeft <= 0 {
		p.warn("body text longer than %d bytes; the rest is cut", p.lim.MaxTextBytes)
		return nil
	}
	data := p.decodeTransfer(h.get("Content-Transfer-Encoding"), body, where)
	// Cut before converting so a huge part costs no more than the budget.
	// HTML gets more room because markup turns into little text.
	room := p.textLeft
	if html {
		room = min(room, math.MaxInt/4) * 4
	}
	if len(data) > room {
		data = data[:room]
		p.warn("body text longer than %d bytes; the rest is cut", p.lim.MaxTextBytes)
	}
	s := p.toUTF8(params["charset"], data, where)
	if html {
		s = HTMLToText(s)
	}
	s = cleanText(s)
	if len(s) > p.textLeft {
		s = truncateUTF8(s, p.textLeft)
		p.warn("body text longer than %d bytes; the rest is cut", p.lim.MaxTextBytes)
	}
	p.textLeft -= len(s)
	return []chunk{{text: s, html: html}}
}

// cleanText normalises line breaks to \n and drops control characters
// (NUL and friends break the UI and full-text search).
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

func (p *parser) attachment(h header, body []byte, mediaType, filename, where string) {
	data := p.decodeTransfer(h.get("Content-Transfer-Encoding"), body, where)
	if filename == "" && mediaType == "message/rfc822" {
		filename = "message.eml"
	}
	a := Attachment{
		Filename:    sanitizeFilename(filename),
		ContentType: mediaType,
		Size:        len(data),
	}
	if len(data) > p.lim.MaxAttachmentBytes {
		a.Truncated = true
		p.warn("%s: attachment %q is larger than %d bytes and was not kept", where, a.Filename, p.lim.MaxAttachmentBytes)
	} else {
		a.Data = data
	}
	p.msg.Attachments = append(p.msg.Attachments, a)
}
