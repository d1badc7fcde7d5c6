package inboxpane

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
)

// narrowWidth is the pane width under which the views column folds into a picker above
// the list: at 1024 points wide, beside the switcher, list, conversation and composer
// need the room.
const narrowWidth = 860

// bodyLayout puts the views column beside the list and conversation while the pane is
// wide enough, and folds it away (the picker above the list takes over) when it is not.
// It asks for no width of its own, so nothing in it can make the window grow.
type bodyLayout struct{ p *Pane }

func (l bodyLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (l bodyLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	views, rest := objs[0], objs[1]
	narrow := size.Width < narrowWidth
	l.p.setNarrow(narrow)
	x := float32(0)
	if !narrow && !l.p.detail.contactShown() {
		views.Show()
		w := views.MinSize().Width
		views.Move(fyne.NewPos(0, 0))
		views.Resize(fyne.NewSize(w, size.Height))
		x = w + theme.Padding()
	} else {
		views.Hide()
	}
	rest.Move(fyne.NewPos(x, 0))
	rest.Resize(fyne.NewSize(size.Width-x, size.Height))
}

// setNarrow shows the views picker above the list while the column is folded away.
func (p *Pane) setNarrow(on bool) {
	if p.narrow == on {
		return
	}
	p.narrow = on
	showIf(p.viewPick, on)
}

// viewPicker is the views column as one drop-down, for a narrow window.
func (p *Pane) newViewPicker() *widget.Select {
	s := widget.NewSelect(nil, nil)
	s.PlaceHolder = lang.L("Views")
	s.OnChanged = func(string) {
		if p.pickSetting {
			return
		}
		i := s.SelectedIndex()
		if i >= 0 && i < len(p.views.items) {
			p.views.list.Select(i) // the column's choice does the work
		}
	}
	return s
}

// fillViewPicker mirrors the views column's items and choice. UI goroutine.
func (p *Pane) fillViewPicker(current inbox.Query) {
	opts := make([]string, len(p.views.items))
	sel := -1
	q := current
	q.Search = ""
	for i, it := range p.views.items {
		opts[i] = it.title
		if !it.members {
			opts[i] += " (" + strconv.Itoa(it.count) + ")"
		}
		if (it.members && p.views.membersOn) || (!it.members && !p.views.membersOn && it.q == q) {
			sel = i
		}
	}
	p.pickSetting = true
	p.viewPick.Options = opts
	if sel >= 0 {
		p.viewPick.SetSelectedIndex(sel)
	}
	p.viewPick.Refresh()
	p.pickSetting = false
}

// capHeight asks for its content's height up to h; more scrolls inside.
type capHeight struct {
	h       float32
	content fyne.CanvasObject // what is measured (the scroll's content)
}

func newCapped(h float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(&capHeight{h: h, content: content}, container.NewVScroll(content))
}

func (c *capHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := c.content.MinSize()
	if !c.content.Visible() {
		return fyne.NewSize(0, 0)
	}
	return fyne.NewSize(0, min(m.Height, c.h))
}

func (c *capHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
