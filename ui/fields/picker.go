package fields

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace"
)

// ColorPicker offers the workspace palette as swatches plus a hex entry for a client's
// exact brand colour.
type ColorPicker struct {
	widget.BaseWidget
	Entry     *widget.Entry
	OnChanged func(hex string) // the normalised colour, after every valid change

	swatches []*Swatch
	preview  *canvas.Rectangle
}

// NewColorPicker starts at hex (#RRGGBB).
func NewColorPicker(hex string) *ColorPicker {
	p := &ColorPicker{Entry: widget.NewEntry(), preview: canvas.NewRectangle(color.Transparent)}
	p.preview.CornerRadius = theme.InputRadiusSize()
	p.preview.SetMinSize(fyne.NewSquareSize(theme.InputBorderSize()*2 + 30))
	p.Entry.SetPlaceHolder("#1E6FD9")
	p.Entry.Validator = func(s string) error {
		if _, ok := ParseHex(s); !ok {
			return errors.New(lang.L("Use the form #RRGGBB, for example #1E6FD9"))
		}
		return nil
	}
	for _, h := range workspace.Palette {
		sw := NewSwatch(h, 28)
		sw.OnTapped = func() { p.SetHex(h) }
		p.swatches = append(p.swatches, sw)
	}
	p.Entry.OnChanged = func(string) { p.changed() }
	p.ExtendBaseWidget(p)
	p.SetHex(hex)
	return p
}

// Hex is the chosen colour as #RRGGBB, or "" while the entry holds no valid colour.
func (p *ColorPicker) Hex() string {
	if _, ok := ParseHex(p.Entry.Text); !ok {
		return ""
	}
	return "#" + strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(p.Entry.Text), "#"))
}

// SetHex shows hex as the chosen colour.
func (p *ColorPicker) SetHex(hex string) {
	p.Entry.SetText(hex) // Entry calls changed through OnChanged when the text differs
}

func (p *ColorPicker) changed() {
	hex := p.Hex()
	c, ok := ParseHex(hex)
	if !ok {
		p.preview.FillColor = color.Transparent
	} else {
		p.preview.FillColor = c
	}
	p.preview.Refresh()
	for i, sw := range p.swatches {
		sw.SetSelected(strings.EqualFold(workspace.Palette[i], hex))
	}
	if ok && p.OnChanged != nil {
		p.OnChanged(hex)
	}
}

func (p *ColorPicker) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(p.swatches))
	for i, sw := range p.swatches {
		objs[i] = sw
	}
	hex := container.NewBorder(nil, nil, container.NewCenter(p.preview), nil, p.Entry)
	return widget.NewSimpleRenderer(container.NewVBox(container.NewHBox(objs...), hex))
}
