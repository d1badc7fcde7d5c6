package crisis

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"switchboard/workspace"
)

// BrandLanguagesSetting is the workspace setting listing the languages the brand answers
// in ("en, sv, nb, da"); the playbook editor offers them when a language is added.
const BrandLanguagesSetting = "brand.languages"

// BrandLanguages are the language codes of w's brand setting, cleaned, in the order given;
// none when it was never set.
func BrandLanguages(ctx context.Context, w *workspace.Workspace) ([]string, error) {
	v, _, err := w.Setting(ctx, BrandLanguagesSetting)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if l := CleanLang(f); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}

// CleanLang is a language code as playbooks store it ("PT_BR" is "pt-br"; "" is any).
func CleanLang(l string) string { return cleanLang(l) }

// Languages are the languages the playbook says something in (description, keywords,
// holding statement or prepared answer), sorted, "" (any language) first.
func (p Playbook) Languages() []string {
	var out []string
	add := func(l string) {
		if l = cleanLang(l); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	for l := range p.Descriptions {
		add(l)
	}
	for l := range p.Keywords {
		add(l)
	}
	for _, t := range p.Holding {
		add(t.Lang)
	}
	for _, a := range p.Answers {
		add(a.Lang)
	}
	slices.Sort(out)
	return out
}

// WithoutLanguage is p with everything in language l removed: its description, keywords,
// holding statement and prepared answers.
func (p Playbook) WithoutLanguage(l string) Playbook {
	l = cleanLang(l)
	desc, kw := map[string]string{}, map[string][]string{}
	for k, v := range p.Descriptions {
		if cleanLang(k) != l {
			desc[k] = v
		}
	}
	for k, v := range p.Keywords {
		if cleanLang(k) != l {
			kw[k] = v
		}
	}
	p.Descriptions, p.Keywords = desc, kw
	p.Holding = slices.DeleteFunc(slices.Clone(p.Holding), func(t Text) bool { return cleanLang(t.Lang) == l })
	p.Answers = slices.DeleteFunc(slices.Clone(p.Answers), func(a Answer) bool { return cleanLang(a.Lang) == l })
	return p
}

// SetHolding replaces (or, with an empty text, removes) the holding statement in lang.
func (p Playbook) SetHolding(lang, text string) Playbook {
	lang = cleanLang(lang)
	out := slices.DeleteFunc(slices.Clone(p.Holding), func(t Text) bool { return cleanLang(t.Lang) == lang })
	if strings.TrimSpace(text) != "" {
		out = append(out, Text{Lang: lang, Text: text})
		slices.SortStableFunc(out, func(a, b Text) int { return strings.Compare(a.Lang, b.Lang) })
	}
	p.Holding = out
	return p
}

// ReviewDateLayout is how people type a review date.
const ReviewDateLayout = "2006-01-02"

// ParseReviewDate reads a review date typed as 2027-06-01 (the start of that day in the
// workspace's zone); "" is no date (saving then sets one a review period ahead).
func ParseReviewDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(ReviewDateLayout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write it as %s", s, time.Now().In(loc).AddDate(0, 6, 0).Format(ReviewDateLayout))
	}
	return t, nil
}
