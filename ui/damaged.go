package ui

import (
	"errors"
	"image/color"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace"
	"switchboard/workspace/sqlitedb"
)

// isDamage says err is a workspace database found damaged: while open (ErrDamaged) or by
// the check before opening (*sqlitedb.ErrCorrupt).
func isDamage(err error) bool {
	var corrupt *sqlitedb.ErrCorrupt
	return errors.Is(err, sqlitedb.ErrDamaged) || errors.As(err, &corrupt)
}

// damageBanner is the warning above the panes while the workspace shown (or the one that
// failed to open, when none is open) is damaged: it stays until the user moves on, so
// the damage cannot be missed the way a closed dialog can.
type damageBanner struct {
	dir     string // the damaged workspace's folder; "" while hidden
	err     error
	title   *widget.Label
	text    *widget.Label
	content *fyne.Container
}

func newDamageBanner(s *Shell) *damageBanner {
	b := &damageBanner{title: widget.NewLabel(""), text: widget.NewLabel("")}
	b.title.TextStyle.Bold = true // in the text colour: red on the red tint reads poorly
	b.title.Wrapping = fyne.TextWrapWord
	b.text.Wrapping = fyne.TextWrapWord
	create := widget.NewButtonWithIcon(lang.L("New workspace…"), theme.ContentAddIcon(), s.showCreate)
	details := widget.NewButtonWithIcon(lang.L("Details"), theme.InfoIcon(), func() {
		if b.err != nil {
			showProblem(s.win, b.title.Text, b.err)
		}
	})
	// A tint of the error colour, not the colour itself: the labels keep the theme's
	// text colour and their contrast in the light and the dark theme.
	c := theme.Color(theme.ColorNameError)
	r, g, bl, _ := c.RGBA()
	tint := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0x30})
	body := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.ErrorIcon())),
		container.NewCenter(container.NewHBox(create, details)), container.NewVBox(b.title, b.text))
	b.content = container.NewStack(tint, container.NewPadded(body))
	b.content.Hide()
	return b
}

// show warns about the workspace in dir. opened: it is open (read-only from now on);
// else it was refused at opening. UI goroutine.
func (b *damageBanner) show(name, dir string, err error, opened bool) {
	vars := map[string]any{"Name": name}
	b.dir, b.err = dir, err
	b.title.SetText(lang.L("The database file of {{.Name}} is damaged", vars))
	if opened {
		b.text.SetText(lang.L("Switchboard found damage in this workspace's file and has stopped writing to it, so the damage cannot spread: mail sync and sending are stopped, and changes are not saved. What is still readable stays on screen. What to do: restore this workspace's folder from a backup, or create a new workspace for this client (its mail is fetched again from the server). Your other workspaces keep working."))
	} else {
		b.text.SetText(lang.L("Switchboard checked this workspace's file before opening it, found it damaged and left it exactly as it is. What to do: restore this workspace's folder from a backup, or create a new workspace for this client (its mail is fetched again from the server). Your other workspaces keep working: choose one on the left."))
	}
	b.content.Show()
}

// follow hides the warning once another workspace is open. UI goroutine.
func (b *damageBanner) follow(cur workspace.Info) {
	if b.dir != "" && cur.ID != "" && cur.Dir != b.dir {
		b.dir, b.err = "", nil
		b.content.Hide()
	}
}

// checkDamage looks whether the open workspace's file showed damage during the task just
// run (a pane's load or action, background work). The first time it did, the background
// work is stopped, so nothing keeps trying to write, and the window says so. Worker only.
func (s *Shell) checkDamage(sess *session) {
	if sess == nil || s.sess != sess || sess.damaged {
		return
	}
	err := sess.ws.Damaged()
	if err == nil {
		return
	}
	sess.damaged = true
	if sess.stop != nil {
		sess.stop()
		sess.stop = nil
	}
	info := sess.ws.Info()
	fyne.Do(func() { s.damage.show(info.Name, info.Dir, err, true) })
}

// openFailed reports why ref could not be opened; a damaged file is also warned about in
// the window while no other workspace is open. Worker only.
func (s *Shell) openFailed(ref string, err error) {
	if !isDamage(err) {
		s.showError(lang.L("The workspace could not be opened"), err)
		return
	}
	name, dir := filepath.Base(ref), ref
	if info, ferr := s.root.Find(s.ctx, ref); ferr == nil {
		name, dir = info.Name, info.Dir
	}
	s.showError(lang.L("The database file of {{.Name}} is damaged", map[string]any{"Name": name}), err)
	if s.sess == nil {
		fyne.Do(func() { s.damage.show(name, dir, err, false) })
	}
}
