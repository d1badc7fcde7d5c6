package mime

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
)

// decodeTransfer undoes a Content-Transfer-Encoding. It never fails: what
// cannot be decoded is dropped or kept as is, with a warning.
func (p *parser) decodeTransfer(enc string, body []byte, where string) []byte {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "7bit", "8bit", "binary":
		return bytes.Clone(body) // never alias the caller's raw bytes
	case "quoted-printable":
		return decodeQP(body)
	case "base64":
		if !looksBase64(body) {
			p.warn("%s: declared base64 but is plain text; kept as is", where)
			return bytes.Clone(body)
		}
		out, clean := decodeBase64(body)
		if !clean {
			p.warn("%s: broken base64; kept what could be decoded", where)
		}
		return out
	default:
		p.warn("%s: unknown transfer encoding %q; kept as is", where, enc)
		return bytes.Clone(body)
	}
}

// decodeQP decodes quoted-printable leniently: an "=" that starts neither an
// escape nor a soft line break is kept literally, as most mail readers do.
func decodeQP(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
			continue
		}
		j := i + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		switch {
		case j == len(b):
			i = j - 1
		case b[j] == '\n':
			i = j
		case b[j] == '\r' && j+1 < len(b) && b[j+1] == '\n':
			i = j + 1
		default:
			out = append(out, '=')
		}
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var b64Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(b64Alphabet); i++ {
		t[b64Alphabet[i]] = byte(i)
	}
	return t
}()

// looksBase64 tells base64 from text mislabelled as base64: base64 has no spaces
// between its characters, words do, about one every six bytes.
func looksBase64(b []byte) bool {
	spaces := 0
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ' ' && b[i-1] > ' ' && b[i+1] > ' ' {
			spaces++
		}
	}
	return spaces*50 < len(b)
}

// decodeBase64 decodes base64 leniently: whitespace is skipped, padding may
// be missing or appear between concatenated chunks, and stray characters are
// skipped. clean reports whether nothing but whitespace had to be skipped.
func decodeBase64(b []byte) (out []byte, clean bool) {
	out = make([]byte, 0, len(b)/4*3+3)
	clean = true
	var q [4]byte
	n := 0
	flush := func() {
		switch n {
		case 1:
			clean = false
		case 2:
			out = append(out, q[0]<<2|q[1]>>4)
		case 3:
			out = append(out, q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2)
		}
		n = 0
	}
	for _, c := range b {
		v := b64Value[c]
		switch {
		case v != 0xff:
			q[n] = v
			n++
			if n == 4 {
				out = append(out, q[0]<<2|q[1]>>4, q[1]<<4|q[2]>>2, q[2]<<6|q[3])
				n = 0
			}
		case c == '=':
			flush()
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		default:
			clean = false
		}
	}
	flush()
	return out, clean
}

// toUTF8 converts b from the named charset to valid UTF-8. An empty name means
// undeclared: the bytes are UTF-8 if they are, else a guess among the charsets of our
// users' languages (decodeUndeclared). A charset nobody knows is guessed the same way,
// so a label such as "NONE" or "x-unknown" still shows readable text.
func (p *parser) toUTF8(name string, b []byte, where string) string {
	name = strings.ToLower(strings.Trim(name, " \t\"'"))
	switch name {
	case "", "us-ascii", "ascii", "utf-8", "utf8":
		if utf8.Valid(b) {
			return string(b)
		}
		if name == "utf-8" || name == "utf8" {
			// Declared UTF-8 with broken bytes: each broken byte is replaced, the rest kept.
			p.warn("%s: invalid UTF-8 replaced", where)
			return strings.ToValidUTF8(string(b), "\uFFFD")
		}
		s, guessed := decodeUndeclared(b)
		if guessed == "utf-8" {
			p.warn("%s: invalid UTF-8 replaced", where)
		} else {
			p.warn("%s: undeclared 8-bit text read as %s", where, guessed)
		}
		return s
	case "utf-7", "unicode-1-1-utf-7":
		return strings.ToValidUTF8(decodeUTF7(b), "\uFFFD")
	}
	r, err := charset.Reader(name, bytes.NewReader(b))
	if err != nil {
		s, guessed := decodeUndeclared(b)
		p.warn("%s: unknown charset %q; read as %s", where, name, guessed)
		return s
	}
	out, err := io.ReadAll(r)
	if err != nil {
		p.warn("%s: charset %q: %v", where, name, err)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}
