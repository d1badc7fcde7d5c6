package mime

import (
	"strings"
)

// maxEncodedWord bounds how far an encoded word may run: RFC 2047 allows 75 bytes, real
// mailers write longer ones, and a lone "=?" must not make the decoder scan a megabyte.
const maxEncodedWord = 4096

// segment is a piece of a header value: literal bytes, or the decoded bytes of an
// encoded word and its charset.
type segment struct {
	text    string
	charset string
	word    bool
}

// words decodes a header value leniently: RFC 2047 encoded words anywhere (inside quoted
// strings too), raw 8-bit bytes inside or outside them, adjacent words of one charset
// joined before conversion (a multi-byte character may be split across two words), and
// undeclared 8-bit text guessed as decodeUndeclared does. The result is valid UTF-8.
func (p *parser) words(v, name string) string {
	if !strings.Contains(v, "=?") {
		return p.toUTF8("", []byte(v), name)
	}
	segs := splitEncodedWords(v)
	var out strings.Builder
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if !s.word {
			// Whitespace between two encoded words is not part of the text.
			if i > 0 && i+1 < len(segs) && segs[i-1].word && segs[i+1].word && strings.TrimSpace(s.text) == "" {
				continue
			}
			out.WriteString(p.toUTF8("", []byte(s.text), name))
			continue
		}
		data := []byte(s.text)
		for i+1 < len(segs) {
			j := i + 1
			if !segs[j].word && strings.TrimSpace(segs[j].text) == "" && j+1 < len(segs) {
				j++
			}
			if !segs[j].word || !strings.EqualFold(segs[j].charset, s.charset) {
				break
			}
			data = append(data, segs[j].text...)
			i = j
		}
		out.WriteString(p.toUTF8(s.charset, data, name))
	}
	return out.String()
}

// splitEncodedWords cuts v into literal text and decoded encoded words.
func splitEncodedWords(v string) []segment {
	var segs []segment
	lit := 0
	for i := 0; i+1 < len(v); {
		if v[i] != '=' || v[i+1] != '?' {
			i++
			continue
		}
		cs, enc, text, end, ok := encodedWordAt(v, i)
		if !ok {
			i += 2
			continue
		}
		if lit < i {
			segs = append(segs, segment{text: v[lit:i]})
		}
		segs = append(segs, segment{text: decodeWordText(enc, text), charset: cs, word: true})
		i, lit = end, end
	}
	if lit < len(v) {
		segs = append(segs, segment{text: v[lit:]})
	}
	return segs
}

// encodedWordAt parses "=?charset?E?text?=" starting at i. The charset may carry an RFC
// 2231 language ("utf-8*de"), which is dropped.
func encodedWordAt(v string, i int) (charset string, enc byte, text string, end int, ok bool) {
	rest := v[i+2:]
	if len(rest) > maxEncodedWord {
		rest = rest[:maxEncodedWord]
	}
	q := strings.IndexByte(rest, '?')
	if q <= 0 || q+3 > len(rest) || rest[q+2] != '?' {
		return "", 0, "", 0, false
	}
	charset, enc = rest[:q], rest[q+1]|0x20
	if enc != 'q' && enc != 'b' || strings.ContainsAny(charset, " \t\"()<>@,;:") {
		return "", 0, "", 0, false
	}
	body := rest[q+3:]
	e := strings.Index(body, "?=")
	if e < 0 {
		return "", 0, "", 0, false
	}
	charset, _, _ = strings.Cut(charset, "*")
	return charset, enc, body[:e], i + 2 + q + 3 + e + 2, true
}

func decodeWordText(enc byte, text string) string {
	if enc == 'b' {
		out, _ := decodeBase64([]byte(text))
		return string(out)
	}
	b := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '_':
			b = append(b, ' ')
		case c == '=' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			b = append(b, unhex(text[i+1])<<4|unhex(text[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}
