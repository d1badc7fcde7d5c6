package mime

import (
	"bytes"
	"fmt"
	"math"
	stdmime "mime"
	"path"
	"regexp"
	"strings"
)

// metaCharsetRE finds <meta charset="x"> and <meta http-equiv=Content-Type content="...; charset=x">.
var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)`)

// metaCharset returns the charset an HTML document declares in its head, which
// browsers look for in the first 1024 bytes; mail is given a little more room.
func metaCharset(b []byte) string {
	if m := metaCharsetRE.FindSubmatch(b[:min(len(b), 4096)]); m != nil {
		return string(m[1])
	}
	return ""
}

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
	cs := params["charset"]
	if html && cs == "" {
		cs = metaCharset(data) // the only declaration some HTML mail has
	}
	s := p.toUTF8(cs, data, where)
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
	if mediaType == "application/ms-tnef" || mediaType == "application/vnd.ms-tnef" || strings.EqualFold(a.Filename, "winmail.dat") {
		p.tnef(data, a.Filename, where)
	}
}

// tnef lists the files inside an Outlook winmail.dat after it. The container stays in
// the list too: if this reading is wrong, the original can still be saved.
func (p *parser) tnef(data []byte, container, where string) {
	files, err := parseTNEF(data, p.lim.MaxParts, func(cs string, b []byte) string {
		return p.toUTF8(cs, b, where+" "+container)
	})
	if err != nil {
		p.warn("%s: %s: %v", where, container, err)
	}
	for i, f := range files {
		if f.data == nil {
			continue // an embedded Outlook item or a file without bytes
		}
		name := f.Name()
		if name == "" {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		ct := f.mimeType
		if ct == "" || !strings.Contains(ct, "/") {
			ct = "application/octet-stream"
			if byExt := stdmime.TypeByExtension(path.Ext(name)); byExt != "" {
				ct, _, _ = strings.Cut(byExt, ";")
			}
		}
		a := Attachment{Filename: sanitizeFilename(name), ContentType: ct, Size: len(f.data), In: container}
		if len(f.data) > p.lim.MaxAttachmentBytes {
			a.Truncated = true
			p.warn("%s: attachment %q is larger than %d bytes and was not kept", where, a.Filename, p.lim.MaxAttachmentBytes)
		} else {
			a.Data = bytes.Clone(f.data)
		}
		p.msg.Attachments = append(p.msg.Attachments, a)
	}
}
