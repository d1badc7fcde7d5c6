package ui

import (
	"fyne.io/fyne/v2/lang"

	"switchboard/workspace"
	"switchboard/workspace/demo"
)

// open switches to the workspace ref names: a folder's path, or an id or name. UI goroutine.
func (s *Shell) open(ref string) {
	s.work.do(func() { s.switchTo(ref) })
}

// openNth opens the n-th workspace of the switcher (1-based), for Ctrl+1..9.
func (s *Shell) openNth(n int) {
	if n >= 1 && n <= len(s.list) {
		s.choose(s.list[n-1])
	}
}

// openDemo opens the demo workspace, creating it the first time.
func (s *Shell) openDemo() {
	s.work.do(func() {
		info, err := demo.Create(s.ctx, s.root, s.opts.ImportMail)
		if err != nil {
			s.showError(lang.L("The demo workspace could not be created"), err)
			return
		}
		s.switchTo(info.Dir)
	})
}

// create makes a workspace and opens it.
func (s *Shell) create(name string, opt workspace.CreateOptions) {
	s.work.do(func() {
		info, err := s.root.Create(s.ctx, name, opt)
		if err != nil {
			s.showError(lang.L("The workspace could not be created"), err)
			return
		}
		s.switchTo(info.Dir)
	})
}

// deleteWorkspace removes a workspace for good (the user has typed its name), then opens
// another one or the welcome screen.
func (s *Shell) deleteWorkspace(id string) {
	s.work.do(func() {
		reopen := s.sess != nil && s.sess.ws.ID() == id
		ref := id
		if reopen {
			ref = s.sess.ws.Info().Dir // the folder shown, not a backup copy with its id
			s.closeSession()
		}
		if err := s.root.Delete(s.ctx, ref, s.opts.Secrets); err != nil {
			s.showError(lang.L("The workspace was not deleted"), err)
			if reopen {
				s.switchTo(ref)
			}
			return
		}
		s.openFirst()
	})
}

// resetDemo replaces the demo workspace with a fresh copy (the user has confirmed).
func (s *Shell) resetDemo(id string) {
	s.work.do(func() {
		if s.sess != nil && s.sess.ws.ID() == id {
			s.closeSession()
		}
		if err := demo.Delete(s.ctx, s.root, id, s.opts.Secrets); err != nil {
			s.showError(lang.L("The demo workspace could not be reset"), err)
			s.switchTo(id)
			return
		}
		info, err := demo.Create(s.ctx, s.root, s.opts.ImportMail)
		if err != nil {
			s.showError(lang.L("The demo workspace could not be created"), err)
			s.openFirst()
			return
		}
		s.switchTo(info.Dir)
	})
}

// openFirst opens the first listed workspace, or shows the welcome screen. Worker only.
func (s *Shell) openFirst() {
	if list, _ := s.root.List(s.ctx, false); len(list) > 0 {
		s.switchTo(list[0].Dir)
		return
	}
	s.refresh()
}

// changed follows a change Settings saved to the open workspace (name, colour, archived):
// the band, the title and the switcher show it. An archived workspace stays open and
// listed until the user moves on. Worker only.
func (s *Shell) changed() { s.refresh() }

// setAgent remembers "my name" for the panes loaded from now on. Worker only.
func (s *Shell) setAgent(name string) { s.agent = name }
