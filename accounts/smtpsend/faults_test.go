package smtpsend_test

// The fault suite: the probes of issue 9 kept as tests. A sync and a send run in a child
// process (this test binary, re-executed) that is killed with SIGKILL at random moments;
// then a clean run finishes the job and the suite counts what it survived: messages lost
// and doubled, replies sent twice, and actions in the wrong workspace. TestFaultSuite is the
// small version in `make test`; TestSoak (soak_test.go, `make soak`) the long one.

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/accounts/smtpsend"
	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
	"switchboard/workspace/sqlitedb"
)

func TestMain(m *testing.M) {
	if job := os.Getenv("SB_FAULT_CHILD"); job != "" {
		os.Exit(faultChild(job))
	}
	os.Exit(m.Run())
}

const faultPassword = "Fault-pässword-9"

// faultChild is the process that gets killed: it opens the workspace, says "ready" and
// runs one sync or one send, as `switchboard sync --once` or `outbox --send` would.
func faultChild(job string) int {
	ctx := context.Background()
	root, err := workspace.OpenRoot(os.Getenv("SB_FAULT_DATA"))
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	w, err := root.Open(ctx, os.Getenv("SB_FAULT_WS"))
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	defer w.Close()
	accts, err := mail.Open(w).Accounts(ctx)
	if err != nil || len(accts) != 1 {
		fmt.Println("error: accounts", err)
		return 1
	}
	pw := keyringtest.NewStatic().With(w.ID(), accts[0].ID, faultPassword)
	fmt.Println("ready")
	conn := mailconn.Options{Deadline: 5 * time.Second}
	switch job {
	case "sync":
		_, err = imapsync.New(w, accts[0], imapsync.Options{Passwords: syncPasswords(faultPassword),
			Conn: conn, FetchBatch: 50}).Once(ctx)
	case "send":
		_, err = outbox.New(w, inboxcore.Options{}).SendDue(ctx, smtpsend.New(w, pw, smtpsend.Options{Conn: conn}))
	}
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	fmt.Println("done")
	return 0
}

type syncPasswords string

func (p syncPasswords) Get(context.Context, string, string) (string, error) { return string(p), nil }

// faultRig is two client workspaces, Alfa and Bravo, each with its own mailbox on one
// Dovecot and its own SMTP server; Alfa's IMAP goes through a proxy that can cut, stall
// and throttle.
type faultRig struct {
	t      testing.TB
	root   *workspace.Root
	d      *mailtest.Dovecot
	proxy  *mailtest.Proxy
	smtp   map[string]*mailtest.SMTPServer
	email  map[string]string
	inbox  map[string][]string // Message-IDs delivered to each workspace's mailbox
	rnd    *rand.Rand
	report faultReport
}

// faultReport is what the suite survived.
type faultReport struct {
	Kills, Finished       int // children killed mid-run, and children that finished first
	Lost, Doubled         int // synced messages missing from, or stored twice in, a workspace
	DoubleSends           int // replies the SMTP servers received more than once
	RepliesLost           int // replies neither delivered nor waiting for the user's decision
	Uncertain             int // replies a kill left "maybe delivered" for the user to decide
	WrongWorkspace        int // a message or reply in, or sent from, another client's workspace
	Messages, RepliesSent int
}

func (r faultReport) String() string {
	return fmt.Sprintf("kills %d (and %d runs that finished first), messages %d: lost %d, doubled %d; replies sent %d: double sends %d, lost %d, left uncertain for the user %d; wrong-workspace actions %d",
		r.Kills, r.Finished, r.Messages, r.Lost, r.Doubled, r.RepliesSent, r.DoubleSends, r.RepliesLost, r.Uncertain, r.WrongWorkspace)
}

