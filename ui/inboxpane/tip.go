package inboxpane

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipButton is a button that says what it does, and its key, while the pointer rests on
// it: Fyne has no tooltips, and a toolbar of one-letter buttons means nothing without one.
type tipButton struct {
	widget.Button
	Tip  string
	tips *tipLayer
}

func newTipButton(tips *tipLayer, label string, icon fyne.Resource, tip string, tapped func()) *tipButton {
	b := &tipButton{Tip: tip, tips: tips}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.tips != nil {
		b.tips.show(b, b.Tip)
	}
}

func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.tips != nil {
		b.tips.hide()
	}
}

func (b *tipButton) Tapped(e *fyne.PointEvent) {
	if b.tips != nil {
		b.tips.hide()
	}
	b.Button.Tapped(e)
}

// tipLayer draws a tip over the pane. Plain canvas objects take no pointer events, so the
// tip never steals the hover that shows it; its layout asks for no space, so it never
// moves or grows anything.
type tipLayer struct {
	box  *fyne.Container // added over the pane
	in   *fyne.Container // the tip, placed by hand
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTipLayer() *tipLayer {
	t := &tipLayer{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor = theme.Color(theme.ColorNameForeground)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = 4
	t.text.TextSize = theme.CaptionTextSize()
	t.in = container.NewWithoutLayout(t.bg, t.text)
	t.in.Hide()
	t.box = container.New(noMin{}, t.in)
	return t
}

// show puts text under anchor (above it near the bottom edge), inside the layer.
func (t *tipLayer) show(anchor fyne.CanvasObject, text string) {
	d := fyne.CurrentApp().Driver()
	if text == "" {
		return
	}
	origin := d.AbsolutePositionForObject(t.box)
	at := d.AbsolutePositionForObject(anchor).Subtract(origin)
	t.text.Text = text
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	ts := t.text.MinSize()
	pad := float32(6)
	w, h := ts.Width+2*pad, ts.Height+2*pad
	area := t.box.Size()
	x := min(at.X, area.Width-w-2)
	y := at.Y + anchor.Size().Height + 2
	if y+h > area.Height {
		y = at.Y - h - 2
	}
	t.bg.Move(fyne.NewPos(max(x, 0), y))
	t.bg.Resize(fyne.NewSize(w, h))
	t.text.Move(fyne.NewPos(max(x, 0)+pad, y+pad))
	t.text.Resize(ts)
	t.in.Show()
	t.in.Refresh()
}

func (t *tipLayer) hide() { t.in.Hide() }

// noMin asks for no space and gives its objects all it has: what is inside may be as
// wide as it likes without pushing a divider or the window's edge.
type noMin struct{}

func (noMin) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (noMin) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
