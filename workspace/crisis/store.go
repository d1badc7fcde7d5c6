package crisis

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
)

// Options configure a Store.
type Options struct {
	// Agent is "my name" on this machine (workspace.Config.AgentName); "" signs as "unnamed".
	Agent string
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Store is the crisis manual and incidents of one workspace.
type Store struct {
	w      *workspace.Workspace
	inbox  *inbox.Store
	outbox *outbox.Store // the statements an incident sends
	now    func() time.Time
}

// NewStore returns w's crisis store.
func NewStore(w *workspace.Workspace, o Options) *Store {
	if o.Now == nil {
		o.Now = time.Now
	}
	io := inboxcore.Options{Agent: o.Agent, Now: o.Now}
	return &Store{w: w, inbox: inbox.NewStore(w, io), outbox: outbox.New(w, io), now: o.Now}
}

// cliStore is the store as the agent named in the machine's config.
func cliStore(w *workspace.Workspace) *Store {
	agent := ""
	if root, err := workspace.OpenRoot(filepath.Dir(w.Info().Dir)); err == nil {
		if cfg, err := root.Config(); err == nil {
			agent = cfg.AgentName
		}
	}
	return NewStore(w, Options{Agent: agent})
}

// Inbox is the workspace's Inbox as the same agent.
func (s *Store) Inbox() *inbox.Store { return s.inbox }

// Workspace is the store's workspace.
func (s *Store) Workspace() *workspace.Workspace { return s.w }

// actor is the journal actor for the person at this machine, by the one rule every store
// signs with (package staff: their staff id, added with their first change, or "unnamed");
// journal.As in ctx overrides it, as for the demo's seed.
func (s *Store) actor(ctx context.Context) (string, error) {
	if a, ok := journal.ActorOf(ctx); ok {
		return a, nil
	}
	var a string
	err := s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = staff.Actor(ctx, tx, s.inbox.Agent(), s.now())
		return err
	})
	return a, err
}

// ActorNames maps journal actors (staff global ids) to names, for timelines and reports.
func (s *Store) ActorNames(ctx context.Context) (map[string]string, error) {
	rows, err := s.w.DB().Read().QueryContext(ctx, "SELECT gid, name FROM staff WHERE gid <> ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]string{"runner": "Switchboard (scheduled)", "sync": "Mail sync", "system": "Switchboard"}
	for rows.Next() {
		var gid, name string
		if err := rows.Scan(&gid, &name); err != nil {
			return nil, err
		}
		names[gid] = name
	}
	return names, rows.Err()
}

// ErrNotFound: no such playbook or incident in this workspace.
var ErrNotFound = errors.New("not found in this workspace")

// ReviewDaysSetting is the workspace setting holding how many days after its last edit a
// playbook turns "needs review" (as FAQ entries do).
const ReviewDaysSetting = "crisis.review_days"

// DefaultReviewDays applies when ReviewDaysSetting was never set: a crisis manual goes
// stale more slowly than an FAQ, but nobody should open a two-year-old one in a crisis.
const DefaultReviewDays = 180

func (s *Store) reviewDays(ctx context.Context) int {
	v, ok, err := s.w.Setting(ctx, ReviewDaysSetting)
	if err != nil || !ok {
		return DefaultReviewDays
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return DefaultReviewDays
	}
	return n
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMs(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

type rowScanner interface{ Scan(...any) error }

func isNotFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }
