package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
	"switchboard/workspace"
)

// Every text colour reads at least 4.5:1 (WCAG AA) on every background it is drawn on, in
// the dark and the light theme, whatever the brand colour: dates, "To:" lines and history
// measured 1.4:1 and text on our own messages 1.0:1 before.
func TestThemeTextContrast(t *testing.T) {
	brands := append([]string{"#0F6E5C", "#FFD400", "#000000", "#FFFFFF", "#777777"}, workspace.Palette...)
	for _, hex := range brands {
		th := newBrandTheme(hex)
		for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
			bgs := map[string]color.NRGBA{}
			for _, n := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground,
				theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground, fields.ColorNameOutbound} {
				bgs[string(n)] = opaque(th.Color(n, v))
			}
			bgs["selected row"] = over(color.NRGBAModel.Convert(th.Color(theme.ColorNameSelection, v)).(color.NRGBA), bgs[string(theme.ColorNameBackground)])
			for _, tn := range textColors {
				fg := opaque(th.Color(tn, v))
				for bn, bg := range bgs {
					if c := fields.Contrast(fg, bg); c < 4.5 {
						t.Errorf("brand %s, variant %d: %s on %s is %.2f:1, want at least 4.5:1", hex, v, tn, bn, c)
					}
				}
			}
			primary := th.Color(theme.ColorNamePrimary, v)
			if c := fields.Contrast(th.Color(theme.ColorNameForegroundOnPrimary, v), primary); c < 4.5 {
				t.Errorf("brand %s, variant %d: text on a primary button is %.2f:1", hex, v, c)
			}
		}
	}
}
