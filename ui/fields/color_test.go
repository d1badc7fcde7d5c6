package fields

import (
	"image/color"
	"testing"

	"switchboard/workspace"
)

func TestParseHex(t *testing.T) {
	for in, ok := range map[string]bool{"#1E6FD9": true, "1e6fd9": true, " #0F6E5C ": true, "#12345": false, "red": false, "": false} {
		if _, got := ParseHex(in); got != ok {
			t.Errorf("ParseHex(%q) ok = %v, want %v", in, got, ok)
		}
	}
	if c, _ := ParseHex("#0F6E5C"); c != (color.NRGBA{0x0F, 0x6E, 0x5C, 0xff}) {
		t.Errorf("ParseHex(#0F6E5C) = %v", c)
	}
}

// The band writes the client's name in OnColor: it must stay readable on every palette colour.
func TestOnColorIsReadableOnThePalette(t *testing.T) {
	for _, hex := range append(workspace.Palette, "#FFE066", "#0F6E5C", "#000000", "#FFFFFF") {
		c := Brand(hex)
		if r := Contrast(c, OnColor(c)); r < 3 {
			t.Errorf("text on %s has contrast %.2f, want at least 3", hex, r)
		}
	}
}
