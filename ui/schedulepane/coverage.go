package schedulepane

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/schedule"
)

// coverageData is what the coverage editor shows.
type coverageData struct {
	loc      *time.Location
	hours    schedule.Hours
	holidays []schedule.Holiday
	shifts   []schedule.Shift
	staff    []string // who can cover a shift instead
	auto     schedule.AutoReplyConfig
	status   string
}

func readCoverage(ctx context.Context, s *schedule.Store, now time.Time) (coverageData, error) {
	d := coverageData{loc: s.Loc()}
	cv, err := s.Coverage(ctx)
	if err != nil {
		return d, err
	}
	d.hours = cv.Hours
	if d.holidays, err = s.Holidays(ctx); err != nil {
		return d, err
	}
	if d.shifts, err = s.Shifts(ctx); err != nil {
		return d, err
	}
	if d.staff, err = staffNames(ctx, s, d.shifts); err != nil {
		return d, err
	}
	if d.auto, err = s.AutoReply(ctx); err != nil {
		return d, err
	}
	on, err := schedule.OnShift(ctx, s.Workspace(), now)
	if err != nil {
		return d, err
	}
	abbr, _ := now.In(d.loc).Zone()
	switch next, ok := cv.NextOpening(now); {
	case !cv.Defined():
		d.status = lang.L("No business hours set: every hour counts for the response target and no auto-reply goes out.")
	case next.Equal(now):
		d.status = lang.L("Open now.")
	case ok:
		d.status = fmt.Sprintf(lang.L("Closed now; opens %s."), next.In(d.loc).Format("Mon 2 Jan 15:04")+" "+abbr)
	default:
		d.status = lang.L("Closed, with no opening within a year.")
	}
	if len(on) > 0 {
		d.status += " " + lang.L("On shift:") + " " + strings.Join(on, ", ")
	}
	return d, nil
}

// weekdays in the order people read a week here.
var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// coverageEditor edits hours, holidays, shifts and the auto-reply.
type coverageEditor struct {
	p        *Pane
	zone     *widget.Label
	status   *widget.Label
	days     map[time.Weekday]*widget.Entry
	holidays *fyne.Container
	shifts   *fyne.Container
	autoOn   *widget.Check
	autoText *widget.Entry
	autoDays *widget.Entry
	autoCap  *widget.Entry
	paused   *widget.Label
	content  fyne.CanvasObject

	exception *exceptionDialog // the last one opened (tests drive it)
}

