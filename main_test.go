package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/ui"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// sb runs the command line in-process, as a script would.
func sb(t *testing.T, data string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"--data", data}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func mustSB(t *testing.T, data string, args ...string) string {
	t.Helper()
	out, errOut, code := sb(t, data, "", args...)
	if code != 0 {
		t.Fatalf("switchboard %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestWorkspaceCommands(t *testing.T) {
	data := t.TempDir()
	mustSB(t, data, "workspace", "create", "Acme Bikes", "--color", "#1e6fd9", "--tz", "Europe/Madrid")
	mustSB(t, data, "workspace", "create", "Borscht & Co")
	mustSB(t, data, "workspace", "rename", "Acme Bikes", "Acme Cycles")
	mustSB(t, data, "workspace", "recolor", "Borscht & Co", "c2255c")

	var list []map[string]any
	if err := json.Unmarshal([]byte(mustSB(t, data, "workspace", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0]["name"] != "Acme Cycles" || list[0]["color"] != "#1E6FD9" ||
		list[0]["time_zone"] != "Europe/Madrid" || list[1]["color"] != "#C2255C" || list[0]["id"] == "" {
		t.Fatalf("list --json: %v", list)
	}

	mustSB(t, data, "workspace", "archive", "Acme Cycles")
	if out := mustSB(t, data, "workspace", "list"); strings.Contains(out, "Acme") {
		t.Fatalf("archived workspace listed: %s", out)
	}
	if out := mustSB(t, data, "workspace", "list", "--all"); !strings.Contains(out, "Acme Cycles") || !strings.Contains(out, "(archived)") {
		t.Fatalf("list --all: %s", out)
	}

	// Errors: stderr and a non-zero exit, usage mistakes with 2.
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"workspace", "create", "borscht & co"}, 1, "already exists"},
		{[]string{"workspace", "create"}, 2, "takes a NAME"},
		{[]string{"workspace", "rename", "Nobody", "X"}, 1, "no such workspace"},
		{[]string{"workspace", "recolor", "Borscht & Co", "blue"}, 1, "#RRGGBB"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"workspace", "delete", "Borscht & Co"}, 1, "not deleted"}, // no confirmation on stdin
	} {
		out, errOut, code := sb(t, data, "", c.args...)
		if code != c.code || !strings.Contains(errOut, c.says) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d saying %q", c.args, code, out, errOut, c.code, c.says)
		}
	}
	if _, errOut, code := sb(t, data, "borscht & co\n", "workspace", "delete", "Borscht & Co"); code != 0 {
		t.Fatalf("delete after typing the name: %s", errOut)
	}
	if out := mustSB(t, data, "workspace", "list", "--all", "--json"); strings.Contains(out, "Borscht") {
		t.Fatalf("deleted workspace still listed: %s", out)
	}
}

