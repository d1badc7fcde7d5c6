package runner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/mailaccount"
	"switchboard/accounts/mailtest"
	"switchboard/workspace/mail"
)

// A refused IMAP password is tried once: neither the worker's reconnects, nor a restart
// of the workers (Settings saving something else), nor switching away and back logs in
// with it again, because a server locks an account after a few failed logins. The
// account's state says what to do; saving the right password resumes sync at once.
func TestRefusedPasswordIsNotTriedAgainUntilItChanges(t *testing.T) {
	e := newEnv(t, time.Hour)
	ctx := context.Background()
	a := e.a
	proxy := mailtest.StartProxy(t, e.imap.Addr()) // counts the LOGIN commands Dovecot gets
	w := e.open(a)
	a.acct.IMAP = endpoint(t, proxy.Addr(), mail.Plain)
	if err := mail.Open(w).UpdateAccount(ctx, a.acct); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if err := e.keys.Set(ctx, a.info.ID, a.acct.ID, "kaffe-2024"); err != nil { // last year's
		t.Fatal(err)
	}

	w, stop := e.start(a)
	want := "the server refused the password for " + a.email + ": enter it again in Settings"
	state := func() string {
		if r := e.host.Runner(a.info.ID); r != nil {
			return r.State(a.acct.ID).Err
		}
		return ""
	}
	waitFor(t, "the refusal in the account's state", func() bool { return strings.Contains(state(), want) })
	if strings.Contains(state(), "kaffe-2024") {
		t.Errorf("the state shows the password: %s", state())
	}
	// Without the fix the worker reconnects after about 1, 2 and 4 s (each refusal takes
	// Dovecot's 2 s failure delay): three more LOGINs in this time.
	time.Sleep(9 * time.Second)
	if err := e.host.Paused(a.info.ID, func() error { return nil }); err != nil { // Settings saved the name
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	stop() // switching away and back
	w.Close()
	w, stop = e.start(a)
	defer func() { stop(); w.Close() }()
	waitFor(t, "the refusal shown again after reopening", func() bool { return strings.Contains(state(), want) })
	time.Sleep(2 * time.Second)
	if n := proxy.Logins(); n != 1 {
		t.Fatalf("%d LOGIN attempts with the refused password, want exactly 1", n)
	}
	t.Logf("LOGIN attempts with the refused password over 12 s, a worker restart and a reopen: %d (%d connections)", proxy.Logins(), proxy.Connections())

	// Settings saves the right password (as accountsvc.Service.Save does).
	err := e.host.Paused(a.info.ID, func() error {
		return mailaccount.SetPassword(ctx, w, e.keys, a.acct.ID, a.password)
	})
	if err != nil {
		t.Fatal(err)
	}
	e.idle(a)
	e.deliver(a, "Order 1044")
	waitFor(t, "mail synced with the new password", func() bool { return len(subjects(t, w)) == 1 })
	if s := state(); s != "" {
		t.Errorf("the account still reports %q after a good pass", s)
	}
	if n := proxy.Logins(); n != 2 {
		t.Errorf("%d LOGIN attempts in all, want 2 (the refused one and the new password)", n)
	}
}
