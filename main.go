// Switchboard: one window for the conversations of several client brands.
//
// main.go is wiring only: it reads the global flags, opens the data root and either starts
// the GUI or runs a subcommand. Subcommands live next to the service they drive; this file
// only routes to them, so every capability of a pane is scriptable without a display.
package main

import (
	_ "switchboard/workspace/locale" // first: fixes LANG=C before Fyne's lang package reads it in its init

	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"

	"fyne.io/fyne/v2/app"

	"switchboard/accounts/conncheck"
	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailaccount"
	"switchboard/accounts/mailcli"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/mime"
	"switchboard/accounts/runner"
	"switchboard/accounts/secrets"
	"switchboard/accounts/smtpsend"
	"switchboard/ui"
	"switchboard/ui/accountspane"
	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/demo"
	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
	"switchboard/workspace/mail"
)

const usage = `Switchboard — the conversations of several client brands, one workspace each.

Usage:
  switchboard [--data DIR] [--workspace W] [--pane P] [--screenshot FILE]   open the window
  switchboard [--data DIR] workspace list [--json] [--all]
  switchboard [--data DIR] workspace create NAME [--color HEX] [--tz ZONE]
  switchboard [--data DIR] workspace rename OLD NEW
  switchboard [--data DIR] workspace recolor NAME HEX
  switchboard [--data DIR] workspace archive|unarchive NAME
  switchboard [--data DIR] workspace delete NAME [--yes]
  switchboard [--data DIR] workspace demo [--recreate]
  switchboard [--data DIR] faq list|add|export|import --workspace W ...
  switchboard [--data DIR] account add --workspace W --email E --imap HOST:PORT --smtp HOST:PORT
                           [--security tls|starttls|plain] [--username U] --password-stdin
  switchboard [--data DIR] account list|test|remove --workspace W
  switchboard [--data DIR] sync --workspace W [--once]
  switchboard [--data DIR] search --workspace W [--json] QUERY
  switchboard [--data DIR] conversations --workspace W [--status S] [--json]
  switchboard [--data DIR] stats --workspace W [--json]
  switchboard [--data DIR] reply --workspace W --conversation ID (--body-file F | --faq ID) [--at TIME]
  switchboard [--data DIR] status --workspace W --conversation ID STATUS [--until TIME] [--follow-up DAYS]
  switchboard [--data DIR] outbox --workspace W [--send] [--all] [--json]

The data root is --data, else $SWITCHBOARD_DATA, else the per-user data folder
(~/.local/share/switchboard on Linux). Passwords live only in the OS keyring.
`

// The demo workspace's mail is parsed and stored like synced mail (workspace may not
// import accounts). An init, so run() in tests gets it too.
func init() { demo.ImportMail = imapsync.ImportRaw }

func main() {
	plainLocale()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// plainLocale gives Fyne a locale it can parse when the environment says "C" or "POSIX"
// (scripts, CI, containers); otherwise it logs a parse error at every translation lookup.
func plainLocale() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch l := os.Getenv(v); {
		case l == "":
			continue
		case l == "C" || l == "POSIX" || strings.HasPrefix(l, "C."):
			os.Setenv(v, "en_US.UTF-8")
		default:
			return
		}
	}
}

// cli is what every subcommand gets.
type cli struct {
	root          *workspace.Root
	workspace     string // --workspace, for subcommands that act inside one
	stdin         io.Reader
	stdout, stder io.Writer
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	data, args := takeFlag(args, "data")
	ws, args := takeFlag(args, "workspace")
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if data == "" {
		d, err := workspace.DefaultDir()
		if err != nil {
			fmt.Fprintln(stderr, "switchboard:", err)
			return 1
		}
		data = d
	}
	root, err := workspace.OpenRoot(data)
	if err != nil {
		fmt.Fprintln(stderr, "switchboard:", err)
		return 1
	}
	c := &cli{root: root, workspace: ws, stdin: stdin, stdout: stdout, stder: stderr}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		err = c.gui(args)
	} else if cmd, ok := commands[args[0]]; ok {
		err = cmd(ctx, c, args[1:])
	} else {
		err = fmt.Errorf("%w: unknown command %q", cmdline.ErrUsage, args[0])
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, cmdline.ErrUsage) || errors.Is(err, flag.ErrHelp):
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "switchboard:", err)
		}
		fmt.Fprint(stderr, "\n"+usage)
		return 2
	default:
		fmt.Fprintln(stderr, "switchboard:", err)
		return 1
	}
}

