package runner_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/accounts/demotest"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/runner"
	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/schedule"
)

// An injected clock drives the runner: the demo's scheduled reply goes out once when due;
// opened hours after it was due, the runner holds it for review instead.
func TestRunnerSendsDueRepliesOnceAndHoldsMissedOnes(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		late     time.Duration
		wantSent bool
	}{
		{"due now", 30 * time.Second, true},
		{"missed while closed", 3 * time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, w := demotest.Open(t)
			items, err := schedule.Open(w, schedule.Options{}).Items(ctx, schedule.Filter{})
			if err != nil || len(items) != 1 {
				t.Fatalf("demo's scheduled items: %+v %v", items, err)
			}
			now := items[0].Due.Add(tc.late)
			r := runner.New(w, runner.Options{Every: 20 * time.Millisecond, Now: func() time.Time { return now }, Logf: t.Logf}, nil)
			rctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond) // about 15 rounds
			r.Run(rctx)
			cancel()
			sent := 0
			out, _ := outbox.New(w, inboxcore.Options{}).List(ctx, true)
			for _, o := range out {
				if o.State == outbox.Sent {
					sent++
				}
			}
			got, _ := schedule.Open(w, schedule.Options{}).Item(ctx, items[0].ID)
			switch {
			case tc.wantSent && (sent != 1 || got.State != schedule.Sent):
				t.Errorf("sent %d, state %q: want sent once", sent, got.State)
			case !tc.wantSent && (sent != 0 || got.State != schedule.Held):
				t.Errorf("sent %d, state %q: want held for review, nothing sent", sent, got.State)
			}
		})
	}
}

// Two brands with out-of-hours auto-replies write to each other through real Dovecot
// and SMTP servers: each auto-replies once to the other's person, and neither answers the
// other's auto-reply, however many rounds run.
func TestAutoRepliesBetweenTwoWorkspacesDoNotLoop(t *testing.T) {
	e := newEnv(t, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool := x509.NewCertPool()
	pool.AddCert(e.a.smtp.Cert.X509)
	pool.AddCert(e.b.smtp.Cert.X509)

	var wg sync.WaitGroup
	runners := map[*brand]*runner.Runner{}
	ws := map[*brand]*workspace.Workspace{}
	for _, b := range []*brand{e.a, e.b} {
		w := e.open(b)
		defer w.Close()
		ws[b] = w
		closedNow(t, w)
		r := runner.New(w, runner.Options{Passwords: e.keys, Conn: mailconn.Options{Roots: pool, Deadline: 10 * time.Second},
			Every: 150 * time.Millisecond, Logf: t.Logf}, nil)
		runners[b] = r
		wg.Go(func() { r.Run(ctx) })
	}
	defer wg.Wait()
	defer cancel()
	for b, r := range runners {
		waitFor(t, b.name+"'s first pass", func() bool { return !r.State(b.acct.ID).LastPass.IsZero() })
	}
	time.Sleep(300 * time.Millisecond)

	// The SMTP servers deliver into Dovecot, adding Return-Path as a delivery agent does.
	relayed := map[*mailtest.SMTPServer]int{}
	relay := func() {
		for _, s := range []*mailtest.SMTPServer{e.a.smtp, e.b.smtp} {
			msgs := s.Messages()
			for _, m := range msgs[relayed[s]:] {
				for _, rcpt := range m.To {
					raw := append([]byte("Return-Path: <"+m.From+">\r\n"), m.Data...)
					if _, err := e.imap.Deliver(rcpt, "INBOX", raw, time.Now()); err != nil {
						t.Errorf("delivering to %s: %v", rcpt, err)
					}
				}
			}
			relayed[s] = len(msgs)
		}
	}
	person := func(from, to *brand) {
		raw := append([]byte("Return-Path: <"+from.email+">\r\n"),
			mailtest.Message{From: from.name + " <" + from.email + ">", To: to.email, Subject: "Samarbete?", Body: "Hej! Ska vi göra något ihop?"}.Bytes()...)
		if _, err := e.imap.Deliver(to.email, "INBOX", raw, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	person(e.a, e.b)
	person(e.b, e.a)
	deadline := time.Now().Add(30 * time.Second)
	for len(e.a.smtp.Messages()) == 0 || len(e.b.smtp.Messages()) == 0 {
		if time.Now().After(deadline) {
			for b, w := range ws {
				d, _ := schedule.Open(w, schedule.Options{}).AutoReplyDecisions(context.Background(), 10)
				t.Logf("%s: stored %q, decisions %+v", b.name, subjects(t, w), d)
			}
			t.Fatalf("auto-replies sent: A %d, B %d", len(e.a.smtp.Messages()), len(e.b.smtp.Messages()))
		}
		relay()
		time.Sleep(100 * time.Millisecond)
	}
	// Plenty of rounds and syncs for a loop to show.
	for range 40 {
		relay()
		time.Sleep(100 * time.Millisecond)
	}
	for _, b := range []*brand{e.a, e.b} {
		got := b.smtp.Messages()
		if len(got) != 1 {
			t.Fatalf("%s sent %d messages, want one auto-reply", b.name, len(got))
		}
		data := got[0].Data
		for _, h := range []string{"Auto-Submitted: auto-replied", "In-Reply-To: <", "References: <"} {
			if !bytes.Contains(data, []byte(h)) {
				t.Errorf("%s's auto-reply lacks %q:\n%s", b.name, h, data)
			}
		}
		w := ws[b]
		decisions, err := schedule.Open(w, schedule.Options{}).AutoReplyDecisions(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, d := range decisions {
			seen = append(seen, d.Decision)
		}
		if !strings.Contains(strings.Join(seen, "|"), "Auto-Submitted: auto-replied") {
			t.Errorf("%s never saw the other's auto-reply to refuse it: %v", b.name, seen)
		}
	}
}

// closedNow sets hours that are closed right now (only on the day after tomorrow) and
// switches the auto-reply on.
func closedNow(t *testing.T, w *workspace.Workspace) {
	t.Helper()
	ctx := context.Background()
	s := schedule.Open(w, schedule.Options{Agent: "Test"})
	day := time.Now().In(w.Info().Location()).AddDate(0, 0, 2).Weekday()
	h, err := schedule.ParseHours(fmt.Sprintf("%s 09:00-10:00", strings.ToLower(day.String()[:3])))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetHours(ctx, h); err != nil {
		t.Fatal(err)
	}
	on, text := true, "Hej! Vi är stängda och svarar {{next_open}}.\n/{{brand}}"
	if _, err := s.SetAutoReply(ctx, schedule.AutoReplyChange{Enabled: &on, Template: &text}); err != nil {
		t.Fatal(err)
	}
}
