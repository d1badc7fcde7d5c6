// Package ui is Switchboard's window: a workspace switcher, a band in the open client's
// colour with its name, and the panes (Inbox, FAQ, Crisis, Schedule, Settings).
//
// Threads: everything that touches a database runs on the shell's worker (one goroutine at
// a time, in order) and applies its result with one fyne.Do. Fields are marked with the
// goroutine that owns them.
package ui

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"switchboard/assets"
	"switchboard/ui/pane"
	"switchboard/workspace"
)

// Shell is the main window.
type Shell struct {
	app   fyne.App
	tray  tray
	win   fyne.Window
	root  *workspace.Root
	opts  Options
	panes []pane.Pane
	work  worker
	ctx   context.Context // the shell's lifetime
	stop  context.CancelFunc
	after func(time.Duration, func()) // time.AfterFunc; tests fire it themselves

	// worker only
	sess  *session
	agent string

	// shown is the index of the pane on screen: set on the UI goroutine, read by the worker,
	// which loads only that pane (the others load when they are shown).
	shown atomic.Int32

	// UI goroutine only
	current  workspace.Info // zero when no workspace is open
	list     []workspace.Info
	band     *band
	switcher *switcher
	tabs     *container.AppTabs
	main     fyne.CanvasObject // band, switcher and panes
	noneOpen fyne.CanvasObject // in place of the panes while no workspace is open
	// paneContent is each tab's content; a tab not loaded for the open workspace shows
	// notLoaded instead, so it never shows the previous workspace's data.
	paneContent []fyne.CanvasObject
	notLoaded   fyne.CanvasObject
	center      *fyne.Container
	welcome     fyne.CanvasObject
	quick       *quickSwitcher
	copies      map[string]*workspace.DuplicateError // backup copies by folder name
	damage      *damageBanner

	shotMu  sync.Mutex
	shotErr error

	front    foreground // whether the window is in front (desktop notifications)
	lastWave string     // UI goroutine only: the wave last shown, notified once
	waves    waveCheck  // worker only: the early warning's last answer
}

// session is one opened workspace; its ctx ends when it is closed.
type session struct {
	ws      *workspace.Workspace
	ctx     context.Context
	cancel  context.CancelFunc
	stop    func()      // ends Options.Background's work; nil without it
	pending atomic.Bool // a reload for background changes is scheduled
	sending sync.WaitGroup
	sendMu  sync.Mutex // one Send at a time per workspace
	damaged bool       // its file showed damage: background stopped, the window warns
}

// New builds the window; nothing is read from disk until ShowAndRun.
func New(a fyne.App, root *workspace.Root, opts Options) *Shell {
	return newShell(a, root, opts, (*Shell).defaultPanes)
}

