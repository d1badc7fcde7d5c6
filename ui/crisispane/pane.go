// Package crisispane is the Crisis pane: the workspace's playbooks, the early warning's
// waves with the playbook that fits, and the open incident worked through (state,
// checklist, linked conversations, holding statements to all of them, prepared answers,
// escalation contacts, timeline), closed with a summary and a report; what fell due
// while the workspace was paused is reviewed here, never sent unseen.
package crisispane

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/ui/pane"
	"switchboard/workspace/crisis"
	"switchboard/workspace/crisis/warning"
)

// Option configures the pane.
type Option func(*Pane)

// WithChanged is called (on the shell's worker) after the pane started, changed or
// closed an incident, so the shell redraws the banner.
func WithChanged(f func()) Option { return func(p *Pane) { p.changed = f } }

// WithNow sets the clock (tests).
func WithNow(now func() time.Time) Option { return func(p *Pane) { p.now = now } }

// Pane is the Crisis pane.
type Pane struct {
	changed func()
	now     func() time.Time

	// UI goroutine only.
	env      pane.Env
	snap     snapshot
	selected string // playbook id shown on the right
	editor   *editor
	// drafts are editors left open in other workspaces, by workspace id: switching
	// workspace hides an edit in progress and switching back brings it back, so neither
	// workspace shows the other's playbook nor loses what was typed.
	drafts map[string]*editor
	body   *fyne.Container
	root   fyne.CanvasObject
}

// New makes the pane.
func New(opts ...Option) *Pane {
	p := &Pane{now: time.Now}
	for _, o := range opts {
		o(p)
	}
	return p
}

func (p *Pane) ID() string          { return "crisis" }
func (p *Pane) Title() string       { return lang.L("Crisis") }
func (p *Pane) Icon() fyne.Resource { return theme.WarningIcon() }

// Content is built once.
func (p *Pane) Content() fyne.CanvasObject {
	if p.root == nil {
		p.body = container.NewStack(widget.NewLabel(""))
		p.root = p.body
	}
	return p.root
}

// snapshot is everything the pane shows, read off the UI goroutine.
type snapshot struct {
	agent     string
	playbooks []crisis.Playbook
	incident  crisis.Incident
	open      bool
	playbook  crisis.Playbook // the open incident's
	timeline  []crisis.Event
	waves     []warning.Wave
	due       []crisis.DueItem
	loc       *time.Location
	latest    crisis.Incident // the last closed one, for its report
	hasLatest bool
}

// Load reads the workspace's crisis state and shows it.
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	snap, err := p.read(ctx, env)
	fyne.Do(func() {
		p.switchDrafts(env)
		p.env = env
		p.Content()
		if err == nil {
			p.snap = snap
			p.render()
		}
	})
	return err
}

func (p *Pane) store(env pane.Env) *crisis.Store {
	return crisis.NewStore(env.Workspace, crisis.Options{Agent: env.Agent, Now: p.now})
}

func (p *Pane) read(ctx context.Context, env pane.Env) (snapshot, error) {
	var s snapshot
	if env.Workspace == nil {
		return s, nil
	}
	st := p.store(env)
	s.agent, s.loc = env.Agent, env.Workspace.Info().Location()
	var err error
	if s.playbooks, err = st.Playbooks(ctx); err != nil {
		return s, err
	}
	if s.incident, s.open, err = st.Active(ctx); err != nil {
		return s, err
	}
	if s.open {
		if s.playbook, err = st.Playbook(ctx, s.incident.PlaybookID); err != nil {
			return s, err
		}
		if s.timeline, err = st.Timeline(ctx, s.incident); err != nil {
			return s, err
		}
	} else if inc, err := st.Latest(ctx); err == nil {
		s.latest, s.hasLatest = inc, true
	}
	if s.waves, err = warning.Current(ctx, env.Workspace, p.now()); err != nil {
		return s, err
	}
	s.due, err = st.Due(ctx)
	return s, err
}

// act runs a change off the UI goroutine, then reloads the pane and, for incidents, the
// banner. An error is shown in the window.
func (p *Pane) act(incidentChanged bool, task func(ctx context.Context, st *crisis.Store) error) {
	env := p.env
	if env.Go == nil || env.Workspace == nil {
		return
	}
	env.Go(func(ctx context.Context) {
		err := task(ctx, p.store(env))
		if err != nil {
			fyne.Do(func() { showError(env.Window, err) })
		}
		if incidentChanged && p.changed != nil {
			p.changed()
		}
		_ = p.Load(ctx, env)
	})
}

// render rebuilds the view from p.snap. UI goroutine.
func (p *Pane) render() {
	var content fyne.CanvasObject
	switch {
	case p.env.Workspace == nil:
		content = widget.NewLabel("")
	case p.editor != nil:
		content = p.editor.content
	case p.snap.open:
		content = p.incidentView()
	default:
		content = p.manualView()
	}
	p.body.Objects = []fyne.CanvasObject{content}
	p.body.Refresh()
}

func (p *Pane) when(t time.Time) string {
	loc := p.snap.loc
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("Mon 2 Jan 15:04")
}

// switchDrafts keeps an open editor with its workspace when env is another one. UI
// goroutine.
func (p *Pane) switchDrafts(env pane.Env) {
	from, to := workspaceID(p.env), workspaceID(env)
	if from == to {
		return
	}
	if p.drafts == nil {
		p.drafts = map[string]*editor{}
	}
	if p.editor != nil && from != "" {
		p.drafts[from] = p.editor
	}
	p.editor = p.drafts[to]
	delete(p.drafts, to)
	p.selected = ""
}

func workspaceID(env pane.Env) string {
	if env.Workspace == nil {
		return ""
	}
	return env.Workspace.ID()
}
