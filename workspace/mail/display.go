package mail

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on what a view draws: a 1 MiB subject took seconds and hundreds of megabytes to
// lay out. The stored text stays whole and searchable; only what is drawn is cut.
const (
	MaxDisplaySubjectRunes = 1000
	MaxDisplayBodyRunes    = 100_000
)

// DisplaySubject is a subject as a view should draw it: bidi-isolated and capped.
func DisplaySubject(s string) string {
	return IsolateBidi(CapRunes(s, MaxDisplaySubjectRunes))
}

// DisplayBody is a message text capped for drawing; the full text stays in the store.
func DisplayBody(s string) string {
	return CapRunes(s, MaxDisplayBodyRunes)
}

// CapRunes cuts s after max runes and marks the cut with "…".
func CapRunes(s string, max int) string {
	if len(s) <= max || utf8.RuneCountInString(s) <= max {
		return s
	}
	i, n := 0, 0
	for i = range s {
		if n == max {
			break
		}
		n++
	}
	return s[:i] + "…"
}

// bidiControls are the explicit direction marks a sender can put in a name or subject
// to flip what follows it ("exe.pdf" shown as "fdp.exe") or the brackets around it.
var bidiControls = strings.NewReplacer(
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
)

// IsolateBidi wraps text that holds right-to-left characters in FIRST STRONG ISOLATE ...
// POP DIRECTIONAL ISOLATE, so an Arabic or Hebrew name lays out in its own direction and
// cannot reorder what is drawn around it ("name <addr>" never becomes "name>addr<").
// The sender's own direction overrides are dropped first: they would escape the isolate.
func IsolateBidi(s string) string {
	if !hasRTL(s) && !strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
		return s
	}
	s = bidiControls.Replace(s)
	if !hasRTL(s) {
		return s
	}
	return "\u2068" + s + "\u2069"
}

func hasRTL(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return true
		}
	}
	return false
}

// DisplayAddress is "Name <address>" with the name isolated, for drawing.
func DisplayAddress(a Address) string {
	if a.Name == "" {
		return a.Email
	}
	return IsolateBidi(CapRunes(a.Name, 200)) + " <" + a.Email + ">"
}