func newFaultRig(t testing.TB, seed int64) *faultRig {
	r := &faultRig{t: t, smtp: map[string]*mailtest.SMTPServer{}, email: map[string]string{}, inbox: map[string][]string{},
		rnd: rand.New(rand.NewSource(seed))}
	var err error
	if r.root, err = workspace.OpenRoot(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	r.d = mailtest.StartDovecot(t, mailtest.WithUser("help@alfa.example", faultPassword), mailtest.WithUser("help@bravo.example", faultPassword))
	r.proxy = mailtest.StartProxy(t, r.d.Addr())
	for _, name := range []string{"Alfa", "Bravo"} {
		email := "help@" + strings.ToLower(name) + ".example"
		r.email[name] = email
		r.smtp[name] = mailtest.StartSMTP(t, mailtest.WithAuth(email, faultPassword))
		imapAddr := r.d.Addr()
		if name == "Alfa" {
			imapAddr = r.proxy.Addr()
		}
		ctx := context.Background()
		if _, err := r.root.Create(ctx, name, workspace.CreateOptions{TimeZone: "Europe/Stockholm"}); err != nil {
			t.Fatal(err)
		}
		err := r.root.Update(ctx, name, func(w *workspace.Workspace) error {
			_, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: email, DisplayName: name, Username: email,
				IMAP: endpoint(t.(*testing.T), imapAddr, mail.Plain), SMTP: endpoint(t.(*testing.T), r.smtp[name].Addr(), mail.Plain)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// deliver puts n customer messages of a few KB each into the workspace's mailbox.
func (r *faultRig) deliver(name string, n int) {
	var msgs [][]byte
	var dates []time.Time
	at := time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC)
	for i := range n {
		id := fmt.Sprintf("<%s-%d-%d@customer.example>", strings.ToLower(name), len(r.inbox[name]), r.rnd.Int63())
		body := strings.Repeat(fmt.Sprintf("Order %d for %s: where is it? ", i, name), 60+r.rnd.Intn(120))
		raw := fmt.Sprintf("From: Customer %d <c%d@customer.example>\r\nTo: %s\r\nSubject: Order %d\r\nDate: %s\r\nMessage-ID: %s\r\n"+
			"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
			i, i, r.email[name], i, at.Format(time.RFC1123Z), id, body)
		msgs, dates = append(msgs, []byte(raw)), append(dates, at)
		r.inbox[name] = append(r.inbox[name], id)
		at = at.Add(time.Minute)
	}
	if err := r.d.WriteMaildir(r.email[name], "INBOX", msgs, dates); err != nil {
		r.t.Fatal(err)
	}
}

// run starts a child for job in the workspace and, when kill, SIGKILLs it at a random
// moment within maxDelay of its "ready"; it reports whether the kill hit a running child.
func (r *faultRig) run(job, name string, kill bool, maxDelay time.Duration) bool {
	r.t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SB_FAULT_CHILD="+job, "SB_FAULT_DATA="+r.root.Dir(), "SB_FAULT_WS="+name)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	var said []string
	for lines.Scan() {
		said = append(said, lines.Text())
		if lines.Text() == "ready" {
			break
		}
	}
	exited := make(chan []string, 1)
	go func() {
		var rest []string
		for lines.Scan() {
			rest = append(rest, lines.Text())
		}
		exited <- rest
	}()
	if !kill {
		rest := <-exited
		err := cmd.Wait()
		if err != nil && job == "send" || err != nil && !strings.Contains(strings.Join(rest, "\n"), "error:") {
			r.t.Fatalf("%s in %s: %v %v %v", job, name, err, said, rest)
		}
		if err != nil {
			r.t.Logf("%s in %s ended with %v", job, name, rest)
		}
		return false
	}
	select {
	case <-time.After(time.Duration(r.rnd.Int63n(int64(maxDelay)))):
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		cmd.Wait()
		r.report.Kills++
		return true
	case <-exited:
		cmd.Wait()
		r.report.Finished++
		return false
	}
}

// queueReplies writes one reply to each of up to n of the workspace's conversations.
func (r *faultRig) queueReplies(name string, n int) {
	ctx := context.Background()
	err := r.root.Update(ctx, name, func(w *workspace.Workspace) error {
		rows, err := w.DB().Read().QueryContext(ctx, "SELECT DISTINCT conversation_id FROM messages ORDER BY 1 LIMIT ?", n)
		if err != nil {
			return err
		}
		var convs []int64
		for rows.Next() {
			var c int64
			rows.Scan(&c)
			convs = append(convs, c)
		}
		rows.Close()
		s := outbox.New(w, inboxcore.Options{})
		for _, c := range convs {
			if _, err := s.Queue(ctx, outbox.Reply{ConversationID: c, Body: "Hello from " + name + ", about your order."}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

// check counts, after a clean run of everything, what the faults cost.
func (r *faultRig) check() faultReport {
	ctx := context.Background()
	rep := r.report
	ids := map[string]string{} // Message-ID -> workspace it was delivered to
	for name, list := range r.inbox {
		for _, id := range list {
			ids[strings.Trim(id, "<>")] = name
		}
	}
	for _, name := range []string{"Alfa", "Bravo"} {
		err := r.root.Update(ctx, name, func(w *workspace.Workspace) error {
			stored := map[string]int{}
			rows, err := w.DB().Read().QueryContext(ctx, "SELECT message_key FROM messages")
			if err != nil {
				return err
			}
			for rows.Next() {
				var k string
				rows.Scan(&k)
				stored[strings.Trim(k, "<>")]++
			}
			rows.Close()
			var twice int // one message at two UIDs of one folder: fetched and stored again
			err = w.DB().Read().QueryRowContext(ctx, "SELECT count(*) - count(DISTINCT folder_id || '/' || message_id) FROM message_locations").Scan(&twice)
			if err != nil {
				return err
			}
			rep.Doubled += twice
			for k, n := range stored {
				if owner, ok := ids[k]; ok && owner != name {
					rep.WrongWorkspace++
				}
				rep.Doubled += n - 1
			}
			for _, id := range r.inbox[name] {
				rep.Messages++
				if stored[strings.Trim(id, "<>")] == 0 {
					rep.Lost++
				}
			}
			items, err := outbox.New(w, inboxcore.Options{}).List(ctx, true)
			if err != nil {
				return err
			}
			got := map[string]int{}
			for _, m := range r.smtp[name].Messages() {
				if !strings.EqualFold(m.From, r.email[name]) || m.AuthUser != r.email[name] {
					rep.WrongWorkspace++
				}
				got[mimeMessageID(m.Data)]++
			}
			for _, it := range items {
				id := strings.Trim(it.MessageID, "<>")
				n := got[id]
				if n > 1 {
					rep.DoubleSends += n - 1
				}
				switch {
				case n > 0:
					rep.RepliesSent++
				case it.State == outbox.Uncertain:
					rep.Uncertain++
				default:
					rep.RepliesLost++
				}
			}
			return nil
		})
		if err != nil {
			r.t.Fatal(err)
		}
	}
	return rep
}

func mimeMessageID(raw []byte) string {
	for _, line := range strings.Split(string(raw), "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Message-ID") {
			return strings.Trim(strings.TrimSpace(v), "<>")
		}
		if line == "" {
			break
		}
	}
	return ""
}

// faultScenario is the whole probe: kills during first syncs (one workspace on a flaky
// link), a cut, a stall and a server that never answers, kills during sends, then clean
// runs; it returns the counts.
type faultScenario struct {
	messages, replies    int
	syncKills, sendKills int
	maxDelay             time.Duration
	throttle             int64 // Alfa's IMAP link in bytes per second; 0: full speed
	cutEvery             int64 // cut each Alfa IMAP connection after this many bytes; 0: never
	stallAndSilentServer bool
	feed                 int // messages delivered before every other sync kill (and 3 replies before every other send kill)
}

func (s faultScenario) run(t *testing.T, seed int64) faultReport {
	r := newFaultRig(t, seed)
	r.deliver("Alfa", s.messages)
	r.deliver("Bravo", s.messages/2)
	if s.throttle > 0 {
		r.proxy.Throttle(s.throttle)
	}
	if s.cutEvery > 0 {
		r.proxy.CutAfter(s.cutEvery)
	}
	// Count kills that landed in a running child, not attempts: a child that finished
	// first was no test of anything.
	for i := 0; r.report.Kills < s.syncKills && i < 5*s.syncKills; i++ {
		name := []string{"Alfa", "Bravo"}[i%2]
		if s.feed > 0 && i%2 == 0 {
			r.deliver(name, s.feed) // new mail keeps arriving, so every run has work to be killed in
		}
		r.run("sync", name, true, s.maxDelay)
	}
	r.proxy.CutAfter(-1)
	if s.stallAndSilentServer {
		r.deliver("Alfa", 60) // so the stall lands inside a FETCH
		// A stall mid-sync, then a server that accepts but never says a word: both end by
		// the deadline, with the cause named, and nothing is stored twice afterwards.
		r.proxy.StallAfter(20_000)
		go func() { time.Sleep(7 * time.Second); r.proxy.Resume() }()
		r.run("sync", "Alfa", false, 0)
		r.proxy.Resume()
		r.proxy.Stall()
		r.run("sync", "Alfa", false, 0)
		r.proxy.Resume()
	}
	r.proxy.Throttle(0)
	for _, name := range []string{"Alfa", "Bravo"} {
		r.run("sync", name, false, 0)
	}
	r.queueReplies("Alfa", s.replies)
	r.queueReplies("Bravo", s.replies/2)
	for i, before := 0, r.report.Kills; r.report.Kills-before < s.sendKills && i < 5*s.sendKills; i++ {
		name := []string{"Alfa", "Bravo"}[i%2]
		if s.feed > 0 && i%2 == 0 {
			r.queueReplies(name, 3) // new replies keep being written
		}
		r.run("send", name, true, s.maxDelay)
	}
	for _, name := range []string{"Alfa", "Bravo"} {
		r.run("send", name, false, 0)
	}
	return r.check()
}

// The small fault suite of `make test`; `make soak` runs the long one.
func TestFaultSuite(t *testing.T) {
	rep := faultScenario{messages: 120, replies: 12, syncKills: 6, sendKills: 6, maxDelay: 400 * time.Millisecond,
		cutEvery: 90_000, stallAndSilentServer: true, feed: 20}.run(t, 1)
	t.Logf("fault suite: %s", rep)
	fmt.Printf("fault suite: %s\n", rep)
	if rep.Lost+rep.Doubled+rep.DoubleSends+rep.RepliesLost+rep.WrongWorkspace != 0 {
		t.Fatalf("the faults cost something: %s", rep)
	}
}

// A same-size damaged file: 4 KB overwritten mid-file, time restored, so the clean-close
// marker still vouches for it. A sync into it refuses to write, and the other workspace
// syncs on.
func TestSyncIntoADamagedWorkspaceRefuses(t *testing.T) {
	r := newFaultRig(t, 2)
	r.deliver("Alfa", 150)
	r.deliver("Bravo", 20)
	r.run("sync", "Alfa", false, 0)
	info, err := r.root.Find(context.Background(), "Alfa")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(info.Dir, "workspace.db")
	st, _ := os.Stat(path)
	b, _ := os.ReadFile(path)
	// The page of the messages table nearest the middle: noise there is what any listing
	// of the mail meets (a page of an index nobody reads would go unseen until the next
	// full check, which the marker skips).
	ro, err := sqlitedb.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	var page int64
	err = ro.QueryRow("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY abs(pageno - ?) LIMIT 1", len(b)/4096/2).Scan(&page)
	ro.Close()
	if err != nil {
		t.Fatal(err)
	}
	mid := (page - 1) * 4096
	r.rnd.Read(b[mid : mid+4096])
	os.WriteFile(path, b, 0o600)
	os.Chtimes(path, st.ModTime(), st.ModTime())
	r.deliver("Alfa", 10)

	// Something reads over the damage first (as `stats` did in the probe): from then on
	// this process writes nothing, and the sync in it fails.
	ctx := context.Background()
	w, err := r.root.Open(ctx, "Alfa")
	if err != nil {
		t.Fatalf("the marker should have let the damaged file open unchecked: %v", err)
	}
	var n int64
	err = w.DB().Read().QueryRowContext(ctx, "SELECT count(*) FROM message_raw WHERE instr(raw, X'00FF00FF') > 0").Scan(&n)
	if err == nil {
		err = w.DB().Read().QueryRowContext(ctx, "SELECT count(*) FROM messages WHERE subject LIKE '%never%'").Scan(&n)
	}
	if w.Damaged() == nil {
		w.Close()
		t.Fatalf("reading every message did not meet the damage (%v)", err)
	}
	accts, _ := mail.Open(w).Accounts(ctx)
	_, err = imapsync.New(w, accts[0], imapsync.Options{Passwords: syncPasswords(faultPassword),
		Conn: mailconn.Options{Deadline: 5 * time.Second}}).Once(ctx)
	w.Close()
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("a sync into a damaged workspace: %v", err)
	}
	// The next process checks the file in full (no marker) and does not open it.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SB_FAULT_CHILD=sync", "SB_FAULT_DATA="+r.root.Dir(), "SB_FAULT_WS=Alfa")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "not a usable Switchboard database") {
		t.Fatalf("sync --once in a new process: %v %s", err, out)
	}
	if after, _ := os.Stat(path); after.Size() != st.Size() {
		t.Fatalf("the damaged file changed size: %d -> %d", st.Size(), after.Size())
	}
	if _, err := os.Stat(path + ".clean"); !os.IsNotExist(err) {
		t.Fatal("the damaged workspace still has its clean-close marker")
	}
	r.run("sync", "Bravo", false, 0)
}
