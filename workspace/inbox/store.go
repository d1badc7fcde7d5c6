package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
	"switchboard/workspace/sqlitedb"
	"switchboard/workspace/staff"
)

// Options configure a Store.
type Options struct {
	// Agent is the person at this machine (workspace.Config.AgentName): the actor of every
	// change and the "me" of ViewMine. Empty shows as "Me" (notes, the assign list) but
	// signs the journal as journal.Unnamed: no staff row is made up for nobody.
	Agent string
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
	// OverdueBefore, when set, is the Overdue cutoff at now for the response target: a
	// message waiting since before it is Overdue. The window sets the Schedule's
	// business-hours clock (schedule.OverdueBefore); a func, since schedule imports inbox.
	// Nil counts wall-clock time (now minus the target). A zero time: nothing is overdue.
	OverdueBefore func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error)
}

// Store is the Inbox of one workspace.
type Store struct {
	w     *workspace.Workspace
	db    *sqlitedb.DB
	agent string
	named bool // Agent was set: changes are signed with the agent's staff id
	now   func() time.Time
	send  sync.Mutex // one SendDue at a time: "submitting" rows belong to a crashed run only

	overdueBefore func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error)
}

// NewStore returns the Inbox of w.
func NewStore(w *workspace.Workspace, o Options) *Store {
	agent := staff.Clean(o.Agent)
	named := agent != ""
	if !named {
		agent = "Me"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Store{w: w, db: w.DB(), agent: agent, named: named, now: o.Now, overdueBefore: o.OverdueBefore}
}

// Agent is the agent's name for replies ({{agent}}): "" while "my name" is not set, so a
// reply is never signed "Me" (a template without a fallback then asks for the name).
func (s *Store) Agent() string {
	if !s.named {
		return ""
	}
	return s.agent
}

// Workspace is the workspace this Inbox belongs to.
func (s *Store) Workspace() *workspace.Workspace { return s.w }

func (s *Store) nowMs() int64 { return s.now().UnixMilli() }

// overdueCutoff is the waiting_since (ms) at or before which an unanswered message is
// Overdue: Options.OverdueBefore's answer, else now minus the target.
func (s *Store) overdueCutoff(ctx context.Context, target time.Duration) (int64, error) {
	if s.overdueBefore == nil {
		return s.nowMs() - target.Milliseconds(), nil
	}
	t, err := s.overdueBefore(ctx, s.now(), target)
	if err != nil || t.IsZero() {
		return 0, err // waiting_since is > 0 for every unanswered message: none is overdue
	}
	return t.UnixMilli(), nil
}

// ErrNotFound: no such conversation, label, staff member, contact or outbox item here.
var ErrNotFound = errors.New("not found in this workspace")

func notFound(what string, id any) error { return fmt.Errorf("%w: %s %v", ErrNotFound, what, id) }

func millis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func toMs(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// actor is who the journal names for a change the agent makes: their staff id (the row
// is added with the first change), or journal.Unnamed while "my name" is not set.
func (s *Store) actor(ctx context.Context, tx *sql.Tx, at time.Time) (string, error) {
	if !s.named {
		return journal.Unnamed, nil
	}
	return staff.Actor(ctx, tx, s.agent, at)
}

// record journals a change the agent makes, inside the transaction that makes it.
func (s *Store) record(ctx context.Context, tx *sql.Tx, at time.Time, object, kind string, data any) error {
	actor, err := s.actor(ctx, tx, at)
	if err != nil {
		return err
	}
	_, err = journal.Write(ctx, tx, at, actor, object, kind, data)
	return err
}

// conversationGID is a conversation's global id; ErrNotFound for an id this workspace
// does not have.
func conversationGID(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var gid string
	err := tx.QueryRowContext(ctx, "SELECT gid FROM conversations WHERE id = ?", id).Scan(&gid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("conversation", id)
	}
	return gid, err
}
