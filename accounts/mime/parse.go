package mime

import (
	"bytes"
	"fmt"
	"strings"
)

const maxWarnings = 50

type parser struct {
	lim      Limits
	msg      *Message
	parts    int
	textLeft int // bytes of Text still allowed
	warned   map[string]bool
}

// chunk is a piece of body text, in display order.
type chunk struct {
	text string
	html bool
}

// Parse reads a raw RFC 5322 message. It never returns nil and never
// panics; problems are reported in Message.Warnings.
func Parse(raw []byte, opts Limits) (m *Message) {
	p := &parser{lim: opts.withDefaults(), msg: &Message{}, warned: map[string]bool{}}
	p.textLeft = p.lim.MaxTextBytes
	defer func() {
		// The sync engine parses thousands of messages unattended; one bug
		// must cost one message, not the whole sync.
		if r := recover(); r != nil {
			p.warn("internal parser error: %v", r)
			m = p.msg
		}
	}()
	h, body := p.splitHeader(raw, "message")
	p.envelope(h)
	chunks := p.entity(h, body, 0, "message")
	var texts []string
	plain, html := false, false
	for _, c := range chunks {
		if t := strings.TrimSpace(c.text); t != "" {
			texts = append(texts, t)
			plain = plain || !c.html
			html = html || c.html
		}
	}
	// The separators are not charged to the budget, so cut once more.
	p.msg.Text = truncateUTF8(strings.Join(texts, "\n\n"), p.lim.MaxTextBytes)
	p.msg.HTMLOnly = html && !plain
	return p.msg
}

func (p *parser) warn(format string, args ...any) {
	w := truncateUTF8(strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD"), 300)
	if p.warned[w] || len(p.msg.Warnings) >= maxWarnings {
		return
	}
	p.warned[w] = true
	p.msg.Warnings = append(p.msg.Warnings, w)
}

// entity walks one MIME entity: multiparts recurse, text parts become
// chunks and everything else becomes an attachment.
func (p *parser) entity(h header, body []byte, depth int, where string) []chunk {
	p.parts++
	mediaType, params := p.mediaType(h.get("Content-Type"), "text/plain", where)
	disposition, dparams := p.mediaType(h.get("Content-Disposition"), "", where)
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}

	switch {
	case strings.HasPrefix(mediaType, "multipart/"):
		boundary := params["boundary"]
		if boundary == "" {
			p.warn("%s: %s without boundary; read as text", where, mediaType)
			return p.text(h, body, params, false, where)
		}
		if depth >= p.lim.MaxDepth {
			p.warn("%s: multipart nested deeper than %d levels; the rest is ignored", where, p.lim.MaxDepth)
			return nil
		}
		return p.multipart(mediaType, boundary, body, depth, where)
	case (mediaType == "text/plain" || mediaType == "text/html") && disposition != "attachment":
		// A text part shown inline is body text even when it carries a file name
		// (Netscape and Apple Mail name inline text parts); it is also offered for
		// saving, as the sender attached it as a file.
		if filename != "" {
			p.attachment(h, body, mediaType, filename, where)
		}
		return p.text(h, body, params, mediaType == "text/html", where)
	case disposition == "attachment" || filename != "":
		p.attachment(h, body, mediaType, filename, where)
	case !strings.HasPrefix(mediaType, "text/") && (disposition == "inline" || h.has("Content-Id")):
		// A nameless inline part (a logo in a signature, a tracking pixel)
		// only makes sense inside the HTML we do not render.
	default:
		p.attachment(h, body, mediaType, filename, where)
	}
	return nil
}

func (p *parser) multipart(mediaType, boundary string, body []byte, depth int, where string) []chunk {
	parts := p.splitMultipart(body, boundary, where)
	var out []chunk
	bestRank := 0
	for i, part := range parts {
		if p.parts >= p.lim.MaxParts {
			p.warn("more than %d MIME parts; the rest is ignored", p.lim.MaxParts)
			break
		}
		partWhere := fmt.Sprintf("%s part %d", where, i+1)
		h, b := p.splitHeader(part, partWhere)
		chunks := p.entity(h, b, depth+1, partWhere)
		if mediaType != "multipart/alternative" {
			out = append(out, chunks...)
			continue
		}
		// Alternatives say the same thing: keep one, preferring plain text
		// (the sender's own words) over HTML converted by us.
		if rank := altRank(chunks); rank > bestRank {
			out, bestRank = chunks, rank
		}
	}
	return out
}

func altRank(chunks []chunk) int {
	rank := 0
	for _, c := range chunks {
		if strings.TrimSpace(c.text) == "" {
			continue
		}
		if !c.html {
			return 2
		}
		rank = 1
	}
	return rank
}

// splitMultipart returns the bodies between boundary lines. A missing final
// boundary (a truncated message) keeps the last part up to the end.
func (p *parser) splitMultipart(body []byte, boundary, where string) [][]byte {
	delim := []byte("--" + boundary)
	var parts [][]byte
	start := -1
	for pos := 0; pos < len(body); {
		line, next := nextLine(body, pos)
		if bytes.HasPrefix(line, delim) {
			rest := bytes.TrimRight(line[len(delim):], " \t")
			closing := bytes.Equal(rest, []byte("--"))
			if closing || len(rest) == 0 {
				if start >= 0 {
					parts = append(parts, trimLineEnd(body[start:pos]))
				}
				if closing {
					return parts
				}
				if len(parts) >= p.lim.MaxParts {
					p.warn("more than %d MIME parts; the rest is ignored", p.lim.MaxParts)
					return parts
				}
				start = next
			}
		}
		pos = next
	}
	if start < 0 {
		p.warn("%s: boundary never found; read as text", where)
		return [][]byte{append([]byte("\r\n"), body...)}
	}
	p.warn("%s: final boundary missing (truncated message?)", where)
	return append(parts, body[start:])
}

// trimLineEnd drops the line break that belongs to the following boundary.
func trimLineEnd(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
