package mailcli_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchboard/accounts/mailcli"
	"switchboard/accounts/mailtest"
	"switchboard/accounts/secrets"
	"switchboard/accounts/secrets/keyringtest"
	"switchboard/workspace/mail"
)

// TestPasswordNeverLeaks runs the real command-line path (account add --password-stdin,
// account test, sync --once) against a real Dovecot, a real SMTP server and a real
// gnome-keyring, with one right and one wrong password, then looks for either password
// (and the AUTH PLAIN encodings a protocol trace would show) in every file of the data
// root, the WAL included, in everything printed or logged, and in every error.
func TestPasswordNeverLeaks(t *testing.T) {
	keyringtest.Start(t)
	const (
		good  = "Kaffe-Lösen-9f3a!x"
		wrong = "Fel-Lösen-77c1?y"
		other = "orders@nordlys.example"
	)
	d := mailtest.StartDovecot(t, mailtest.WithUser(user, good))
	smtp := mailtest.StartSMTP(t, mailtest.WithAuth(user, good))
	if _, err := d.Deliver(user, "INBOX", mailtest.Message{From: "Ana <ana@cliente.example>", To: user, Subject: "Pedido", Body: "Hola, ¿dónde está mi pedido?", Date: time.Now()}.Bytes(), time.Now()); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer // anything written through the standard logger
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	w, dataRoot := newWorkspace(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	var errs []error
	run := func(cli command, stdin string, args ...string) error {
		err := cli(ctx, w, args, strings.NewReader(stdin), &out, &errOut)
		if err != nil {
			errs = append(errs, err)
		}
		return err
	}
	add := func(email, pw string) {
		t.Helper()
		if err := run(mailcli.AccountCLI(secrets.New(0)), pw+"\n", "add", "--email", email, "--username", user, "--imap", d.Addr(),
			"--smtp", smtp.Addr(), "--security", "plain", "--password-stdin"); err != nil {
			t.Fatalf("account add %s: %v\n%s", email, err, errOut.String())
		}
	}
	add(user, good)
	add(other, wrong)

	err := run(mailcli.SyncCLI(secrets.New(0)), "", "--once")
	if err == nil || !strings.Contains(err.Error(), other) {
		t.Fatalf("sync with one wrong password: %v, want an error naming %s", err, other)
	}
	if st, _ := mail.Open(w).Stats(ctx); st.Messages != 1 {
		t.Errorf("%d messages after sync, want the 1 of the account whose password is right", st.Messages)
	}
	if err := run(mailcli.AccountCLI(secrets.New(0)), "", "test"); err == nil {
		t.Error("account test passed with a wrong password")
	}
	if !strings.Contains(out.String(), "FAILED at auth") {
		t.Errorf("account test output does not name the failed stage:\n%s", out.String())
	}
	if err := run(mailcli.SyncCLI(secrets.New(0)), "", "--once", "--account", user); err != nil {
		t.Errorf("sync of the account with the right password: %v", err)
	}

	// The password is where it belongs: in the keyring, under the workspace's service.
	accts, err := mail.Open(w).Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, a := range accts {
		ids[a.Email] = a.ID
	}
	if got, err := secrets.New(0).Get(ctx, w.ID(), ids[user]); err != nil || got != good {
		t.Errorf("keyring holds %q (%v) for %s, want the password given on stdin", got, err, user)
	}
	secretTool, err := keyringtest.LookPath("secret-tool")
	if err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command(secretTool, "lookup", "service", secrets.Service(w.ID()), "username", ids[user]).Output()
	if err != nil || string(got) != good {
		t.Errorf("secret-tool lookup: %q (%v), want the password", got, err)
	}

	needles := map[string]string{"right password": good, "wrong password": wrong}
	for name, pw := range map[string]string{"right": good, "wrong": wrong} {
		needles["base64 of the "+name+" password"] = base64.StdEncoding.EncodeToString([]byte(pw))
		needles["AUTH PLAIN of the "+name+" password"] = base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pw))
	}
	check := func(where string, b []byte) {
		t.Helper()
		for name, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("the %s appears in %s", name, where)
			}
		}
	}
	files := func() {
		t.Helper()
		n := 0
		err := filepath.WalkDir(dataRoot, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			check(path, b)
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Fatalf("no files under %s to look at", dataRoot)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(w.DB().Path()), "workspace.db-wal")); err != nil {
		t.Errorf("no WAL to look into while the workspace is open: %v", err)
	}
	files() // with the WAL as the sync left it
	check("standard output", out.Bytes())
	check("standard error", errOut.Bytes())
	check("the standard logger", logged.Bytes())
	for _, e := range errs {
		eachError(e, func(e error) { check("the error "+e.Error(), []byte(e.Error())) })
	}
	if len(errs) < 2 {
		t.Errorf("only %d errors to look into, want the failed sync and the failed test", len(errs))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files() // and once the WAL is checkpointed into the database file
}
