package fields

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Swatch is a square of a brand colour; tappable when OnTapped is set, ringed when selected.
type Swatch struct {
	widget.BaseWidget
	OnTapped func()

	rect     *canvas.Rectangle
	selected bool
}

// NewSwatch shows hex at size×size.
func NewSwatch(hex string, size float32) *Swatch {
	s := &Swatch{rect: canvas.NewRectangle(Brand(hex))}
	s.rect.SetMinSize(fyne.NewSquareSize(size))
	s.rect.CornerRadius = size / 4
	s.ExtendBaseWidget(s)
	return s
}

// SetColor changes the colour shown.
func (s *Swatch) SetColor(hex string) {
	s.rect.FillColor = Brand(hex)
	s.rect.Refresh()
}

// SetSelected rings the swatch, for the palette entry that matches the current colour.
func (s *Swatch) SetSelected(on bool) {
	if s.selected == on {
		return
	}
	s.selected = on
	s.Refresh()
}

func (s *Swatch) Tapped(*fyne.PointEvent) {
	if s.OnTapped != nil {
		s.OnTapped()
	}
}

func (s *Swatch) Refresh() {
	s.rect.StrokeWidth = 0
	if s.selected {
		s.rect.StrokeWidth = 3
		s.rect.StrokeColor = theme.Color(theme.ColorNameForeground)
	}
	s.rect.Refresh()
}

func (s *Swatch) CreateRenderer() fyne.WidgetRenderer {
	s.Refresh()
	return widget.NewSimpleRenderer(s.rect)
}
