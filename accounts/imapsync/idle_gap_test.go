package imapsync

import (
	"context"
	"testing"
	"time"

	"switchboard/accounts/mailtest"
)

// Mail that lands after a pass but before IDLE starts is announced to nobody; wait must
// notice it from its own SELECT and return at once, not idle until the next restart.
func TestMailBetweenPassAndIdleIsNotMissed(t *testing.T) {
	f := newFixture(t)
	s := f.syncer(func(o *Options) { o.IdleRestart = time.Hour })
	ctx := context.Background()
	if err := s.connect(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.disconnect()
	if _, err := s.Pass(ctx); err != nil {
		t.Fatal(err)
	}
	raw := mailtest.Message{From: "asa@example.se", To: user, Subject: "Hej, var är min beställning?", Body: "Hej!", Date: time.Now()}.Bytes()
	if _, err := f.d.Deliver(user, "INBOX", raw, time.Now()); err != nil {
		t.Fatal(err)
	}
	waitCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := s.wait(waitCtx); err != nil {
		t.Fatalf("wait did not return for mail delivered before IDLE: %v", err)
	}
	sum, err := s.Pass(ctx)
	if err != nil || sum.New != 1 {
		t.Fatalf("the next pass stored %d new messages (%v), want 1", sum.New, err)
	}
	// And a quiet INBOX does idle: wait only returns when its context ends.
	quiet, cancel2 := context.WithTimeout(ctx, 2*time.Second)
	defer cancel2()
	if err := s.wait(quiet); err == nil {
		t.Fatal("wait returned at once although nothing changed: it would spin")
	}
}
