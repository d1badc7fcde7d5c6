package outbox

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/workspacetest"
	"testing"
)

// A conversation id of one workspace is refused in another by name, for reply and
// status, and neither workspace changes.
func TestAnotherWorkspacesConversationIsRefusedByName(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	stores := map[string]*Store{}
	convs := map[string]int64{}
	for _, name := range []string{"Acme", "Beta"} {
		w := workspacetest.Open(t, root, name)
		inboxtest.AddAccount(t, w, "help@"+strings.ToLower(name)+".example")
		stores[name] = New(w, inboxcore.Options{Agent: "Anna"})
		convs[name], _ = inboxtest.Deliver(t, stores[name].w, "Kim|kim@example.com", "Order", "Hello", inboxtest.T0, "")
	}
	acme := inboxtest.Must(t, stores["Acme"].conv.Conversation, convs["Acme"])
	beta := stores["Beta"]
	mailer := func(context.Context, *workspace.Workspace) (Mailer, error) {
		t.Error("a mailer was asked for: the reply got as far as sending")
		return nil, errors.New("no")
	}
	body := t.TempDir() + "/reply.txt"
	if err := os.WriteFile(body, []byte("Your order ships today."), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--conversation", acme.GID, "resolved"},
		{"--conversation", "1", "resolved"},
	} {
		var out, errOut bytes.Buffer
		err := inbox.RunStatusCLI(ctx, beta.w, args, nil, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "not") {
			t.Fatalf("status %v in Beta: %v", args, err)
		}
		if args[1] == acme.GID && !strings.Contains(err.Error(), `belongs to workspace "Acme", not "Beta"`) {
			t.Fatalf("status: %v; want it to name both workspaces", err)
		}
	}
	var out, errOut bytes.Buffer
	err := ReplyCLI(mailer)(ctx, beta.w, []string{"--conversation", acme.GID, "--body-file", body}, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), `belongs to workspace "Acme", not "Beta"`) {
		t.Fatalf("reply in Beta with Acme's conversation: %v", err)
	}
	for name, s := range stores {
		if r := inboxtest.Must(t, s.conv.Conversation, convs[name]); r.Status != inbox.New {
			t.Fatalf("%s's conversation is %s", name, r.Status)
		}
		if n := inboxtest.Count(t, s.w, "SELECT count(*) FROM outbox"); n != 0 {
			t.Fatalf("%s's outbox has %d replies", name, n)
		}
		if n := inboxtest.Count(t, s.w, "SELECT count(*) FROM journal WHERE kind NOT LIKE 'account.%'"); n != 0 {
			t.Fatalf("%s's journal has %d entries", name, n)
		}
	}
	// The right workspace takes its own id.
	if err := inbox.RunStatusCLI(ctx, stores["Acme"].w, []string{"--conversation", acme.GID, "resolved"}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if r := inboxtest.Must(t, stores["Acme"].conv.Conversation, convs["Acme"]); r.Status != inbox.Resolved {
		t.Fatalf("Acme's conversation is %s after status in Acme", r.Status)
	}
}

// An outbox item's id of another workspace is refused by name too.
func TestAnotherWorkspacesOutboxItemIsRefusedByName(t *testing.T) {
	ctx := context.Background()
	root := workspacetest.Root(t)
	acme, beta := workspacetest.Open(t, root, "Acme"), workspacetest.Open(t, root, "Beta")
	inboxtest.AddAccount(t, acme, "help@acme.example")
	s := New(acme, inboxcore.Options{Agent: "Anna"})
	conv, _ := inboxtest.Deliver(t, s.w, "Kim|kim@example.com", "Order", "Hello", inboxtest.T0, "")
	it, err := s.Queue(ctx, Reply{ConversationID: conv, Body: "On its way."})
	if err != nil {
		t.Fatal(err)
	}
	if id, err := s.ItemID(ctx, it.GID); err != nil || id != it.ID {
		t.Fatalf("own item: %d, %v", id, err)
	}
	_, err = New(beta, inboxcore.Options{}).ItemID(ctx, it.GID)
	if !errors.Is(err, inboxcore.ErrNotFound) || !strings.Contains(err.Error(), `belongs to workspace "Acme", not "Beta"`) {
		t.Fatalf("Acme's item in Beta: %v", err)
	}
}
