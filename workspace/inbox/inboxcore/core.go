// Package inboxcore holds what the Inbox's three stores share: who signs a change (the
// agent at this machine) and when (the clock), the journal recording helper, the
// not-found error and the refusal of another workspace's ids. The stores are
// workspace/inbox (triage), workspace/inbox/outbox and workspace/inbox/contacts; this
// package imports none of them, so each may use it.
package inboxcore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
)

// Options configure any of the Inbox's stores.
type Options struct {
	// Agent is the person at this machine (workspace.Config.AgentName): the actor of every
	// change and the "me" of ViewMine. Empty shows as "Me" (notes, the assign list) but
	// signs the journal as journal.Unnamed: no staff row is made up for nobody.
	Agent string
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
	// OverdueBefore, read by triage (inbox.Store) only, is the Overdue cutoff at now for
	// the response target: a message waiting since before it is Overdue. The window and
	// the command line set the Schedule's business-hours clock (schedule.OverdueBefore; a
	// func, since schedule imports inbox). Nil counts wall-clock time (now minus the
	// target). A zero time: nothing is overdue.
	OverdueBefore func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error)
}

// Signer is the agent and the clock a store signs its changes with.
type Signer struct {
	name  string
	named bool // Agent was set: changes are signed with the agent's staff id
	now   func() time.Time
}

// NewSigner reads the agent and the clock of o.
func NewSigner(o Options) Signer {
	name := staff.Clean(o.Agent)
	named := name != ""
	if !named {
		name = "Me"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return Signer{name: name, named: named, now: o.Now}
}

// Agent is the agent's name for replies ({{agent}}): "" while "my name" is not set, so a
// reply is never signed "Me" (a template without a fallback then asks for the name).
func (s Signer) Agent() string {
	if !s.named {
		return ""
	}
	return s.name
}

// Name is the agent as notes and the assign list show them: "Me" while "my name" is not set.
func (s Signer) Name() string { return s.name }

// Named tells whether "my name" is set.
func (s Signer) Named() bool { return s.named }

// Now is the store's clock.
func (s Signer) Now() time.Time { return s.now() }

// NowMs is Now in Unix milliseconds, as the database keeps times.
func (s Signer) NowMs() int64 { return s.now().UnixMilli() }

// Actor is who the journal names for a change the agent makes: their staff id (the row
// is added with the first change), or journal.Unnamed while "my name" is not set.
func (s Signer) Actor(ctx context.Context, tx *sql.Tx, at time.Time) (string, error) {
	if !s.named {
		return journal.Unnamed, nil
	}
	return staff.Actor(ctx, tx, s.name, at)
}

// Record journals a change the agent makes, inside the transaction that makes it.
func (s Signer) Record(ctx context.Context, tx *sql.Tx, at time.Time, object, kind string, data any) error {
	actor, err := s.Actor(ctx, tx, at)
	if err != nil {
		return err
	}
	_, err = journal.Write(ctx, tx, at, actor, object, kind, data)
	return err
}

// ErrNotFound: no such conversation, label, staff member, contact or outbox item here.
var ErrNotFound = errors.New("not found in this workspace")

// NotFound is ErrNotFound naming what was looked for.
func NotFound(what string, id any) error { return fmt.Errorf("%w: %s %v", ErrNotFound, what, id) }

// Millis reads a time the database keeps in Unix milliseconds; 0 is the zero time.
func Millis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// ToMs is the database's form of t; the zero time is 0.
func ToMs(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// ConversationGID is a conversation's global id; ErrNotFound for an id this workspace
// does not have.
func ConversationGID(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var gid string
	err := tx.QueryRowContext(ctx, "SELECT gid FROM conversations WHERE id = ?", id).Scan(&gid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", NotFound("conversation", id)
	}
	return gid, err
}

// NotHere refuses a global id w does not have, naming the workspace that has it when it
// is one of this data root's: a reply written for one client's customer must never reach
// another's. table is where such ids live, what names the object, list the command that
// shows the right ids.
func NotHere(ctx context.Context, w *workspace.Workspace, table, what, ref, list string) error {
	here := w.Info().Name
	if _, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return notHereError(fmt.Sprintf("%s %q: a number is not an id (every workspace has a conversation 1); take the id from `switchboard %s --workspace %q`",
			what, ref, list, here))
	}
	if other, ok := w.Elsewhere(ctx, table, ref); ok {
		return notHereError(fmt.Sprintf("%s %s belongs to workspace %q, not %q: nothing was done", what, ref, other.Name, here))
	}
	return notHereError(fmt.Sprintf("%s %q is not in workspace %q (take ids from `switchboard %s --workspace %q`)",
		what, ref, here, list, here))
}

// notHereError is an ErrNotFound that says it all itself.
type notHereError string

func (e notHereError) Error() string { return string(e) }
func (e notHereError) Unwrap() error { return ErrNotFound }
