package ui

import (
	"context"

	"switchboard/ui/inboxpane"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// SyncStateOf is what the Inbox and the switcher show of the accounts' sync: svc's List
// without the progress, so Settings and the Inbox never disagree about an account.
func SyncStateOf(svc mail.AccountService) inboxpane.SyncReader {
	return func(ctx context.Context, w *workspace.Workspace) ([]inboxpane.SyncState, error) {
		list, err := svc.List(ctx, w)
		if err != nil {
			return nil, err
		}
		states := make([]inboxpane.SyncState, len(list))
		for i, a := range list {
			states[i] = inboxpane.SyncState{Email: a.Email, LastSync: a.LastSync, Error: a.Error}
		}
		return states, nil
	}
}
