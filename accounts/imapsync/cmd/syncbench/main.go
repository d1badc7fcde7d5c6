// Command syncbench compares Switchboard's IMAP sync with mbsync + notmuch against one
// Dovecot on loopback holding 50,000 generated messages: time to a searchable mailbox,
// a no-change resync, search latency and peak memory, side by side with ratios.
//
//	go run ./accounts/imapsync/cmd/syncbench [-n 50000]
//
// It needs root (Dovecot), mbsync (isync) and notmuch: `make deps`.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

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
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		os.Exit(1)
	}
}

type childResult struct {
	Seconds float64          `json:"seconds"`
	Summary imapsync.Summary `json:"summary"`
	MaxRSS  int64            `json:"max_rss_kb"`
}

type password string

func (p password) Get(context.Context, string, string) (string, error) { return string(p), nil }

// runChild syncs the bench workspace once (creating it on the first run).
func runChild(dir, addr string) error {
	ctx := context.Background()
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
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return json.NewEncoder(os.Stdout).Encode(childResult{Seconds: time.Since(start).Seconds(), Summary: sum, MaxRSS: ru.Maxrss})
}

func run(n int) error {
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
		out, err := cmd.Output()
		if err != nil {
			return r, fmt.Errorf("switchboard sync: %w", err)
		}
		return r, json.Unmarshal(out, &r)
	}
	fmt.Println("switchboard: initial sync...")
	first, err := child()
	if err != nil {
		return err
	}
	again, err := child()
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
	mb1, err := timed("mbsync", "-c", conf, "-a")
	if err != nil {
		return err
	}
	nmEnv := "NOTMUCH_CONFIG=" + nmConf
	nm, err := timedEnv([]string{nmEnv}, "notmuch", "new", "--quiet")
	if err != nil {
		return err
	}
	mb2, err := timed("mbsync", "-c", conf, "-a")
	if err != nil {
		return err
	}
	var nmLat []time.Duration
	for range 3 {
		for _, q := range queries {
			t, err := timedEnv([]string{nmEnv}, "notmuch", "search", q)
			if err != nil {
				return err
			}
			nmLat = append(nmLat, t)
		}
	}

	peer := mb1 + nm
	fmt.Printf("\n%d messages, one Dovecot on loopback\n", n)
	fmt.Printf("%-34s %14s %22s %8s\n", "", "switchboard", "mbsync/notmuch", "ratio")
	row := func(name string, ours, theirs time.Duration) {
		r := time.Millisecond
		if ours < 100*time.Millisecond {
			r = 10 * time.Microsecond
		}
		fmt.Printf("%-34s %14v %22v %7.3fx\n", name, ours.Round(r), theirs.Round(r), ours.Seconds()/theirs.Seconds())
	}
	row("time to searchable (sync+index)", secs(first.Seconds), peer)
	fmt.Printf("%-34s %14s %22s\n", "", "", fmt.Sprintf("(mbsync %v + notmuch %v)", mb1.Round(time.Millisecond), nm.Round(time.Millisecond)))
	row("no-change resync", secs(again.Seconds), mb2)
	row("search p50", pct(ourSearch, 50), pct(nmLat, 50))
	row("search p95", pct(ourSearch, 95), pct(nmLat, 95))
	fmt.Printf("%-34s %11d MB\n", "peak memory of the sync (MaxRSS)", first.MaxRSS/1024)
	fmt.Printf("\nstored: %+v\n", first.Summary)
	fmt.Printf("targets: searchable <= 0.25x, resync <= 0.2x, search p95 < 20ms, peak < 150 MB\n")
	return nil
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

func timed(name string, args ...string) (time.Duration, error) { return timedEnv(nil, name, args...) }

func timedEnv(env []string, name string, args ...string) (time.Duration, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return time.Since(start), nil
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
