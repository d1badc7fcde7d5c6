package inboxpane

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/inbox"
)

// viewItem is one entry of the views column: a query and how many conversations it has.
type viewItem struct {
	q     inbox.Query
	title string
	count int
	color string // a label's colour
	alarm bool   // a count that needs attention (overdue)
	// members is the "most active members" ranking, not a query of the list.
	members bool
}

// viewsColumn lists the views, statuses and labels with their counts; choosing one
// narrows the list. UI goroutine only.
type viewsColumn struct {
	items     []viewItem
	list      *widget.List
	content   fyne.CanvasObject
	chosen    func(q inbox.Query)
	members   func()
	membersOn bool // the ranking shows instead of the list
	setting   bool // a Select made by set, not by the user
}

func newViewsColumn(chosen func(inbox.Query), members func()) *viewsColumn {
	v := &viewsColumn{chosen: chosen, members: members}
	v.list = widget.NewList(func() int { return len(v.items) }, func() fyne.CanvasObject {
		count := widget.NewLabel("")
		title := widget.NewLabel("")
		title.Truncation = fyne.TextTruncateEllipsis // the count keeps its digits in the fixed-width column
		return container.NewBorder(nil, nil, container.NewCenter(fields.NewSwatch("", 10)), count, title)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		it := v.items[i]
		c.Objects[0].(*widget.Label).SetText(it.title)
		sw := c.Objects[1].(*fyne.Container).Objects[0].(*fields.Swatch)
		if it.color != "" {
			sw.SetColor(it.color)
			sw.Show()
		} else {
			sw.Hide()
		}
		n := c.Objects[2].(*widget.Label)
		n.SetText(strconv.Itoa(it.count))
		if it.members {
			n.SetText("")
		}
		switch { // a count to read stands out from the zeros, on the selection's colour too
		case it.alarm && it.count > 0:
			n.Importance = widget.DangerImportance
		case it.count > 0:
			n.Importance = widget.MediumImportance
		default:
			n.Importance = widget.LowImportance
		}
		n.Refresh()
		c.Refresh() // lay out again: the count's width follows its digits
	})
	v.list.OnSelected = func(i widget.ListItemID) {
		switch {
		case v.setting:
		case v.items[i].members:
			v.members()
		default:
			v.chosen(v.items[i].q)
		}
	}
	head := widget.NewLabelWithStyle(lang.L("Views"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewBorder(head, nil, nil, nil, container.New(&fixedWidth{w: 190}, v.list))
	return v
}

// set shows fresh counts and labels with the current query selected.
func (v *viewsColumn) set(c inbox.Counts, labels []inbox.Label, current inbox.Query) {
	v.items = []viewItem{
		{q: inbox.Query{View: inbox.ViewAll}, title: lang.L("All conversations"), count: c.All},
		{q: inbox.Query{View: inbox.ViewUnanswered}, title: lang.L("Unanswered"), count: c.Unanswered},
		{q: inbox.Query{View: inbox.ViewMine}, title: lang.L("Mine"), count: c.Mine},
		{q: inbox.Query{View: inbox.ViewUnassigned}, title: lang.L("Unassigned"), count: c.Unassigned},
		{q: inbox.Query{View: inbox.ViewOverdue}, title: lang.L("Overdue"), count: c.Overdue, alarm: true},
		{q: inbox.Query{View: inbox.ViewFollowUp}, title: lang.L("Follow-up due"), count: c.FollowUp, alarm: true},
		{title: lang.L("Most active members"), members: true},
	}
	for _, s := range inbox.Statuses {
		v.items = append(v.items, viewItem{q: inbox.Query{Status: s}, title: statusName(s), count: c.ByStatus[s]})
	}
	for _, l := range labels {
		v.items = append(v.items, viewItem{q: inbox.Query{LabelID: l.ID}, title: l.Name, count: c.ByLabel[l.ID], color: l.Color})
	}
	v.list.Refresh()
	v.selectCurrent(current)
}

// selectCurrent selects the entry the list shows (the ranking, or current's view, status or
// label) without acting on it.
func (v *viewsColumn) selectCurrent(current inbox.Query) {
	v.setting = true
	defer func() { v.setting = false }()
	current.Search = ""
	for i, it := range v.items {
		if it.members == v.membersOn && (v.membersOn || it.q == current) {
			v.list.Select(i)
			return
		}
	}
	v.list.UnselectAll()
}

// index is the position of q's entry, -1 if there is none.
func (v *viewsColumn) index(q inbox.Query) int {
	for i, it := range v.items {
		if it.q == q && !it.members {
			return i
		}
	}
	return -1
}
