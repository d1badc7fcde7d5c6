package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/fields"
	"switchboard/workspace"
)

// build makes the widgets once; apply fills them.
func (s *Shell) build() {
	s.band = newBand()
	s.switcher = newSwitcher(s)
	s.damage = newDamageBanner(s)
	items := make([]*container.TabItem, len(s.panes))
	s.paneContent = make([]fyne.CanvasObject, len(s.panes))
	s.notLoaded = container.NewStack() // empty for the moment a pane takes to load
	for i, p := range s.panes {
		s.paneContent[i] = container.NewPadded(p.Content())
		items[i] = container.NewTabItemWithIcon(p.Title(), p.Icon(), s.paneContent[i])
	}
	s.tabs = container.NewAppTabs(items...)
	for i, p := range s.panes {
		if p.ID() == s.opts.Pane {
			s.tabs.SelectIndex(i)
		}
	}
	s.shown.Store(int32(s.tabs.SelectedIndex()))
	s.tabs.OnSelected = func(*container.TabItem) { s.reloadShown() }
	s.noneOpen = fields.EmptyState(theme.FolderOpenIcon(), lang.L("No workspace is open"),
		lang.L("Choose a client's workspace on the left, or create a new one."))
	s.center = container.NewStack(s.noneOpen)
	s.main = container.NewBorder(s.band.content, nil, s.switcher.content, nil,
		container.NewBorder(s.damage.content, nil, nil, nil, s.center))
	s.welcome = newWelcome(s)
	s.quick = newQuickSwitcher(s)
	s.addShortcuts()
	s.win.SetPadded(false) // the band runs to the window's edges; the parts pad themselves
	s.win.SetContent(s.main)
}

// reloadShown loads the pane just selected, so it never shows stale data. UI goroutine.
func (s *Shell) reloadShown() {
	s.shown.Store(int32(s.tabs.SelectedIndex()))
	s.work.do(s.loadShown)
}

// apply shows the workspace list and which one is open. UI goroutine.
func (s *Shell) apply(cur workspace.Info, list []workspace.Info, unread map[string]int, problems []workspace.Problem) {
	s.current, s.list = cur, list
	s.copies = copiesIn(problems)
	s.switcher.set(list, unread, cur.Dir, problems)
	s.damage.follow(cur)
	s.setMenu()
	if cur.ID == "" {
		s.win.SetTitle(lang.L("Switchboard"))
		s.app.Settings().SetTheme(theme.DefaultTheme()) // no client: nothing to brand
		if len(list) == 0 && len(problems) == 0 {
			s.setContent(s.welcome)
			return
		}
		s.band.set(cur)
		s.center.Objects = []fyne.CanvasObject{s.noneOpen}
		s.center.Refresh()
		s.setContent(s.main)
		return
	}
	s.win.SetTitle(lang.L("Switchboard — {{.Name}}", map[string]any{"Name": cur.Name}))
	s.app.Settings().SetTheme(newBrandTheme(cur.Color))
	s.band.set(cur)
	if s.center.Objects[0] != s.tabs {
		s.center.Objects = []fyne.CanvasObject{s.tabs}
		s.center.Refresh()
	}
	s.setContent(s.main)
}

func (s *Shell) setContent(c fyne.CanvasObject) {
	if s.win.Content() != c {
		s.win.SetContent(c)
	}
}
