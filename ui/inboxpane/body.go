package inboxpane

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/mail"
)

// Fyne lays out a wrapped label in time that grows much faster than its length (measured
// with the test driver: 2,000 runes in one label 3.5 s, 10,000 runes 54 s; the same
// 10,000 runes as fifty labels 0.17 s). A message is therefore drawn as one label per
// paragraph, a long paragraph cut at a space every bodyChunkRunes, and only its first
// maxBodyRunes: the whole text stays in the store, searchable, and in "Show the original".
const (
	bodyChunkRunes = 800
	maxBodyRunes   = 20_000
)

// bodyLabels is a message's text as the thread draws it.
func bodyLabels(text string) []fyne.CanvasObject {
	capped := mail.CapRunes(mail.DisplayBody(text), maxBodyRunes)
	var objs []fyne.CanvasObject
	for _, para := range strings.Split(strings.ReplaceAll(capped, "\r\n", "\n"), "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		for _, chunk := range chunks(para, bodyChunkRunes) {
			l := widget.NewLabel(chunk)
			l.Wrapping = fyne.TextWrapWord
			objs = append(objs, l)
		}
	}
	if capped != text && utf8.RuneCountInString(text) > maxBodyRunes {
		more := widget.NewLabel(lang.L("The message goes on: only its beginning is shown here. Show the original for all of it."))
		more.Importance = widget.LowImportance
		more.Wrapping = fyne.TextWrapWord
		objs = append(objs, more)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel(""))
	}
	return objs
}

// chunks cuts s into pieces of about n runes, at the last space before the limit when
// there is one.
func chunks(s string, n int) []string {
	var out []string
	for utf8.RuneCountInString(s) > n {
		cut, i := 0, 0
		for pos := range s {
			if i == n {
				cut = pos
				break
			}
			i++
		}
		if sp := strings.LastIndexAny(s[:cut], " \n"); sp > cut/2 {
			cut = sp + 1
		}
		out = append(out, strings.TrimRight(s[:cut], " "))
		s = s[cut:]
	}
	return append(out, s)
}
