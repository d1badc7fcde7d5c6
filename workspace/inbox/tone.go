package inbox

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"switchboard/workspace/faq/textsim"
	"switchboard/workspace/template"
)

// Tone-of-voice settings keys. brand.tone and brand.signature are shared with the
// Settings pane and the demo seed.
const (
	SettingGuidance  = "brand.tone"      // free text for people, not checked
	SettingFormality = "brand.formality" // "formal", "informal" or ""
	SettingSignAs    = "brand.sign_as"   // "brand" or "person"
	SettingSignature = "brand.signature" // a template: {{agent}}, {{brand}}
	SettingAvoid     = "brand.avoid"     // phrases to avoid, one per line
)

// Tone is a workspace's voice.
type Tone struct {
	Formality string   `json:"formality"` // "formal", "informal" or "" (not checked)
	Guidance  string   `json:"guidance"`
	SignAs    string   `json:"sign_as"`   // "brand" or "person"
	Signature string   `json:"signature"` // template, filled with Agent and Brand
	Avoid     []string `json:"avoid"`
	// Agent and Brand fill the signature; Tone sets them, they are not stored.
	Agent string `json:"-"`
	Brand string `json:"-"`
}

// Tone reads the workspace's voice.
func (s *Store) Tone(ctx context.Context) (Tone, error) {
	t := Tone{Agent: s.sign.Name(), Brand: s.w.Info().Name}
	for key, dst := range map[string]*string{SettingGuidance: &t.Guidance, SettingFormality: &t.Formality,
		SettingSignAs: &t.SignAs, SettingSignature: &t.Signature} {
		v, _, err := s.w.Setting(ctx, key)
		if err != nil {
			return t, err
		}
		*dst = v
	}
	avoid, _, err := s.w.Setting(ctx, SettingAvoid)
	for _, line := range strings.Split(avoid, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			t.Avoid = append(t.Avoid, line)
		}
	}
	return t, err
}

// SetTone stores the workspace's voice after checking it.
func (s *Store) SetTone(ctx context.Context, t Tone) error {
	if t.Formality != "" && t.Formality != "formal" && t.Formality != "informal" {
		return fmt.Errorf("form of address %q is not formal or informal", t.Formality)
	}
	if t.SignAs != "" && t.SignAs != "brand" && t.SignAs != "person" {
		return fmt.Errorf("sign as %q is not brand or person", t.SignAs)
	}
	if probs := template.Check(t.Signature); probs != nil {
		return fmt.Errorf("signature: %w", probs)
	}
	for key, v := range map[string]string{SettingGuidance: t.Guidance, SettingFormality: t.Formality,
		SettingSignAs: t.SignAs, SettingSignature: t.Signature, SettingAvoid: strings.Join(t.Avoid, "\n")} {
		if err := s.w.SetSetting(ctx, key, v); err != nil {
			return err
		}
	}
	return nil
}

// SignatureText is the signature filled in; "" when there is none.
func (t Tone) SignatureText() (string, error) {
	if strings.TrimSpace(t.Signature) == "" {
		return "", nil
	}
	agent := t.Agent
	if t.SignAs == "brand" {
		agent = "" // signing as the brand: {{agent|...}} takes its fallback
	}
	return template.RenderText(t.Signature, template.NewValues("", agent, t.Brand))
}

// FindingKind says which rule a finding comes from.
type FindingKind string

const (
	FindAvoid            FindingKind = "avoid"
	FindInformalAddress  FindingKind = "informal_address"
	FindFormalAddress    FindingKind = "formal_address"
	FindShouting         FindingKind = "shouting"
	FindExclamations     FindingKind = "exclamations"
	FindMissingSignature FindingKind = "missing_signature"
)

// Finding is one thing in a draft that goes against the brand's voice, explained. The
// user may send anyway.
type Finding struct {
	Kind    FindingKind `json:"kind"`
	Text    string      `json:"text,omitempty"` // the words found, as written
	Offset  int         `json:"offset"`         // byte offset in the draft, -1 for the whole draft
	Message string      `json:"message"`
}

// CheckTone checks a draft against the tone rules, in the order the findings occur.
func CheckTone(draft string, t Tone) []Finding {
	words := splitWords(draft)
	var out []Finding
	out = append(out, avoidHits(draft, words, t.Avoid)...)
	out = append(out, addressHits(draft, words, t.Formality)...)
	out = append(out, shouting(draft, words)...)
	out = append(out, exclamations(draft)...)
	if f, ok := missingSignature(draft, t); ok {
		out = append(out, f)
	}
	return out
}

type word struct {
	text   string // as written
	offset int
}

func splitWords(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, word{s[start:i], start})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start})
	}
	return out
}

// avoidHits finds each phrase as whole words, case and accents ignored.
func avoidHits(draft string, words []word, avoid []string) []Finding {
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = textsim.Fold(w.text)
	}
	var out []Finding
	for _, phrase := range avoid {
		want := strings.Fields(textsim.Fold(phrase))
		if len(want) == 0 {
			continue
		}
		for i := 0; i+len(want) <= len(words); i++ {
			match := true
			for j, w := range want {
				if folded[i+j] != w {
					match = false
					break
				}
			}
			if match {
				text := span(draft, words[i:i+len(want)])
				out = append(out, Finding{Kind: FindAvoid, Text: text, Offset: words[i].offset,
					Message: fmt.Sprintf("%q is on this brand's list of phrases to avoid (%q).", text, phrase)})
			}
		}
	}
	return out
}

