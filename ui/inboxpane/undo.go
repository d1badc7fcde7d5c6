package inboxpane

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoFor is how long the Undo bar stays after a triage action: long enough to see a
// wrong key, short enough not to cover the list for the next one.
const undoFor = 8 * time.Second

// undoBar offers to take back the last triage action (resolve, snooze, status, assign,
// label, a discarded draft). It floats over the bottom of the pane, so showing it moves
// nothing under the pointer. UI goroutine only.
type undoBar struct {
	p     *Pane
	text  *widget.Label
	btn   *widget.Button
	box   *fyne.Container
	layer *fyne.Container
	undo  func()
	gen   int
	after func(time.Duration, func()) // time.AfterFunc; tests replace it
}

func newUndoBar(p *Pane) *undoBar {
	u := &undoBar{p: p, after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	u.text = widget.NewLabel("")
	u.text.Truncation = fyne.TextTruncateEllipsis // the list may be narrow; the button stays whole
	u.btn = widget.NewButtonWithIcon(lang.L("Undo (z)"), theme.ContentUndoIcon(), u.run)
	u.btn.Importance = widget.HighImportance
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	bg.StrokeWidth = 1
	bg.CornerRadius = 6
	u.box = container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, nil, u.btn, u.text)))
	u.box.Hide()
	u.layer = container.New(&bottomCentre{}, u.box)
	return u
}

// offer shows text with an Undo button for undoFor; a newer offer replaces it.
func (u *undoBar) offer(text string, undo func()) {
	u.gen++
	gen := u.gen
	u.text.SetText(text)
	u.undo = undo
	u.box.Show()
	u.layer.Refresh()
	u.after(undoFor, func() {
		fyne.Do(func() {
			if u.gen == gen {
				u.hide()
			}
		})
	})
}

// run undoes the offered action once.
func (u *undoBar) run() {
	undo := u.undo
	u.hide()
	if undo != nil {
		undo()
	}
}

func (u *undoBar) hide() {
	u.gen++
	u.undo = nil
	u.box.Hide()
}

// Showing tells whether an Undo is on offer (tests).
func (u *undoBar) showing() bool { return u.box.Visible() && u.undo != nil }

// offerUndo is the pane's way to put an action on the Undo bar.
func (p *Pane) offerUndo(text string, undo func()) { p.undo.offer(text, undo) }

// bottomCentre places its object along the bottom edge, as wide as it is, at its natural
// height, and asks for no room itself.
type bottomCentre struct{}

func (bottomCentre) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (bottomCentre) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		m := o.MinSize()
		w := size.Width - 2*theme.Padding() // as wide as the list, the text cut to fit
		o.Resize(fyne.NewSize(w, m.Height))
		o.Move(fyne.NewPos(theme.Padding(), size.Height-m.Height-theme.Padding()*2))
	}
}
