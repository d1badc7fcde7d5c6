package outbox

import (
	"sync"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/sqlitedb"
)

// Store is the outbox of one workspace.
type Store struct {
	w    *workspace.Workspace
	db   *sqlitedb.DB
	sign inboxcore.Signer
	conv *inbox.Store // the conversations replies answer
	send sync.Mutex   // one SendDue at a time: "submitting" rows belong to a crashed run only
}

// New returns the outbox of w; o is the agent and clock, as for the triage store.
func New(w *workspace.Workspace, o inboxcore.Options) *Store {
	return &Store{w: w, db: w.DB(), sign: inboxcore.NewSigner(o), conv: inbox.NewStore(w, o)}
}
