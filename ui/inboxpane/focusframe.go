package inboxpane

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// focusable is a widget that reports when it gains and loses the keyboard.
type focusable interface {
	fyne.CanvasObject
	setFocusHook(func(on bool))
}

// focusFrame draws a 2-point line in the brand's colour around a list while it has the
// keyboard, so a keyboard user sees where j, k and Enter go. The line is drawn over the
// list's edge and takes no room: gaining focus never moves a row.
type focusFrame struct {
	line    *canvas.Rectangle
	content fyne.CanvasObject
}

func newFocusFrame(obj focusable) *focusFrame {
	f := &focusFrame{line: canvas.NewRectangle(nil)}
	f.line.StrokeWidth = 2
	f.line.StrokeColor = theme.Color(theme.ColorNamePrimary)
	f.line.CornerRadius = theme.InputRadiusSize()
	f.line.Hide()
	f.content = container.NewStack(obj, f.line)
	obj.setFocusHook(func(on bool) {
		f.line.StrokeColor = theme.Color(theme.ColorNamePrimary)
		showIf(f.line, on)
	})
	return f
}

// Shown tells whether the focus line is drawn (tests).
func (f *focusFrame) Shown() bool { return f.line.Visible() }

func (l *convList) setFocusHook(h func(bool)) { l.onFocus = h }

func (l *convList) FocusGained() {
	l.List.FocusGained()
	if l.onFocus != nil {
		l.onFocus(true)
	}
}

func (l *convList) FocusLost() {
	l.List.FocusLost()
	if l.onFocus != nil {
		l.onFocus(false)
	}
}
