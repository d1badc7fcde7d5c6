package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
)

// brandTheme is the default theme with the open workspace's colour as the primary colour,
// so the selected tab, the selected workspace, focus and primary buttons all say whose
// workspace this is. Nothing else is overridden.
type brandTheme struct {
	fyne.Theme
	brand color.NRGBA
}

func newBrandTheme(hex string) *brandTheme {
	return &brandTheme{Theme: theme.DefaultTheme(), brand: fields.Brand(hex)}
}

func (t *brandTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return t.primary(v)
	case theme.ColorNameForegroundOnPrimary:
		return fields.OnColor(t.primary(v))
	case theme.ColorNameSelection:
		c := t.primary(v)
		c.A = 0x60
		return c
	}
	return t.Theme.Color(n, v)
}

// primary is the brand colour, lightened on a dark background until it reads as text
// (a selected tab's label is drawn in it).
func (t *brandTheme) primary(v fyne.ThemeVariant) color.NRGBA {
	bg := t.Theme.Color(theme.ColorNameBackground, v)
	c := t.brand
	for i := 0; i < 10 && fields.Contrast(c, bg) < 3; i++ {
		if v == theme.VariantDark {
			c = fields.Mix(c, color.NRGBA{0xff, 0xff, 0xff, 0xff}, 0.15)
		} else {
			c = fields.Mix(c, color.NRGBA{0, 0, 0, 0xff}, 0.15)
		}
	}
	return c
}
