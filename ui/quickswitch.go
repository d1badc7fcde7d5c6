package ui

import (
	"image/color"

	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace"
)

// quickSwitcher is Ctrl+K: type part of a client's name, Enter opens the highlighted match.
type quickSwitcher struct {
	s       *Shell
	entry   *keyEntry
	list    *widget.List
	matches []workspace.Info
	pick    int
	popup   *widget.PopUp
}

func newQuickSwitcher(s *Shell) *quickSwitcher {
	q := &quickSwitcher{s: s, entry: newKeyEntry()}
	q.entry.SetPlaceHolder(lang.L("Type a client's name"))
	q.entry.OnChanged = func(string) { q.filter() }
	q.entry.OnSubmitted = func(string) { q.openPick() }
	q.entry.onKey = q.key
	q.list = widget.NewList(
		func() int { return len(q.matches) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.NewCenter(fields.NewSwatch("", 14)), nil, widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(q.matches[id].Name)
			row.Objects[1].(*fyne.Container).Objects[0].(*fields.Swatch).SetColor(q.matches[id].Color)
		},
	)
	q.list.OnSelected = func(id widget.ListItemID) { q.pick = id }
	size := canvas.NewRectangle(color.Transparent)
	size.SetMinSize(fyne.NewSize(440, 300))
	title := widget.NewLabelWithStyle(lang.L("Switch workspace"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(lang.L("Enter opens · ↑↓ choose · Esc closes"))
	hint.Importance = widget.LowImportance
	body := container.NewBorder(container.NewVBox(title, q.entry), hint, nil, nil, q.list)
	q.popup = widget.NewModalPopUp(container.NewStack(size, body), s.win.Canvas())
	return q
}

// showQuickSwitcher opens Ctrl+K's popup with every workspace listed. UI goroutine.
func (s *Shell) showQuickSwitcher() {
	q := s.quick
	q.entry.SetText("")
	q.filter()
	q.popup.Show()
	s.win.Canvas().Focus(q.entry)
}

// filter keeps the workspaces whose name contains the typed text; names that start with
// it come first.
func (q *quickSwitcher) filter() {
	typed := strings.ToLower(strings.TrimSpace(q.entry.Text))
	var first, rest []workspace.Info
	for _, info := range q.s.list {
		name := strings.ToLower(info.Name)
		switch {
		case strings.HasPrefix(name, typed):
			first = append(first, info)
		case strings.Contains(name, typed):
			rest = append(rest, info)
		}
	}
	q.matches = append(first, rest...)
	q.list.Refresh()
	q.choose(0)
}

func (q *quickSwitcher) choose(i int) {
	if len(q.matches) == 0 {
		q.list.UnselectAll()
		q.pick = -1
		return
	}
	i = max(0, min(i, len(q.matches)-1))
	q.list.Select(i)
	q.list.ScrollTo(i)
}

func (q *quickSwitcher) key(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		q.choose(q.pick + 1)
	case fyne.KeyUp:
		q.choose(q.pick - 1)
	case fyne.KeyEscape:
		q.popup.Hide()
	default:
		return false
	}
	return true
}

func (q *quickSwitcher) openPick() {
	if q.pick < 0 || q.pick >= len(q.matches) {
		return
	}
	q.popup.Hide()
	q.s.choose(q.matches[q.pick])
}

// keyEntry is an Entry that lets its owner handle some keys first.
type keyEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey == nil || !e.onKey(k) {
		e.Entry.TypedKey(k)
	}
}
