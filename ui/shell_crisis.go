package ui

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/crisis/warning"
	"switchboard/workspace/pause"
)

// crisisBanner is what the strip under the band says: the open incident (in every pane,
// so nobody answers an angry customer unaware), else an early warning's wave.
type crisisBanner struct {
	incident string // "" when none is open
	warning  string // "" when no wave is going
	waveKey  string // identifies the newest wave, to notify once
}

// waveCheck remembers the early warning's last answer for a workspace: it compares a
// week of mail, so after a batch of new mail it is asked at most every waveEvery.
type waveCheck struct {
	workspace string
	at        time.Time
	warning   string
	key       string
}

const waveEvery = 30 * time.Second

// readCrisisBanner asks crisis for w's open incident and the early warning for waves.
// Worker only. Errors leave the banner empty: it must never keep a workspace from opening.
func (s *Shell) readCrisisBanner(ctx context.Context, w *workspace.Workspace, fresh bool) crisisBanner {
	b := readIncident(ctx, w)
	if w == nil {
		return b
	}
	c := &s.waves
	if fresh || c.workspace != w.ID() || time.Since(c.at) >= waveEvery {
		*c = waveCheck{workspace: w.ID(), at: time.Now()}
		if waves, err := warning.Current(ctx, w, time.Now()); err == nil && len(waves) > 0 {
			wv := waves[len(waves)-1]
			c.warning = lang.L("Early warning: {{.N}} similar customer messages at once — see Crisis", map[string]any{"N": len(wv.Members)})
			c.key = fmt.Sprintf("%s/%d", w.ID(), wv.FiredAt.UnixMilli())
		}
	}
	b.warning, b.waveKey = c.warning, c.key
	return b
}

// readIncident is the incident part of the banner.
func readIncident(ctx context.Context, w *workspace.Workspace) crisisBanner {
	var b crisisBanner
	if w == nil {
		return b
	}
	if inc, open, err := crisis.ActiveIncident(ctx, w); err == nil && open {
		done, total := inc.Progress()
		args := map[string]any{"Name": inc.PlaybookName, "State": inc.State, "Done": done, "Total": total,
			"When": inc.StartedAt.In(w.Info().Location()).Format("Mon 15:04")}
		if _, paused, _ := pause.Active(ctx, w.DB().Read()); paused {
			b.incident = lang.L("Incident: {{.Name}} — {{.State}} since {{.When}} · checklist {{.Done}}/{{.Total}} · scheduled sends paused", args)
		} else {
			b.incident = lang.L("Incident: {{.Name}} — {{.State}} · checklist {{.Done}}/{{.Total}} · scheduled sends resumed; close it with a summary", args)
		}
	}
	return b
}

// foreground tracks whether the window is in front, for desktop notifications.
type foreground struct{ in atomic.Bool }

func (f *foreground) watch(a fyne.App) {
	f.in.Store(true)
	a.Lifecycle().SetOnEnteredForeground(func() { f.in.Store(true) })
	a.Lifecycle().SetOnExitedForeground(func() { f.in.Store(false) })
}

// showCrisisBanner shows b and, for a wave not seen before while the window is in the
// background, sends a desktop notification. UI goroutine.
func (s *Shell) showCrisisBanner(b crisisBanner) {
	s.band.setCrisis(b.incident, b.warning)
	if b.waveKey == "" || b.waveKey == s.lastWave {
		return
	}
	first := s.lastWave == ""
	s.lastWave = b.waveKey
	if !first && !s.front.in.Load() {
		s.app.SendNotification(fyne.NewNotification(lang.L("Early warning"), b.warning))
	}
}
