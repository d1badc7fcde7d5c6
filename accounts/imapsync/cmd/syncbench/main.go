// Command syncbench compares Switchboard's IMAP sync with mbsync + notmuch against one
// Dovecot on loopback holding 50,000 generated messages: time to a searchable mailbox,
// a no-change resync, search latency and peak memory, side by side with ratios.
//
//	go run ./accounts/imapsync/cmd/syncbench [-n 50000] [-runs 5]
//
// It needs root (Dovecot), mbsync (isync) and notmuch (`make deps`), and says which is
// missing before doing anything. The no-change resync is compared both whole (a process,
// as mbsync is one) and against the floor every IMAP client pays: connect and log in.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/imapsync/corpus"
	"switchboard/accounts/mailtest"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

const user = corpus.Support

var queries = []string{"kun", "Ёжик", "bestallning", "refund", "pedido", "cafe", "grinder", "Dvořák", "zaměna", "tumane"}

func main() {
	n := flag.Int("n", 50000, "messages to generate")
	runs := flag.Int("runs", 5, "no-change resyncs per client; the median is reported")
	child := flag.String("child", "", "internal: run one sync in this data folder and print its figures")
	addr := flag.String("addr", "", "internal: IMAP address for -child")
	flag.Parse()
	if *child != "" {
		if err := runChild(*child, *addr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := preflight(); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		os.Exit(1)
	}
	if err := run(*n, max(*runs, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		os.Exit(1)
	}
}

// preflight names everything missing at once, before minutes of generating mail.
func preflight() error {
	var problems []string
	if os.Geteuid() != 0 {
		problems = append(problems, "it must run as root: Dovecot starts as root and drops to its own users (try `sudo make bench`)")
	}
	for _, tool := range []struct{ bin, pkg string }{{"dovecot", "dovecot-imapd"}, {"mbsync", "isync"}, {"notmuch", "notmuch"}} {
		if _, err := exec.LookPath(tool.bin); err == nil {
			continue
		}
		if _, err := os.Stat("/usr/sbin/" + tool.bin); err == nil {
			continue // /usr/sbin is often missing from a non-login PATH
		}
		problems = append(problems, fmt.Sprintf("%s is not installed (Debian package %s): run `make deps`", tool.bin, tool.pkg))
	}
	if len(problems) > 0 {
		return errors.New("cannot run:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

type childResult struct {
	OpenSeconds float64          `json:"open_seconds"` // opening the workspace (file checks)
	Seconds     float64          `json:"seconds"`      // the sync: connect, login, pass, logout
	Summary     imapsync.Summary `json:"summary"`
	MaxRSS      int64            `json:"max_rss_kb"`
	Wall        time.Duration    `json:"-"` // the whole process, measured by the parent
}

type password string

func (p password) Get(context.Context, string, string) (string, error) { return string(p), nil }

// runChild syncs the bench workspace once (creating it on the first run), as
// `switchboard sync --once` does.
func runChild(dir, addr string) error {
	ctx := context.Background()
	begin := time.Now()
	root, err := workspace.OpenRoot(dir)
	if err != nil {
		return err
	}
	if _, err := root.Find(ctx, "Bench"); err != nil {
		if _, err := root.Create(ctx, "Bench", workspace.CreateOptions{TimeZone: "UTC"}); err != nil {
			return err
		}
	}
	w, err := root.Open(ctx, "Bench")
	if err != nil {
		return err
	}
	defer w.Close()
	store := mail.Open(w)
	accts, err := store.Accounts(ctx)
	if err != nil {
		return err
	}
	if len(accts) == 0 {
		ep, _ := mail.ParseEndpoint(addr, mail.Plain)
		a, err := store.AddAccount(ctx, mail.Account{Email: user, IMAP: ep, SMTP: ep})
		if err != nil {
			return err
		}
		accts = append(accts, a)
	}
	start := time.Now()
	sum, err := imapsync.New(w, accts[0], imapsync.Options{Passwords: password(os.Getenv("SYNCBENCH_PASSWORD"))}).Once(ctx)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return json.NewEncoder(os.Stdout).Encode(childResult{OpenSeconds: start.Sub(begin).Seconds(), Seconds: secs, Summary: sum, MaxRSS: ru.Maxrss})
}

func run(n, runs int) error {
	tmp, err := os.MkdirTemp("", "syncbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	pw := "bench-password"
	d, err := mailtest.Start(filepath.Join(tmp, "dovecot"), mailtest.WithUser(user, pw))
	if err != nil {
		return err
	}
	defer d.Stop()

	fmt.Printf("writing %d generated messages into Dovecot's maildir...\n", n)
	var inbox, sent [][]byte
	var inDates, sentDates []time.Time
	flush := func() error {
		if err := d.WriteMaildir(user, "INBOX", inbox, inDates); err != nil {
			return err
		}
		if err := d.WriteMaildir(user, "Sent", sent, sentDates); err != nil {
			return err
		}
		inbox, sent, inDates, sentDates = nil, nil, nil, nil
		return nil
	}
	err = corpus.Each(n, 1, func(m corpus.Mail) error {
		if m.Outbound {
			sent, sentDates = append(sent, m.Raw), append(sentDates, m.Date)
		} else {
			inbox, inDates = append(inbox, m.Raw), append(inDates, m.Date)
		}
		if len(inbox)+len(sent) >= 5000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	warm, err := d.Login(user) // let Dovecot index the maildir once, for both clients alike
	if err != nil {
		return err
	}
	warm.Select("INBOX", nil).Wait()
	warm.Select("Sent", nil).Wait()
	warm.Close()

	data := filepath.Join(tmp, "switchboard")
	self, _ := os.Executable()
	child := func() (childResult, error) {
		var r childResult
		cmd := exec.Command(self, "-child", data, "-addr", d.Addr())
		cmd.Env = append(os.Environ(), "SYNCBENCH_PASSWORD="+pw)
		cmd.Stderr = os.Stderr
		start := time.Now()
		out, err := cmd.Output()
		if err != nil {
			return r, fmt.Errorf("switchboard sync: %w", err)
		}
		r.Wall = time.Since(start)
		return r, json.Unmarshal(out, &r)
	}
	fmt.Println("switchboard: initial sync...")
	first, err := child()
	if err != nil {
		return err
	}
	var oursSync, oursPass, oursWall, oursOpen []time.Duration
	for range runs {
		again, err := child()
		if err != nil {
			return err
		}
		if again.Summary.New != 0 || again.Summary.Skipped != again.Summary.Folders {
			return fmt.Errorf("a resync of an unchanged mailbox did work: %+v", again.Summary)
		}
		oursSync = append(oursSync, secs(again.Seconds))
		oursPass = append(oursPass, again.Summary.Duration)
		oursWall = append(oursWall, again.Wall)
		oursOpen = append(oursOpen, secs(again.OpenSeconds))
	}
	floor, err := loginFloor(d, runs, false)
	if err != nil {
		return err
	}
	statusFloor, err := loginFloor(d, runs, true)
	if err != nil {
		return err
	}
	check, err := integrityCheck(data)
	if err != nil {
		return err
	}
	ourSearch, err := searchLatency(data)
	if err != nil {
		return err
	}

	fmt.Println("mbsync + notmuch...")
	md := filepath.Join(tmp, "maildir")
	conf, nmConf, err := peerConfigs(tmp, md, d.Addr(), pw)
	if err != nil {
		return err
	}
	mb1, err := timed(nil, "mbsync", "-c", conf, "-a")
	if err != nil {
		return err
	}
	nmEnv := []string{"NOTMUCH_CONFIG=" + nmConf}
	nm, err := timed(nmEnv, "notmuch", "new", "--quiet")
	if err != nil {
		return err
	}
	var mbAgain []time.Duration
	for range runs {
		r, err := timed(nil, "mbsync", "-c", conf, "-a")
		if err != nil {
			return err
		}
		mbAgain = append(mbAgain, r.wall)
	}
	var nmLat []time.Duration
	for range 3 {
		for _, q := range queries {
			r, err := timed(nmEnv, "notmuch", "search", q)
			if err != nil {
				return err
			}
			nmLat = append(nmLat, r.wall)
		}
	}

	ourResync, mbResync, fl := pct(oursWall, 50), pct(mbAgain, 50), pct(floor, 50)
	fmt.Printf("\n%d messages in INBOX and Sent, one Dovecot on loopback; resyncs are medians of %d runs\n\n", n, runs)
	fmt.Printf("%-40s %13s %16s %8s %8s\n", "", "switchboard", "mbsync/notmuch", "ratio", "target")
	row := func(name string, ours, theirs time.Duration, target string) {
		fmt.Printf("%-40s %13s %16s %7.3fx %8s\n", name, dur(ours), dur(theirs), ours.Seconds()/theirs.Seconds(), target)
	}
	row("time to searchable (sync+index)", secs(first.Seconds), mb1.wall+nm.wall, "0.25x")
	fmt.Printf("%-40s %13s %16s\n", "  mbsync / notmuch new", "", dur(mb1.wall)+" / "+dur(nm.wall))
	row("no-change resync, whole process", ourResync, mbResync, "0.2x")
	row("  of it: workspace open (file checks)", pct(oursOpen, 50), mbResync, "")
	row("    of that: PRAGMA integrity_check", check, mbResync, "")
	row("  of it: connect, login, pass, logout", pct(oursSync, 50), mbResync, "")
	row("  of it: the pass (STATUS, database)", pct(oursPass, 50), mbResync, "")
	row("  floor: bare connect+LOGIN+LOGOUT", fl, mbResync, "")
	row("  floor with STATUS of both folders", pct(statusFloor, 50), mbResync, "")
	row("  above the floor (process - floor)", ourResync-fl, mbResync-fl, "")
	row("search p50 (notmuch: a process each)", pct(ourSearch, 50), pct(nmLat, 50), "")
	row("search p95", pct(ourSearch, 95), pct(nmLat, 95), "< 20ms")
	peerRSS := max(mb1.maxRSS, nm.maxRSS)
	fmt.Printf("%-40s %10d MB %13d MB %7.3fx %8s\n", "peak memory (MaxRSS; peer: max of both)", first.MaxRSS/1024, peerRSS/1024,
		float64(first.MaxRSS)/float64(peerRSS), "< 150MB")
	fmt.Printf("\nfirst sync: %v\n", first.Summary)
	return nil
}

func dur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond).String()
	default:
		return d.Round(10 * time.Microsecond).String()
	}
}

// loginFloor is what any client pays before it can ask anything: TCP connect, greeting,
// LOGIN (Dovecot forks a login and a mail process per connection) and LOGOUT; with
// status, also the STATUS of both folders that tells whether anything changed (Dovecot
// reads each folder's index and UID list for it).
func loginFloor(d *mailtest.Dovecot, runs int, status bool) ([]time.Duration, error) {
	var out []time.Duration
	for range runs {
		start := time.Now()
		c, err := d.Login(user)
		if err != nil {
			return nil, err
		}
		if status {
			opts := &imap.StatusOptions{NumMessages: true, UIDNext: true, UIDValidity: true, HighestModSeq: true}
			inbox, sent := c.Status("INBOX", opts), c.Status("Sent", opts)
			if _, err := inbox.Wait(); err != nil {
				return nil, err
			}
			if _, err := sent.Wait(); err != nil {
				return nil, err
			}
		}
		if err := c.Logout().Wait(); err != nil {
			return nil, err
		}
		c.Close()
		out = append(out, time.Since(start))
	}
	return out, nil
}

// integrityCheck times the check every open of a workspace runs (workspace/sqlitedb).
func integrityCheck(data string) (time.Duration, error) {
	dbs, err := filepath.Glob(filepath.Join(data, "*", "workspace.db"))
	if err != nil || len(dbs) != 1 {
		return 0, fmt.Errorf("finding the bench workspace's database in %s: %v", data, err)
	}
	db, err := sql.Open("sqlite", "file:"+dbs[0]+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	start := time.Now()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func searchLatency(data string) ([]time.Duration, error) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(data)
	if err != nil {
		return nil, err
	}
	w, err := root.Open(ctx, "Bench")
	if err != nil {
		return nil, err
	}
	defer w.Close()
	store := mail.Open(w)
	var lat []time.Duration
	for range 10 {
		for _, q := range queries {
			t := time.Now()
			if _, err := store.Search(ctx, q, 50); err != nil {
				return nil, err
			}
			lat = append(lat, time.Since(t))
		}
	}
	return lat, nil
}

func pct(d []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}

type peerRun struct {
	wall   time.Duration
	maxRSS int64 // KB
}

func timed(env []string, name string, args ...string) (peerRun, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return peerRun{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	r := peerRun{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	return r, nil
}

// peerConfigs writes mbsync's and notmuch's configuration. mbsync silently syncs
// nothing without the blank lines between sections.
func peerConfigs(tmp, md, addr, pw string) (string, string, error) {
	host, port, _ := strings.Cut(addr, ":")
	if err := os.MkdirAll(md, 0o700); err != nil {
		return "", "", err
	}
	mb := fmt.Sprintf(`IMAPAccount bench
Host %s
Port %s
User %s
Pass %s
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path %s/
Inbox %s/INBOX
SubFolders Verbatim

Channel bench
Far :remote:
Near :local:
Patterns INBOX Sent
Create Near
SyncState *
`, host, port, user, pw, md, md)
	nm := fmt.Sprintf("[database]\npath=%s\n\n[new]\ntags=inbox;\n\n[search]\nexclude_tags=\n\n[maildir]\nsynchronize_flags=false\n", md)
	conf, nmConf := filepath.Join(tmp, "mbsyncrc"), filepath.Join(tmp, "notmuch-config")
	if err := os.WriteFile(conf, []byte(mb), 0o600); err != nil {
		return "", "", err
	}
	return conf, nmConf, os.WriteFile(nmConf, []byte(nm), 0o600)
}