var commands = map[string]func(context.Context, *cli, []string) error{
	"workspace": workspaceCommand,
	"faq":       inWorkspace(faq.RunCLI),
	"reply":     inWorkspace(smtpsend.RunReplyCLI),
	"status":    inWorkspace(inbox.RunStatusCLI),
	"outbox":    inWorkspace(smtpsend.RunOutboxCLI),
	// mail commands
	"account":       inWorkspace(mailcli.RunAccountCLI),
	"sync":          inWorkspace(mailcli.RunSyncCLI),
	"search":        inWorkspace(mailcli.RunSearchCLI),
	"conversations": inWorkspace(mailcli.RunConversationsCLI),
	"stats":         inWorkspace(mailcli.RunStatsCLI),
}

// open opens the --workspace the subcommand acts in.
func (c *cli) open(ctx context.Context) (*workspace.Workspace, error) {
	if c.workspace == "" {
		return nil, fmt.Errorf("%w: --workspace NAME is required (see `switchboard workspace list`)", cmdline.ErrUsage)
	}
	return c.root.Open(ctx, c.workspace)
}

// inWorkspace adapts a subcommand implemented by a feature package to the dispatcher.
func inWorkspace(fn func(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error) func(context.Context, *cli, []string) error {
	return func(ctx context.Context, c *cli, args []string) error {
		w, err := c.open(ctx)
		if err != nil {
			return err
		}
		defer w.Close()
		return fn(ctx, w, args, c.stdin, c.stdout, c.stder)
	}
}

// keyring is the OS keyring, shared by every workspace but namespaced by workspace id.
func keyring() *secrets.Store { return secrets.New(0) }

// gui opens the window. GUI
func (c *cli) gui(args []string) error {
	fs := flag.NewFlagSet("switchboard", flag.ContinueOnError)
	fs.SetOutput(c.stder)
	screenshot := fs.String("screenshot", "", "render the window to this PNG file and exit")
	pane := fs.String("pane", "", "pane to show first: inbox, faq, crisis, schedule, settings")
	if err := fs.Parse(args); err != nil {
		return cmdline.ErrUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected %q", cmdline.ErrUsage, fs.Arg(0))
	}
	keys := keyring()
	host := runner.NewHost(runner.Options{Passwords: keys, Logf: log.Printf})
	opts := ui.Options{
		Secrets:      keys,
		Unread:       host.Unread,
		MailAccounts: accountspane.New(mailAccounts{keys: keys, host: host}),
		SendNow:      host.SendNow,
		Attachment:   mime.AttachmentAt,
		Workspace:    c.workspace,
		Pane:         *pane,
		Screenshot:   *screenshot,
	}
	if *screenshot == "" { // a picture of the window needs no network
		opts.Background = host.Start
	}
	a := app.NewWithID("app.switchboard.desktop")
	return ui.New(a, c.root, opts).ShowAndRun()
}

// takeFlag removes --name VALUE (or --name=VALUE, -name ...) from anywhere before a "--",
// so global flags work on either side of the subcommand.
func takeFlag(args []string, name string) (string, []string) {
	var value string
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		bare := strings.TrimLeft(a, "-")
		switch {
		case strings.HasPrefix(a, "-") && bare == name && i+1 < len(args):
			value = args[i+1]
			i++
		case strings.HasPrefix(a, "-") && strings.HasPrefix(bare, name+"="):
			value = strings.TrimPrefix(bare, name+"=")
		default:
			rest = append(rest, a)
		}
	}
	return value, rest
}

