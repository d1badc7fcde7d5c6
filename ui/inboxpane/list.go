package inboxpane

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/inbox"
)

// convList is the conversation list with the Inbox's single-key shortcuts (j, k, r, e, …)
// on top of widget.List's own arrow keys.
type convList struct {
	widget.List
	onRune func(r rune) bool // true when the key was handled
	onKey   func(k *fyne.KeyEvent) bool
	onFocus func(on bool)
}

func newConvList(length func() int, update func(widget.ListItemID, fyne.CanvasObject)) *convList {
	l := &convList{}
	l.Length = length
	l.CreateItem = func() fyne.CanvasObject { return newRowView() }
	l.UpdateItem = update
	l.ExtendBaseWidget(l)
	return l
}

func (l *convList) TypedRune(r rune) {
	if l.onRune == nil || !l.onRune(r) {
		l.List.TypedRune(r)
	}
}

func (l *convList) TypedKey(k *fyne.KeyEvent) {
	if l.onKey == nil || !l.onKey(k) {
		l.List.TypedKey(k)
	}
}

// rowView draws one conversation: who and how long they have waited on the first line,
// the subject on the second, status, labels, snippet and time on the third.
type rowView struct {
	widget.BaseWidget
	contact, waited, subject, snippet, status, when *line
	unread                                          *canvas.Circle
	chips                                           *fyne.Container
	lines                                           []*fyne.Container // re-laid out when natural widths change
	content                                         fyne.CanvasObject
}

func newRowView() *rowView {
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)
	text, small := theme.TextSize(), theme.CaptionTextSize()
	v := &rowView{
		contact: newLine(text, true, fg), waited: newLine(small, true, fg),
		subject: newLine(text, false, fg), snippet: newLine(small, false, muted),
		status: newLine(small, true, muted), when: newLine(small, false, muted),
		unread: canvas.NewCircle(theme.Color(theme.ColorNamePrimary)),
		chips:  container.New(layout.NewCustomPaddedHBoxLayout(3)),
	}
	v.waited.natural, v.status.natural, v.when.natural = true, true, true
	dot := container.New(&dotLayout{}, v.unread)
	line1 := container.NewBorder(nil, nil, dot, v.waited, v.contact)
	line2 := container.NewBorder(nil, nil, spacer(14), nil, v.subject)
	left := container.New(layout.NewCustomPaddedHBoxLayout(6), spacer(8), v.status, v.chips)
	line3 := container.NewBorder(nil, nil, left, v.when, v.snippet)
	v.lines = []*fyne.Container{line1, left, line3}
	v.content = container.New(layout.NewCustomPaddedVBoxLayout(3), line1, line2, line3)
	v.ExtendBaseWidget(v)
	return v
}

func (v *rowView) CreateRenderer() fyne.WidgetRenderer {
	p := theme.Padding()
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedLayout(p, p, p, p*2), v.content))
}

// set fills the row with r; ok false shows a placeholder until its page arrives.
func (v *rowView) set(r inbox.Row, ok bool, now time.Time, target time.Duration) {
	if !ok {
		for _, l := range []*line{v.subject, v.snippet, v.status, v.when, v.waited} {
			l.set("", nil)
		}
		v.contact.set("…", nil)
		v.unread.Hide()
		v.chips.Objects = nil
		v.chips.Refresh()
		return
	}
	v.contact.set(contactLabel(r.ContactName, r.ContactEmail), nil)
	v.subject.text.TextStyle.Bold = r.Unread > 0
	v.subject.set(subjectOrNone(r.Subject), nil)
	v.snippet.set(oneLine(r.Snippet), nil)
	v.status.set(statusName(r.Status), statusColor(r.Status))
	when := shortTime(r.LastMessageAt, now)
	if r.Assignee != "" {
		when = r.Assignee + " · " + when
	}
	v.when.set(when, nil)
	if r.WaitingSince.IsZero() {
		v.waited.set("", nil)
	} else {
		w := now.Sub(r.WaitingSince)
		v.waited.set(waitedLabel(w), waitColor(w, target))
	}
	if r.Unread > 0 {
		v.unread.Show()
	} else {
		v.unread.Hide()
	}
	objs := v.chips.Objects[:0]
	for _, l := range r.Labels {
		objs = append(objs, newChip(l))
	}
	v.chips.Objects = objs
	v.chips.Refresh()
	for _, l := range v.lines {
		l.Refresh()
	}
}

// newChip draws a label as a pill in its colour.
func newChip(l inbox.Label) fyne.CanvasObject {
	c := fields.Brand(l.Color)
	bg := canvas.NewRectangle(c)
	bg.CornerRadius = 6
	t := canvas.NewText(l.Name, fields.OnColor(c))
	t.TextSize = theme.CaptionTextSize()
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(0, 0, 5, 5), t))
}

func spacer(w float32) fyne.CanvasObject {
	return container.New(&fixedWidth{w: w})
}

type fixedWidth struct{ w float32 }

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
	}
}

// dotLayout draws its object as an 8-point circle centred in a 14-point column.
type dotLayout struct{}

func (dotLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(14, 8) }

func (dotLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSquareSize(8))
		o.Move(fyne.NewPos(0, (size.Height-8)/2))
	}
}
