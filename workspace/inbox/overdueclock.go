package inbox

import (
	"context"
	"time"

	"switchboard/workspace"
)

// overdueClock is the Overdue rule of the command line: package schedule registers its
// business-hours clock (it imports inbox, so inbox cannot call it), and then
// `conversations --view overdue` agrees with the window.
var overdueClock func(ctx context.Context, w *workspace.Workspace, now time.Time, target time.Duration) (time.Time, error)

// RegisterOverdueClock sets the command line's Overdue rule; package schedule calls it at
// init. Nil keeps the wall clock.
func RegisterOverdueClock(f func(ctx context.Context, w *workspace.Workspace, now time.Time, target time.Duration) (time.Time, error)) {
	overdueClock = f
}

// registeredOverdue is Options.OverdueBefore for w by the registered rule, nil without one.
func registeredOverdue(w *workspace.Workspace) func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error) {
	if overdueClock == nil {
		return nil
	}
	return func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error) {
		return overdueClock(ctx, w, now, target)
	}
}