// Passwords are namespaced per workspace in the real keyring, and deleting a workspace
// removes its passwords and nobody else's.
func TestDeleteRemovesOnlyThatWorkspacesSecrets(t *testing.T) {
	keyringtest.Start(t)
	ctx := context.Background()
	data := t.TempDir()
	mustSB(t, data, "workspace", "create", "Acme")
	mustSB(t, data, "workspace", "create", "Borscht")
	root, _ := workspace.OpenRoot(data)
	store := secrets.New(0)
	ids := map[string]string{}
	for _, name := range []string{"Acme", "Borscht"} {
		err := root.Update(ctx, name, func(w *workspace.Workspace) error {
			ids[name] = w.ID()
			if err := store.Set(ctx, w.ID(), testAccount.ID, "pw-of-"+name); err != nil {
				return err
			}
			_, err := mail.Open(w).AddAccount(ctx, testAccount)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if a, _ := store.Get(ctx, ids["Acme"], testAccount.ID); a != "pw-of-Acme" {
		t.Fatalf("Acme's password reads %q", a)
	}
	mustSB(t, data, "workspace", "delete", "Acme", "--yes")
	if _, err := store.Get(ctx, ids["Acme"], testAccount.ID); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("deleted workspace's password still in the keyring: %v", err)
	}
	if b, err := store.Get(ctx, ids["Borscht"], testAccount.ID); b != "pw-of-Borscht" || err != nil {
		t.Fatalf("the other workspace's password: %q %v", b, err)
	}
	if _, err := root.Find(ctx, "Borscht"); err != nil {
		t.Fatal(err)
	}
	// Neither database file ever holds a password.
	for _, f := range []string{"borscht/workspace.db"} {
		b, _ := os.ReadFile(data + "/" + f)
		if bytes.Contains(b, []byte("pw-of-")) {
			t.Fatalf("%s contains a password", f)
		}
	}
}

var testAccount = mail.Account{ID: "acc1", Email: "help@x.example", Username: "help",
	IMAP: mail.Endpoint{Host: "imap.x.example", Port: 993, Security: mail.TLS},
	SMTP: mail.Endpoint{Host: "smtp.x.example", Port: 465, Security: mail.TLS}}

// The registry is the command line: every command has its usage, a flag it does not know
// is a usage mistake (exit 2) whatever the command, and help lists them all.
func TestEveryCommandIsRegisteredWithUsage(t *testing.T) {
	data := t.TempDir()
	mustSB(t, data, "workspace", "create", "Acme")
	help := mustSB(t, data, "help")
	for _, c := range commands().Commands() {
		if len(c.Usage) == 0 || c.Summary == "" {
			t.Errorf("%s: no usage or summary", c.Name)
		}
		for _, u := range c.Usage {
			if !strings.HasPrefix(u, c.Name+" ") && u != c.Name {
				t.Errorf("%s: usage %q does not start with the command", c.Name, u)
			}
			if !strings.Contains(help, "switchboard "+u) {
				t.Errorf("help does not show %q", u)
			}
		}
		out, errOut, code := sb(t, data, "", "--workspace", "Acme", c.Name, "--no-such-flag")
		if code != 2 || out != "" || errOut == "" {
			t.Errorf("%s --no-such-flag: exit %d, stdout %q, stderr %q; want exit 2 and a message", c.Name, code, out, errOut)
		}
	}
}

// Usage mistakes in the commands' own arguments exit 2; failures of what they were asked
// to do exit 1.
func TestUsageMistakesExit2(t *testing.T) {
	data := t.TempDir()
	mustSB(t, data, "workspace", "create", "Acme")
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"status", "--conversation", "x"}, 2},
		{[]string{"status", "--conversation", "x", "pending"}, 2},
		{[]string{"reply", "--conversation", "x"}, 2},
		{[]string{"outbox", "resend", "1"}, 2},
		{[]string{"outbox", "reschedule", "1"}, 2},
		{[]string{"outbox", "retry", "1"}, 1}, // no such item
		{[]string{"assign", "--conversation", "x"}, 2},
		{[]string{"assign", "Maja"}, 2},
		{[]string{"label", "--conversation", "x", "toggle", "vip"}, 2},
		{[]string{"note", "--conversation", "x"}, 2},
		{[]string{"note", "--conversation", "no-such-id", "--text", "hi"}, 1},
		{[]string{"voice", "--formal", "--informal"}, 2},
		{[]string{"voice", "--target", "soon"}, 2},
		{[]string{"contact"}, 2},
		{[]string{"contact", "a@b.example", "ban", "--reason", "x"}, 2},
		{[]string{"contact", "a@b.example", "mute"}, 2},
		{[]string{"staff", "promote", "Maja"}, 2},
		{[]string{"labels", "add"}, 2},
		{[]string{"conversations", "--status", "pending"}, 2},
		{[]string{"conversations", "--view", "everything"}, 2},
		{[]string{"account"}, 2},
		{[]string{"account", "frobnicate"}, 2},
		{[]string{"account", "add", "--email", "a@b.example"}, 2},
		{[]string{"account", "remove"}, 2},
		{[]string{"faq", "export", "--format", "pdf"}, 2},
		{[]string{"faq", "import", "x.csv"}, 2},
		{[]string{"search"}, 2},
	} {
		_, errOut, code := sb(t, data, "", append([]string{"--workspace", "Acme"}, c.args...)...)
		if code != c.code {
			t.Errorf("%v: exit %d, want %d: %s", c.args, code, c.code, errOut)
		}
	}
	if _, errOut, code := sb(t, data, "", "--pane", "crisiss"); code != 2 || !strings.Contains(errOut, "inbox, faq") {
		t.Errorf("--pane crisiss: exit %d: %s; want 2 naming the panes", code, errOut)
	}
}

// Every action a pane declares can be done from the command line.
func TestEveryPaneActionHasACommand(t *testing.T) {
	have := map[string]map[string]bool{}
	for _, c := range commands().Commands() {
		if have[c.Pane] == nil {
			have[c.Pane] = map[string]bool{}
		}
		for _, a := range c.Actions {
			have[c.Pane][a] = true
		}
	}
	for pane, actions := range ui.PaneActions() {
		for _, a := range actions {
			if !have[pane][a] {
				t.Errorf("pane %s: action %q has no command (set a command's Pane and Actions)", pane, a)
			}
		}
	}
	for pane := range have {
		if pane != "" && !slices.Contains(ui.PaneIDs(), pane) {
			t.Errorf("commands name pane %q, which is not in the ui's list %v", pane, ui.PaneIDs())
		}
	}
}
