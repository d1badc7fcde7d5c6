package inboxpane

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// line is one line of text cut with an ellipsis to its width. Lighter than a Label (no
// padding, no rich text), which is what lets a row hold three of them and stay compact.
type line struct {
	widget.BaseWidget
	text    *canvas.Text
	full    string
	natural bool // asks for the whole text's width (short texts beside a cut one)
}

func newLine(size float32, bold bool, c color.Color) *line {
	l := &line{text: canvas.NewText("", c)}
	l.text.TextSize = size
	l.text.TextStyle.Bold = bold
	l.ExtendBaseWidget(l)
	return l
}

// set changes the text and colour (nil keeps it) and redraws.
func (l *line) set(s string, c color.Color) {
	l.full = s
	if c != nil {
		l.text.Color = c
	}
	if l.natural {
		l.text.Text = s
		l.Refresh() // its min size changed
		return
	}
	l.fit(l.Size().Width)
	l.text.Refresh()
}

func (l *line) fit(w float32) {
	l.text.Text = l.full
	if w <= 0 || fyne.MeasureText(l.full, l.text.TextSize, l.text.TextStyle).Width <= w {
		return
	}
	r := []rune(l.full)
	lo, hi := 0, len(r) // the longest prefix that fits with "…"
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(r[:mid])+"…", l.text.TextSize, l.text.TextStyle).Width <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	l.text.Text = string(r[:lo]) + "…"
}

func (l *line) CreateRenderer() fyne.WidgetRenderer { return &lineRenderer{l: l} }

type lineRenderer struct{ l *line }

func (r *lineRenderer) Layout(s fyne.Size) {
	r.l.fit(s.Width)
	r.l.text.Resize(s)
}

func (r *lineRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Mg", r.l.text.TextSize, r.l.text.TextStyle).Height
	if r.l.natural {
		return fyne.NewSize(fyne.MeasureText(r.l.full, r.l.text.TextSize, r.l.text.TextStyle).Width, h)
	}
	return fyne.NewSize(0, h)
}

func (r *lineRenderer) Refresh()                     { r.l.text.Refresh() }
func (r *lineRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.text} }
func (r *lineRenderer) Destroy()                     {}

// linkLine is a line that acts when tapped: a conversation listed in the contact panel.
type linkLine struct {
	line
	tapped func()
}

func newLinkLine(s string, tapped func()) *linkLine {
	l := &linkLine{tapped: tapped}
	l.text = canvas.NewText(s, theme.Color(theme.ColorNameHyperlink))
	l.text.TextSize = theme.TextSize()
	l.full = s
	l.ExtendBaseWidget(l)
	return l
}

func (l *linkLine) Tapped(*fyne.PointEvent) { l.tapped() }

func (l *linkLine) Cursor() desktop.Cursor { return desktop.PointerCursor }
