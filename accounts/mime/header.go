package mime

import (
	"bytes"
	"strings"
)

// field is one unfolded header field. Values are the raw bytes: decoding them needs
// to know the field (an encoded word with raw 8-bit bytes inside, a quoted display name
// holding encoded words), so it is left to words, addresses and mediaType.
type field struct {
	key   string
	value string
}

type header []field

// get returns the first value of the field named key.
func (h header) get(key string) string {
	for _, f := range h {
		if strings.EqualFold(f.key, key) {
			return f.value
		}
	}
	return ""
}

// all returns every value of the field named key (To may appear twice).
func (h header) all(key string) []string {
	var vs []string
	for _, f := range h {
		if strings.EqualFold(f.key, key) {
			vs = append(vs, f.value)
		}
	}
	return vs
}

func (h header) has(key string) bool {
	for _, f := range h {
		if strings.EqualFold(f.key, key) {
			return true
		}
	}
	return false
}

// splitHeader separates the header block from the body. It is lenient: a
// stray line ends the header (what follows is the body), and input that
// does not start with a header is all body.
func (p *parser) splitHeader(raw []byte, where string) (header, []byte) {
	var keys []string
	var values [][]byte // appended to, so long folded fields stay linear
	body := []byte(nil)
	pos := 0
loop:
	for pos < len(raw) {
		line, next := nextLine(raw, pos)
		switch {
		case len(line) == 0:
			body = raw[next:]
			break loop
		case line[0] == ' ' || line[0] == '\t':
			if len(values) == 0 {
				p.warn("%s: header starts with a continuation line", where)
			} else {
				last := len(values) - 1
				values[last] = append(append(values[last], ' '), bytes.TrimSpace(line)...)
			}
		case pos == 0 && bytes.HasPrefix(line, []byte("From ")):
			// An mbox separator line, not part of the message.
		default:
			key, value, ok := headerLine(line)
			if !ok {
				if len(keys) == 0 {
					p.warn("%s: no header found; everything is read as the body", where)
					return nil, raw
				}
				p.warn("%s: header not ended by a blank line", where)
				body = raw[pos:]
				break loop
			}
			keys = append(keys, key)
			values = append(values, append([]byte(nil), value...))
		}
		pos = next
	}
	h := make(header, len(keys))
	for i, k := range keys {
		h[i] = field{key: k, value: string(values[i])}
	}
	return h, body
}

// nextLine returns the line starting at pos without its line ending, and
// the position of the next line.
func nextLine(b []byte, pos int) (line []byte, next int) {
	i := bytes.IndexByte(b[pos:], '\n')
	if i < 0 {
		line, next = b[pos:], len(b)
	} else {
		line, next = b[pos:pos+i], pos+i+1
	}
	return bytes.TrimSuffix(line, []byte("\r")), next
}

func headerLine(line []byte) (key string, value []byte, ok bool) {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return "", nil, false
	}
	k := bytes.TrimRight(line[:i], " \t")
	if len(k) == 0 {
		return "", nil, false
	}
	for _, c := range k {
		if c < 33 || c > 126 {
			return "", nil, false
		}
	}
	return string(k), bytes.TrimSpace(line[i+1:]), true
}
