package mime

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// guessCandidates are the legacy charsets of the languages our users serve (Swedish,
// Spanish, Portuguese, Czech, Russian), in the order a tie is settled.
var guessCandidates = []struct {
	name string
	cm   *charmap.Charmap
}{
	{"windows-1252", charmap.Windows1252},
	{"windows-1250", charmap.Windows1250},
	{"windows-1251", charmap.Windows1251},
	{"koi8-r", charmap.KOI8R},
}

// expectedLetters are the non-ASCII letters of the languages we serve. A guess that
// yields them is more likely right than one that yields letters of other languages
// (ø, ù, ò are what Czech windows-1250 bytes look like read as windows-1252).
const expectedLetters = "áàâãäåçéèêëíîïñóòôõöúùûüýÿßæœ" + // sv, es, pt, de, fr
	"čďěňřšťůžĺľŕ" // cs, sk

// decodeUndeclared reads bytes whose charset nobody declared: UTF-8 when they are UTF-8
// (a few broken bytes in otherwise good UTF-8 are replaced one by one, so one bad byte
// does not turn a whole name into mojibake), else the legacy charset whose reading looks
// most like words of our languages.
func decodeUndeclared(b []byte) (text, charset string) {
	if utf8.Valid(b) {
		return string(b), "utf-8"
	}
	if mostlyUTF8(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD"), "utf-8"
	}
	best, bestScore := "", 0
	for i, c := range guessCandidates {
		s := decodeCharmap(c.cm, b)
		if score := plausibility(s); i == 0 || score > bestScore {
			best, bestScore, charset = s, score, c.name
		}
	}
	return best, charset
}

// mostlyUTF8 reports whether b has more bytes in well-formed multi-byte UTF-8 sequences
// than runs of bytes that are not: legacy 8-bit text almost never forms those by chance,
// and one broken byte in a UTF-8 name must not make it read as windows-1252.
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	inBad := false
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			if !inBad {
				bad++
			}
			inBad = true
		case n > 1:
			good += n
			inBad = false
		default:
			inBad = false
		}
		b = b[n:]
	}
	return good > bad
}

func decodeCharmap(cm *charmap.Charmap, b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/2)
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
			continue
		}
		sb.WriteRune(cm.DecodeByte(c))
	}
	return sb.String()
}

// plausibility scores a reading of 8-bit text: letters our languages use count most,
// other letters a little, symbols and control characters against; so do capitals in
// the middle of a word, which is what Russian looks like in the wrong Cyrillic charset,
// and words mixing Latin and Cyrillic letters.
func plausibility(s string) int {
	score := 0
	var prev rune
	for _, r := range s {
		if r >= 0x80 {
			lower := unicode.ToLower(r)
			switch {
			case r == utf8.RuneError || unicode.IsControl(r):
				score -= 5
			case !unicode.IsLetter(r):
				if !unicode.IsSpace(r) && !strings.ContainsRune("«»–—„“”‘’…€№•", r) {
					score -= 3
				}
			case unicode.Is(unicode.Cyrillic, r):
				switch {
				case unicode.IsLower(r):
					score += 2
				case unicode.IsLetter(prev) && unicode.IsLower(prev):
					score -= 2 // a capital after a small letter
				default:
					score++
				}
				if prev < 0x80 && unicode.IsLetter(prev) {
					score -= 3
				}
			case strings.ContainsRune(expectedLetters, lower):
				score += 2
			default:
				score++
			}
			if unicode.Is(unicode.Latin, r) && unicode.Is(unicode.Cyrillic, prev) {
				score -= 3
			}
		}
		prev = r
	}
	return score
}
