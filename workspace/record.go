package workspace

import (
	"context"
	"database/sql"
	"time"

	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
)

// Actor is who the journal names for a change made at this machine: the staff id of the
// machine's "my name" (Config.AgentName; the staff row is added with the first change),
// or journal.Unnamed while none is set; journal.As in ctx overrides both. Stores that are given the agent's name (the
// Inbox's Options.Agent) sign with the same rule through package staff.
func (w *Workspace) Actor(ctx context.Context, tx *sql.Tx, at time.Time) (string, error) {
	if actor, ok := journal.ActorOf(ctx); ok {
		return actor, nil // the program's own work, e.g. the demo's seed
	}
	name := ""
	if w.root != nil {
		if cfg, err := w.root.Config(); err == nil {
			name = cfg.AgentName
		}
	}
	return staff.Actor(ctx, tx, name, at)
}

// Record journals a change made at this machine inside the transaction that makes it.
func (w *Workspace) Record(ctx context.Context, tx *sql.Tx, at time.Time, object, kind string, data any) error {
	actor, err := w.Actor(ctx, tx, at)
	if err != nil {
		return err
	}
	_, err = journal.Write(ctx, tx, at, actor, object, kind, data)
	return err
}
