package runner

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/schedule"
)

var runUsage = []string{"run --workspace W [--for DURATION]"}

// Commands is `switchboard run`: the runner without a window, for a machine that stays
// on. passwords is the OS keyring.
func Commands(passwords Passwords) []cmdline.Command {
	return []cmdline.Command{{
		Name: "run", Summary: "keep a workspace running headless: sync, send what is due, follow-ups, out-of-hours auto-replies",
		Usage: runUsage, Pane: "schedule", Actions: []string{"run"},
		RunIn: func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
			return runHeadless(ctx, e, w, passwords, args)
		},
	}}
}

func runHeadless(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, passwords Passwords, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	dur := fs.Duration("for", 0, "stop after this long (e.g. 8h); until interrupted when 0")
	if pos, err := cmdline.Parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return cmdline.UsageOf(runUsage, "run takes no arguments, got %q", pos[0])
	}
	if *dur < 0 {
		return cmdline.UsageOf(runUsage, "--for must not be negative")
	}
	if *dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *dur)
		defer cancel()
	}
	out := &lockedWriter{w: e.Stdout}
	loc := w.Info().Location()
	logf := func(format string, a ...any) {
		fmt.Fprintf(out, "%s %s\n", time.Now().In(loc).Format("2006-01-02 15:04:05"), fmt.Sprintf(format, a...))
	}
	r := New(w, Options{Passwords: passwords}, func(ev Event) { printEvent(logf, ev) })
	until := "until interrupted"
	if *dur > 0 {
		until = "for " + dur.String()
	}
	logf("running %q %s (zone %s)", w.Info().Name, until, loc)
	r.Run(ctx)
	// What the rounds held stays for a person: say so instead of sending it unseen.
	if held, err := schedule.HeldForReview(context.Background(), w, time.Now()); err == nil && len(held) > 0 {
		logf("%d scheduled items are held for review: see `switchboard schedule held --workspace %q`", len(held), w.Info().Name)
	}
	logf("stopped")
	return nil
}

func printEvent(logf func(string, ...any), ev Event) {
	switch {
	case ev.Summary != nil:
		if ev.Summary.New+ev.Summary.Expunged > 0 {
			logf("synced account %s: %d new, %d removed", ev.Account, ev.Summary.New, ev.Summary.Expunged)
		}
	case ev.Send != nil:
		logf("outbox: %d sent, %d retrying, %d failed, %d uncertain", ev.Send.Sent, ev.Send.Retrying, ev.Send.Failed, ev.Send.Uncertain)
		for _, e := range ev.Send.Errors {
			logf("  %s", e)
		}
	case ev.Tick != nil:
		logf("%d snoozed conversations back, %d reopened for their follow-up", ev.Tick.Woken, ev.Tick.FollowUps)
	case ev.Schedule != nil:
		d, a := ev.Schedule.Due, ev.Schedule.Auto
		logf("schedule: %d follow-ups queued, %d stopped (customer wrote first), %d held for review, %d auto-replies", d.Queued, d.Stopped, d.Held, a.Queued)
		if a.Paused != "" {
			logf("  %s", a.Paused)
		}
		for _, e := range d.Errors {
			logf("  %s", e)
		}
	case ev.Err != nil:
		logf("error: %v", ev.Err)
	}
}

// lockedWriter serialises lines from the runner's goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
