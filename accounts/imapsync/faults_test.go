package imapsync

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/imapsync/corpus"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// proxied points the fixture's account at a proxy in front of Dovecot.
func proxied(t *testing.T) (*fixture, *mailtest.Proxy) {
	f := newFixture(t)
	p := mailtest.StartProxy(t, f.d.Addr())
	ep, _ := mail.ParseEndpoint(p.Addr(), mail.Plain)
	f.acct.IMAP = ep
	if err := mail.Open(f.w).UpdateAccount(context.Background(), f.acct); err != nil {
		t.Fatal(err)
	}
	return f, p
}

func TestSyncResumesAfterCutMidFetch(t *testing.T) {
	f, p := proxied(t)
	mails := corpus.All(200, 11)
	f.load(mails)
	p.CutAfter(150_000) // well inside the first FETCH's bodies
	_, err := f.syncer().Once(context.Background())
	if err == nil {
		t.Fatal("a sync whose connection was cut reported success")
	}
	// The cause, not the cancellation of the pipeline that the cause set off.
	if errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("a cut connection was reported as %q", err)
	}
	if stored := folderError(t, f.w); strings.Contains(stored, "context canceled") || stored == "" {
		t.Fatalf("the folder's stored error is %q", stored)
	}
	p.CutAfter(-1)
	f.once()
	checkCorpus(t, f.w, mails)
	assertNoPassword(t, f, err.Error())
}

// A link that drops more often than a FETCH batch takes: every run keeps what arrived
// whole and moves the cursor past it, so the runs move forward instead of refetching the
// batch from its start forever, and the mailbox arrives once, complete.
func TestEveryCutRunMovesForward(t *testing.T) {
	f, p := proxied(t)
	mails := corpus.All(200, 17)
	f.load(mails)
	p.CutAfter(60_000) // each connection: login, then well under one batch of bodies
	stored, runs := 0, 0
	for ; runs < 60; runs++ {
		_, err := f.syncer().Once(context.Background())
		now := stats(t, f.w).Messages
		if err == nil {
			break
		}
		if now <= stored {
			t.Fatalf("run %d was cut (%v) and stored nothing new: %d messages before and after", runs+1, err, stored)
		}
		stored = now
	}
	if runs == 60 {
		t.Fatalf("not done after %d cut runs (%d stored)", runs, stored)
	}
	t.Logf("%d cut runs before the one that finished", runs)
	checkCorpus(t, f.w, mails)
}

func TestSyncWrongPassword(t *testing.T) {
	f := newFixture(t)
	wrong := "not-" + f.pw
	_, err := f.syncer(func(o *Options) { o.Passwords = keyringtest.NewStatic().With(f.w.ID(), f.acct.ID, wrong) }).Once(context.Background())
	if mailconn.StageOf(err) != mailconn.StageAuth {
		t.Fatalf("wrong password gave %v, want an authentication failure", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("the error shows the password: %v", err)
	}
}

func TestSyncDeadlineOnStalledServer(t *testing.T) {
	f, p := proxied(t)
	f.load(corpus.All(20, 5))
	f.once()
	p.Stall()
	defer p.Resume()
	start := time.Now()
	_, err := f.syncer(func(o *Options) { o.Conn.Deadline = time.Second }).Once(context.Background())
	if !errors.Is(err, mailconn.ErrStalled) {
		t.Fatalf("sync against a silent server gave %v, want ErrStalled", err)
	}
	if strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("a stall was reported as %q", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the deadline fired after %v", d)
	}
}

// A server that goes silent in the middle of a FETCH body: the deadline ends the wait and
// the error says the server stopped answering, not "context canceled"; the next run
// finishes the job.
func TestSyncStalledMidFetchNamesTheStall(t *testing.T) {
	f, p := proxied(t)
	mails := corpus.All(200, 13)
	f.load(mails)
	p.StallAfter(40_000)
	_, err := f.syncer(func(o *Options) { o.Conn.Deadline = time.Second }).Once(context.Background())
	p.Resume()
	if !errors.Is(err, mailconn.ErrStalled) || strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("a stall mid-FETCH gave %v, want ErrStalled", err)
	}
	if stored := folderError(t, f.w); !strings.Contains(stored, "stopped answering") {
		t.Fatalf("the folder's stored error is %q", stored)
	}
	f.once()
	checkCorpus(t, f.w, mails)
}

func TestRunSurvivesDovecotRestartDuringIdle(t *testing.T) {
	f := newFixture(t)
	mails := corpus.All(30, 9)
	f.load(mails)
	ctx, cancel := context.WithCancel(context.Background())
	passes := make(chan Summary, 16)
	done := make(chan error, 1)
	go func() {
		done <- f.syncer().Run(ctx, func(e Event) {
			if e.Summary != nil {
				passes <- *e.Summary
			}
		})
	}()
	select {
	case sum := <-passes:
		t.Logf("first pass: %v", sum)
	case <-time.After(30 * time.Second):
		t.Fatal("no first pass")
	}
	time.Sleep(300 * time.Millisecond) // let it enter IDLE
	want := len(mails) + 1             // the corpus once, and the mail delivered after the restart
	if err := f.d.Restart(); err != nil {
		t.Fatal(err)
	}
	fresh := mailtest.Message{From: "Olga <olga@customer.example>", To: user, Subject: "Снова я", Body: "Кофе так и не пришёл.", Date: time.Now()}.Bytes()
	if _, err := f.d.Deliver(user, "INBOX", fresh, time.Now()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for stats(t, f.w).Messages < want && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	<-done
	if got := stats(t, f.w).Messages; got != want {
		t.Fatalf("%d messages after restart and delivery, want %d\n%s", got, want, f.logs)
	}
	if n := len(conversationOf(t, f.w)); n != want {
		t.Fatalf("%d distinct messages, want %d", n, want)
	}
}

// folderError is the last error stored on any folder.
func folderError(t *testing.T, w *workspace.Workspace) string {
	t.Helper()
	var e string
	err := w.DB().Read().QueryRow("SELECT coalesce(max(last_error), '') FROM folders").Scan(&e)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
