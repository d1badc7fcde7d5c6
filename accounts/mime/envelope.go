package mime

import (
	stdmime "mime"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-message/charset"
)

var wordDecoder = &stdmime.WordDecoder{CharsetReader: charset.Reader}

var addrParser = &mail.AddressParser{WordDecoder: wordDecoder}

// envelope fills the fields that come from the top-level header.
func (p *parser) envelope(h header) {
	m := p.msg
	m.MessageID = first(msgIDs(h.get("Message-Id")))
	m.InReplyTo = first(msgIDs(h.get("In-Reply-To")))
	m.References = msgIDs(h.get("References"))
	m.Subject = p.words(h.get("Subject"), "Subject")
	if from := p.addresses(h, "From"); len(from) > 0 {
		m.From = from[0]
	} else {
		p.warn("no From address")
	}
	m.To = p.addresses(h, "To")
	m.Cc = p.addresses(h, "Cc")
	m.ReplyTo = p.addresses(h, "Reply-To")
	m.Date = p.date(h.get("Date"))

	auto := strings.ToLower(strings.TrimSpace(h.get("Auto-Submitted")))
	auto, _, _ = strings.Cut(auto, ";")
	auto, _, _ = strings.Cut(auto, "(")
	precedence := strings.ToLower(strings.TrimSpace(h.get("Precedence")))
	m.AutoSubmitted = strings.TrimSpace(auto) != "" && strings.TrimSpace(auto) != "no" ||
		h.has("X-Autoreply") || h.has("X-Autorespond") || precedence == "auto_reply"
	m.Bulk = h.has("List-Id") || precedence == "bulk" || precedence == "list" || precedence == "junk"
	if id := h.get("List-Id"); id != "" {
		m.ListID = first(msgIDs(id))
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// words decodes RFC 2047 encoded words. If a word's charset is unknown the
// raw value is kept: garbled is better than silently wrong.
func (p *parser) words(v, name string) string {
	dec, err := wordDecoder.DecodeHeader(v)
	if err != nil {
		p.warn("%s: %v; kept undecoded", name, err)
		return v
	}
	return strings.ToValidUTF8(dec, "\uFFFD")
}

// addresses parses every occurrence of an address field, falling back to a
// lenient split when the strict parser gives up.
func (p *parser) addresses(h header, name string) []Address {
	var out []Address
	for _, v := range h.all(name) {
		list, err := addrParser.ParseList(v)
		if err != nil {
			p.warn("%s: %v; parsed leniently", name, err)
			out = append(out, p.lenientAddresses(v, name)...)
			continue
		}
		for _, a := range list {
			out = append(out, Address{Name: strings.ToValidUTF8(a.Name, "\uFFFD"), Email: a.Address})
		}
	}
	return out
}

func (p *parser) lenientAddresses(v, name string) []Address {
	var out []Address
	for _, part := range splitOutside(v, ',') {
		part = strings.TrimSpace(part)
		if a, err := addrParser.Parse(part); err == nil {
			out = append(out, Address{Name: strings.ToValidUTF8(a.Name, "\uFFFD"), Email: a.Address})
			continue
		}
		var a Address
		if i := strings.LastIndexByte(part, '<'); i >= 0 {
			a.Email, _, _ = strings.Cut(part[i+1:], ">")
			a.Name = p.words(strings.Trim(strings.TrimSpace(part[:i]), `"`), name)
		} else if strings.Contains(part, "@") {
			a.Email = strings.Trim(part, `"<> `)
		}
		a.Email = strings.TrimSpace(a.Email)
		if a.Email != "" || a.Name != "" {
			out = append(out, a)
		}
	}
	return out
}

// splitOutside splits s at sep where sep is not inside a quoted string.
func splitOutside(s string, sep byte) []string {
	var parts []string
	quoted := false
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// msgIDs extracts message ids without brackets. Ids are taken from <...>
// when there are any; otherwise the value is split at whitespace, which
// rescues the bracket-less ids some clients send.
func msgIDs(v string) []string {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		id = strings.Join(strings.Fields(id), "")
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	rest := v
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		add(rest[i+1 : i+j])
		rest = rest[i+j+1:]
	}
	if len(ids) == 0 {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			add(strings.Trim(f, "<>"))
		}
	}
	return ids
}

// extraDateLayouts are formats seen in the wild that net/mail rejects.
var extraDateLayouts = []string{
	time.RFC3339,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"Mon Jan _2 15:04:05 2006",
	"Mon Jan _2 15:04:05 MST 2006",
	"Mon, 2 Jan 2006 15:04:05 -0700 MST",
	"2 Jan 06 15:04:05 -0700",
}

func (p *parser) date(v string) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		p.warn("no Date header")
		return time.Time{}
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t
	}
	for _, layout := range extraDateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	p.warn("unreadable Date %q", v)
	return time.Time{}
}
