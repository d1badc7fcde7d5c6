package inboxpane

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/outbox"
)

// convList is the conversation list with the Inbox's single-key shortcuts (j, k, r, e, …)
// on top of widget.List's own arrow keys.
type convList struct {
	widget.List
	onRune  func(r rune) bool // true when the key was handled
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
// the subject on the second, status, markers (draft, outbox), labels, snippet and time on
// the third. Nothing is drawn over anything: what does not fit on the third line is left
// out, the snippet first, then labels.
type rowView struct {
	widget.BaseWidget
	contact, waited, subject, snippet, status, when, mark *line
	unread                                                *canvas.Circle
	line3                                                 *fyne.Container
	lines                                                 []*fyne.Container // re-laid out when natural widths change
	content                                               fyne.CanvasObject
}

// rowMarks are what the row shows besides the conversation's own state.
type rowMarks struct {
	wait   time.Duration // the customer's wait, in business hours when they are set
	draft  bool
	outbox *outbox.Item
	loc    *time.Location
}

func newRowView() *rowView {
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)
	text, small := theme.TextSize(), theme.CaptionTextSize()
	v := &rowView{
		contact: newLine(text, true, fg), waited: newLine(small, true, fg),
		subject: newLine(text, false, fg), snippet: newLine(small, false, muted),
		status: newLine(small, true, muted), when: newLine(small, false, muted),
		mark:   newLine(small, true, theme.Color(theme.ColorNameWarning)),
		unread: canvas.NewCircle(theme.Color(theme.ColorNamePrimary)),
	}
	v.waited.natural, v.status.natural, v.when.natural, v.mark.natural = true, true, true, true
	dot := container.New(&dotLayout{}, v.unread)
	line1 := container.NewBorder(nil, nil, dot, v.waited, v.contact)
	line2 := container.NewBorder(nil, nil, spacer(14), nil, v.subject)
	v.line3 = container.New(&rowLineLayout{gap: 6}, spacer(8), v.status, v.mark, v.snippet, v.when)
	v.lines = []*fyne.Container{line1, v.line3}
	v.content = container.New(layout.NewCustomPaddedVBoxLayout(3), line1, line2, v.line3)
	v.ExtendBaseWidget(v)
	return v
}

func (v *rowView) CreateRenderer() fyne.WidgetRenderer {
	p := theme.Padding()
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedLayout(p, p, p, p*2), v.content))
}

// set fills the row with r; ok false shows a placeholder until its page arrives.
func (v *rowView) set(r inbox.Row, ok bool, now time.Time, target time.Duration, m rowMarks) {
	if !ok {
		for _, l := range []*line{v.subject, v.snippet, v.status, v.when, v.waited, v.mark} {
			l.set("", nil)
		}
		v.contact.set("…", nil)
		v.unread.Hide()
		v.setChips(nil)
		return
	}
	v.contact.set(contactLabel(r.ContactName, r.ContactEmail), nil)
	v.subject.text.TextStyle.Bold = r.Unread > 0
	v.subject.set(subjectOrNone(r.Subject), nil)
	v.snippet.set(oneLine(r.Snippet), nil)
	v.status.set(statusName(r.Status), statusColor(r.Status))
	when := shortTime(r.LastMessageAt, now.In(m.loc))
	if r.Assignee != "" {
		when = r.Assignee + " · " + when
	}
	v.when.set(when, nil)
	// A resolved, spam or abuse conversation waits for nobody: no timer.
	if r.WaitingSince.IsZero() || r.Status == inbox.Resolved || r.Status == inbox.Spam || r.Status == inbox.Abuse {
		v.waited.set("", nil)
	} else {
		w := m.wait
		label := waitedLabel(w)
		if w < time.Minute && now.Sub(r.WaitingSince) >= time.Minute {
			label = lang.L("{{.M}}m", map[string]any{"M": 0}) // waiting, but only while closed: not "just now"
		}
		v.waited.set(label, waitColor(w, target))
	}
	switch {
	case m.outbox != nil && (m.outbox.State == outbox.Failed || m.outbox.State == outbox.Uncertain):
		v.mark.set(outboxShort(*m.outbox, m.loc), theme.Color(theme.ColorNameError))
	case m.draft:
		v.mark.set(lang.L("Draft"), theme.Color(theme.ColorNameWarning))
	case m.outbox != nil:
		v.mark.set(outboxShort(*m.outbox, m.loc), theme.Color(theme.ColorNameWarning))
	default:
		v.mark.set("", nil)
	}
	if r.Unread > 0 {
		v.unread.Show()
	} else {
		v.unread.Hide()
	}
	v.setChips(r.Labels)
	for _, l := range v.lines {
		l.Refresh()
	}
}

// setChips puts the label chips between the markers and the snippet.
func (v *rowView) setChips(labels []inbox.Label) {
	objs := v.line3.Objects[:3:3] // spacer, status, mark
	for _, l := range labels {
		objs = append(objs, newChip(l))
	}
	v.line3.Objects = append(objs, v.snippet, v.when)
	v.line3.Refresh()
}

// rowLineLayout lays out a row's third line: the last object (the time) at the right at
// its natural width; the others from the left at theirs, as long as they fit before it;
// the one before the time (the snippet) takes what is left. What does not fit is hidden,
// never drawn over its neighbour.
type rowLineLayout struct{ gap float32 }

func (l *rowLineLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	w := float32(0)
	if n := len(objs); n > 0 {
		w = objs[n-1].MinSize().Width
	}
	return fyne.NewSize(w, h)
}

func (l *rowLineLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := len(objs)
	if n < 2 {
		return
	}
	last, fill := objs[n-1], objs[n-2]
	lw := last.MinSize().Width
	last.Resize(fyne.NewSize(lw, size.Height))
	last.Move(fyne.NewPos(size.Width-lw, 0))
	avail := size.Width - lw - l.gap
	x := float32(0)
	for _, o := range objs[:n-2] {
		w := o.MinSize().Width
		if w == 0 {
			o.Resize(fyne.NewSize(0, size.Height))
			continue
		}
		if x+w > avail {
			o.Hide()
			continue
		}
		o.Show()
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + l.gap
	}
	if avail-x < 24 {
		fill.Hide()
		return
	}
	fill.Show()
	fill.Resize(fyne.NewSize(avail-x, size.Height))
	fill.Move(fyne.NewPos(x, 0))
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
