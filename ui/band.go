package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
	"switchboard/workspace"
)

// band is the strip across the top in the client's colour with the client's name: whatever
// pane is shown, it says whose workspace a reply would go out from.
type band struct {
	rect    *canvas.Rectangle
	caption *canvas.Text
	name    *canvas.Text
	meta    *canvas.Text
	content fyne.CanvasObject
}

func newBand() *band {
	b := &band{
		rect:    canvas.NewRectangle(color.Transparent),
		caption: canvas.NewText("", color.White),
		name:    canvas.NewText("", color.White),
		meta:    canvas.NewText("", color.White),
	}
	b.caption.TextSize = theme.CaptionTextSize()
	b.name.TextSize = 24
	b.name.TextStyle.Bold = true
	b.meta.TextSize = theme.TextSize()
	pad := theme.Padding()
	text := container.NewVBox(b.caption, b.name)
	row := container.NewHBox(text, layout.NewSpacer(), container.NewCenter(b.meta))
	b.content = container.NewStack(b.rect, container.New(layout.NewCustomPaddedLayout(pad*2, pad*2, pad*4, pad*4), row))
	return b
}

// set shows info; a zero Info shows a neutral band that names no client.
func (b *band) set(info workspace.Info) {
	bg := fields.Brand(info.Color)
	fg := fields.OnColor(bg)
	b.rect.FillColor = bg
	b.name.Color, b.caption.Color, b.meta.Color = fg, fg, fg
	if info.ID == "" {
		b.caption.Text, b.name.Text, b.meta.Text = "", lang.L("No workspace open"), ""
	} else {
		b.caption.Text = lang.L("You are working for")
		b.name.Text = info.Name
		b.meta.Text = info.TimeZone
		if info.Archived {
			b.meta.Text = lang.L("Archived") + " · " + info.TimeZone
		}
	}
	b.rect.Refresh()
	for _, t := range []*canvas.Text{b.caption, b.name, b.meta} {
		t.Refresh()
	}
}
