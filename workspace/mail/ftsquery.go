package mail

import "strings"

// FTSQuery turns what a user typed into an FTS5 query over the messages index: each word
// quoted, so nothing typed is FTS5 syntax ("word*" keeps its prefix match), and every
// word must match.
//
// The index's unicode61 tokenizer folds Latin diacritics ("kun" finds "kůň") but not
// Cyrillic ё, which Russian writers mostly type as е: a word with е or ё matches either
// spelling in each place.
//
// Chinese, Japanese, Thai and the other gramScripts are searched as substrings through
// the grams column: a word typed in them matches wherever it stands inside a run.
func FTSQuery(q string) string {
	var terms []string
	for _, w := range strings.Fields(q) {
		prefix := strings.HasSuffix(w, "*")
		if w = strings.Trim(w, `*"`); w == "" {
			continue
		}
		if strings.IndexFunc(w, isGramRune) >= 0 {
			terms = append(terms, gramTerms(w)...)
			continue
		}
		var alts []string
		for _, v := range yoVariants(w) {
			t := `"` + v + `"`
			if prefix {
				t += "*"
			}
			alts = append(alts, t)
		}
		if len(alts) == 1 {
			terms = append(terms, alts[0])
		} else {
			terms = append(terms, "("+strings.Join(alts, " OR ")+")")
		}
	}
	return strings.Join(terms, " ")
}

// gramTerms splits a typed word into its gram-script runs, searched as substrings, and
// the text between them ("iPhone手机" is "iPhone" and "手机"), searched as words.
func gramTerms(w string) []string {
	var terms []string
	other := func(s string) {
		if s = strings.Trim(s, `*"`); s != "" {
			terms = append(terms, `"`+s+`"`)
		}
	}
	start := 0
	for _, run := range gramRuns(w) {
		i := strings.Index(w[start:], string(run)) + start
		other(w[start:i])
		terms = append(terms, gramQuery(run))
		start = i + len(string(run))
	}
	other(w[start:])
	return terms
}

// maxYoPlaces bounds the spellings tried: 2^n grows fast, and a long word with many е is
// found by its other letters anyway when the user types it as written.
const maxYoPlaces = 3

// yoVariants spells w with е or ё in each place one of them stands.
func yoVariants(w string) []string {
	runes := []rune(w)
	var places []int
	for i, r := range runes {
		switch r {
		case 'е', 'ё', 'Е', 'Ё':
			places = append(places, i)
		}
	}
	if len(places) == 0 || len(places) > maxYoPlaces {
		return []string{w}
	}
	out := make([]string, 0, 1<<len(places))
	for mask := 0; mask < 1<<len(places); mask++ {
		v := append([]rune(nil), runes...)
		for bit, i := range places {
			upper := v[i] == 'Е' || v[i] == 'Ё'
			switch {
			case mask&(1<<bit) != 0 && upper:
				v[i] = 'Ё'
			case mask&(1<<bit) != 0:
				v[i] = 'ё'
			case upper:
				v[i] = 'Е'
			default:
				v[i] = 'е'
			}
		}
		out = append(out, string(v))
	}
	return out
}
