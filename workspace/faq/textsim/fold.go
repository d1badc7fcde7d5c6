// Package textsim compares short texts written in English, Swedish, Czech, Spanish,
// Portuguese and Russian without any network service: folding (case, diacritics),
// stopwords, crude stemming, TF-IDF vectors, cosine similarity and grouping.
//
// Stemming is prefix truncation: it is wrong for some words in every language, but it
// joins the inflections that matter here (refund/refunds/refunded, objednávka/objednávku,
// доставка/доставки) with no per-language rules to maintain.
package textsim

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s, strips diacritics (kůň → kun, café → cafe) and turns everything that
// is not a letter or digit into single spaces. It is the key two questions are equal by.
func Fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(foldRune(unicode.ToLower(r)))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// foldRune handles letters NFKD does not decompose.
func foldRune(r rune) rune {
	switch r {
	case 'ø':
		return 'o'
	case 'ł':
		return 'l'
	case 'đ':
		return 'd'
	case 'ß':
		return 's'
	}
	return r
}

// stemLen is how many letters of a word are kept: five joins most inflections while
// rarely merging unrelated words.
const stemLen = 5

// Terms splits s into the words that carry its meaning (folded, stopwords and numbers
// such as order numbers dropped, stemmed) followed by the character 4-grams of those
// words, which keep "ordre" close to "order" and "záruka" close to "záruku".
func Terms(s string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(s)) {
		if stopwords[w] || isNumber(w) || len([]rune(w)) < 2 {
			continue
		}
		r := []rune(w)
		if len(r) > stemLen {
			w = string(r[:stemLen])
		}
		out = append(out, w)
		out = append(out, grams(r)...)
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func grams(word []rune) []string {
	p := append(append([]rune{'^'}, word...), '$')
	var out []string
	for i := 0; i+4 <= len(p); i++ {
		out = append(out, "~"+string(p[i:i+4])) // "~" keeps a gram from equalling a stem
	}
	return out
}
