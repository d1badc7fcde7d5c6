package inboxpane

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace"
)

// SyncState is what the Inbox shows of one mail account's sync.
type SyncState struct {
	Email    string
	LastSync time.Time // the last completed pass; zero when never
	Error    string    // why the last pass failed; "" when it did not
}

// SyncReader reads the sync state of a workspace's accounts (accounts/accountsvc merges the stored
// folder state with the running sync's). Called off the UI goroutine.
type SyncReader func(ctx context.Context, w *workspace.Workspace) ([]SyncState, error)

// WithSyncState lets the Inbox say when mail is not arriving; openSettings is its button
// to the accounts in Settings.
func WithSyncState(read SyncReader, openSettings func()) Option {
	return func(p *Pane) { p.syncState, p.openSettings = read, openSettings }
}

// syncBanner stands above the list while an account's sync fails: since when (as this
// window first saw it), when mail last arrived, and a way to Settings. "No mail yet" with
// an unreachable server looked like a quiet inbox.
type syncBanner struct {
	p       *Pane
	text    *widget.Label
	content *fyne.Container

	mu    sync.Mutex
	since map[string]time.Time // account → first seen failing
}

func newSyncBanner(p *Pane) *syncBanner {
	b := &syncBanner{p: p, since: map[string]time.Time{}}
	b.text = widget.NewLabel("")
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.DangerImportance
	settings := widget.NewButtonWithIcon(lang.L("Settings"), theme.SettingsIcon(), func() {
		if p.openSettings != nil {
			p.openSettings()
		}
	})
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameError)
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	b.content = container.NewStack(bg, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), container.NewCenter(settings), b.text))
	b.content.Hide()
	return b
}

// read asks for the sync state and shows it. Off the UI goroutine.
func (b *syncBanner) read(ctx context.Context, ws *workspace.Workspace) {
	if b.p.syncState == nil || ws == nil {
		return
	}
	states, err := b.p.syncState(ctx, ws)
	if err != nil {
		return // the banner is a hint; Settings shows the details and their errors
	}
	now := b.p.now()
	var lines []string
	b.mu.Lock()
	for _, st := range states {
		if st.Error == "" {
			delete(b.since, st.Email)
			continue
		}
		since, ok := b.since[st.Email]
		if !ok {
			since = now
			b.since[st.Email] = since
		}
		lines = append(lines, syncLine(st, since, now, ws.Info().Location()))
	}
	b.mu.Unlock()
	fyne.Do(func() {
		if b.p.ws != ws {
			return
		}
		b.show(lines)
	})
}

func (b *syncBanner) show(lines []string) {
	if len(lines) == 0 {
		b.content.Hide()
		return
	}
	text := lines[0]
	for _, l := range lines[1:] {
		text += "\n" + l
	}
	b.text.SetText(text)
	b.content.Show()
	b.p.listHead.Refresh()
}

// syncLine says which account fails, since when, what, and when mail last arrived.
func syncLine(st SyncState, since, now time.Time, loc *time.Location) string {
	last := lang.L("never synced")
	if !st.LastSync.IsZero() {
		last = lang.L("last synced {{.T}}", map[string]any{"T": shortTime(st.LastSync, now.In(loc))})
	}
	return lang.L("No new mail for {{.Email}}: sync failing since {{.Since}} ({{.Last}}). {{.Error}}", map[string]any{
		"Email": st.Email, "Since": since.In(loc).Format("15:04"), "Last": last, "Error": st.Error})
}