// addressForms are the pronouns of the informal (T) and formal (V) address per language.
// English has no such pair: its informal register shows in other words.
var addressForms = map[string]struct{ informal, formal []string }{
	"sv": {[]string{"du", "dig", "din", "ditt", "dina"}, []string{"ni", "er", "ert", "era"}},
	"cs": {[]string{"ty", "tebe", "tobě", "tě", "tvůj", "tvoje", "tvá", "tvé", "tvého", "tvým", "tvých"},
		[]string{"vy", "vás", "vám", "váš", "vaše", "vašeho", "vašim"}},
	"ru": {[]string{"ты", "тебя", "тебе", "тобой", "твой", "твоя", "твоё", "твое", "твои", "твоего", "твоей"},
		[]string{"вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "вашего", "вашей"}},
	"es": {[]string{"tú", "te", "ti", "contigo", "tu", "tus", "vosotros", "vosotras", "os"},
		[]string{"usted", "ustedes"}},
	"pt": {[]string{"tu", "te", "ti", "contigo", "teu", "tua", "teus", "tuas"},
		[]string{"o senhor", "a senhora", "os senhores", "as senhoras"}},
	"en": {[]string{"hey", "hiya", "gonna", "wanna", "gotta", "btw", "lol", "thx", "u"}, nil},
}

var langNames = map[string]string{"sv": "Swedish", "cs": "Czech", "ru": "Russian", "es": "Spanish", "pt": "Portuguese", "en": "English"}

// addressHits flags informal address in a formal brand and formal address in an
// informal one, in the draft's language (all languages when it cannot be told).
func addressHits(draft string, words []word, formality string) []Finding {
	if formality != "formal" && formality != "informal" {
		return nil
	}
	langs := []string{"sv", "cs", "ru", "es", "pt", "en"}
	if l := textsim.DetectLang(draft); addressForms[l].informal != nil {
		langs = []string{l}
	}
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w.text)
	}
	var out []Finding
	seen := map[int]bool{}
	for _, l := range langs {
		forms, kind := addressForms[l].informal, FindInformalAddress
		msg := "%q is informal %s; this brand addresses customers formally%s."
		if formality == "informal" {
			forms, kind = addressForms[l].formal, FindFormalAddress
			msg = "%q is formal %s; this brand addresses customers informally%s."
		}
		for _, form := range forms {
			parts := strings.Fields(form)
			for i := 0; i+len(parts) <= len(words); i++ {
				if seen[i] || !equalWords(lower[i:i+len(parts)], parts) {
					continue
				}
				seen[i] = true
				text := span(draft, words[i:i+len(parts)])
				out = append(out, Finding{Kind: kind, Text: text, Offset: words[i].offset,
					Message: fmt.Sprintf(msg, text, langNames[l], formalHint(l, formality))})
			}
		}
	}
	return out
}

// span is the draft's text from the first to the last of ws.
func span(draft string, ws []word) string {
	last := ws[len(ws)-1]
	return draft[ws[0].offset : last.offset+len(last.text)]
}

func equalWords(got, want []string) bool {
	for i := range want {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func formalHint(lang, formality string) string {
	if formality != "formal" {
		return ""
	}
	switch lang {
	case "sv":
		return ` ("ni", "er")`
	case "cs":
		return ` ("vy", "vás", "váš")`
	case "ru":
		return ` ("вы", "вас", "ваш")`
	case "es":
		return ` ("usted")`
	case "pt":
		return ` ("o senhor", "a senhora")`
	}
	return ` (no slang)`
}

// shouting flags runs of capitalised words: two or more words of three or more letters,
// or one of six or more, all in capitals (short acronyms like FAQ or DHL are fine).
func shouting(draft string, words []word) []Finding {
	var out []Finding
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && allCaps(words[j].text, 3) {
			j++
		}
		if j-i >= 2 || (j-i == 1 && allCaps(words[i].text, 6)) {
			text := span(draft, words[i:j])
			out = append(out, Finding{Kind: FindShouting, Text: text, Offset: words[i].offset,
				Message: fmt.Sprintf("%q is in capitals, which reads as shouting.", text)})
			i = j
			continue
		}
		i = max(j, i+1)
	}
	return out
}

func allCaps(w string, minLetters int) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= minLetters
}

// exclamations flags "!!" and more than two exclamation marks in a reply.
func exclamations(draft string) []Finding {
	var out []Finding
	if i := strings.Index(draft, "!!"); i >= 0 {
		out = append(out, Finding{Kind: FindExclamations, Text: "!!", Offset: i,
			Message: "Repeated exclamation marks sound alarmed or pushy; one is enough."})
	}
	if n := strings.Count(draft, "!"); n > 2 {
		out = append(out, Finding{Kind: FindExclamations, Offset: -1,
			Message: fmt.Sprintf("The reply has %d exclamation marks; more than two sounds overexcited.", n)})
	}
	return out
}

// missingSignature checks that the brand's signature, filled in, ends the draft.
func missingSignature(draft string, t Tone) (Finding, bool) {
	sig, err := t.SignatureText()
	if err != nil || sig == "" {
		return Finding{}, false
	}
	if strings.HasSuffix(squash(draft), squash(sig)) {
		return Finding{}, false
	}
	return Finding{Kind: FindMissingSignature, Offset: -1,
		Message: fmt.Sprintf("The reply does not end with the brand's signature:\n%s", sig)}, true
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
