package mime

import (
	"strings"
)

// addresses parses every occurrence of an address field. The parser is lenient in the
// ways real mail needs: comments anywhere (RFC 5322's "Pete(A wonderful \) chap)
// <pete(his account)@silly.test(his host)>" is Pete at pete@silly.test), encoded words
// inside quoted display names, raw 8-bit names, a missing comma between two addresses,
// and "addr (Name)" from old mailers.
func (p *parser) addresses(h header, name string) []Address {
	var out []Address
	for _, v := range h.all(name) {
		out = append(out, p.addressList(v, name)...)
	}
	return out
}

// addrBuilder collects the tokens of one address.
type addrBuilder struct {
	phrase   []string // atoms and quoted strings, raw
	glue     []bool   // phrase[i] touches phrase[i-1] (no space between them)
	comments []string
	angle    string
	hasAngle bool
}

func (p *parser) addressList(v, field string) []Address {
	var out []Address
	var cur addrBuilder
	finish := func() {
		out = append(out, p.buildAddresses(&cur, field)...)
		cur = addrBuilder{}
	}
	spaced := true // whitespace (or a special) since the last phrase token
	add := func(tok string) {
		if cur.hasAngle {
			finish() // `Bob <bob@x> Bobby <bobby@x>`: a new address without a comma
		}
		cur.glue = append(cur.glue, !spaced && len(cur.phrase) > 0)
		cur.phrase = append(cur.phrase, tok)
		spaced = false
	}
	for i := 0; i < len(v); {
		switch c := v[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			spaced = true
			i++
		case c == '(':
			text, end := comment(v, i)
			cur.comments = append(cur.comments, text)
			i = end
		case c == '"':
			text, end := quoted(v, i)
			if end == len(v) && (len(v) < 2 || v[len(v)-1] != '"') {
				p.warn("%s: unterminated quoted name", field)
			}
			add("\"" + text)
			i = end
		case c == '<':
			// An address ends at '>', or at a comma when the '>' is missing, so one
			// broken address does not swallow the next one.
			end := strings.IndexAny(v[i:], ">,")
			if end >= 0 && v[i+end] == ',' && strings.HasPrefix(v[i+1:], "@") {
				end = strings.IndexByte(v[i:], '>') // an obsolete route "<@a,@b:user@host>"
			}
			if end < 0 || v[i+end] == ',' {
				p.warn("%s: address without closing '>'", field)
			}
			if end < 0 {
				end = len(v) - i
			}
			if cur.hasAngle {
				finish()
			}
			cur.angle, cur.hasAngle = stripComments(v[i+1:i+end]), true
			if i+end < len(v) && v[i+end] == ',' {
				i += end // the comma still separates
			} else {
				i += end + 1
			}
			spaced = true
		case c == ',' || c == ';':
			finish()
			i++
			spaced = true
		case c == ':' && !cur.hasAngle && !phraseHasAt(cur.phrase):
			cur = addrBuilder{} // a group's name ("Undisclosed-Recipients:;") is no mailbox
			i++
			spaced = true
		case c == '>':
			i++ // a stray closing bracket
		default:
			j := i
			for j < len(v) && !strings.ContainsRune(" \t\r\n()\"<>,;:", rune(v[j])) {
				j++
			}
			if j < len(v) && v[j] == ':' && j+1 < len(v) && v[j+1] != ' ' && v[j+1] != ';' {
				j++ // a colon inside a word ("mailto:x", an IPv6 literal) is no group
				for j < len(v) && !strings.ContainsRune(" \t\r\n()\"<>,;", rune(v[j])) {
					j++
				}
			}
			add(v[i:j])
			i = j
		}
	}
	finish()
	return out
}

func phraseHasAt(phrase []string) bool {
	for _, t := range phrase {
		if !strings.HasPrefix(t, "\"") && strings.Contains(t, "@") {
			return true
		}
	}
	return false
}

