package mime

import (
	"strings"
)

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
		id = strings.ToValidUTF8(strings.Join(strings.Fields(id), ""), "\uFFFD")
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
