package schedulepane

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/cmdline"
	"switchboard/workspace/schedule"
)

// agendaData is one day's or week's agenda of the open workspace.
type agendaData struct {
	from, to time.Time
	loc      *time.Location
	entries  []schedule.Entry
	hours    string // the day's business hours, or why it is closed (day view)
}

func readAgenda(ctx context.Context, s *schedule.Store, from, to time.Time) (agendaData, error) {
	entries, err := s.Agenda(ctx, from, to)
	if err != nil {
		return agendaData{}, err
	}
	d := agendaData{from: from, to: to, loc: s.Loc(), entries: entries}
	cv, err := s.Coverage(ctx)
	if err != nil || !cv.Defined() {
		return d, err
	}
	day := from.Add(12 * time.Hour)
	if name, closed := cv.Holiday(day); closed {
		d.hours = lang.L("Closed all day:") + " " + name
		return d, nil
	}
	var spans []string
	for _, iv := range cv.Hours[day.In(s.Loc()).Weekday()] {
		spans = append(spans, iv.String())
	}
	if len(spans) == 0 {
		d.hours = lang.L("Closed all day")
	} else {
		d.hours = lang.L("Open") + " " + strings.Join(spans, ", ")
	}
	return d, nil
}

// agendaView is the Day or the Week tab.
type agendaView struct {
	p       *Pane
	week    bool
	title   *widget.Label
	zone    *widget.Label
	hours   *widget.Label
	head    *fyne.Container
	held    *fyne.Container
	list    *fyne.Container
	content fyne.CanvasObject
}

func newAgendaView(p *Pane, week bool) *agendaView {
	v := &agendaView{p: p, week: week}
	v.title = widget.NewLabel("")
	v.title.TextStyle.Bold = true
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis // the window must not grow for a long date
	v.zone = widget.NewLabel("")
	step := 1
	if week {
		step = 7
	}
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.move(-step) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.move(step) })
	today := widget.NewButton(lang.L("Today"), func() { p.move(0) })
	plan := widget.NewButtonWithIcon(lang.L("Plan a post…"), theme.ContentAddIcon(), p.askPost)
	nav := container.NewHBox(prev, today, next, plan)
	v.hours = widget.NewLabel("")
	v.hours.Hide()
	v.held = container.NewVBox()
	v.list = container.NewVBox()
	v.head = container.NewBorder(nil, nil, nav, v.zone, v.title)
	v.content = container.NewBorder(container.NewVBox(v.head, v.hours, v.held), nil, nil, nil, container.NewVScroll(v.list))
	return v
}

func (v *agendaView) show(d agendaData, held []schedule.Item) {
	loc := d.loc
	last := d.to.Add(-time.Minute).In(loc)
	if v.week {
		v.title.SetText(fmt.Sprintf("%s – %s", d.from.In(loc).Format("Mon 2 Jan"), last.Format("Mon 2 Jan 2006")))
	} else {
		v.title.SetText(d.from.In(loc).Format("Monday 2 January 2006"))
	}
	abbr, _ := v.p.now().In(loc).Zone()
	v.zone.SetText(lang.L("Times in") + " " + loc.String() + " (" + abbr + ")")
	v.head.Refresh() // the zone's text changed its width: lay the header out again
	if !v.week && d.hours != "" {
		v.hours.SetText(d.hours)
		v.hours.Show()
	} else {
		v.hours.Hide()
	}
	v.held.Objects = heldRows(v.p, held, loc)
	v.held.Refresh()

	var rows []fyne.CanvasObject
	byDay := map[string][]schedule.Entry{}
	for _, e := range d.entries {
		k := e.Start.In(loc).Format(time.DateOnly)
		byDay[k] = append(byDay[k], e)
	}
	for day := d.from.In(loc); day.Before(d.to); day = nextDay(day, loc) {
		k := day.Format(time.DateOnly)
		if v.week {
			h := widget.NewLabel(day.Format("Monday 2 January"))
			h.TextStyle.Bold = true
			if k == v.p.now().In(loc).Format(time.DateOnly) {
				h.Importance = widget.HighImportance
				h.SetText(h.Text + " · " + lang.L("today"))
			}
			rows = append(rows, h)
		}
		if len(byDay[k]) == 0 {
			none := widget.NewLabel(lang.L("Nothing planned"))
			none.Importance = widget.LowImportance
			rows = append(rows, none)
		}
		for _, e := range byDay[k] {
			rows = append(rows, v.row(e, loc))
		}
		if v.week {
			rows = append(rows, widget.NewSeparator())
		}
	}
	v.list.Objects = rows
	v.list.Refresh()
}

func nextDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// kindText names an entry's kind for people.
func kindText(kind string) string {
	switch kind {
	case schedule.EntryShift:
		return lang.L("Shift")
	case schedule.EntryHoliday:
		return lang.L("Holiday")
	case schedule.EntryPost:
		return lang.L("Post")
	case schedule.EntryReply:
		return lang.L("Scheduled reply")
	case schedule.EntryFollowUp:
		return lang.L("Follow-up")
	case schedule.EntrySnooze:
		return lang.L("Snooze ends")
	case schedule.EntryReopen:
		return lang.L("Reopens")
	}
	return kind
}

// stateText names a state for people.
func stateText(state string) string {
	switch state {
	case schedule.Pending:
		return lang.L("pending")
	case schedule.Paused:
		return lang.L("paused")
	case schedule.Sent:
		return lang.L("sent")
	case schedule.Held:
		return lang.L("held for review")
	case schedule.Cancelled:
		return lang.L("cancelled")
	case schedule.Failed:
		return lang.L("failed")
	case schedule.Draft:
		return lang.L("draft")
	case schedule.AwaitingApproval:
		return lang.L("awaiting approval")
	case schedule.Approved:
		return lang.L("approved")
	case schedule.Published:
		return lang.L("published")
	case schedule.Rejected:
		return lang.L("rejected")
	}
	return state
}

// kindColor tells the kinds apart at a glance, from the theme.
func kindColor(kind string) color.Color {
	switch kind {
	case schedule.EntryShift:
		return theme.Color(theme.ColorNameSuccess)
	case schedule.EntryHoliday:
		return theme.Color(theme.ColorNameWarning)
	case schedule.EntryPost:
		return color.NRGBA{R: 0xA8, G: 0x7B, B: 0xE8, A: 0xFF} // violet: apart from the theme's four
	case schedule.EntryReply, schedule.EntryFollowUp:
		return theme.Color(theme.ColorNameHyperlink)
	}
	return theme.Color(theme.ColorNameDisabled)
}

func timeText(e schedule.Entry, loc *time.Location) string {
	if e.AllDay {
		return lang.L("all day")
	}
	s := e.Start.In(loc).Format("15:04")
	if !e.End.IsZero() {
		s += "–" + e.End.In(loc).Format("15:04")
	}
	return s
}

// entryRow is one line: a colour mark, the time, the kind, the title and the state.
func entryRow(e schedule.Entry, loc *time.Location, title string) fyne.CanvasObject {
	mark := canvas.NewRectangle(kindColor(e.Kind))
	mark.SetMinSize(fyne.NewSize(4, 20))
	when := widget.NewLabel(timeText(e, loc))
	when.TextStyle.Monospace = true
	kind := widget.NewLabel(kindText(e.Kind))
	kind.TextStyle.Bold = true
	t := widget.NewLabel(title)
	t.Truncation = fyne.TextTruncateEllipsis
	state := widget.NewLabel("")
	if e.State != "" {
		state.SetText(stateText(e.State))
		state.TextStyle.Italic = true
		if e.State == schedule.Held || e.State == schedule.Failed || e.State == schedule.Rejected {
			state.Importance = widget.DangerImportance
		}
	}
	return container.NewBorder(nil, nil, container.NewHBox(mark, when, kind), state, t)
}

