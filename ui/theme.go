package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
)

// brandTheme is the default theme with the open workspace's colour as the primary colour,
// so the selected tab, focus rings and primary buttons all say whose workspace this is.
// Nothing else is overridden.
type brandTheme struct {
	fyne.Theme
	primary, onPrimary color.Color
}

func newBrandTheme(hex string) *brandTheme {
	c := fields.Brand(hex)
	return &brandTheme{Theme: theme.DefaultTheme(), primary: c, onPrimary: fields.OnColor(c)}
}

func (t *brandTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return t.primary
	case theme.ColorNameForegroundOnPrimary:
		return t.onPrimary
	}
	return t.Theme.Color(n, v)
}
