package mime

import (
	"strings"
	"unicode/utf16"
)

// decodeUTF7 reads RFC 2152 UTF-7, which some Outlook versions still send as a subject
// and body charset and which no Go charset package knows. Broken shifted sequences become
// U+FFFD; the text around them is kept.
func decodeUTF7(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '+' {
			sb.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(b) && b64Value[b[j]] != 0xff {
			j++
		}
		if j == i+1 {
			sb.WriteByte('+') // "+-" is a literal plus; a lone "+" is kept as written
		} else {
			sb.WriteString(utf7Run(b[i+1 : j]))
		}
		if j < len(b) && b[j] == '-' {
			j++ // the '-' that ends a shifted run is not text
		}
		i = j - 1
	}
	return sb.String()
}

// utf7Run decodes one shifted run: modified base64 of UTF-16BE without padding.
func utf7Run(run []byte) string {
	var units []uint16
	var acc uint32
	bits := 0
	for _, c := range run {
		acc = acc<<6 | uint32(b64Value[c])
		bits += 6
		if bits >= 16 {
			bits -= 16
			units = append(units, uint16(acc>>bits))
			acc &= 1<<bits - 1
		}
	}
	return string(utf16.Decode(units))
}
