package ui

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// tray keeps Switchboard running with its window closed, when the person chose so in
// Settings ("Keep running in the system tray"): scheduled replies, follow-ups and
// out-of-hours auto-replies of the open workspace go on, and the tray's menu brings the
// window back or quits. It is a choice, off by default, because a desktop without a tray
// would leave an invisible program running.
type tray struct {
	on    atomic.Bool
	shown bool // the tray menu is set (UI goroutine)
}

// watchClose makes closing the window ask the shell first. Screenshots and apps without a
// desktop driver (tests, mobile) keep plain closing.
func (s *Shell) watchClose() {
	if _, ok := s.app.(desktop.App); !ok || s.opts.Screenshot != "" {
		return
	}
	s.win.SetCloseIntercept(s.closeRequested)
}

// closeRequested hides the window while the tray keeps the app, else closes it (which
// ends ShowAndRun and closes the workspace).
func (s *Shell) closeRequested() {
	if s.hidesOnClose() {
		s.win.Hide()
		return
	}
	s.win.Close()
}

// hidesOnClose: the person chose the tray and there is one to come back from (UI goroutine).
func (s *Shell) hidesOnClose() bool { return s.tray.on.Load() && s.tray.shown }

// setKeepInTray applies the Settings choice; it may be called from any goroutine.
func (s *Shell) setKeepInTray(on bool) {
	s.tray.on.Store(on)
	if !on {
		return
	}
	fyne.Do(func() {
		desk, ok := s.app.(desktop.App)
		if !ok || s.tray.shown || s.opts.Screenshot != "" {
			return
		}
		show := fyne.NewMenuItem(lang.L("Show Switchboard"), func() {
			s.win.Show()
			s.win.RequestFocus()
		})
		quit := fyne.NewMenuItem(lang.L("Quit Switchboard"), func() { s.win.Close() })
		quit.IsQuit = true
		desk.SetSystemTrayMenu(fyne.NewMenu(lang.L("Switchboard"), show, quit))
		s.tray.shown = true
	})
}