func workspaceCommand(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: workspace needs a subcommand: list, create, rename, recolor, archive, unarchive, delete, demo", cmdline.ErrUsage)
	}
	fs := flag.NewFlagSet("workspace "+args[0], flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	all := fs.Bool("all", false, "include archived workspaces")
	color := fs.String("color", "", "brand colour, #RRGGBB")
	tz := fs.String("tz", "", "time zone, e.g. Europe/Stockholm")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	recreate := fs.Bool("recreate", false, "replace the demo workspace with a fresh copy")
	pos, err := cmdline.Parse(fs, args[1:])
	if err != nil {
		return err
	}
	want := func(n int, what string) error {
		if len(pos) != n {
			return fmt.Errorf("%w: workspace %s takes %s", cmdline.ErrUsage, args[0], what)
		}
		return nil
	}
	switch args[0] {
	case "list":
		return listWorkspaces(ctx, c, *asJSON, *all)
	case "create":
		if err := want(1, "a NAME"); err != nil {
			return err
		}
		info, err := c.root.Create(ctx, pos[0], workspace.CreateOptions{Color: *color, TimeZone: *tz})
		if err == nil {
			fmt.Fprintf(c.stdout, "created workspace %q (%s) in %s\n", info.Name, info.ID, info.Dir)
		}
		return err
	case "rename":
		if err := want(2, "OLD and NEW names"); err != nil {
			return err
		}
		return c.root.Update(ctx, pos[0], func(w *workspace.Workspace) error { return w.Rename(ctx, pos[1]) })
	case "recolor", "recolour":
		if err := want(2, "a NAME and a colour #RRGGBB"); err != nil {
			return err
		}
		return c.root.Update(ctx, pos[0], func(w *workspace.Workspace) error { return w.SetColor(ctx, pos[1]) })
	case "archive", "unarchive":
		if err := want(1, "a NAME"); err != nil {
			return err
		}
		return c.root.Update(ctx, pos[0], func(w *workspace.Workspace) error { return w.SetArchived(ctx, args[0] == "archive") })
	case "delete":
		if err := want(1, "a NAME"); err != nil {
			return err
		}
		return deleteWorkspace(ctx, c, pos[0], *yes)
	case "demo":
		return demoWorkspace(ctx, c, *recreate)
	}
	return fmt.Errorf("%w: unknown workspace subcommand %q", cmdline.ErrUsage, args[0])
}

func listWorkspaces(ctx context.Context, c *cli, asJSON, all bool) error {
	list, problems := c.root.List(ctx, all)
	for _, p := range problems {
		fmt.Fprintln(c.stder, "warning:", p)
	}
	if asJSON {
		if list == nil {
			list = []workspace.Info{}
		}
		return writeJSON(c.stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, "no workspaces yet: `switchboard workspace create NAME`, or `switchboard workspace demo`")
	}
	for _, i := range list {
		archived := ""
		if i.Archived {
			archived = "  (archived)"
		}
		fmt.Fprintf(c.stdout, "%-30s %s  %-20s %s%s\n", i.Name, i.Color, i.TimeZone, i.ID, archived)
	}
	return nil
}

func deleteWorkspace(ctx context.Context, c *cli, ref string, yes bool) error {
	info, err := c.root.Find(ctx, ref)
	if err != nil {
		return err
	}
	if !yes {
		fmt.Fprintf(c.stder, "This deletes workspace %q with all its mail, FAQ, notes and stored passwords.\nType its name to confirm: ", info.Name)
		line, _ := bufio.NewReader(c.stdin).ReadString('\n')
		if !strings.EqualFold(strings.TrimSpace(line), info.Name) {
			return fmt.Errorf("workspace %q was not deleted (confirmation did not match; use --yes in scripts)", info.Name)
		}
	}
	if err := c.root.Delete(ctx, info.Dir, keyring()); err != nil { // the folder the user named, not every folder with its id
		return err
	}
	fmt.Fprintf(c.stdout, "deleted workspace %q\n", info.Name)
	return nil
}

