package inboxpane

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace"
	"switchboard/workspace/schedule"
)

// WithShowPane lets the Inbox bring another pane to the front (the Schedule, to review
// what was held). Without it the button that would need it is not shown.
func WithShowPane(show func(id string)) Option { return func(p *Pane) { p.showPane = show } }

// hours is what the Schedule says about now for this workspace: who is on shift, when it
// next opens, how long a wait counts in business hours and what is held for review.
type hours struct {
	defined bool // business hours are set: waits count only open time
	cov     schedule.Coverage
	open    bool
	onShift []string
	next    time.Time // the next opening while closed; zero when none is known
	held    int       // scheduled items held for review
}

// businessCutoff is the Overdue cutoff in business hours, for the Inbox store: the same
// rule the Schedule applies, so the Overdue view and the timers agree with it.
func businessCutoff(w *workspace.Workspace) func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error) {
	return func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error) {
		return schedule.OverdueBefore(ctx, w, now, target)
	}
}

// readHours reads the Schedule's view of now. Off the UI goroutine.
func readHours(ctx context.Context, w *workspace.Workspace, now time.Time) (h hours, err error) {
	if h.cov, err = schedule.Open(w, schedule.Options{}).Coverage(ctx); err != nil {
		return
	}
	h.defined = h.cov.Defined()
	h.open = h.cov.Open(now)
	if h.onShift, err = schedule.OnShift(ctx, w, now); err != nil {
		return
	}
	if !h.open {
		next, ok, err := schedule.NextOpening(ctx, w, now)
		if err != nil {
			return h, err
		}
		if ok {
			h.next = next
		}
	}
	held, err := schedule.HeldForReview(ctx, w, now)
	h.held = len(held)
	return h, err
}

// waited is how long a customer has waited since since: open time only when business
// hours are set, so a message from Friday evening is not "2d" old on Monday morning.
func (h hours) waited(since, now time.Time) time.Duration {
	if !h.defined {
		return now.Sub(since)
	}
	return h.cov.Elapsed(since, now)
}

// hoursBar is the line over the list: who is on shift, the next opening while closed, and
// a notice (with a way to the Schedule) when scheduled replies were held for review.
type hoursBar struct {
	p       *Pane
	shift   *widget.Label
	held    *widget.Label
	review  *widget.Button
	heldRow *fyne.Container
	content *fyne.Container
}

func newHoursBar(p *Pane) *hoursBar {
	b := &hoursBar{p: p}
	b.shift = widget.NewLabel("")
	b.shift.Importance = widget.LowImportance
	b.shift.Truncation = fyne.TextTruncateEllipsis
	b.held = widget.NewLabel("")
	b.held.Importance = widget.WarningImportance
	b.held.Truncation = fyne.TextTruncateEllipsis
	b.review = widget.NewButtonWithIcon(lang.L("Review in Schedule"), theme.HistoryIcon(), func() {
		if p.showPane != nil {
			p.showPane("schedule")
		}
	})
	b.heldRow = container.NewBorder(nil, nil, nil, b.review, b.held)
	b.content = container.NewVBox(b.shift, b.heldRow)
	b.content.Hide()
	return b
}

// set shows h in the workspace's zone. UI goroutine.
func (b *hoursBar) set(h hours, now time.Time, loc *time.Location) {
	b.shift.SetText(shiftText(h, now, loc))
	showIf(b.shift, b.shift.Text != "")
	if h.held > 0 {
		b.held.SetText(lang.L("{{.N}} scheduled items held for review", map[string]any{"N": h.held}))
	}
	showIf(b.heldRow, h.held > 0)
	showIf(b.review, b.p.showPane != nil)
	showIf(b.content, b.shift.Text != "" || h.held > 0)
	b.content.Refresh()
}

// shiftText is "On shift: Anna, Ben", or while closed "Closed · opens Mon 7 Dec 09:00";
// nothing when the workspace has neither hours nor shifts.
func shiftText(h hours, now time.Time, loc *time.Location) string {
	var parts []string
	switch {
	case len(h.onShift) > 0:
		parts = append(parts, lang.L("On shift: {{.Names}}", map[string]any{"Names": strings.Join(h.onShift, ", ")}))
	case h.defined && h.open:
		parts = append(parts, lang.L("Open · nobody on shift"))
	}
	if h.defined && !h.open {
		if h.next.IsZero() {
			parts = append(parts, lang.L("Closed"))
		} else {
			next := h.next.In(loc)
			when := next.Format("Mon 2 Jan 15:04")
			if sameDay(next, now.In(loc)) {
				when = next.Format("15:04")
			}
			parts = append(parts, lang.L("Closed · opens {{.When}}", map[string]any{"When": when}))
		}
	}
	return strings.Join(parts, " · ")
}