func newCoverageEditor(p *Pane) *coverageEditor {
	c := &coverageEditor{p: p, days: map[time.Weekday]*widget.Entry{}}
	c.zone = widget.NewLabel("")
	c.zone.TextStyle.Bold = true
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	hours := widget.NewForm()
	for _, d := range weekdays {
		e := widget.NewEntry()
		e.SetPlaceHolder(lang.L("closed"))
		c.days[d] = e
		hours.Append(weekdayName(d), e)
	}
	hint := widget.NewLabel(lang.L("Several spans a day for split shifts, e.g. 09:00-12:00, 13:00-17:00. Empty is closed."))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	saveHours := widget.NewButtonWithIcon(lang.L("Save hours"), theme.DocumentSaveIcon(), c.saveHours)
	saveHours.Importance = widget.HighImportance

	c.holidays = container.NewVBox()
	hDay, hName := widget.NewEntry(), widget.NewEntry()
	hDay.SetPlaceHolder("2026-12-24")
	hName.SetPlaceHolder(lang.L("Name"))
	addHoliday := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), func() {
		day, name := hDay.Text, hName.Text
		c.p.change(func(ctx context.Context, s *schedule.Store) error {
			_, err := s.AddHoliday(ctx, strings.TrimSpace(day), strings.TrimSpace(name))
			return err
		})
		hDay.SetText("")
		hName.SetText("")
	})
	importICS := widget.NewButtonWithIcon(lang.L("Import .ics…"), theme.DownloadIcon(), c.importICS)
	holidayAdd := container.NewVBox(container.NewGridWithColumns(2, hDay, hName), container.NewHBox(addHoliday, importICS))

	c.shifts = container.NewVBox()
	sName, sDays, sHours := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	sName.SetPlaceHolder(lang.L("Staff member"))
	sDays.SetPlaceHolder("mon-fri")
	sHours.SetPlaceHolder("09:00-13:00")
	addShift := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), func() {
		name, days, span := strings.TrimSpace(sName.Text), strings.TrimSpace(sDays.Text), strings.TrimSpace(sHours.Text)
		c.p.change(func(ctx context.Context, s *schedule.Store) error {
			h, err := schedule.ParseHours(days + " " + span)
			if err != nil {
				return err
			}
			for d, ivs := range h {
				for _, iv := range ivs {
					if _, err := s.AddShift(ctx, schedule.Shift{Staff: name, Weekday: time.Weekday(d), Interval: iv}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		sName.SetText("")
	})
	shiftAdd := container.NewVBox(sName, container.NewBorder(nil, nil, nil, addShift, container.NewGridWithColumns(2, sDays, sHours)))

	c.autoOn = widget.NewCheck(lang.L("Auto-reply outside business hours"), nil)
	c.autoText = widget.NewMultiLineEntry()
	c.autoText.SetMinRowsVisible(6)
	c.autoText.Wrapping = fyne.TextWrapWord
	c.autoDays = widget.NewEntry()
	c.autoCap = widget.NewEntry()
	c.paused = widget.NewLabel("")
	c.paused.Importance = widget.DangerImportance
	c.paused.Wrapping = fyne.TextWrapWord
	c.paused.Hide()
	// lang.L reads {{...}} as its own template syntax, so the variable is put in afterwards.
	autoHint := widget.NewLabel(fmt.Sprintf(lang.L("%s becomes the next opening in the language of this text. Never sent to mailing lists, machines, no-reply senders or this brand's own addresses; mail already here when it is switched on is never answered."), "{{next_open}}"))
	autoHint.Importance = widget.LowImportance
	autoHint.Wrapping = fyne.TextWrapWord
	limits := widget.NewForm(
		widget.NewFormItem(lang.L("Per sender, once in (days)"), c.autoDays),
		widget.NewFormItem(lang.L("At most per hour"), c.autoCap))
	saveAuto := widget.NewButtonWithIcon(lang.L("Save auto-reply"), theme.DocumentSaveIcon(), c.saveAuto)

	section := func(title string) fyne.CanvasObject {
		l := widget.NewLabel(title)
		l.TextStyle.Bold = true
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	left := container.NewVBox(c.zone, c.status, section(lang.L("Business hours")), hours, hint, container.NewHBox(saveHours),
		section(lang.L("Holidays")), c.holidays, holidayAdd)
	right := container.NewVBox(section(lang.L("Shifts (every week)")), c.shifts, shiftAdd,
		section(lang.L("Out-of-hours auto-reply")), c.paused, c.autoOn, c.autoText, autoHint, limits, container.NewHBox(saveAuto))
	c.content = container.NewVScroll(container.NewGridWithColumns(2, container.NewPadded(left), container.NewPadded(right)))
	return c
}

func (c *coverageEditor) show(d coverageData) {
	abbr, _ := c.p.now().In(d.loc).Zone()
	c.zone.SetText(lang.L("Time zone:") + " " + d.loc.String() + " (" + abbr + ")")
	c.status.SetText(d.status)
	for _, wd := range weekdays {
		var spans []string
		for _, iv := range d.hours[wd] {
			spans = append(spans, iv.String())
		}
		c.days[wd].SetText(strings.Join(spans, ", "))
	}
	var hs []fyne.CanvasObject
	for _, h := range d.holidays {
		day := h.Day
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			c.p.change(func(ctx context.Context, s *schedule.Store) error { return s.RemoveHoliday(ctx, day) })
		})
		rm.Importance = widget.LowImportance
		hs = append(hs, container.NewBorder(nil, nil, nil, rm, widget.NewLabel(h.Day+"  "+h.Name)))
	}
	if len(hs) == 0 {
		hs = append(hs, lowLabel(lang.L("No holidays.")))
	}
	c.holidays.Objects = hs
	c.holidays.Refresh()
	var ss []fyne.CanvasObject
	for _, sh := range d.shifts {
		sh, loc, names := sh, d.loc, d.staff
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			c.p.change(func(ctx context.Context, s *schedule.Store) error { return s.RemoveShift(ctx, sh.GID) })
		})
		rm.Importance = widget.LowImportance
		ex := widget.NewButton(lang.L("Exception…"), func() { c.showException(sh, loc, names) })
		ex.Importance = widget.LowImportance
		// Wrapped: the two columns are equally wide, so one long row would widen the window.
		label := widget.NewLabel(fmt.Sprintf("%s  %s  %s", weekdayName(sh.Weekday), sh.Interval, sh.Staff))
		label.Wrapping = fyne.TextWrapWord
		ss = append(ss, container.NewBorder(nil, nil, nil, container.NewHBox(ex, rm), label))
		ss = append(ss, exceptionRows(sh)...)
	}
	if len(ss) == 0 {
		ss = append(ss, lowLabel(lang.L("No shifts.")))
	}
	c.shifts.Objects = ss
	c.shifts.Refresh()
	c.autoOn.SetChecked(d.auto.Enabled)
	c.autoText.SetText(d.auto.Template)
	c.autoDays.SetText(strconv.Itoa(d.auto.Days))
	c.autoCap.SetText(strconv.Itoa(d.auto.Cap))
	if d.auto.Enabled && d.auto.PausedBy != "" {
		c.paused.SetText(lang.L("Paused:") + " " + d.auto.PausedBy + ". " + lang.L("Save to switch it on again."))
		c.paused.Show()
	} else {
		c.paused.Hide()
	}
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

func (c *coverageEditor) saveHours() {
	var parts []string
	for _, wd := range weekdays {
		if t := strings.TrimSpace(c.days[wd].Text); t != "" {
			parts = append(parts, strings.ToLower(wd.String()[:3])+" "+strings.ReplaceAll(t, " ", ""))
		}
	}
	text := strings.Join(parts, "; ")
	c.p.change(func(ctx context.Context, s *schedule.Store) error {
		h, err := schedule.ParseHours(text)
		if err != nil {
			return err
		}
		return s.SetHours(ctx, h)
	})
}

func (c *coverageEditor) saveAuto() {
	on, text := c.autoOn.Checked, c.autoText.Text
	days, err1 := strconv.Atoi(strings.TrimSpace(c.autoDays.Text))
	limit, err2 := strconv.Atoi(strings.TrimSpace(c.autoCap.Text))
	if err1 != nil || err2 != nil {
		c.p.showError(fmt.Errorf("%s", lang.L("Days and the hourly limit are whole numbers.")))
		return
	}
	c.p.change(func(ctx context.Context, s *schedule.Store) error {
		ch := schedule.AutoReplyChange{Enabled: &on, Days: &days, Cap: &limit}
		if strings.TrimSpace(text) != "" {
			ch.Template = &text
		}
		_, err := s.SetAutoReply(ctx, ch)
		return err
	})
}

func (c *coverageEditor) importICS() {
	if c.p.env.Window == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			c.p.showError(err)
			return
		}
		c.p.change(func(ctx context.Context, s *schedule.Store) error {
			_, err := s.ImportHolidays(ctx, strings.NewReader(string(b)))
			return err
		})
	}, c.p.env.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".ics"}))
	d.Show()
}

// weekdayName is a weekday for people (lang.L takes literal keys in this code base).
func weekdayName(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.L("Monday")
	case time.Tuesday:
		return lang.L("Tuesday")
	case time.Wednesday:
		return lang.L("Wednesday")
	case time.Thursday:
		return lang.L("Thursday")
	case time.Friday:
		return lang.L("Friday")
	case time.Saturday:
		return lang.L("Saturday")
	}
	return lang.L("Sunday")
}
