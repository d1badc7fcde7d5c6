package runner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/demotest"
	"switchboard/accounts/runner"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
)

// The demo workspace has an account but no network: the runner syncs nothing and its
// Send stores the reply locally.
func TestDemoRunsOffline(t *testing.T) {
	ctx := context.Background()
	_, w := demotest.Open(t)

	host := runner.NewHost(runner.Options{Every: time.Hour, Logf: t.Logf})
	stop := host.Start(ctx, w, func() {})
	defer stop()
	r := host.Runner(w.ID())
	if r == nil || !r.Offline() {
		t.Fatal("the demo's runner is not offline")
	}
	store := inbox.NewStore(w, inboxcore.Options{Agent: "Anna"})
	out := outbox.New(w, inboxcore.Options{Agent: "Anna"})
	it, err := out.Queue(ctx, outbox.Reply{ConversationID: firstConversation(t, store), Body: "On its way."})
	if err != nil {
		t.Fatal(err)
	}
	if err := host.SendNow(ctx, store); err != nil {
		t.Fatal(err)
	}
	if it, err = out.Item(ctx, it.ID); err != nil || it.State != outbox.Sent {
		t.Fatalf("reply %+v, %v: want sent", it, err)
	}
	for _, g := range busy() {
		if strings.Contains(g, "switchboard/accounts/imapsync.") {
			t.Fatalf("a sync worker runs for the demo:\n%s", g)
		}
	}
}
