package inboxdemo

import (
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/inboxtest"
	"switchboard/workspace/inbox/outbox"
)

func TestSeedDemo(t *testing.T) {
	ctx := context.Background()
	w := inboxtest.Workspace(t)
	at := inboxtest.T0
	for _, n := range []string{"Åsa", "Jan", "Olga", "Ana", "Pedro", "Erik", "Maja", "Lars"} {
		inboxtest.Deliver(t, w, n+"|"+strings.ToLower(n)+"@example.com", "Hej från "+n, "text", at, "")
		at = at.Add(time.Minute)
	}
	if err := Seed(ctx, w); err != nil {
		t.Fatal(err)
	}
	s := inbox.NewStore(w, inboxcore.Options{})
	counts, _ := s.Counts(ctx)
	labels, _ := s.Labels(ctx)
	items, _ := outbox.New(w, inboxcore.Options{}).List(ctx, false)
	if len(labels) != 5 || counts.ByStatus[inbox.Snoozed] != 1 || counts.ByStatus[inbox.Waiting] != 1 || counts.ByStatus[inbox.Resolved] != 2 || len(items) != 1 {
		t.Fatalf("counts %+v labels %d outbox %d", counts, len(labels), len(items))
	}
}
