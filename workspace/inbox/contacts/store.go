package contacts

import (
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/sqlitedb"
)

// Store is the contacts of one workspace.
type Store struct {
	w    *workspace.Workspace
	db   *sqlitedb.DB
	sign inboxcore.Signer
	conv *inbox.Store  // a contact's conversations, the warning's draft
	out  *outbox.Store // where a warning is queued
}

// New returns the contacts of w; o is the agent and clock, as for the other Inbox stores.
func New(w *workspace.Workspace, o inboxcore.Options) *Store {
	return &Store{w: w, db: w.DB(), sign: inboxcore.NewSigner(o), conv: inbox.NewStore(w, o), out: outbox.New(w, o)}
}
