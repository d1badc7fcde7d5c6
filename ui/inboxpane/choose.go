package inboxpane

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// choiceList is a list worked by the keyboard as much as by the mouse: Up and Down move,
// Enter or a choice's digit picks, Escape cancels. A click picks at once.
type choiceList struct {
	widget.List
	labels []string
	cursor int
	moving bool
	pick   func(i int)
	cancel func()
	onUp   func() bool // at the top, Up may leave the list (to a search box above it)
	// TypedRuneHook handles letters first (the outbox's t, n, c…); true when it did.
	TypedRuneHook func(r rune) bool
}

func newChoiceList(labels []string, pick func(i int), cancel func()) *choiceList {
	l := &choiceList{labels: labels, pick: pick, cancel: cancel}
	l.Length = func() int { return len(l.labels) }
	l.CreateItem = func() fyne.CanvasObject {
		t := widget.NewLabel("")
		t.Truncation = fyne.TextTruncateEllipsis
		return t
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		text := l.labels[i]
		if i < 9 {
			text = strconv.Itoa(i+1) + "  " + text
		}
		o.(*widget.Label).SetText(text)
	}
	l.OnSelected = func(i widget.ListItemID) {
		l.cursor = i
		if !l.moving {
			l.pick(i)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// setLabels replaces the choices (a search narrowed them) and puts the cursor on the first.
func (l *choiceList) setLabels(labels []string) {
	l.labels = labels
	l.cursor = 0
	l.moving = true
	l.UnselectAll()
	if len(labels) > 0 {
		l.Select(0)
	}
	l.moving = false
	l.Refresh()
}

func (l *choiceList) move(by int) {
	if len(l.labels) == 0 {
		return
	}
	l.moving = true
	l.Select(min(max(l.cursor+by, 0), len(l.labels)-1))
	l.moving = false
}

func (l *choiceList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		l.move(1)
	case fyne.KeyUp:
		if l.cursor == 0 && l.onUp != nil && l.onUp() {
			return
		}
		l.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if l.cursor >= 0 && l.cursor < len(l.labels) && l.pick != nil {
			l.pick(l.cursor)
		}
	case fyne.KeyEscape:
		l.cancel()
	default:
		l.List.TypedKey(k)
	}
}

func (l *choiceList) TypedRune(r rune) {
	if l.TypedRuneHook != nil && l.TypedRuneHook(r) {
		return
	}
	if r >= '1' && r <= '9' && int(r-'1') < len(l.labels) {
		l.pick(int(r - '1'))
	}
}

// choose shows a dialog of choices with the keyboard in its list; extra (a field for a
// time of one's own, say) goes under it. pick runs after the dialog closed; either way the
// focus returns to the conversation list.
func (p *Pane) choose(title, note string, labels []string, extra fyne.CanvasObject, pick func(i int)) dialog.Dialog {
	var d dialog.Dialog
	list := newChoiceList(labels, func(i int) { d.Hide(); pick(i) }, func() { d.Hide() })
	list.moving = true
	list.Select(0)
	list.moving = false
	var top fyne.CanvasObject
	if note != "" {
		l := widget.NewLabel(note)
		l.Wrapping = fyne.TextWrapWord
		top = l
	}
	var bottom fyne.CanvasObject
	if extra != nil {
		bottom = extra
	}
	rows := min(len(labels), 8)
	body := container.NewBorder(top, bottom, nil, nil, container.New(&minHeight{h: float32(rows) * 44}, list))
	d = dialog.NewCustom(title, lang.L("Cancel"), body, p.env.Window)
	d.SetOnClosed(p.focusList)
	d.Resize(fyne.NewSize(440, 0))
	d.Show()
	p.focus(list)
	return d
}

// minHeight asks for at least h points of height: a list inside a dialog otherwise
// shrinks to one row.
type minHeight struct{ h float32 }

func (m *minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, m.h)
	for _, o := range objs {
		s.Width = max(s.Width, o.MinSize().Width)
	}
	return s
}

func (m *minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
