package imapsync

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"switchboard/accounts/imapsync/corpus"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

const user = "support@nordlys.example"

// fixture is a Dovecot with one user and a workspace with an account for it.
type fixture struct {
	t    *testing.T
	d    *mailtest.Dovecot
	w    *workspace.Workspace
	acct mail.Account
	pw   string
	logs *syncLog
}

type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.buf, format+"\n", args...)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	pw := "s3cret-Pässword-7f3a"
	d := mailtest.StartDovecot(t, mailtest.WithUser(user, pw))
	f := &fixture{t: t, d: d, w: newWorkspace(t), pw: pw, logs: &syncLog{}}
	f.acct = f.addAccount(d.Addr())
	return f
}

func (f *fixture) addAccount(imapAddr string) mail.Account {
	f.t.Helper()
	ep, err := mail.ParseEndpoint(imapAddr, mail.Plain)
	if err != nil {
		f.t.Fatal(err)
	}
	a, err := mail.Open(f.w).AddAccount(context.Background(), mail.Account{Email: user, DisplayName: "Nordlys Coffee",
		IMAP: ep, SMTP: mail.Endpoint{Host: "127.0.0.1", Port: 2525, Security: mail.Plain}})
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

func (f *fixture) syncer(opts ...func(*Options)) *Syncer {
	o := Options{Passwords: keyringtest.NewStatic().With(f.w.ID(), f.acct.ID, f.pw), Logf: f.logs.logf,
		Conn: mailconn.Options{Deadline: 5 * time.Second}, FetchBatch: 64}
	for _, fn := range opts {
		fn(&o)
	}
	return New(f.w, f.acct, o)
}

func (f *fixture) once(opts ...func(*Options)) Summary {
	f.t.Helper()
	sum, err := f.syncer(opts...).Once(context.Background())
	if err != nil {
		f.t.Fatalf("sync: %v\n%s", err, f.logs)
	}
	return sum
}

// load writes the corpus into Dovecot: received mail in INBOX, ours in Sent, and a few
// of ours also in INBOX (a copy to self), which must be stored once.
func (f *fixture) load(mails []corpus.Mail) {
	f.t.Helper()
	var inbox, sent [][]byte
	var inboxDates, sentDates []time.Time
	for i, m := range mails {
		if m.Outbound {
			sent, sentDates = append(sent, m.Raw), append(sentDates, m.Date)
			if i%5 == 0 {
				inbox, inboxDates = append(inbox, m.Raw), append(inboxDates, m.Date)
			}
			continue
		}
		inbox, inboxDates = append(inbox, m.Raw), append(inboxDates, m.Date)
	}
	if err := f.d.WriteMaildir(user, "INBOX", inbox, inboxDates); err != nil {
		f.t.Fatal(err)
	}
	if err := f.d.WriteMaildir(user, "Sent", sent, sentDates); err != nil {
		f.t.Fatal(err)
	}
}

func TestSyncCorpusEndToEnd(t *testing.T) {
	f := newFixture(t)
	mails := corpus.All(300, 7)
	f.load(mails)
	var progress []Progress
	sum := f.once(func(o *Options) { o.Progress = func(p Progress) { progress = append(progress, p) } })
	if sum.New != len(mails) {
		t.Errorf("first pass: %+v, want %d new", sum, len(mails))
	}
	checkCorpus(t, f.w, mails)
	if len(progress) == 0 || progress[len(progress)-1].Done != progress[len(progress)-1].Total {
		t.Errorf("progress reports %v, want a last report with done = total", progress)
	}

	// The HTML-only mail is stored as text without its script or image.
	var body string
	f.w.DB().Read().QueryRow("SELECT body FROM messages WHERE html_only LIMIT 1").Scan(&body)
	if body == "" || strings.Contains(body, "alert(") || strings.Contains(body, "tracker.example") {
		t.Errorf("HTML-only body stored as %q", body)
	}

	// Outbound mail has the customer as contact; INBOX copies of our own mail are one message.
	st := stats(t, f.w)
	for _, fl := range st.Folders {
		if fl.Role == mail.RoleSent && fl.Messages == 0 {
			t.Errorf("Sent folder %q holds no mail", fl.Name)
		}
	}

	again := f.once()
	if again.New != 0 || again.Skipped != again.Folders || again.FlagsUpdated != 0 {
		t.Errorf("pass over an unchanged mailbox: %+v, want every folder skipped", again)
	}
}

// serverFlags reads the flags of every message of a folder straight from Dovecot.
func serverFlags(t *testing.T, d *mailtest.Dovecot, folder string) map[imap.UID][]imap.Flag {
	t.Helper()
	c, err := d.Login(user)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	out := map[imap.UID][]imap.Flag{}
	for _, m := range msgs {
		out[m.UID] = m.Flags
	}
	return out
}

func hasFlag(list []imap.Flag, f imap.Flag) bool {
	for _, x := range list {
		if x == f {
			return true
		}
	}
	return false
}

func TestSyncIncremental(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	mails := corpus.All(60, 3)
	f.load(mails)
	f.once()
	store := mail.Open(f.w)

	// The Inbox has worked on a conversation of our own mail: it must survive everything below.
	var sentMsg corpus.Mail
	for _, m := range mails {
		if m.Outbound {
			sentMsg = m
			break
		}
	}
	var convID int64
	f.w.DB().Read().QueryRow("SELECT conversation_id FROM messages WHERE message_key = ?", sentMsg.MessageID).Scan(&convID)
	if err := f.w.DB().Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec("UPDATE conversations SET status = 'waiting' WHERE id = ?", convID)
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// New mail.
	fresh := mailtest.Message{From: "Nils Nyström <nils@customer.example>", To: user, Subject: "Ny beställning", Body: "Hej, jag vill beställa mer kaffe.", Date: time.Now()}.Bytes()
	if _, err := f.d.Deliver(user, "INBOX", fresh, time.Now()); err != nil {
		t.Fatal(err)
	}
	if sum := f.once(); sum.New != 1 {
		t.Errorf("after one delivery: %+v, want 1 new", sum)
	}
	if hits, _ := store.Search(ctx, "bestalla", 10); len(hits) != 1 {
		t.Errorf("new mail not searchable: %v", hits)
	}

	// Flags changed on the server arrive here; flags changed here reach the server.
	c, err := f.d.Login(user)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(1, 2), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if sum := f.once(); sum.FlagsUpdated != 2 {
		t.Errorf("after marking 2 read on the server: %+v, want 2 flag updates", sum)
	}
	inboxID := folderID(t, f, "INBOX")
	local, _ := store.LocalFlags(ctx, inboxID)
	if local[1]&mail.Seen == 0 || local[2]&mail.Seen == 0 {
		t.Errorf("local flags after server change: %v", local)
	}
	var msg3 int64
	f.w.DB().Read().QueryRow("SELECT message_id FROM message_locations WHERE folder_id = ? AND uid = 3", inboxID).Scan(&msg3)
	if err := store.SetFlag(ctx, msg3, mail.Flagged, true); err != nil {
		t.Fatal(err)
	}
	if err := store.SetFlag(ctx, msg3, mail.Answered, true); err != nil {
		t.Fatal(err)
	}
	if err := store.SetFlag(ctx, mustMsg(t, f, inboxID, 1), mail.Seen, false); err != nil {
		t.Fatal(err)
	}
	if sum := f.once(); sum.FlagsPushed != 3 {
		t.Errorf("after 3 local flag changes: %+v, want 3 written back", sum)
	}
	flags := serverFlags(t, f.d, "INBOX")
	if !hasFlag(flags[3], imap.FlagFlagged) || !hasFlag(flags[3], imap.FlagAnswered) || hasFlag(flags[1], imap.FlagSeen) {
		t.Errorf("server flags after write-back: uid 1 %v, uid 3 %v", flags[1], flags[3])
	}
	if local, _ := store.LocalFlags(ctx, inboxID); local[1]&mail.Seen != 0 || local[3]&mail.Flagged == 0 {
		t.Errorf("local flags overwritten by the server's old ones: %v", local)
	}

	// Expunge on the server.
	before := stats(t, f.w).Messages
	if err := c.Store(imap.UIDSetNum(2), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	if sum := f.once(); sum.Expunged != 1 || sum.Removed != 1 {
		t.Errorf("after one expunge: %+v, want 1 expunged and removed", sum)
	}
	if after := stats(t, f.w).Messages; after != before-1 {
		t.Errorf("%d messages after expunge, want %d", after, before-1)
	}

	// UIDVALIDITY change: Sent is deleted and made again with the same mail.
	convsBefore := conversationOf(t, f.w)
	msgsBefore := stats(t, f.w).Messages
	if err := c.Delete("Sent").Wait(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	var sent [][]byte
	var dates []time.Time
	for _, m := range mails {
		if m.Outbound {
			sent, dates = append(sent, m.Raw), append(dates, m.Date)
		}
	}
	if err := f.d.WriteMaildir(user, "Sent", sent, dates); err != nil {
		t.Fatal(err)
	}
	sum := f.once()
	if sum.New != 0 || sum.Existing != len(sent) {
		t.Errorf("after UIDVALIDITY change: %+v, want %d already stored and none new", sum, len(sent))
	}
	if n := stats(t, f.w).Messages; n != msgsBefore {
		t.Errorf("%d messages after UIDVALIDITY change, want %d (no duplicates, nothing lost)", n, msgsBefore)
	}
	for k, c := range conversationOf(t, f.w) {
		if convsBefore[k] != c {
			t.Errorf("message %s moved from conversation %d to %d", k, convsBefore[k], c)
		}
	}
	var status string
	f.w.DB().Read().QueryRow("SELECT status FROM conversations WHERE id = ?", convID).Scan(&status)
	if status != "waiting" {
		t.Errorf("conversation status after resync is %q, want waiting", status)
	}
}

func folderID(t *testing.T, f *fixture, name string) int64 {
	t.Helper()
	var id int64
	if err := f.w.DB().Read().QueryRow("SELECT id FROM folders WHERE account_id = ? AND name = ?", f.acct.ID, name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func mustMsg(t *testing.T, f *fixture, folder int64, uid int) int64 {
	t.Helper()
	var id int64
	if err := f.w.DB().Read().QueryRow("SELECT message_id FROM message_locations WHERE folder_id = ? AND uid = ?", folder, uid).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// assertNoPassword greps the database files and the logs for the password.
func assertNoPassword(t *testing.T, f *fixture, extra ...string) {
	t.Helper()
	dir := filepath.Dir(f.w.DB().Path())
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if bytes.Contains(b, []byte(f.pw)) {
			t.Errorf("the password is in %s", p)
		}
	}
	for _, s := range append(extra, f.logs.String()) {
		if strings.Contains(s, f.pw) {
			t.Errorf("the password is in %q", s)
		}
	}
}

// A folder deleted on the server makes the pass LIST again and carry on with the rest,
// instead of failing or skipping it silently forever.
func TestSyncFolderGoneOnServer(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.load(corpus.All(20, 9))
	acme := mailtest.Message{From: "Ana <ana@acme.example>", To: user, Subject: "Acme order", Body: "Our order of 40 kg.", Date: time.Now()}.Bytes()
	if _, err := f.d.Deliver(user, "Clients/Acme", acme, time.Now()); err != nil {
		t.Fatal(err)
	}
	f.once() // INBOX and Sent become known
	if _, err := mail.Open(f.w).EnsureFolder(ctx, f.acct.ID, "Clients/Acme", mail.RoleOther); err != nil {
		t.Fatal(err)
	}
	if sum := f.once(); sum.New != 1 || sum.Folders != 3 {
		t.Fatalf("after choosing Clients/Acme: %+v, want its 1 message new", sum)
	}

	c, err := f.d.Login(user)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Delete("Clients/Acme").Wait(); err != nil {
		t.Fatal(err)
	}
	c.Close()
	fresh := mailtest.Message{From: "Nils <nils@customer.example>", To: user, Subject: "Leverans", Body: "Var är mitt paket?", Date: time.Now()}.Bytes()
	if _, err := f.d.Deliver(user, "INBOX", fresh, time.Now()); err != nil {
		t.Fatal(err)
	}
	if sum := f.once(); sum.New != 1 {
		t.Errorf("after deleting Clients/Acme on the server and one delivery: %+v, want 1 new", sum)
	}
	if !strings.Contains(f.logs.String(), "Clients/Acme no longer exists") {
		t.Errorf("the log does not say the folder is gone:\n%s", f.logs)
	}
}
