// Package schedulepane is the Schedule pane: the open workspace's agenda for a day and a
// week in its own time zone (shown), "my week" across every workspace side by side in
// their brand colours (read-only, without opening anyone's mail), what is held for
// review with send now / reschedule / cancel, and the coverage editor (hours with split
// shifts, holidays with .ics import, staff shifts, the out-of-hours auto-reply).
package schedulepane

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/pane"
	"switchboard/workspace/schedule"
)

// Option configures the pane.
type Option func(*Pane)

// WithClock sets the pane's clock (tests and screenshots pin it).
func WithClock(now func() time.Time) Option { return func(p *Pane) { p.now = now } }

// Pane is the Schedule pane.
type Pane struct {
	now              func() time.Time
	openConversation func(gid string) // shows a conversation in the Inbox; nil: no button

	// day is the day shown (any instant in it); read by Load off the UI goroutine.
	dayMu sync.Mutex
	day   time.Time

	// UI goroutine only.
	env     pane.Env
	store   *schedule.Store
	tabs    *container.AppTabs
	dayView *agendaView
	week    *agendaView
	my      *myWeekView
	cov     *coverageEditor
	content fyne.CanvasObject
}

var _ pane.Pane = (*Pane)(nil)

// New builds the Schedule pane.
func New(opts ...Option) *Pane {
	p := &Pane{now: time.Now}
	for _, o := range opts {
		o(p)
	}
	p.build()
	return p
}

func (p *Pane) ID() string                 { return "schedule" }
func (p *Pane) Title() string              { return lang.L("Schedule") }
func (p *Pane) Icon() fyne.Resource        { return theme.HistoryIcon() }
func (p *Pane) Content() fyne.CanvasObject { return p.content }

func (p *Pane) build() {
	p.dayView = newAgendaView(p, false)
	p.week = newAgendaView(p, true)
	p.my = newMyWeekView(p)
	p.cov = newCoverageEditor(p)
	p.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Day"), theme.ListIcon(), p.dayView.content),
		container.NewTabItemWithIcon(lang.L("Week"), theme.GridIcon(), p.week.content),
		container.NewTabItemWithIcon(lang.L("My week"), theme.AccountIcon(), p.my.content),
		container.NewTabItemWithIcon(lang.L("Coverage"), theme.SettingsIcon(), p.cov.content),
	)
	p.tabs.SelectIndex(1)
	p.content = p.tabs
}

// ShowTab selects a tab by its index (0 day, 1 week, 2 my week, 3 coverage).
func (p *Pane) ShowTab(i int) { p.tabs.SelectIndex(i) }

func (p *Pane) currentDay() time.Time {
	p.dayMu.Lock()
	defer p.dayMu.Unlock()
	if p.day.IsZero() {
		return p.now()
	}
	return p.day
}

// move shows another day or week (days: -1, +1, -7, +7; 0 today) and reloads.
func (p *Pane) move(days int) {
	p.dayMu.Lock()
	if days == 0 || p.day.IsZero() {
		p.day = p.now()
	}
	if days != 0 {
		p.day = p.day.AddDate(0, 0, days)
	}
	p.dayMu.Unlock()
	p.reload()
}

// Load reads the open workspace's schedule (and the others' weeks, read-only).
func (p *Pane) Load(ctx context.Context, env pane.Env) error {
	if env.Workspace == nil {
		fyne.Do(func() { p.env, p.store = env, nil })
		return nil
	}
	store := schedule.Open(env.Workspace, schedule.Options{Agent: env.Agent, Now: p.now})
	fyne.Do(func() { p.env, p.store = env, store })
	return p.refresh(ctx, env, store)
}

// snapshot is everything the pane shows, read off the UI goroutine.
type snapshot struct {
	day, week   agendaData
	held        []schedule.Item
	my          []schedule.ClientWeek
	cov         coverageData
	myWeekStart time.Time
}

func (p *Pane) refresh(ctx context.Context, env pane.Env, s *schedule.Store) error {
	day := p.currentDay()
	var snap snapshot
	var err error
	from, to := s.Day(day)
	if snap.day, err = readAgenda(ctx, s, from, to); err != nil {
		return err
	}
	from, to = s.Week(day)
	if snap.week, err = readAgenda(ctx, s, from, to); err != nil {
		return err
	}
	if snap.held, err = schedule.HeldForReview(ctx, env.Workspace, p.now()); err != nil {
		return err
	}
	if env.Root != nil {
		snap.my = schedule.MyWeek(ctx, env.Root, env.Workspace, day)
	}
	snap.myWeekStart, _ = schedule.WeekOf(day, time.Local)
	if snap.cov, err = readCoverage(ctx, s, p.now()); err != nil {
		return err
	}
	fyne.Do(func() {
		if p.store != s {
			return // another workspace was opened meanwhile
		}
		p.dayView.show(snap.day, snap.held)
		p.week.show(snap.week, snap.held)
		p.my.show(snap.my, snap.myWeekStart, env.Workspace.ID())
		p.cov.show(snap.cov)
	})
	return nil
}

func (p *Pane) reload() {
	if p.store == nil {
		return
	}
	env, s := p.env, p.store
	p.do(func(ctx context.Context) error { return p.refresh(ctx, env, s) })
}

// do runs task off the UI goroutine, in order with the shell's work.
func (p *Pane) do(task func(ctx context.Context) error) { p.env.Do(task, p.showError) }

// change runs a change and reloads after it.
func (p *Pane) change(fn func(ctx context.Context, s *schedule.Store) error) {
	if p.store == nil {
		return
	}
	env, s := p.env, p.store
	p.do(func(ctx context.Context) error {
		if err := fn(ctx, s); err != nil {
			return err
		}
		return p.refresh(ctx, env, s)
	})
}

func (p *Pane) showError(err error) {
	if p.env.Window != nil {
		dialog.ShowError(err, p.env.Window)
	} else {
		fyne.LogError("schedule", err)
	}
}
