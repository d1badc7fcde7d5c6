package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/fields"
	"switchboard/workspace"
)

// showCreate asks for a new workspace's name, colour and time zone. UI goroutine.
func (s *Shell) showCreate() {
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("The client's name, e.g. Acme Outdoor"))
	name.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(lang.L("A workspace needs a name"))
		}
		return nil
	}
	color := fields.NewColorPicker(workspace.Palette[len(s.list)%len(workspace.Palette)])
	tz := fields.NewTimeZoneEntry()
	tz.SetText(workspace.LocalTimeZone())
	items := []*widget.FormItem{
		{Text: lang.L("Name"), Widget: name},
		{Text: lang.L("Colour"), Widget: color, HintText: lang.L("Shown in the band at the top whenever this workspace is open")},
		{Text: lang.L("Time zone"), Widget: tz, HintText: lang.L("The client's business hours and schedule use it")},
	}
	d := dialog.NewForm(lang.L("New workspace"), lang.L("Create"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			s.create(name.Text, workspace.CreateOptions{Color: color.Hex(), TimeZone: strings.TrimSpace(tz.Text)})
		}
	}, s.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	s.win.Canvas().Focus(name)
}