// row is an entry that opens what it belongs to when tapped.
func (v *agendaView) row(e schedule.Entry, loc *time.Location) fyne.CanvasObject {
	title := e.Title
	if title == "" && e.Kind == schedule.EntryHoliday {
		title = lang.L("Closed")
	}
	line := entryRow(e, loc, title)
	buttons := container.NewHBox()
	if conv := v.p.conversationButton(e); conv != nil {
		buttons.Add(conv)
	}
	if e.ID != "" && e.Kind != schedule.EntryHoliday {
		open := widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() { v.p.openEntry(e) })
		open.Importance = widget.LowImportance
		buttons.Add(open)
	}
	if len(buttons.Objects) == 0 {
		return line
	}
	return container.NewBorder(nil, nil, nil, buttons, line)
}

// openEntry shows what an entry belongs to, with what can be done to it.
func (p *Pane) openEntry(e schedule.Entry) {
	if p.env.Window == nil || p.store == nil {
		return
	}
	loc := p.store.Loc()
	switch e.Kind {
	case schedule.EntryPost:
		p.openPost(e, loc)
	case schedule.EntryReply, schedule.EntryFollowUp:
		p.openItem(e.ID, e.Title, e.Start, e.State, loc)
	}
}

func (p *Pane) openItem(id, title string, due time.Time, state string, loc *time.Location) {
	info := widget.NewLabel(fmt.Sprintf("%s\n%s %s · %s", title, lang.L("Due"), due.In(loc).Format("Mon 2 Jan 15:04 MST"), stateText(state)))
	info.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	send := widget.NewButtonWithIcon(lang.L("Send now"), theme.MailSendIcon(), func() {
		d.Hide()
		p.change(func(ctx context.Context, s *schedule.Store) error { return s.SendNow(ctx, id) })
	})
	resched := widget.NewButtonWithIcon(lang.L("Reschedule…"), theme.HistoryIcon(), func() { d.Hide(); p.askReschedule(id, due, loc) })
	cancel := widget.NewButtonWithIcon(lang.L("Cancel it"), theme.CancelIcon(), func() {
		d.Hide()
		p.change(func(ctx context.Context, s *schedule.Store) error { return s.Cancel(ctx, id) })
	})
	cancel.Importance = widget.DangerImportance
	actions := container.NewHBox(send, resched, cancel)
	if state != schedule.Pending && state != schedule.Held && state != schedule.Paused {
		actions.Hide()
	}
	d = dialog.NewCustom(lang.L("Scheduled item"), lang.L("Close"), container.NewVBox(info, actions), p.env.Window)
	d.Show()
}

func (p *Pane) askReschedule(id string, due time.Time, loc *time.Location) {
	entry := widget.NewEntry()
	entry.SetText(due.In(loc).Add(24 * time.Hour).Format("2006-01-02 15:04"))
	dialog.ShowForm(lang.L("Reschedule"), lang.L("Reschedule"), lang.L("Back"), []*widget.FormItem{
		widget.NewFormItem(lang.L("New time")+" ("+loc.String()+")", entry),
	}, func(ok bool) {
		if !ok {
			return
		}
		t, err := cmdline.ParseTime(entry.Text, p.now(), loc)
		if err != nil {
			p.showError(err)
			return
		}
		p.change(func(ctx context.Context, s *schedule.Store) error { return s.Reschedule(ctx, id, t) })
	}, p.env.Window)
}

func (p *Pane) openPost(e schedule.Entry, loc *time.Location) {
	statuses := make([]string, len(schedule.PostStatuses))
	for i, s := range schedule.PostStatuses {
		statuses[i] = stateText(s)
	}
	sel := widget.NewSelect(statuses, nil)
	sel.SetSelected(stateText(e.State))
	note := widget.NewEntry()
	note.SetPlaceHolder(lang.L("Add a note (optional)"))
	text := widget.NewLabel(e.Title)
	text.Wrapping = fyne.TextWrapWord
	dialog.ShowForm(lang.L("Planned post")+" · "+e.Start.In(loc).Format("Mon 2 Jan 15:04"), lang.L("Save"), lang.L("Close"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Post"), text),
		widget.NewFormItem(lang.L("Status"), sel),
		widget.NewFormItem(lang.L("Note"), note),
	}, func(ok bool) {
		if !ok || sel.SelectedIndex() < 0 {
			return
		}
		st := schedule.PostStatuses[sel.SelectedIndex()]
		p.change(func(ctx context.Context, s *schedule.Store) error {
			_, err := s.SetPostStatus(ctx, e.ID, st, note.Text)
			return err
		})
	}, p.env.Window)
}

