package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// panel is a background in a theme colour that follows theme changes (a bare rectangle
// keeps the colour it was made with).
type panel struct {
	widget.BaseWidget
	name fyne.ThemeColorName
	rect *canvas.Rectangle
}

func newPanel(name fyne.ThemeColorName) *panel {
	p := &panel{name: name, rect: canvas.NewRectangle(color.Transparent)}
	p.ExtendBaseWidget(p)
	return p
}

func (p *panel) CreateRenderer() fyne.WidgetRenderer {
	p.Refresh()
	return widget.NewSimpleRenderer(p.rect)
}

func (p *panel) Refresh() {
	p.rect.FillColor = p.Theme().Color(p.name, fyne.CurrentApp().Settings().ThemeVariant())
	p.rect.Refresh()
}
