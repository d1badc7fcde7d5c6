package runner_test

import (
	"context"
	"testing"
	"time"

	"switchboard/accounts/demotest"
	"switchboard/accounts/runner"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
)

// The window only reads; snoozes coming due are the runner's: its first round, as the
// workspace opens, wakes them and journals it as the runner's doing.
func TestRunnerWakesSnoozedConversationsAsItStarts(t *testing.T) {
	ctx := context.Background()
	_, w := demotest.Open(t)
	store := inbox.NewStore(w, inboxcore.Options{Agent: "Anna"})
	id := firstConversation(t, store)
	if err := store.Snooze(ctx, id, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	ticked := make(chan inbox.TickResult, 1)
	later := func() time.Time { return time.Now().Add(2 * time.Hour) }
	r := runner.New(w, runner.Options{Every: time.Hour, Now: later, Logf: t.Logf}, func(e runner.Event) {
		if e.Tick != nil {
			ticked <- *e.Tick
		}
	})
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); r.Run(runCtx) }()
	defer func() { stop(); <-done }()
	select {
	case res := <-ticked:
		if res.Woken < 1 {
			t.Fatalf("tick %+v: the snoozed conversation stayed asleep", res)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the runner's first round woke nothing")
	}
	row, err := store.Conversation(ctx, id)
	if err != nil || row.Status != inbox.Open {
		t.Fatalf("conversation %+v, %v: want Open", row, err)
	}
	entries, err := journal.List(ctx, w.DB().Read(), journal.Filter{Object: row.GID, Actor: journal.Runner})
	if err != nil || len(entries) != 1 || entries[0].Kind != "conversation.status" {
		t.Fatalf("runner's journal entries %+v, %v: want one status change", entries, err)
	}
}
