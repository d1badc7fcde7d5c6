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

	crisisRect *canvas.Rectangle // the incident or early-warning strip, hidden when neither
	crisisText *canvas.Text
	crisis     *fyne.Container
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
	brand := container.NewStack(b.rect, container.New(layout.NewCustomPaddedLayout(pad*2, pad*2, pad*4, pad*4), row))
	b.crisisRect = canvas.NewRectangle(incidentRed)
	b.crisisText = canvas.NewText("", color.White)
	b.crisisText.TextStyle.Bold = true
	b.crisis = container.New(narrowStack{}, b.crisisRect, container.New(layout.NewCustomPaddedLayout(pad, pad, pad*4, pad*4), b.crisisText))
	b.crisis.Hide()
	b.content = container.NewVBox(brand, b.crisis)
	return b
}

// narrowStack stacks like container.NewStack but asks for no width: a long playbook name
// in the strip is cut at the window's edge instead of widening the window.
type narrowStack struct{}

func (narrowStack) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (narrowStack) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

// Crisis strip colours: white on them is above 4.5:1 (see band_test.go).
var (
	incidentRed = color.NRGBA{R: 0xB0, G: 0x1E, B: 0x1E, A: 0xFF}
	warningTone = color.NRGBA{R: 0x8A, G: 0x4B, B: 0x00, A: 0xFF}
)

// setCrisis shows the open incident across every pane, else an early warning; neither
// hides the strip.
func (b *band) setCrisis(incident, warning string) {
	switch {
	case incident != "":
		b.crisisRect.FillColor, b.crisisText.Text = incidentRed, "⚠ "+incident
	case warning != "":
		b.crisisRect.FillColor, b.crisisText.Text = warningTone, "⚠ "+warning
	default:
		b.crisis.Hide()
		return
	}
	b.crisisRect.Refresh()
	b.crisisText.Refresh()
	b.crisis.Show()
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