// buildAddresses turns one address's tokens into mailboxes. Without angle brackets,
// every word holding an "@" is an address (two addresses without a comma are two), the
// words before it its name, else a comment ("addr (Name)").
func (p *parser) buildAddresses(b *addrBuilder, field string) []Address {
	if b.hasAngle {
		name := p.phraseText(b.phrase, b.glue, field)
		if name == "" && len(b.comments) > 0 {
			name = p.words(strings.TrimSpace(b.comments[0]), field)
		}
		email := strings.Join(strings.Fields(b.angle), "")
		if i := strings.LastIndexByte(email, ':'); i >= 0 && strings.HasPrefix(email, "@") {
			email = email[i+1:] // an obsolete source route "@a,@b:user@host"
		}
		if email == "" && name == "" {
			return nil
		}
		return []Address{{Name: name, Email: p.toUTF8("", []byte(email), field)}}
	}
	// Join the pieces of an address split by comments: pete(his account)@silly.test.
	var toks []string
	var glue []bool
	for i, t := range b.phrase {
		if i > 0 && !strings.HasPrefix(t, "\"") && (b.glue[i] || strings.HasPrefix(t, "@") || strings.HasSuffix(toks[len(toks)-1], "@")) {
			toks[len(toks)-1] += t
			continue
		}
		toks = append(toks, t)
		glue = append(glue, b.glue[i])
	}
	var out []Address
	var name []string
	var nameGlue []bool
	for i, t := range toks {
		if strings.HasPrefix(t, "\"") || !strings.Contains(t, "@") {
			name, nameGlue = append(name, t), append(nameGlue, glue[i])
			continue
		}
		a := Address{Name: p.phraseText(name, nameGlue, field), Email: p.toUTF8("", []byte(t), field)}
		if a.Name == "" && len(out) == 0 && len(b.comments) > 0 {
			a.Name = p.words(strings.TrimSpace(b.comments[0]), field)
		}
		out = append(out, a)
		name, nameGlue = nil, nil
	}
	if len(out) == 0 && len(name) > 0 {
		// No "@" at all: a local mailbox ("MAILER-DAEMON") or a bare name.
		a := Address{Name: p.phraseText(name, nameGlue, field)}
		if len(name) == 1 && !strings.HasPrefix(name[0], "\"") {
			a = Address{Email: a.Name}
			if len(b.comments) > 0 {
				a.Name = p.words(strings.TrimSpace(b.comments[0]), field)
			}
		}
		out = append(out, a)
	}
	return out
}

// phraseText decodes a display name: atoms and quoted strings joined by single spaces,
// encoded words decoded wherever they stand.
func (p *parser) phraseText(toks []string, glue []bool, field string) string {
	var sb strings.Builder
	for i, t := range toks {
		if i > 0 && !glue[i] {
			sb.WriteByte(' ')
		}
		sb.WriteString(strings.TrimPrefix(t, "\""))
	}
	return strings.Join(strings.Fields(p.words(sb.String(), field)), " ")
}

// comment reads a comment starting at v[i] == '(', nested and with backslash escapes,
// and returns its text and the position after it.
func comment(v string, i int) (string, int) {
	var sb strings.Builder
	depth := 0
	for ; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v):
			i++
			sb.WriteByte(v[i])
		case c == '(':
			if depth > 0 {
				sb.WriteByte(c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return sb.String(), i + 1
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), len(v)
}

// quoted reads a quoted string starting at v[i] == '"' and returns its unescaped text.
// An unterminated one runs to the end.
func quoted(v string, i int) (string, int) {
	var sb strings.Builder
	for i++; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v):
			i++
			sb.WriteByte(v[i])
		case c == '"':
			return sb.String(), i + 1
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), len(v)
}

// stripComments drops comments from an addr-spec.
func stripComments(v string) string {
	if !strings.Contains(v, "(") {
		return v
	}
	var sb strings.Builder
	for i := 0; i < len(v); {
		if v[i] == '(' {
			_, i = comment(v, i)
			continue
		}
		sb.WriteByte(v[i])
		i++
	}
	return sb.String()
}
