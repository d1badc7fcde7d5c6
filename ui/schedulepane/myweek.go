package schedulepane

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace/schedule"
)

// myWeekView shows every client's week side by side, one column per workspace under a
// band in its brand colour, each in its own time zone.
type myWeekView struct {
	p       *Pane
	title   *widget.Label
	cols    *fyne.Container
	content fyne.CanvasObject
}

// columnWidth keeps a client's column readable; more clients scroll sideways.
const columnWidth = 330

// fixedWidth lays one object out exactly this wide, as tall as it needs.
type fixedWidth float32

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(float32(w), size.Height))
	}
}

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

// compactRow is an entry in a narrow column: the colour says the kind, the title the rest.
func compactRow(e schedule.Entry, loc *time.Location, title string) fyne.CanvasObject {
	mark := canvas.NewRectangle(kindColor(e.Kind))
	mark.SetMinSize(fyne.NewSize(4, 20))
	when := widget.NewLabel(timeText(e, loc))
	t := widget.NewLabel(title)
	t.Truncation = fyne.TextTruncateEllipsis
	var state fyne.CanvasObject = layout.NewSpacer()
	if e.State != "" {
		l := widget.NewLabel(stateText(e.State))
		l.TextStyle.Italic = true
		state = l
	}
	return container.NewBorder(nil, nil, container.NewHBox(mark, when), state, t)
}

func newMyWeekView(p *Pane) *myWeekView {
	v := &myWeekView{p: p}
	v.title = widget.NewLabel("")
	v.title.TextStyle.Bold = true
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis
	note := widget.NewLabel(lang.L("Every client's shifts, holidays, posts and scheduled work, read without opening their mail."))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.move(-7) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.move(7) })
	today := widget.NewButton(lang.L("Today"), func() { p.move(0) })
	v.cols = container.NewHBox()
	head := container.NewBorder(nil, nil, container.NewHBox(prev, today, next), nil, v.title)
	v.content = container.NewBorder(container.NewVBox(head, note), nil, nil, nil, container.NewScroll(v.cols))
	return v
}

func (v *myWeekView) show(weeks []schedule.ClientWeek, monday time.Time, current string) {
	v.title.SetText(fmt.Sprintf(lang.L("Week of %s"), monday.Format("Mon 2 Jan 2006")))
	var cols []fyne.CanvasObject
	for _, cw := range weeks {
		cols = append(cols, &fyne.Container{Layout: fixedWidth(columnWidth), Objects: []fyne.CanvasObject{v.column(cw, cw.Workspace.ID == current)}})
	}
	if len(cols) == 0 {
		cols = append(cols, widget.NewLabel(lang.L("No workspaces yet.")))
	}
	v.cols.Objects = cols
	v.cols.Refresh()
}

func (v *myWeekView) column(cw schedule.ClientWeek, current bool) fyne.CanvasObject {
	brand := fields.Brand(cw.Workspace.Color)
	band := canvas.NewRectangle(brand)
	name := canvas.NewText(cw.Workspace.Name, fields.OnColor(brand))
	name.TextStyle.Bold = true
	loc := cw.Workspace.Location()
	abbr, _ := v.p.now().In(loc).Zone()
	zone := canvas.NewText(loc.String()+" ("+abbr+")", fields.OnColor(brand))
	zone.TextSize = theme.CaptionTextSize()
	header := container.NewStack(band, container.NewPadded(container.NewVBox(name, zone)))
	body := container.NewVBox()
	if cw.Err != "" {
		l := widget.NewLabel(lang.L("Could not be read:") + " " + cw.Err)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		body.Add(l)
	}
	day := ""
	for _, e := range cw.Entries {
		d := e.Start.In(loc).Format("Mon 2 Jan")
		if d != day {
			day = d
			h := widget.NewLabel(d)
			h.TextStyle.Bold = true
			body.Add(h)
		}
		title := e.Title
		if title == "" {
			title = kindText(e.Kind) // scheduled work of another client: no customer's words
		}
		body.Add(compactRow(e, loc, title))
	}
	if len(cw.Entries) == 0 && cw.Err == "" {
		none := widget.NewLabel(lang.L("Nothing planned"))
		none.Importance = widget.LowImportance
		body.Add(none)
	}
	edge := canvas.NewRectangle(brand)
	edge.SetMinSize(fyne.NewSize(3, 0))
	if current {
		edge.SetMinSize(fyne.NewSize(6, 0))
	}
	return container.NewBorder(header, nil, edge, nil, body)
}
