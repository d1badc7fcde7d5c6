// Switchboard: one window for the conversations of several client brands.
//
// main.go is wiring only: it reads the global flags, opens the data root and either starts
// the GUI or runs a subcommand. Subcommands live next to the service they drive; this file
// only routes to them, so every capability of a pane is scriptable without a display.
package main

import (
	_ "switchboard/workspace/locale" // first: fixes LANG=C before Fyne's lang package reads it in its init

	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"slices"
	"strings"

	"fyne.io/fyne/v2/app"

	"switchboard/accounts/accountsvc"
	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailcli"
	"switchboard/accounts/mime"
	"switchboard/accounts/runner"
	"switchboard/accounts/secrets"
	"switchboard/accounts/smtpsend"
	"switchboard/ui"
	"switchboard/ui/accountspane"
	"switchboard/workspace"
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/crisis"
	"switchboard/workspace/crisis/warning"
	"switchboard/workspace/crosscopy"
	"switchboard/workspace/faq"
	"switchboard/workspace/handover"
	"switchboard/workspace/inbox"
	"switchboard/workspace/journal/journalcmd"
	"switchboard/workspace/schedule/schedulecmd"
	"switchboard/workspace/workspacecmd"
)

const intro = `Switchboard — the conversations of several client brands, one workspace each.

Usage:
  switchboard [--data DIR] [--workspace W] [--pane P] [--screenshot FILE]   open the window
  switchboard [--data DIR] [--workspace W] COMMAND ...

Commands:`

const outro = `
The data root is --data, else $SWITCHBOARD_DATA, else the per-user data folder
(~/.local/share/switchboard on Linux). --workspace takes a workspace's id, name or folder
name. Passwords live only in the OS keyring. Mistakes in the command line exit 2, other
failures 1.
`

// commands is every subcommand, each registered by the feature that owns it.
func commands() *cmdline.Registry {
	return cmdline.NewRegistry(
		workspacecmd.Commands(),
		faq.Commands(),
		inbox.Commands(),
		inbox.DraftCommands(),
		smtpsend.Commands(keyring()),
		mailcli.Commands(),
		journalcmd.Commands(),
		crisis.Commands(), warning.Commands(),
		schedulecmd.Commands(),
		runner.Commands(keyring()),
		handover.Commands(),
		clientpkg.Commands(mime.AttachmentAt),
		crosscopy.Commands(),
	)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	data, args := takeFlag(args, "data")
	ws, args := takeFlag(args, "workspace")
	reg := commands()
	help := reg.Help(intro, outro)
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, help)
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
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		err = gui(root, ws, args, stderr)
	} else {
		keys := keyring()
		// The demo workspace's mail is parsed and stored like synced mail (workspace may
		// not import accounts, so the importer is passed in).
		env := &cmdline.Env{Root: root, WorkspaceRef: ws, Stdin: stdin, Stdout: stdout, Stderr: stderr,
			Secrets: keys, Keyring: keys, Import: imapsync.ImportRaw}
		err = reg.Run(ctx, env, args)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, cmdline.ErrUsage) || errors.Is(err, flag.ErrHelp):
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "switchboard:", err)
		}
		fmt.Fprintln(stderr, "(`switchboard help` lists every command)")
		return 2
	default:
		fmt.Fprintln(stderr, "switchboard:", err)
		return 1
	}
}

// keyring is the OS keyring, shared by every workspace but namespaced by workspace id.
func keyring() *secrets.Store { return secrets.New(0) }

// gui opens the window.
func gui(root *workspace.Root, ws string, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("switchboard", flag.ContinueOnError)
	fs.SetOutput(stderr)
	screenshot := fs.String("screenshot", "", "render the window to this PNG file and exit")
	pane := fs.String("pane", "", "pane to show first: "+strings.Join(ui.PaneIDs(), ", "))
	if err := fs.Parse(args); err != nil {
		return cmdline.ErrUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected %q", cmdline.ErrUsage, fs.Arg(0))
	}
	if *pane != "" && !slices.Contains(ui.PaneIDs(), *pane) {
		return cmdline.Usagef("--pane %q is not a pane: use one of %s", *pane, strings.Join(ui.PaneIDs(), ", "))
	}
	keys := keyring()
	host := runner.NewHost(runner.Options{Passwords: keys, Logf: log.Printf})
	mailAccounts := accountsvc.New(accountsvc.Params{Keyring: keys, Host: host})
	opts := ui.Options{
		Secrets:      keys,
		Unread:       host.Unread,
		MailAccounts: accountspane.New(mailAccounts),
		SendNow:      host.SendNow,
		SyncState:    ui.SyncStateOf(mailAccounts),
		Attachment:   mime.AttachmentAt,
		ImportMail:   imapsync.ImportRaw,
		Workspace:    ws,
		Pane:         *pane,
		Screenshot:   *screenshot,
	}
	if *screenshot == "" { // a picture of the window needs no network
		opts.Background = host.Start
	}
	a := app.NewWithID("app.switchboard.desktop")
	return ui.New(a, root, opts).ShowAndRun()
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
