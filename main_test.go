package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
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
