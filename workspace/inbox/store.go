package inbox

import (
	"context"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/sqlitedb"
)

// Store is the triage of one workspace's Inbox: its conversations, views, statuses,
// labels, assignees and notes. The outbox (workspace/inbox/outbox) and the contacts
// (workspace/inbox/contacts) are stores of their own over the same database.
type Store struct {
	w    *workspace.Workspace
	db   *sqlitedb.DB
	sign inboxcore.Signer

	overdueBefore func(ctx context.Context, now time.Time, target time.Duration) (time.Time, error)
}

// NewStore returns the Inbox of w.
func NewStore(w *workspace.Workspace, o inboxcore.Options) *Store {
	return &Store{w: w, db: w.DB(), sign: inboxcore.NewSigner(o), overdueBefore: o.OverdueBefore}
}

// Agent is the agent's name for replies ({{agent}}): "" while "my name" is not set, so a
// reply is never signed "Me" (a template without a fallback then asks for the name).
func (s *Store) Agent() string { return s.sign.Agent() }

// Workspace is the workspace this Inbox belongs to.
func (s *Store) Workspace() *workspace.Workspace { return s.w }

// overdueCutoff is the waiting_since (ms) at or before which an unanswered message is
// Overdue: Options.OverdueBefore's answer, else now minus the target.
func (s *Store) overdueCutoff(ctx context.Context, target time.Duration) (int64, error) {
	if s.overdueBefore == nil {
		return s.sign.NowMs() - target.Milliseconds(), nil
	}
	t, err := s.overdueBefore(ctx, s.sign.Now(), target)
	if err != nil || t.IsZero() {
		return 0, err // waiting_since is > 0 for every unanswered message: none is overdue
	}
	return t.UnixMilli(), nil
}
