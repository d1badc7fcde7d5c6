package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

var digitKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts registers Ctrl+1..9, Ctrl+K and Ctrl+H (the shift note) on the canvas. The same shortcuts are on the
// main menu's items (setMenu): the window gives those precedence even while a text field
// has the focus, which would otherwise swallow them.
func (s *Shell) addShortcuts() {
	c := s.win.Canvas()
	for i, k := range digitKeys {
		c.AddShortcut(ctrl(k), func(fyne.Shortcut) { s.openNth(i + 1) })
	}
	c.AddShortcut(ctrl(fyne.KeyK), func(fyne.Shortcut) { s.showQuickSwitcher() })
	c.AddShortcut(ctrl(fyne.KeyH), func(fyne.Shortcut) { s.showPane("handover") })
}

// setMenu rebuilds the Workspace menu from the current list. UI goroutine.
func (s *Shell) setMenu() {
	quick := fyne.NewMenuItem(lang.L("Switch workspace…"), s.showQuickSwitcher)
	quick.Shortcut = ctrl(fyne.KeyK)
	handover := fyne.NewMenuItem(lang.L("Shift note for handover"), func() { s.showPane("handover") })
	handover.Shortcut = ctrl(fyne.KeyH)
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(lang.L("New workspace…"), s.showCreate),
		fyne.NewMenuItem(lang.L("Open the demo workspace"), s.openDemo),
		quick,
		handover,
		fyne.NewMenuItemSeparator(),
	}
	for i, info := range s.list {
		item := fyne.NewMenuItem(s.rowName(info, false), func() { s.choose(info) })
		item.Checked = info.Dir == s.current.Dir
		if i < len(digitKeys) {
			item.Shortcut = ctrl(digitKeys[i])
		}
		items = append(items, item)
	}
	s.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(lang.L("Workspace"), items...)))
}
