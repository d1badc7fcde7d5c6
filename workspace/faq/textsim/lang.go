package textsim

import (
	"strings"
	"unicode"
)

// DetectLang guesses which of en, sv, cs, es, pt, ru s is written in from its stopwords
// and script, or "" when it cannot tell. Good enough to prefill an entry's language.
func DetectLang(s string) string {
	cyr, lat := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	if cyr > lat {
		return "ru"
	}
	score := map[string]int{}
	words := strings.Fields(strings.ToLower(s))
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		for lang, set := range langWords {
			if set[w] {
				score[lang]++
			}
		}
		// letters only one of the languages writes are strong evidence
		for lang, letters := range langLetters {
			if strings.ContainsAny(w, letters) {
				score[lang] += 2
			}
		}
	}
	best, bestN := "", 0
	for _, lang := range []string{"en", "sv", "cs", "es", "pt"} {
		if score[lang] > bestN {
			best, bestN = lang, score[lang]
		}
	}
	return best
}

var langLetters = map[string]string{"sv": "åäö", "cs": "ěščřžůťďň", "es": "ñ¿¡", "pt": "ãõç"}

// langWords are each language's stopwords as written (with diacritics), since folding
// would merge Spanish "que" with Portuguese "que" anyway and lose "não".
var langWords = func() map[string]map[string]bool {
	extra := map[string]string{
		"sv": "är på för från så när också någon något varför hälsningar snälla fråga",
		"cs": "že až být již mám máte děkuji prosím dobrý den chtěl chtěla objednávka",
		"es": "está más qué cómo dónde cuándo también pedido",
		"pt": "não você olá obrigado obrigada está é pedido meu minha",
	}
	m := map[string]map[string]bool{}
	for lang, list := range stopwordLists {
		m[lang] = map[string]bool{}
		for _, w := range strings.Fields(list + " " + extra[lang]) {
			m[lang][w] = true
		}
	}
	return m
}()
