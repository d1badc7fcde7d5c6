package crisispane

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), body, widget.NewSeparator())
}

func langTag(l string) string {
	if l == "" {
		return ""
	}
	return "[" + l + "] "
}

func ownerOf(o string) string {
	if o == "" {
		return ""
	}
	return " — " + o
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func showError(w fyne.Window, err error) {
	if w != nil {
		dialog.ShowError(err, w)
	}
}
