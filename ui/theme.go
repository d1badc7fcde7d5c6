package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
)

// minTextContrast is WCAG AA for body text: every text colour of the theme reads at least
// this well on every background it is drawn on (checked by TestThemeTextContrast).
const minTextContrast = 4.5

// brandTheme is the default theme with the open workspace's colour as the primary colour,
// so the selected tab, the selected workspace, focus and primary buttons all say whose
// workspace this is. Text colours the default theme draws too faintly (dates, "To:" lines,
// history, placeholders, warnings on a light background) are moved away from the
// background until they reach minTextContrast; nothing else is overridden.
type brandTheme struct {
	fyne.Theme
	brand color.NRGBA
}

func newBrandTheme(hex string) *brandTheme {
	return &brandTheme{Theme: theme.DefaultTheme(), brand: fields.Brand(hex)}
}

// textColors are the theme's colours that text is drawn in.
var textColors = []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
	theme.ColorNamePrimary, theme.ColorNameError, theme.ColorNameWarning, theme.ColorNameSuccess, theme.ColorNameHyperlink}

func (t *brandTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return t.primary(v)
	case theme.ColorNameForegroundOnPrimary:
		return fields.OnColor(t.primary(v))
	case theme.ColorNameSelection:
		return t.selection(v)
	case fields.ColorNameOutbound:
		return t.outbound(v)
	case theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder, theme.ColorNameError, theme.ColorNameWarning,
		theme.ColorNameSuccess, theme.ColorNameHyperlink:
		return t.readable(t.Theme.Color(n, v), v)
	}
	return t.Theme.Color(n, v)
}

// primary is the brand colour, lightened on a dark background (darkened on a light one)
// until it reads as text: a selected tab's label and links are drawn in it.
func (t *brandTheme) primary(v fyne.ThemeVariant) color.NRGBA { return t.readable(t.brand, v) }

// selection is a faint wash of the brand colour behind selected rows: faint enough that
// every text colour still reads on it.
func (t *brandTheme) selection(fyne.ThemeVariant) color.NRGBA {
	c := t.brand
	c.A = selectionAlpha
	return c
}

const selectionAlpha = 0x38

// outbound is the background of our own messages: the input background tinted with the
// brand, opaque, so text contrast can be measured and kept.
func (t *brandTheme) outbound(v fyne.ThemeVariant) color.NRGBA {
	return fields.Mix(opaque(t.Theme.Color(theme.ColorNameInputBackground, v)), t.brand, 0.12)
}

// backgrounds are what text is drawn on: the window, input fields and message cards,
// dialogs and menus, our own messages, and a selected row.
func (t *brandTheme) backgrounds(v fyne.ThemeVariant) []color.NRGBA {
	bg := opaque(t.Theme.Color(theme.ColorNameBackground, v))
	sel := over(t.selection(v), bg)
	return []color.NRGBA{bg, opaque(t.Theme.Color(theme.ColorNameInputBackground, v)),
		opaque(t.Theme.Color(theme.ColorNameOverlayBackground, v)), opaque(t.Theme.Color(theme.ColorNameMenuBackground, v)),
		t.outbound(v), sel}
}

// readable moves c towards white on a dark theme (black on a light one) until it reaches
// minTextContrast on every background.
func (t *brandTheme) readable(c color.Color, v fyne.ThemeVariant) color.NRGBA {
	out := opaque(c)
	toward := color.NRGBA{0, 0, 0, 0xff}
	if v == theme.VariantDark {
		toward = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	}
	bgs := t.backgrounds(v)
	// A little above the minimum, so rounding in a renderer never takes it below.
	for i := 0; i < 30 && worst(out, bgs) < minTextContrast+0.1; i++ {
		out = fields.Mix(out, toward, 0.1)
	}
	return out
}

func worst(c color.NRGBA, bgs []color.NRGBA) float64 {
	w := 21.0
	for _, b := range bgs {
		w = min(w, fields.Contrast(c, b))
	}
	return w
}

// opaque drops a colour's transparency (the default theme's are opaque or nearly so).
func opaque(c color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}

// over is c drawn over the opaque background bg.
func over(c, bg color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	m := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{R: m(c.R, bg.R), G: m(c.G, bg.G), B: m(c.B, bg.B), A: 0xff}
}
