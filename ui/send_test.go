package ui

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"switchboard/accounts/arrivetest"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/accounts/smtpsend"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// The Inbox's Send talks to a mail server that may take minutes to answer; meanwhile
// the window must switch panes as fast as ever. Here the SMTP server stalls behind a
// proxy until the pane switch is done.
func TestSlowSendNeverHoldsUpSwitchingPanes(t *testing.T) {
	ctx := context.Background()
	server := mailtest.StartSMTP(t)
	proxy := mailtest.StartProxy(t, server.Addr())
	host, portText, _ := net.SplitHostPort(proxy.Addr())
	port, _ := strconv.Atoi(portText)

	root, ws := newRoot(t, "Acme Outdoor")
	keys := keyringtest.NewStatic()
	err := root.Update(ctx, ws[0].ID, func(w *workspace.Workspace) error {
		a, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: "help@acme.example",
			IMAP: mail.Endpoint{Host: "127.0.0.1", Port: 1, Security: mail.Plain},
			SMTP: mail.Endpoint{Host: host, Port: port, Security: mail.Plain}})
		if err != nil {
			return err
		}
		keys.With(w.ID(), a.ID, "pw")
		got := arrivetest.Arrive(t, w, mailtest.Message{From: "Åsa <asa@example.se>", To: a.Email, Subject: "Tältet"})
		_, err = outbox.New(w, inboxcore.Options{Agent: "Anna"}).Queue(ctx, outbox.Reply{ConversationID: got.ConversationID, Body: "Hej Åsa!"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	sending := make(chan struct{})
	sendNow := func(ctx context.Context, st *inbox.Store) error {
		close(sending)
		m := smtpsend.New(st.Workspace(), keys, smtpsend.Options{Conn: mailconn.Options{Deadline: time.Minute}})
		_, err := outbox.New(st.Workspace(), inboxcore.Options{}).SendDue(ctx, m)
		return err
	}
	s, rec := startShell(t, root, Options{Pane: "inbox", SendNow: sendNow})
	proxy.Stall()
	store := inbox.NewStore(s.sess.ws, inboxcore.Options{Agent: "Anna"})

	// What "Send" does: the pane's task on the window's worker hands the send over.
	handed := make(chan struct{})
	go func() {
		s.work.do(func() { s.sendNow(ctx, store) })
		close(handed)
	}()
	select {
	case <-handed:
	case <-time.After(10 * time.Second):
		proxy.Resume()
		t.Fatal("Send held the window's worker while the server stalled")
	}
	<-sending

	// The server is still silent; showing another pane loads it at once.
	before := rec.count()
	start := time.Now()
	s.tabs.SelectIndex(len(s.panes) - 1)
	s.work.wait()
	if rec.count() != before+1 || rec.last() != "Acme Outdoor" {
		t.Errorf("the pane shown during the send loaded %d times, last %q", rec.count()-before, rec.last())
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("switching panes during the send took %v", took)
	}
	if got := server.Messages(); len(got) != 0 {
		t.Fatalf("the stalled server already has %d messages: the test proves nothing", len(got))
	}

	proxy.Resume()
	if _, err := server.WaitFor(1, 30*time.Second); err != nil {
		t.Fatalf("the reply never reached the server once it answered: %v", err)
	}
	s.sess.sending.Wait() // the send's own goroutine is done before the test ends
}
