package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace"
	"switchboard/workspace/sqlitedb"
)

// showError shows err in a dialog, from any goroutine.
func (s *Shell) showError(title string, err error) {
	fyne.Do(func() { showProblem(s.win, title, err) })
}

// advice says what to do about err, in the user's words; the error's own text follows it.
func advice(err error) string {
	var locked *workspace.ErrLocked
	var corrupt *sqlitedb.ErrCorrupt
	var tooNew *sqlitedb.ErrTooNew
	switch {
	case errors.As(err, &locked):
		return lang.L("This workspace is open in another Switchboard window. Switch to it there, or close it there and try again.")
	case errors.As(err, &corrupt):
		return lang.L("This workspace's database cannot be used. It was left exactly as it is: restore it from a backup, or move its folder out of the data folder. Your other workspaces are not affected.")
	case errors.As(err, &tooNew):
		return lang.L("This workspace was last used by a newer Switchboard. Update Switchboard to open it.")
	}
	return ""
}

// showProblem is a dialog with advice and the error's details, wrapped to a readable width.
func showProblem(w fyne.Window, title string, err error) {
	var parts []fyne.CanvasObject
	if a := advice(err); a != "" {
		parts = append(parts, wrapped(a, fyne.TextStyle{Bold: true}))
	}
	parts = append(parts, wrapped(err.Error(), fyne.TextStyle{}))
	d := dialog.NewCustom(title, lang.L("Close"), container.NewVBox(parts...), w)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// showProblems lists the workspace folders that could not be read.
func showProblems(w fyne.Window, problems []workspace.Problem) {
	var lines []string
	for _, p := range problems {
		lines = append(lines, p.Error())
	}
	showProblem(w, lang.L("Some workspaces could not be read"), errors.New(strings.Join(lines, "\n\n")))
}

func wrapped(text string, style fyne.TextStyle) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	l.Wrapping = fyne.TextWrapWord
	return l
}
