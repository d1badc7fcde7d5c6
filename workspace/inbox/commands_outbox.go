package inbox

import (
	"context"
	"fmt"
	"strings"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

// The outbox's actions on one reply: what a person decides when a send failed, may or may
// not have arrived, or should go at another time.

var outboxUsage = []string{
	"outbox --workspace W [--send] [--all] [--json]",
	"outbox retry|cancel|mark-sent --workspace W ID",
	"outbox reschedule --workspace W ID TIME",
}

// outboxCommand is `outbox`: the list (OutboxCLI) or, with an action first, that action.
func outboxCommand(newMailer NewMailer) func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	list := cmdline.In(OutboxCLI(newMailer))
	return func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return list(ctx, e, w, args)
		}
		return runOutboxAction(ctx, e, w, args[0], args[1:])
	}
}

func runOutboxAction(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, action string, args []string) error {
	fs := newFlagSet("outbox " + action)
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	want := map[string]int{"retry": 1, "cancel": 1, "mark-sent": 1, "reschedule": 2}
	n, ok := want[action]
	if !ok {
		return cmdline.UsageOf(outboxUsage, "outbox: unknown action %q (retry, cancel, mark-sent, reschedule)", action)
	}
	if len(pos) != n {
		return cmdline.UsageOf(outboxUsage, "outbox %s takes %d argument(s), got %q", action, n, pos)
	}
	s := cliStore(w)
	id, err := s.OutboxID(ctx, pos[0])
	if err != nil {
		return err
	}
	loc := w.Info().Location()
	switch action {
	case "retry":
		err = s.Retry(ctx, id)
	case "cancel":
		err = s.Cancel(ctx, id)
	case "mark-sent":
		err = s.MarkSent(ctx, id)
	case "reschedule":
		at, perr := cmdline.ParseTime(pos[1], s.now(), loc)
		if perr != nil {
			return cmdline.UsageOf(outboxUsage, "%v", perr)
		}
		err = s.Reschedule(ctx, id, at)
	}
	if err != nil {
		return err
	}
	it, err := s.OutboxItem(ctx, id)
	if err != nil {
		return err
	}
	switch it.State {
	case Queued:
		fmt.Fprintf(e.Stdout, "reply %d to %s is queued for %s\n", it.ID, it.To[0].Email, it.NextAttemptAt.In(loc).Format("2006-01-02 15:04 MST"))
	default:
		fmt.Fprintf(e.Stdout, "reply %d to %s is now %s\n", it.ID, it.To[0].Email, it.State)
	}
	return nil
}
