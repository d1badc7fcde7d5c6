// Package mailcli implements the mail subcommands of the switchboard binary: account,
// sync, search and stats (conversations is the Inbox's: workspace/inbox). Each Run* function takes an open workspace
// (main.go resolves --workspace) and the remaining arguments.
package mailcli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"switchboard/accounts/conncheck"
	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailaccount"
	"switchboard/accounts/mailconn"
	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/mail"
)

// noArgs parses flags for a command that takes no other arguments.
func noArgs(fs *flag.FlagSet, args []string) error {
	pos, err := cmdline.Parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = cmdline.Usagef("%s: unexpected %q", fs.Name(), pos[0])
	}
	return err
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

var accountUsage = []string{
	"account add --workspace W --email E --imap HOST:PORT --smtp HOST:PORT [--security tls|starttls|plain] [--username U] [--trust-cert SHA256] --password-stdin",
	"account add --workspace W --email E --local   (an offline account: replies are kept here, nothing is contacted)",
	"account list|test|remove --workspace W",
}

// AccountCLI is account add|list|test|remove, with passwords in keys.
func AccountCLI(keys mailaccount.Keyring) cmdline.Streams {
	return func(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		if len(args) == 0 {
			return cmdline.UsageOf(accountUsage, "account: say add, list, test or remove")
		}
		switch args[0] {
		case "add":
			return accountAdd(ctx, w, keys, args[1:], stdin, stdout, stderr)
		case "list":
			return accountList(ctx, w, args[1:], stdout, stderr)
		case "test":
			return accountTest(ctx, w, keys, args[1:], stdout, stderr)
		case "remove":
			return accountRemove(ctx, w, keys, args[1:], stdout, stderr)
		}
		return cmdline.UsageOf(accountUsage, "account: unknown action %q (add, list, test, remove)", args[0])
	}
}

func accountAdd(ctx context.Context, w *workspace.Workspace, keys mailaccount.Keyring, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("account add", stderr)
	email := fs.String("email", "", "address of the account")
	name := fs.String("name", "", "display name (the brand)")
	imapAddr := fs.String("imap", "", "IMAP server HOST:PORT")
	smtpAddr := fs.String("smtp", "", "SMTP server HOST:PORT")
	security := fs.String("security", "tls", "tls, starttls or plain (plain only to localhost)")
	username := fs.String("username", "", "login name (default: the address)")
	trust := fs.String("trust-cert", "", "SHA-256 fingerprint of a self-signed certificate to trust")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	local := fs.Bool("local", false, "an offline account: no servers, no password; replies are kept in the workspace")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *local {
		if *imapAddr != "" || *smtpAddr != "" || *pwStdin {
			return cmdline.UsageOf(accountUsage, "account add --local takes no servers and no password")
		}
		a, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: *email, DisplayName: *name, Transport: mail.Local})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added %s (%s), local: nothing is synced or sent over the network\n", a.Email, a.ID)
		return nil
	}
	if !*pwStdin {
		return cmdline.UsageOf(accountUsage, "account add: --password-stdin is required (passwords are never taken as arguments)")
	}
	sec, err := mail.ParseSecurity(*security)
	if err != nil {
		return cmdline.UsageOf(accountUsage, "--security: %v", err)
	}
	a := mail.Account{Email: *email, DisplayName: *name, Username: *username, TrustedCertSHA256: *trust}
	if a.IMAP, err = mail.ParseEndpoint(*imapAddr, sec); err != nil {
		return cmdline.UsageOf(accountUsage, "--imap: %v", err)
	}
	if a.SMTP, err = mail.ParseEndpoint(*smtpAddr, sec); err != nil {
		return cmdline.UsageOf(accountUsage, "--smtp: %v", err)
	}
	b, err := io.ReadAll(io.LimitReader(stdin, 4096))
	if err != nil {
		return err
	}
	pw := strings.TrimRight(string(b), "\r\n")
	a, err = mailaccount.Add(ctx, w, keys, a, pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s (%s); password stored in the keyring\n", a.Email, a.ID)
	return nil
}