func newShell(a fyne.App, root *workspace.Root, opts Options, panes func(*Shell) []pane.Pane) *Shell {
	registerTranslations()
	if a.Icon() == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	s := &Shell{app: a, root: root, opts: opts, after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.win = a.NewWindow(lang.L("Switchboard"))
	s.panes = panes(s)
	s.build()
	s.front.watch(a)
	s.watchClose()
	return s
}

// Window is the shell's window.
func (s *Shell) Window() fyne.Window { return s.win }

// ShowAndRun opens the last used workspace (or the welcome screen), runs the app until the
// window closes, then closes the workspace. With Options.Screenshot it returns whether the
// picture could be written.
func (s *Shell) ShowAndRun() error {
	s.start()
	if s.opts.Screenshot != "" {
		s.win.SetFixedSize(true)
		s.win.Resize(fyne.NewSize(1280, 800))
		s.work.do(s.screenshot)
	} else {
		s.win.Resize(fyne.NewSize(1200, 760))
	}
	s.win.ShowAndRun()
	s.close()
	s.shotMu.Lock()
	defer s.shotMu.Unlock()
	return s.shotErr
}

// start opens the workspace to show first, off the UI goroutine.
func (s *Shell) start() {
	s.work.do(func() {
		cfg, err := s.root.Config()
		if err != nil {
			s.showError(lang.L("Your settings could not be read"), err)
		}
		s.agent = cfg.AgentName
		s.setKeepInTray(cfg.KeepInTray)
		if s.opts.Workspace != "" {
			s.switchTo(s.opts.Workspace)
			return
		}
		// By folder: a backup copy in the data root has the same id.
		if last, err := s.root.LastOpened(s.ctx, cfg); err == nil {
			s.switchTo(last.Dir)
			return
		}
		s.openFirst()
	})
}

// close closes the open workspace and waits for the shell's work to end.
func (s *Shell) close() {
	s.work.do(s.closeSession)
	s.work.wait()
	s.stop()
}

// switchTo opens ref (a folder's path, as the switcher passes: ids are shared with
// backup copies) and makes it current; the previous workspace is closed only once the
// new one is open, so a failure leaves the user where they were. Worker only.
func (s *Shell) switchTo(ref string) {
	if s.sess != nil && (s.sess.ws.Info().Dir == ref || s.sess.ws.ID() == ref) {
		return
	}
	ws, err := s.root.Open(s.ctx, ref)
	if err != nil {
		s.openFailed(ref, err)
		s.refresh()
		return
	}
	s.closeSession()
	ctx, cancel := context.WithCancel(s.ctx)
	s.sess = &session{ws: ws, ctx: ctx, cancel: cancel}
	s.startBackground(s.sess)
	if err := s.saveLastOpen(ws.Info()); err != nil {
		s.showError(lang.L("Your settings could not be saved"), err)
	}
	s.refresh()
	// Only the pane on screen loads now; the others show nothing of the previous
	// workspace and load when they are shown.
	fyne.Do(func() {
		for i, item := range s.tabs.Items {
			if i != s.tabs.SelectedIndex() && item.Content != s.notLoaded {
				item.Content = s.notLoaded
			}
		}
		s.tabs.Refresh()
	})
	s.loadShown()
}

// loadShown loads the pane on screen (Settings with its mail accounts) and puts its
// content back in its tab. Worker only.
func (s *Shell) loadShown() {
	i := int(s.shown.Load())
	if i < 0 || i >= len(s.panes) || s.sess == nil {
		return
	}
	p := s.panes[i]
	s.load(p)
	if p.ID() == "settings" && s.opts.MailAccounts != nil {
		s.load(s.opts.MailAccounts)
	}
	sess := s.sess
	fyne.Do(func() {
		if s.current.ID != sess.ws.ID() || s.tabs.Items[i].Content == s.paneContent[i] {
			return
		}
		s.tabs.Items[i].Content = s.paneContent[i]
		if s.tabs.SelectedIndex() == i {
			s.tabs.Refresh()
		}
	})
}

// closeSession closes the current workspace, if any. Worker only.
func (s *Shell) closeSession() {
	if s.sess == nil {
		return
	}
	s.sess.cancel()
	if s.sess.stop != nil {
		s.sess.stop() // nothing may write into the database once it is closed
	}
	s.sess.sending.Wait() // a Send under way ends with its context

	if err := s.sess.ws.Close(); err != nil {
		fyne.LogError("closing workspace "+s.sess.ws.Info().Name, err)
	}
	s.sess = nil
}

func (s *Shell) saveLastOpen(info workspace.Info) error {
	cfg, err := s.root.Config()
	if err != nil {
		return err
	}
	cfg.Remember(info)
	return s.root.SaveConfig(cfg)
}

// env is what panes get for the current session. Worker only.
func (s *Shell) env() pane.Env {
	env := pane.Env{Root: s.root, Window: s.win, Agent: s.agent}
	if sess := s.sess; sess != nil {
		env.Workspace = sess.ws
		env.Go = func(task func(context.Context)) {
			s.work.do(func() {
				if s.sess == sess {
					task(sess.ctx)
					s.checkDamage(sess)
				}
			})
		}
	} else {
		env.Go = func(func(context.Context)) {}
	}
	return env
}

// load runs one pane's Load for the current workspace. Worker only.
func (s *Shell) load(p pane.Pane) {
	env := s.env()
	ctx := s.ctx
	if s.sess != nil {
		ctx = s.sess.ctx
	}
	err := p.Load(ctx, env)
	s.checkDamage(s.sess) // the banner then says it once, not a dialog per pane
	if err != nil && ctx.Err() == nil && !errors.Is(err, context.Canceled) && !(isDamage(err) && s.sess != nil && s.sess.damaged) {
		s.showError(lang.L("{{.Pane}} could not be loaded", map[string]any{"Pane": p.Title()}), err)
	}
}

// refresh re-reads the workspace list and shows it with the current workspace, in one
// fyne.Do. Worker only.
func (s *Shell) refresh() {
	var cur workspace.Info
	var banner crisisBanner
	if s.sess != nil {
		cur = s.sess.ws.Info()
		banner = s.readCrisisBanner(s.sess.ctx, s.sess.ws, true)
	}
	all, problems := s.root.List(s.ctx, true)
	var list []workspace.Info
	for _, i := range all {
		if !i.Archived || i.ID == cur.ID {
			list = append(list, i)
		}
	}
	unread := map[string]int{}
	if s.opts.Unread != nil {
		for _, i := range list {
			unread[i.ID] = s.opts.Unread(s.ctx, i)
		}
	}
	failing := map[string]bool{}
	if s.sess != nil {
		failing[cur.ID] = s.syncFailing(s.ctx, s.sess.ws)
	}
	fyne.Do(func() {
		s.switcher.failing = failing
		s.apply(cur, list, unread, problems)
		s.showCrisisBanner(banner)
	})
}
