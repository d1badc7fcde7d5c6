// Package fields holds the small input widgets the shell and the panes share: a brand
// colour picker, a time-zone entry and a column that keeps forms readable on wide windows.
package fields

import (
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
)

var hexRe = regexp.MustCompile(`^#?[0-9a-fA-F]{6}$`)

// ParseHex reads "#RRGGBB" (the form workspaces store); ok is false for anything else.
func ParseHex(s string) (c color.NRGBA, ok bool) {
	s = strings.TrimSpace(s)
	if !hexRe.MatchString(s) {
		return color.NRGBA{}, false
	}
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// Brand is a workspace's colour, or a neutral grey when the stored value is unusable, so a
// broken colour never hides whose workspace is open.
func Brand(hex string) color.NRGBA {
	if c, ok := ParseHex(hex); ok {
		return c
	}
	return color.NRGBA{R: 0x55, G: 0x5B, B: 0x66, A: 0xff}
}

// OnColor is white or near-black, whichever reads better on c.
func OnColor(c color.Color) color.NRGBA {
	white := color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	dark := color.NRGBA{R: 0x12, G: 0x14, B: 0x18, A: 0xff}
	if Contrast(c, white) >= Contrast(c, dark) {
		return white
	}
	return dark
}

// Contrast is the WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white).
func Contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// Mix moves a towards b by t (0..1).
func Mix(a, b color.NRGBA, t float64) color.NRGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{R: m(a.R, b.R), G: m(a.G, b.G), B: m(a.B, b.B), A: 0xff}
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		f := float64(v) / 0xffff
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
