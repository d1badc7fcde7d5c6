package inbox

import (
	"context"
	"switchboard/workspace/inbox/inboxtest"
	"testing"
	"time"
)

func TestCustomerReplyReopens(t *testing.T) {
	ctx := context.Background()
	for _, from := range []Status{Waiting, Snoozed, Resolved} {
		t.Run(string(from), func(t *testing.T) {
			s, c := newStore(t)
			conv, first := inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Beställning", "Hej!", c.t, "")
			c.advance(time.Hour)
			var err error
			switch from {
			case Snoozed:
				err = s.Snooze(ctx, conv, c.t.Add(48*time.Hour))
			case Resolved:
				err = s.Resolve(ctx, conv, 72*time.Hour)
			default:
				err = s.SetStatus(ctx, conv, from)
			}
			if err != nil {
				t.Fatal(err)
			}
			if r := mustRow(t, s, conv); r.Status != from {
				t.Fatalf("status %q, want %q", r.Status, from)
			}
			c.advance(time.Hour)
			inboxtest.Deliver(t, s.w, "Åsa Berg|asa@example.se", "Re: Beställning", "En fråga till", c.t, first)
			r := mustRow(t, s, conv)
			if r.Status != Open || !r.SnoozeUntil.IsZero() || !r.FollowUpAt.IsZero() {
				t.Fatalf("after the customer wrote: %+v", r)
			}
			h, _ := s.History(ctx, conv)
			if last := h[len(h)-1]; last.Actor != "customer" || last.Old != string(from) || last.New != string(Open) {
				t.Fatalf("history %+v", h)
			}
		})
	}
}

func TestOldMailDoesNotReopen(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, first := inboxtest.Deliver(t, s.w, "Jan Novák|jan@example.cz", "Objednávka", "Dobrý den", c.t, "")
	c.advance(24 * time.Hour)
	if err := s.Resolve(ctx, conv, 0); err != nil {
		t.Fatal(err)
	}
	// A message written before the resolution, synced only now.
	inboxtest.Deliver(t, s.w, "Jan Novák|jan@example.cz", "Re: Objednávka", "ještě", inboxtest.T0.Add(time.Hour), first)
	if r := mustRow(t, s, conv); r.Status != Resolved {
		t.Fatalf("status %q: a message older than the resolution reopened it", r.Status)
	}
}

func TestSpamAndAbuseStay(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, first := inboxtest.Deliver(t, s.w, "Spammer|x@spam.example", "WIN", "win", c.t, "")
	c.advance(time.Minute)
	if err := s.SetStatus(ctx, conv, Spam); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Minute)
	inboxtest.Deliver(t, s.w, "Spammer|x@spam.example", "Re: WIN", "win again", c.t, first)
	if r := mustRow(t, s, conv); r.Status != Spam {
		t.Fatalf("status %q", r.Status)
	}
}

func TestTickWakesSnoozedAndFollowUps(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	snoozed, _ := inboxtest.Deliver(t, s.w, "Ольга|olga@example.ru", "Заказ", "Здравствуйте", c.t, "")
	resolved, _ := inboxtest.Deliver(t, s.w, "Pedro|pedro@example.pt", "Encomenda", "Olá", c.t, "")
	if err := s.Snooze(ctx, snoozed, c.t.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(ctx, resolved, 3*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.Snooze(ctx, snoozed, c.t); err == nil {
		t.Error("snoozing until now was accepted")
	}

	c.advance(time.Hour)
	if r, err := s.Tick(ctx, c.t); err != nil || r != (TickResult{}) {
		t.Fatalf("tick too early: %+v %v", r, err)
	}
	c.advance(time.Hour)
	if r, err := s.Tick(ctx, c.t); err != nil || r.Woken != 1 || r.FollowUps != 0 {
		t.Fatalf("tick at snooze end: %+v %v", r, err)
	}
	if r := mustRow(t, s, snoozed); r.Status != Open || !r.SnoozeUntil.IsZero() {
		t.Fatalf("snoozed after wake-up: %+v", r)
	}
	c.advance(3 * 24 * time.Hour)
	if r, err := s.Tick(ctx, c.t); err != nil || r.FollowUps != 1 {
		t.Fatalf("tick at follow-up: %+v %v", r, err)
	}
	r := mustRow(t, s, resolved)
	if r.Status != Open || r.FollowUpDue.IsZero() {
		t.Fatalf("resolved after follow-up: %+v", r)
	}
	page, err := s.List(ctx, Query{View: ViewFollowUp})
	if err != nil || page.Total != 1 || page.Rows[0].ID != resolved {
		t.Fatalf("follow-up view: %+v %v", page, err)
	}
	if err := s.SetStatus(ctx, resolved, Waiting); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.List(ctx, Query{View: ViewFollowUp}); page.Total != 0 {
		t.Fatal("dealing with a follow-up did not clear it")
	}
	h, _ := s.History(ctx, resolved)
	if len(h) != 3 || h[1].Actor != "system" || h[0].Actor != "Anna" {
		t.Fatalf("history %+v", h)
	}
}

func TestFollowUpCancelledByCustomer(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, first := inboxtest.Deliver(t, s.w, "Ana|ana@example.es", "Pedido", "Hola", c.t, "")
	if err := s.Resolve(ctx, conv, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	inboxtest.Deliver(t, s.w, "Ana|ana@example.es", "Re: Pedido", "Gracias", c.t, first)
	c.advance(48 * time.Hour)
	if r, _ := s.Tick(ctx, c.t); r.FollowUps != 0 {
		t.Fatal("a follow-up fired although the customer had written")
	}
}

func TestSetStatusChecks(t *testing.T) {
	ctx := context.Background()
	s, c := newStore(t)
	conv, _ := inboxtest.Deliver(t, s.w, "A|a@example.com", "Hi", "hi", c.t, "")
	if err := s.SetStatus(ctx, conv, "closed"); err == nil {
		t.Error("unknown status accepted")
	}
	if err := s.SetStatus(ctx, conv, Snoozed); err == nil {
		t.Error("snooze without a time accepted")
	}
	if err := s.SetStatus(ctx, 9999, Open); err == nil {
		t.Error("unknown conversation accepted")
	}
	if st, err := ParseStatus("Waiting on customer"); err != nil || st != Waiting {
		t.Errorf("ParseStatus: %q %v", st, err)
	}
}
