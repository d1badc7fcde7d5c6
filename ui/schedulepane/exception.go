package schedulepane

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/schedule"
	"switchboard/workspace/staff"
)

// staffNames is who can cover a shift: the workspace's staff and everyone already on a
// shift (shifts name people freely, so some are not staff rows yet), sorted.
func staffNames(ctx context.Context, s *schedule.Store, shifts []schedule.Shift) ([]string, error) {
	byGID, err := staff.Names(ctx, s.Workspace().DB().Read())
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if n = staff.Clean(n); n != "" && !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			names = append(names, n)
		}
	}
	for _, n := range byGID {
		add(n)
	}
	for _, sh := range shifts {
		add(sh.Staff)
	}
	sort.Strings(names)
	return names, nil
}

// exceptionDialog asks which day a shift is handed to someone else or to nobody. It
// stays open with the store's error until the change is saved, so nothing typed is lost.
type exceptionDialog struct {
	day   *widget.Entry
	cover *widget.Select
	err   *widget.Label
	save  *widget.Button
	d     dialog.Dialog
}

// nextOn is the first day from now (in loc) falling on wd, as YYYY-MM-DD.
func nextOn(now time.Time, loc *time.Location, wd time.Weekday) string {
	t := now.In(loc)
	return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7).Format(time.DateOnly)
}

func (c *coverageEditor) showException(sh schedule.Shift, loc *time.Location, names []string) {
	if c.p.env.Window == nil {
		return
	}
	nobody := lang.L("Nobody")
	e := &exceptionDialog{day: widget.NewEntry(), err: widget.NewLabel("")}
	e.day.SetText(nextOn(c.p.now(), loc, sh.Weekday))
	e.cover = widget.NewSelect(append([]string{nobody}, names...), nil)
	e.cover.SetSelected(nobody)
	e.err.Importance = widget.DangerImportance
	e.err.Wrapping = fyne.TextWrapWord
	abbr, _ := c.p.now().In(loc).Zone()
	zone := lowLabel(lang.L("Time zone:") + " " + loc.String() + " (" + abbr + ")")
	title := lowLabel(fmt.Sprintf("%s  %s  %s", weekdayName(sh.Weekday), sh.Interval, sh.Staff))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Day (YYYY-MM-DD)"), e.day),
		widget.NewFormItem(lang.L("Covered by"), e.cover))
	gid, weekday := sh.GID, sh.Weekday
	e.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		day, cover := strings.TrimSpace(e.day.Text), e.cover.Selected
		if cover == nobody {
			cover = ""
		}
		if t, err := time.ParseInLocation(time.DateOnly, day, loc); err == nil && t.Weekday() != weekday {
			// The store would accept it, but an exception off the shift's weekday changes nothing.
			e.showErr(fmt.Errorf(lang.L("%s is a %s; this shift is on %s."), day, weekdayName(t.Weekday()), weekdayName(weekday)))
			return
		}
		e.save.Disable()
		env, s := c.p.env, c.p.store
		if s == nil {
			return
		}
		env.Do(func(ctx context.Context) error {
			if err := s.SetException(ctx, gid, day, cover); err != nil {
				return err
			}
			fyne.Do(e.d.Hide)
			return c.p.refresh(ctx, env, s)
		}, func(err error) {
			e.save.Enable()
			e.showErr(err)
		})
	})
	e.save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { e.d.Hide() })
	body := container.NewVBox(title, zone, form, e.err, container.NewHBox(layout.NewSpacer(), cancel, e.save))
	e.d = dialog.NewCustomWithoutButtons(lang.L("Shift exception"), body, c.p.env.Window)
	e.d.Resize(fyne.NewSize(440, e.d.MinSize().Height))
	c.exception = e
	e.d.Show()
}

func (e *exceptionDialog) showErr(err error) {
	e.err.SetText(err.Error())
	// The dialog was sized without a message; grow it so the message is not drawn over.
	e.d.Resize(fyne.NewSize(440, e.d.MinSize().Height))
}

// exceptionRows lists a shift's exceptions, earliest first. There is no remove button:
// the store has no way to drop an exception yet (setting the shift's own person back
// is the way to undo one).
func exceptionRows(sh schedule.Shift) []fyne.CanvasObject {
	days := make([]string, 0, len(sh.Exceptions))
	for day := range sh.Exceptions {
		days = append(days, day)
	}
	sort.Strings(days)
	var rows []fyne.CanvasObject
	for _, day := range days {
		cover := sh.Exceptions[day]
		if cover == "" {
			cover = lang.L("nobody")
		}
		rows = append(rows, lowLabel("    "+day+": "+cover))
	}
	return rows
}