func accountList(ctx context.Context, w *workspace.Workspace, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("account list", stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	list, err := mail.Open(w).Accounts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if list == nil {
			list = []mail.Account{}
		}
		return printJSON(stdout, list)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tTRANSPORT\tIMAP\tSMTP\tID")
	for _, a := range list {
		if a.Offline() {
			fmt.Fprintf(tw, "%s\t%s\t-\t-\t%s\n", a.Email, a.Transport, a.ID)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s %s\t%s\n", a.Email, a.Transport, a.IMAP.Addr(), a.IMAP.Security, a.SMTP.Addr(), a.SMTP.Security, a.ID)
	}
	return tw.Flush()
}

// selectAccounts returns the account named by --account, or all of them.
func selectAccounts(ctx context.Context, w *workspace.Workspace, ref string) ([]mail.Account, error) {
	store := mail.Open(w)
	if ref != "" {
		a, err := store.Account(ctx, ref)
		return []mail.Account{a}, err
	}
	list, err := store.Accounts(ctx)
	if err == nil && len(list) == 0 {
		err = errors.New("this workspace has no mail account: add one with `switchboard account add`")
	}
	return list, err
}

func accountTest(ctx context.Context, w *workspace.Workspace, keys mailaccount.Keyring, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("account test", stderr)
	ref := fs.String("account", "", "address or id (default: every account)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	list, err := selectAccounts(ctx, w, *ref)
	if err != nil {
		return err
	}
	failed := 0
	var all []conncheck.Result
	for _, a := range list {
		if a.Offline() {
			if !*asJSON {
				fmt.Fprintf(stdout, "%s: local, no server to test\n", a.Email)
			}
			continue
		}
		pw, err := keys.Get(ctx, w.ID(), a.ID)
		if err != nil {
			return fmt.Errorf("%s: reading the password from the keyring: %w", a.Email, err)
		}
		for _, r := range conncheck.Check(ctx, a, pw, mailconn.Options{}) {
			all = append(all, r)
			if !r.OK {
				failed++
			}
			if !*asJSON {
				state := "ok"
				if !r.OK {
					state = "FAILED at " + string(r.Stage) + ": " + r.Error
				}
				fmt.Fprintf(stdout, "%s %s %s: %s\n", a.Email, r.Protocol, r.Server, state)
				for _, n := range r.Notes {
					fmt.Fprintf(stdout, "  note: %s\n", n)
				}
			}
		}
	}
	if *asJSON {
		if err := printJSON(stdout, all); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d connection checks failed", failed, len(all))
	}
	return nil
}

func accountRemove(ctx context.Context, w *workspace.Workspace, keys mailaccount.Keyring, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("account remove", stderr)
	ref := fs.String("account", "", "address or id of the account to remove")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if *ref == "" && len(pos) == 1 {
		*ref = pos[0]
	}
	if *ref == "" {
		return cmdline.UsageOf(accountUsage, "account remove: name the account with --account ADDRESS")
	}
	a, err := mail.Open(w).Account(ctx, *ref)
	if err != nil {
		return err
	}
	if err := mailaccount.Remove(ctx, w, keys, a.ID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed %s; its synced mail stays in the workspace\n", a.Email)
	return nil
}

// SyncCLI is sync [--once] [--account A], reading passwords from keys. Without --once it
// keeps syncing (IDLE) until interrupted.
func SyncCLI(keys mailaccount.Keyring) cmdline.Streams {
	return func(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		return runSync(ctx, w, keys, args, stdout, stderr)
	}
}

func runSync(ctx context.Context, w *workspace.Workspace, keys mailaccount.Keyring, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sync", stderr)
	once := fs.Bool("once", false, "one pass, then exit")
	ref := fs.String("account", "", "address or id (default: every account)")
	quiet := fs.Bool("quiet", false, "no progress lines")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	all, err := selectAccounts(ctx, w, *ref)
	if err != nil {
		return err
	}
	var list []mail.Account
	for _, a := range all {
		if a.Offline() {
			fmt.Fprintf(stdout, "%s: local, nothing to sync\n", a.Email)
		} else {
			list = append(list, a)
		}
	}
	if len(list) == 0 {
		return nil
	}
	var mu sync.Mutex // progress comes from one goroutine per account
	last := time.Time{}
	opts := imapsync.Options{
		Passwords: keys,
		Logf:      func(f string, a ...any) { fmt.Fprintf(stderr, f+"\n", a...) },
		Progress: func(p imapsync.Progress) {
			mu.Lock()
			defer mu.Unlock()
			if *quiet || (time.Since(last) < 500*time.Millisecond && p.Done < p.Total) {
				return
			}
			last = time.Now()
			fmt.Fprintf(stdout, "%s %s: %d/%d\n", p.Account, p.Folder, p.Done, p.Total)
		},
	}
	if *once {
		var errs []error
		for _, a := range list {
			sum, err := imapsync.New(w, a, opts).Once(ctx)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a.Email, err))
				continue
			}
			fmt.Fprintf(stdout, "%s: %s\n", a.Email, sum)
		}
		return errors.Join(errs...)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	done := make(chan error, len(list))
	for _, a := range list {
		go func() {
			done <- imapsync.New(w, a, opts).Run(ctx, func(e imapsync.Event) {
				if e.Err != nil && e.Waiting {
					fmt.Fprintf(stderr, "%s: %v\n", e.Account, e.Err)
				} else if e.Err != nil {
					fmt.Fprintf(stderr, "%s: %v (retrying in %v)\n", e.Account, e.Err, e.Retry.Round(time.Second))
				} else if e.Summary.New+e.Summary.FlagsUpdated+e.Summary.Expunged > 0 || e.Summary.Skipped < e.Summary.Folders {
					fmt.Fprintf(stdout, "%s: %s\n", e.Account, e.Summary)
				}
			})
		}()
	}
	for range list {
		<-done
	}
	return nil
}

// RunSearchCLI: search [--json] [--limit N] QUERY...
func RunSearchCLI(ctx context.Context, w *workspace.Workspace, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("search", stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "at most this many results")
	words, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(strings.Join(words, "")) == "" {
		return cmdline.Usagef("search takes the words to find: switchboard search --workspace W [--json] QUERY")
	}
	hits, err := mail.Open(w).Search(ctx, strings.Join(words, " "), *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		if hits == nil {
			hits = []mail.Hit{}
		}
		return printJSON(stdout, hits)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\tconversation %s\n", h.Date.Format("2006-01-02 15:04"), h.From, h.Subject, h.ConversationGID)
	}
	return tw.Flush()
}

// RunStatsCLI: stats [--json].
func RunStatsCLI(ctx context.Context, w *workspace.Workspace, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("stats", stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	st, err := mail.Open(w).Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, st)
	}
	fmt.Fprintf(stdout, "%d messages (%d unread), %d conversations, %d contacts\n", st.Messages, st.Unread, st.Conversations, st.Contacts)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tFOLDER\tMESSAGES\tUIDVALIDITY\tUIDNEXT\tMODSEQ\tLAST SYNC\tERROR")
	for _, f := range st.Folders {
		last := "never"
		if !f.LastSyncAt.IsZero() {
			last = f.LastSyncAt.Local().Format("2006-01-02 15:04:05")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", f.Account, f.Name, f.Messages, f.UIDValidity, f.UIDNext, f.HighestModSeq, last, f.LastError)
	}
	return tw.Flush()
}

// Commands are the mail commands: accounts (Settings), sync, search and the lists.
func Commands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "account", Summary: "the workspace's mail accounts (the password is read from stdin, kept in the keyring)", Pane: "settings",
		Actions: []string{"mail-accounts"},
		Usage:   accountUsage,
		RunIn: func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
			return AccountCLI(e.Keyring)(ctx, w, args, e.Stdin, e.Stdout, e.Stderr)
		},
	}, {
		Name: "sync", Summary: "fetch new mail (without --once it stays on IDLE)",
		Usage: []string{"sync --workspace W [--once] [--account A] [--quiet]"},
		RunIn: func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
			return runSync(ctx, w, e.Keyring, args, e.Stdout, e.Stderr)
		},
	}, {
		Name: "search", Summary: "find messages; diacritics-insensitive", Pane: "inbox",
		Usage: []string{"search --workspace W [--json] QUERY"},
		RunIn: cmdline.In(RunSearchCLI),
	}, {
		Name: "stats", Summary: "how much the workspace holds",
		Usage: []string{"stats --workspace W [--json]"},
		RunIn: cmdline.In(RunStatsCLI),
	}}
}
