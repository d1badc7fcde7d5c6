package mail

import (
	"strconv"
	"strings"
	"unicode"
)

// maxGramRunes bounds the grams of one message: a megabyte of Chinese would otherwise
// cost fourteen megabytes of index text.
const maxGramRunes = 200_000

// gramScripts are written without spaces between words (Han, kana, Thai, Lao, Khmer,
// Myanmar), or glue particles to words (Hangul), so a word is found only as a substring.
var gramScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Hangul, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar}

func isGramRune(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, gramScripts...) || r == 'ー' // the kana length mark is Common
}

// gramToken spells characters as one ASCII token ("g" and six hex digits each), which
// every tokenizer keeps whole: Thai vowel signs are combining marks that unicode61 would
// otherwise split words at.
func gramToken(rs ...rune) string {
	var b strings.Builder
	b.WriteByte('g')
	for _, r := range rs {
		h := strconv.FormatInt(int64(r), 16)
		b.WriteString(strings.Repeat("0", 6-len(h)) + h)
	}
	return b.String()
}

// gramRuns returns the runs of s written in gramScripts.
func gramRuns(s string) [][]rune {
	var runs [][]rune
	var cur []rune
	for _, r := range s {
		if isGramRune(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

// SearchGrams is what the grams column indexes for texts: each run's overlapping pairs
// of characters, then its last character alone, so any substring of two or more
// characters is a phrase of pairs and a single character a prefix.
func SearchGrams(texts ...string) string {
	var b strings.Builder
	left := maxGramRunes
	for _, t := range texts {
		for _, run := range gramRuns(t) {
			if len(run) > left {
				run = run[:left]
			}
			left -= len(run)
			for i := 0; i+1 < len(run); i++ {
				b.WriteString(gramToken(run[i], run[i+1]))
				b.WriteByte(' ')
			}
			if len(run) > 0 {
				b.WriteString(gramToken(run[len(run)-1]))
				b.WriteByte(' ')
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// gramQuery is the FTS5 query for a run typed in a gram script: the phrase of its pairs
// in the grams column, or a prefix query for a single character.
func gramQuery(run []rune) string {
	if len(run) == 1 {
		return `grams : "` + gramToken(run[0]) + `"*`
	}
	toks := make([]string, 0, len(run)-1)
	for i := 0; i+1 < len(run); i++ {
		toks = append(toks, gramToken(run[i], run[i+1]))
	}
	return `grams : "` + strings.Join(toks, " ") + `"`
}
