package ui

import (
	"image/color"
	"testing"

	"switchboard/ui/fields"
)

// The crisis strip's white text must be readable on both of its colours (WCAG 4.5:1).
func TestCrisisStripContrast(t *testing.T) {
	for name, bg := range map[string]color.Color{"incident": incidentRed, "warning": warningTone} {
		if c := fields.Contrast(color.White, bg); c < 4.5 {
			t.Errorf("%s strip: contrast %.2f, want at least 4.5", name, c)
		}
	}
}
