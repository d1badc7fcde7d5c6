package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/sqlitedb"
)

// Options configure a Store.
type Options struct {
	// Agent is the person at this machine (workspace.Config.AgentName): the actor of every
	// change and the "me" of ViewMine. Empty means "Me".
	Agent string
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
}

// Store is the Inbox of one workspace.
type Store struct {
	w     *workspace.Workspace
	db    *sqlitedb.DB
	agent string
	now   func() time.Time
	send  sync.Mutex // one SendDue at a time: "submitting" rows belong to a crashed run only
}

// NewStore returns the Inbox of w.
func NewStore(w *workspace.Workspace, o Options) *Store {
	agent := strings.Join(strings.Fields(o.Agent), " ")
	if agent == "" {
		agent = "Me"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Store{w: w, db: w.DB(), agent: agent, now: o.Now}
}

// Agent is the name changes are recorded under.
func (s *Store) Agent() string { return s.agent }

// Workspace is the workspace this Inbox belongs to.
func (s *Store) Workspace() *workspace.Workspace { return s.w }

func (s *Store) nowMs() int64 { return s.now().UnixMilli() }

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

// conversationExists fails with ErrNotFound for an id this workspace does not have.
func conversationExists(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM conversations WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound("conversation", id)
	}
	return nil
}

func addHistory(ctx context.Context, tx *sql.Tx, conv, at int64, actor, kind, old, new string) error {
	if old == new {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO history (conversation_id, at, actor, kind, old_value, new_value)
		VALUES (?, ?, ?, ?, ?, ?)`, conv, at, actor, kind, old, new)
	return err
}
