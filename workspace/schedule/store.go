// Package schedule is a workspace's time: its coverage (business hours with split
// shifts, holidays, staff shifts repeating weekly with exceptions) and the business-hours
// clock built on it; follow-ups and follow-up sequences; holds on scheduled replies (which
// live in the Inbox's outbox); out-of-hours auto-replies (RFC 3834); the content plan; the
// agenda; and its calendar export. No network: the runner (accounts/runner) calls Due and
// AutoReply every minute and the outbox sends what they queue.
//
// Everything here is journaled (journal.Write in the same transaction) under the object's
// global id; coverage changes under the workspace's id. Kinds: workspace.hours,
// workspace.auto_reply, workspace.auto_reply_paused, holiday.set, holiday.removed,
// shift.added, shift.removed, shift.exception, follow_up.added, follow_up.held,
// follow_up.sent, follow_up.rescheduled, follow_up.cancelled, outbox.scheduled,
// outbox.held, outbox.released, outbox.rescheduled, outbox.cancelled, post.added,
// post.status, and on conversations conversation.note and conversation.auto_reply.
//
// Nothing goes out on its own while pause.Active (a crisis): due items are held, and
// HeldForReview lists them for the person who resumes, with Send, Reschedule and Cancel.
// Items more than Grace past due when the runner first sees them (the app was closed, the
// machine slept) are held for review the same way: nothing stale goes out unseen.
package schedule

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
)

// Options configure a Store.
type Options struct {
	// Agent is the person at this machine (workspace.Config.AgentName); their changes are
	// signed with their staff id, journal.Unnamed while no name is set.
	Agent string
	// Runner: the changes are the runner's own (due follow-ups, holds, auto-replies).
	Runner bool
	Now    func() time.Time // the clock; nil is time.Now
}

// Store is the schedule of one workspace.
type Store struct {
	w      *workspace.Workspace // nil for a read-only peek
	info   workspace.Info
	read   reader
	agent  string
	runner bool
	now    func() time.Time
}

// reader is the database read pool, or a read-only connection for a peek.
type reader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open returns the schedule of w.
func Open(w *workspace.Workspace, o Options) *Store {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Store{w: w, info: w.Info(), read: w.DB().Read(), agent: staff.Clean(o.Agent), runner: o.Runner, now: o.Now}
}

// Workspace is the workspace this schedule belongs to (nil for a peek).
func (s *Store) Workspace() *workspace.Workspace { return s.w }

// Info is the workspace's identity.
func (s *Store) Info() workspace.Info { return s.info }

// Loc is the workspace's zone, in which hours, days and the agenda are read.
func (s *Store) Loc() *time.Location { return s.info.Location() }

var errReadOnly = errors.New("this schedule was opened read-only (my week); open the workspace to change it")

// ErrNotFound is returned for an id that names nothing in this workspace.
var ErrNotFound = errors.New("not found in this workspace")

// actor is the journal's actor for a change made through this Store: journal.As in ctx
// when set (the demo's seed), the runner for the runner's store, else the agent's staff
// id (journal.Unnamed while no name is set), as every store signs.
func (s *Store) actor(ctx context.Context, tx *sql.Tx) (string, error) {
	if a, ok := journal.ActorOf(ctx); ok {
		return a, nil
	}
	if s.runner {
		return journal.Runner, nil
	}
	return staff.Actor(ctx, tx, s.agent, s.now())
}

// by is the name recorded as created_by.
func (s *Store) by() string {
	switch {
	case s.runner:
		return journal.Runner
	case s.agent == "":
		return journal.Unnamed
	}
	return s.agent
}

func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx, actor string) error) error {
	if s.w == nil {
		return errReadOnly
	}
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		actor, err := s.actor(ctx, tx)
		if err != nil {
			return err
		}
		return fn(tx, actor)
	})
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMs(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