// heldRows is the banner of what came due unseen: nothing stale goes out without a look.
func heldRows(p *Pane, held []schedule.Item, loc *time.Location) []fyne.CanvasObject {
	if len(held) == 0 {
		return nil
	}
	text := lang.L("A scheduled item came due while Switchboard was closed or the workspace was paused. Look at it before it goes out:")
	if len(held) > 1 {
		text = fmt.Sprintf(lang.L("%d scheduled items came due while Switchboard was closed or the workspace was paused. Look at each before it goes out:"), len(held))
	}
	head := widget.NewLabel(text)
	head.Wrapping = fyne.TextWrapWord
	head.Importance = widget.WarningImportance
	rows := []fyne.CanvasObject{head}
	for _, it := range held {
		it := it
		what := it.Due.In(loc).Format("Mon 2 Jan") + " · " + it.Customer + " · " + it.Subject
		if it.CustomerWroteSince {
			what += " · " + lang.L("the customer wrote since")
		}
		line := entryRow(schedule.Entry{Kind: it.Kind, Start: it.Due, State: it.State}, loc, what)
		send := widget.NewButton(lang.L("Send now"), func() {
			p.change(func(ctx context.Context, s *schedule.Store) error { return s.SendNow(ctx, it.ID) })
		})
		resched := widget.NewButton(lang.L("Reschedule…"), func() { p.askReschedule(it.ID, p.now(), loc) })
		cancel := widget.NewButton(lang.L("Cancel it"), func() {
			p.change(func(ctx context.Context, s *schedule.Store) error { return s.Cancel(ctx, it.ID) })
		})
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(send, resched, cancel), line))
	}
	rows = append(rows, widget.NewSeparator())
	return rows
}

// askPost plans a post on the day shown.
func (p *Pane) askPost() {
	if p.env.Window == nil || p.store == nil {
		return
	}
	loc := p.store.Loc()
	day := p.currentDay().In(loc)
	at := widget.NewEntry()
	at.SetText(time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, loc).Format("2006-01-02 15:04"))
	channel := widget.NewSelectEntry([]string{"Facebook", "Instagram", "LinkedIn", "TikTok", "X", "YouTube"})
	channel.SetPlaceHolder("Instagram")
	text := widget.NewMultiLineEntry()
	text.SetMinRowsVisible(4)
	text.Wrapping = fyne.TextWrapWord
	statuses := make([]string, len(schedule.PostStatuses))
	for i, s := range schedule.PostStatuses {
		statuses[i] = stateText(s)
	}
	status := widget.NewSelect(statuses, nil)
	status.SetSelectedIndex(0)
	notes := widget.NewEntry()
	d := dialog.NewForm(lang.L("Plan a post"), lang.L("Save"), lang.L("Back"), []*widget.FormItem{
		widget.NewFormItem(lang.L("When")+" ("+loc.String()+")", at),
		widget.NewFormItem(lang.L("Channel"), channel),
		widget.NewFormItem(lang.L("Text"), text),
		widget.NewFormItem(lang.L("Status"), status),
		widget.NewFormItem(lang.L("Note"), notes),
	}, func(ok bool) {
		if !ok {
			return
		}
		t, err := cmdline.ParseTime(at.Text, p.now(), loc)
		if err != nil {
			p.showError(err)
			return
		}
		post := schedule.Post{At: t, Channel: channel.Text, Text: text.Text, Status: schedule.PostStatuses[max(status.SelectedIndex(), 0)], Notes: notes.Text}
		p.change(func(ctx context.Context, s *schedule.Store) error {
			_, err := s.AddPost(ctx, post)
			return err
		})
	}, p.env.Window)
	d.Resize(fyne.NewSize(520, 420))
	d.Show()
}
