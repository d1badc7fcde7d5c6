package inboxtest

import (
	"context"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/mail"
	"switchboard/workspace/workspacetest"
)

// BigWorkspace is a fresh workspace "Big Brand" whose account help@big.example has n
// messages in its INBOX, message(i) the i-th (its UID is set here, i+1), stored in batches
// of batch as a sync stores them: what the benchmarks over a big workspace start from.
func BigWorkspace(b *testing.B, n, batch int, message func(i int) mail.Incoming) *workspace.Workspace {
	b.Helper()
	ctx := context.Background()
	w := workspacetest.Open(b, workspacetest.Root(b), "Big Brand")
	store := mail.Open(w)
	acct, err := store.AddAccount(ctx, mail.Account{Email: "help@big.example", Username: "help@big.example",
		IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 143, Security: mail.Plain}, SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 25, Security: mail.Plain}})
	if err != nil {
		b.Fatal(err)
	}
	f, err := store.EnsureFolder(ctx, acct.ID, "INBOX", mail.RoleInbox)
	if err != nil {
		b.Fatal(err)
	}
	for start := 0; start < n; start += batch {
		in := make([]mail.Incoming, 0, batch)
		for i := start; i < start+batch; i++ {
			m := message(i)
			m.UID = uint32(i + 1)
			in = append(in, m)
		}
		if _, err := store.Ingest(ctx, f.ID, in, uint32(start+batch+1)); err != nil {
			b.Fatal(err)
		}
	}
	return w
}
