package ui

import (
	"image/color"

	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace"
)

// switcher is the list of workspaces on the left: colour, name, unread count and the
// Ctrl+n that opens it.
type switcher struct {
	s        *Shell
	list     *widget.List
	items    []workspace.Info
	unread   map[string]int
	failing  map[string]bool // workspaces whose mail sync fails: a warning beside the name
	current  string          // the open workspace's folder
	syncing  bool            // set while the list's selection follows the shell, not the user
	problems *widget.Button
	content  fyne.CanvasObject
}

func newSwitcher(s *Shell) *switcher {
	sw := &switcher{s: s}
	sw.list = widget.NewList(
		func() int { return len(sw.items) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			badge := widget.NewLabel("")
			badge.Importance = widget.HighImportance
			badge.TextStyle.Bold = true
			hint := canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
			hint.TextSize = theme.CaptionTextSize()
			gap := canvas.NewRectangle(color.Transparent) // keeps the hint off the list's edge
			gap.SetMinSize(fyne.NewSize(theme.Padding(), 0))
			trouble := widget.NewIcon(theme.WarningIcon())
			trouble.Hide()
			return container.NewBorder(nil, nil, container.NewCenter(fields.NewSwatch("", 14)),
				container.NewHBox(badge, container.NewCenter(hint), gap, trouble), name)
		},
		sw.updateRow,
	)
	sw.list.OnSelected = func(id widget.ListItemID) {
		if sw.syncing || id >= len(sw.items) || sw.items[id].Dir == sw.current {
			return
		}
		if s.copyOf(sw.items[id]) != nil {
			sw.selectCurrent() // a copy is explained, not opened: the selection stays put
		}
		s.choose(sw.items[id])
	}
	sw.problems = widget.NewButtonWithIcon("", theme.WarningIcon(), nil)
	sw.problems.Importance = widget.WarningImportance
	sw.problems.Hide()
	head := widget.NewLabelWithStyle(lang.L("Workspaces"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	buttons := container.NewVBox(
		sw.problems,
		widget.NewButtonWithIcon(lang.L("New workspace…"), theme.ContentAddIcon(), s.showCreate),
		widget.NewButtonWithIcon(lang.L("Open the demo workspace"), theme.ComputerIcon(), s.openDemo),
		widget.NewButtonWithIcon(lang.L("Switch… (Ctrl+K)"), theme.SearchIcon(), s.showQuickSwitcher),
	)
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(250, 0))
	body := container.NewBorder(head, buttons, nil, nil, sw.list)
	// A plain separator rather than a tinted background: the buttons keep their contrast in
	// both the light and the dark theme.
	sw.content = container.NewBorder(nil, nil, nil, widget.NewSeparator(), container.NewStack(width, container.NewPadded(body)))
	return sw
}

func (sw *switcher) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(sw.items) {
		return
	}
	info := sw.items[id]
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	swatch := row.Objects[1].(*fyne.Container).Objects[0].(*fields.Swatch)
	right := row.Objects[2].(*fyne.Container)
	badge := right.Objects[0].(*widget.Label)
	hint := right.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	if trouble := right.Objects[3]; sw.failing[info.ID] {
		trouble.Show()
	} else {
		trouble.Hide()
	}

	name.SetText(sw.s.rowName(info, true))
	name.TextStyle.Bold = info.Dir == sw.current
	name.Refresh()
	swatch.SetColor(info.Color)
	if n := sw.unread[info.ID]; n > 0 && sw.s.copyOf(info) == nil { // a copy's id counts the original's mail
		badge.SetText(strconv.Itoa(n))
		badge.Show()
	} else {
		badge.Hide()
	}
	hint.Text = ""
	if id < 9 {
		hint.Text = lang.L("Ctrl+{{.N}}", map[string]any{"N": id + 1})
	}
	if sw.s.copyOf(info) != nil {
		hint.Text = shortFolder(info.Dir) // the copy's name is its original's: the folder tells them apart
	}
	hint.Color = theme.Color(theme.ColorNamePlaceHolder)
	hint.Refresh()
}

// set shows the list with current selected. UI goroutine.
func (sw *switcher) set(items []workspace.Info, unread map[string]int, current string, problems []workspace.Problem) {
	sw.items, sw.unread, sw.current = items, unread, current
	sw.selectCurrent()
	sw.list.Refresh()
	if len(problems) == 0 {
		sw.problems.Hide()
		return
	}
	text := lang.L("{{.Count}} workspace(s) could not be read", map[string]any{"Count": len(problems)})
	if copies := len(copiesIn(problems)); copies == len(problems) {
		text = lang.L("Backup copies: {{.Count}}", map[string]any{"Count": copies})
	}
	sw.problems.SetText(text)
	sw.problems.OnTapped = func() { showProblems(sw.s.win, problems) }
	sw.problems.Show()
}

// selectCurrent selects the open workspace's row, and no other. UI goroutine.
func (sw *switcher) selectCurrent() {
	sw.syncing = true
	defer func() { sw.syncing = false }()
	sw.list.UnselectAll()
	for i, it := range sw.items {
		if it.Dir == sw.current {
			sw.list.Select(i)
		}
	}
}