// demoWorkspace creates (or recreates) the offline demo workspace.
func demoWorkspace(ctx context.Context, c *cli, recreate bool) error {
	create := demo.Create
	if recreate {
		create = func(ctx context.Context, root *workspace.Root) (workspace.Info, error) {
			return demo.Recreate(ctx, root, keyring())
		}
	}
	info, err := create(ctx, c.root)
	if err == nil {
		fmt.Fprintf(c.stdout, "demo workspace %q is ready in %s\n", info.Name, info.Dir)
	}
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// mailAccounts is Settings' mail accounts pane's view of the accounts layer: the ui may
// not import accounts, so this adapter lives with the wiring.
type mailAccounts struct {
	keys *secrets.Store
	host *runner.Host
}

var _ accountspane.Service = mailAccounts{}

// List merges the stored accounts and their folders' sync state with what the running
// sync knows now (progress, the latest failure).
func (m mailAccounts) List(ctx context.Context, w *workspace.Workspace) ([]accountspane.Account, error) {
	store := mail.Open(w)
	accts, err := store.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	r := m.host.Runner(w.ID())
	list := make([]accountspane.Account, len(accts))
	for i, a := range accts {
		row := accountspane.Account{Account: a}
		folders, err := store.Folders(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for _, f := range folders {
			if f.LastSyncAt.After(row.LastSync) {
				row.LastSync = f.LastSyncAt
			}
			if row.Error == "" {
				row.Error = f.LastError
			}
		}
		if r != nil {
			st := r.State(a.ID)
			if !st.LastPass.IsZero() || st.Err != "" {
				row.Error = st.Err // this session's outcome replaces the stored one
			}
			if st.LastPass.After(row.LastSync) {
				row.LastSync = st.LastPass
			}
			row.Syncing, row.Done, row.Total = st.Syncing, st.Done, st.Total
		}
		list[i] = row
	}
	return list, nil
}

// Save adds or changes an account with the sync paused, so no worker syncs with the old
// settings meanwhile.
func (m mailAccounts) Save(ctx context.Context, w *workspace.Workspace, a mail.Account, password string) error {
	return m.host.Paused(w.ID(), func() error {
		if a.ID == "" {
			_, err := mailaccount.Add(ctx, w, m.keys, a, password)
			return err
		}
		if err := mail.Open(w).UpdateAccount(ctx, a); err != nil {
			return err
		}
		if password == "" {
			return nil
		}
		return mailaccount.SetPassword(ctx, w, m.keys, a.ID, password)
	})
}

// Remove stops the account's sync first: a worker must not write mail for an account
// that is gone.
func (m mailAccounts) Remove(ctx context.Context, w *workspace.Workspace, id string) error {
	return m.host.Paused(w.ID(), func() error { return mailaccount.Remove(ctx, w, m.keys, id) })
}

func (m mailAccounts) Test(ctx context.Context, w *workspace.Workspace, a mail.Account, password string) []accountspane.Check {
	if offline, _ := demo.IsDemo(ctx, w); offline {
		// Like sending and syncing there, testing never reaches for the network.
		return []accountspane.Check{{Protocol: "Demo", Server: a.Email, OK: true,
			Message: "the demo workspace works offline: replies are kept here and no server is contacted"}}
	}
	if password == "" && a.ID != "" {
		var err error
		if password, err = m.keys.Get(ctx, w.ID(), a.ID); err != nil {
			return []accountspane.Check{{Protocol: "Keyring", Server: a.Email, Message: err.Error()}}
		}
	}
	var checks []accountspane.Check
	for _, r := range conncheck.Check(ctx, a, password, mailconn.Options{}) {
		c := accountspane.Check{Protocol: r.Protocol, Server: r.Server, OK: r.OK, Stage: string(r.Stage), Message: r.Error}
		if r.OK && len(r.Notes) > 0 {
			c.Message = strings.Join(r.Notes, "; ")
		}
		var ce *mailconn.CertError
		if errors.As(r.Err, &ce) {
			c.Fingerprint = ce.Fingerprint
		}
		checks = append(checks, c)
	}
	return checks
}
