package inboxpane

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/inbox"
)

// viewItem is one entry of the views column.
type viewItem struct {
	key   string
	title string
	count int
}

// viewsColumn lists the views with their counts; choosing one narrows the list.
type viewsColumn struct {
	items   []viewItem
	current string
	list    *widget.List
	content fyne.CanvasObject
	chosen  func(key string)
}

func newViewsColumn(chosen func(string)) *viewsColumn {
	v := &viewsColumn{chosen: chosen, current: inbox.ListAll}
	v.items = v.build(nil)
	v.list = widget.NewList(func() int { return len(v.items) }, func() fyne.CanvasObject {
		count := widget.NewLabel("")
		count.Importance = widget.LowImportance
		return container.NewBorder(nil, nil, nil, count, widget.NewLabel(""))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		it := v.items[i]
		c.Objects[0].(*widget.Label).SetText(it.title)
		n := c.Objects[1].(*widget.Label)
		n.SetText(strconv.Itoa(it.count))
		n.Importance = widget.LowImportance
		if it.key == inbox.ListOverdue && it.count > 0 {
			n.Importance = widget.DangerImportance
		}
		n.Refresh()
	})
	v.list.OnSelected = func(i widget.ListItemID) {
		if key := v.items[i].key; key != v.current {
			v.current = key
			v.chosen(key)
		}
	}
	head := widget.NewLabelWithStyle(lang.L("Views"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewBorder(head, nil, nil, nil, container.New(&fixedWidth{w: 200}, v.list))
	return v
}

// build lists the views: the working views first, then one per status.
func (v *viewsColumn) build(counts map[string]int) []viewItem {
	items := []viewItem{
		{key: inbox.ListAll, title: lang.L("All conversations")},
		{key: inbox.ListUnanswered, title: lang.L("Unanswered")},
		{key: inbox.ListOverdue, title: lang.L("Overdue")},
	}
	for _, s := range statuses {
		items = append(items, viewItem{key: "status:" + s, title: statusName(s)})
	}
	for i := range items {
		items[i].count = counts[items[i].key]
	}
	return items
}

// set shows fresh counts with current selected.
func (v *viewsColumn) set(counts map[string]int, current string) {
	v.items = v.build(counts)
	v.current = current
	v.list.Refresh()
	for i, it := range v.items {
		if it.key == current {
			v.list.Select(i)
		}
	}
}

// index is the position of key in the column, for tests and keyboard.
func (v *viewsColumn) index(key string) int {
	for i, it := range v.items {
		if it.key == key {
			return i
		}
	}
	return -1
}

