package workspace_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/mail"
	"switchboard/workspace/sqlitedb"
)

func TestMain(m *testing.M) {
	// Re-executed as a second process that holds a workspace open (see TestSecondProcessCannotOpen).
	if ref := os.Getenv("SWITCHBOARD_TEST_HOLD"); ref != "" {
		root, _ := workspace.OpenRoot(os.Getenv("SWITCHBOARD_DATA"))
		w, err := root.Open(context.Background(), ref)
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("holding\n")
		bufio.NewReader(os.Stdin).ReadString('\n') // until the test closes our stdin
		w.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func newRoot(t *testing.T) *workspace.Root {
	t.Helper()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func create(t *testing.T, root *workspace.Root, name string) workspace.Info {
	t.Helper()
	info, err := root.Create(context.Background(), name, workspace.CreateOptions{TimeZone: "Europe/Prague"})
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func open(t *testing.T, root *workspace.Root, ref string) *workspace.Workspace {
	t.Helper()
	w, err := root.Open(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func TestTwoWorkspacesNeverSeeEachOther(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	a, b := create(t, root, "Acme Bikes"), create(t, root, "Café Nørd")
	if a.Dir == b.Dir || a.ID == b.ID {
		t.Fatalf("workspaces share a folder or id: %+v %+v", a, b)
	}
	wa, wb := open(t, root, a.Name), open(t, root, b.Name)
	if err := wa.SetSetting(ctx, "tone.avoid", "cheap"); err != nil {
		t.Fatal(err)
	}
	if err := wb.SetSetting(ctx, "tone.avoid", "sorry for the inconvenience"); err != nil {
		t.Fatal(err)
	}
	va, _, _ := wa.Setting(ctx, "tone.avoid")
	vb, _, _ := wb.Setting(ctx, "tone.avoid")
	if va != "cheap" || vb != "sorry for the inconvenience" {
		t.Fatalf("settings leaked between workspaces: A=%q B=%q", va, vb)
	}
	if wa.DB().Path() == wb.DB().Path() {
		t.Fatal("both workspaces use one database file")
	}
	// The files share nothing: A's file does not contain B's text and vice versa.
	wa.Close()
	wb.Close()
	fa, _ := os.ReadFile(filepath.Join(a.Dir, "workspace.db"))
	fb, _ := os.ReadFile(filepath.Join(b.Dir, "workspace.db"))
	if bytes.Contains(fa, []byte("inconvenience")) || bytes.Contains(fb, []byte("cheap")) || bytes.Contains(fa, []byte(b.ID)) {
		t.Fatal("one workspace's data is present in the other's database file")
	}
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	acme := create(t, root, "  Acme   Bikes ")
	if acme.Name != "Acme Bikes" || acme.Slug != "acme-bikes" || acme.TimeZone != "Europe/Prague" || acme.Color == "" {
		t.Fatalf("created %+v", acme)
	}
	if _, err := root.Create(ctx, "acme bikes", workspace.CreateOptions{}); !errors.Is(err, workspace.ErrExists) {
		t.Fatalf("duplicate name: got %v", err)
	}
	if _, err := root.Create(ctx, "x", workspace.CreateOptions{Color: "red"}); err == nil || !strings.Contains(err.Error(), "#RRGGBB") {
		t.Fatalf("bad colour: got %v", err)
	}
	create(t, root, "Borscht & Co")

	err := root.Update(ctx, "Acme Bikes", func(w *workspace.Workspace) error {
		if err := w.Rename(ctx, "Acme Cycles"); err != nil {
			return err
		}
		return w.SetColor(ctx, "2b8a3e")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := root.Update(ctx, "Acme Cycles", func(w *workspace.Workspace) error { return w.Rename(ctx, "borscht & co") }); !errors.Is(err, workspace.ErrExists) {
		t.Fatalf("rename onto another workspace's name: got %v", err)
	}
	got, err := root.Find(ctx, acme.ID)
	if err != nil || got.Name != "Acme Cycles" || got.Color != "#2B8A3E" || got.Dir != acme.Dir {
		t.Fatalf("after rename and recolour: %+v %v", got, err)
	}

	if err := root.Update(ctx, acme.ID, func(w *workspace.Workspace) error { return w.SetArchived(ctx, true) }); err != nil {
		t.Fatal(err)
	}
	if names := names(root, false); names != "Borscht & Co" {
		t.Fatalf("archived workspace still listed: %s", names)
	}
	if names := names(root, true); names != "Acme Cycles,Borscht & Co" {
		t.Fatalf("archive lost a workspace: %s", names)
	}

	if err := root.Delete(ctx, "Borscht & Co", nil); err != nil {
		t.Fatal(err)
	}
	if names := names(root, true); names != "Acme Cycles" {
		t.Fatalf("after delete: %s", names)
	}
	if _, err := root.Find(ctx, "Borscht & Co"); !errors.Is(err, workspace.ErrNotFound) {
		t.Fatalf("deleted workspace still found: %v", err)
	}
}

func names(root *workspace.Root, all bool) string {
	list, _ := root.List(context.Background(), all)
	var n []string
	for _, i := range list {
		n = append(n, i.Name)
	}
	return strings.Join(n, ",")
}

type fakeSecrets struct {
	deleted []string
	err     error
}

func (f *fakeSecrets) DeleteWorkspace(_ context.Context, id string) error {
	f.deleted = append(f.deleted, id)
	return f.err
}

func TestDeleteRemovesSecretsFirstAndKeepsEverythingWhenThatFails(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	a, b := create(t, root, "A"), create(t, root, "B")
	w := open(t, root, "A")
	_, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: "help@a.example", Username: "help",
		IMAP: mail.Endpoint{Host: "imap.a.example", Port: 993, Security: mail.TLS},
		SMTP: mail.Endpoint{Host: "smtp.a.example", Port: 465, Security: mail.TLS}})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()

	failing := &fakeSecrets{err: errors.New("no keyring service is running")}
	if err := root.Delete(ctx, "A", failing); err == nil || !strings.Contains(err.Error(), "not deleted") {
		t.Fatalf("delete with a failing keyring: %v", err)
	}
	if _, err := os.Stat(filepath.Join(a.Dir, "workspace.db")); err != nil {
		t.Fatalf("workspace data removed although its secrets could not be: %v", err)
	}

	ok := &fakeSecrets{}
	if err := root.Delete(ctx, "A", ok); err != nil {
		t.Fatal(err)
	}
	if len(ok.deleted) != 1 || ok.deleted[0] != a.ID {
		t.Fatalf("secrets removed for %v, want only %s", ok.deleted, a.ID)
	}
	if _, err := os.Stat(a.Dir); !os.IsNotExist(err) {
		t.Fatalf("folder of deleted workspace still there: %v", err)
	}
	if _, err := root.Find(ctx, b.ID); err != nil {
		t.Fatalf("deleting A harmed B: %v", err)
	}
}

func TestSecondProcessCannotOpenAnOpenWorkspace(t *testing.T) {
	root := newRoot(t)
	create(t, root, "Acme")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SWITCHBOARD_TEST_HOLD=Acme", "SWITCHBOARD_DATA="+root.Dir())
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "holding\n" {
		t.Fatalf("helper process: %q", line)
	}
	_, err := root.Open(context.Background(), "Acme")
	var locked *workspace.ErrLocked
	if !errors.As(err, &locked) || locked.PID != cmd.Process.Pid || !strings.Contains(err.Error(), "open in another Switchboard") {
		t.Fatalf("second open: %v", err)
	}
	stdin.Close()
	cmd.Wait()
	// Once the other process is gone the workspace opens again.
	open(t, root, "Acme")
}

func TestCorruptWorkspaceIsReportedAndOthersStillOpen(t *testing.T) {
	root := newRoot(t)
	good := create(t, root, "Good")
	bad := create(t, root, "Bad")
	path := filepath.Join(bad.Dir, "workspace.db")
	garbage := bytes.Repeat([]byte("garbage!"), 1000)
	os.WriteFile(path, garbage, 0o600)

	list, problems := root.List(context.Background(), true)
	if len(list) != 1 || list[0].ID != good.ID {
		t.Fatalf("listed %+v", list)
	}
	var corrupt *sqlitedb.ErrCorrupt
	if len(problems) != 1 || problems[0].Dir != "bad" || !errors.As(problems[0].Err, &corrupt) {
		t.Fatalf("problems %+v", problems)
	}
	if _, err := root.Open(context.Background(), "bad"); !errors.As(err, &corrupt) {
		t.Fatalf("opening the corrupt workspace: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, garbage) {
		t.Fatal("corrupt file modified")
	}
	open(t, root, "Good")
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Café Nørd":          "cafe-nord",
		"Příliš žluťoučký":   "prilis-zlutoucky",
		"Ёжик в тумане":      "ezhik-v-tumane",
		"  --Acme!!  Bikes ": "acme-bikes",
		"東京":                 "workspace",
		"São Paulo Fútbol":   "sao-paulo-futbol",
	} {
		if got := workspace.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfigSurvivesAndIsMachineWide(t *testing.T) {
	root := newRoot(t)
	if err := root.SaveConfig(workspace.Config{AgentName: " Jana "}); err != nil {
		t.Fatal(err)
	}
	c, err := root.Config()
	if err != nil || c.AgentName != "Jana" {
		t.Fatalf("%+v %v", c, err)
	}
	os.WriteFile(filepath.Join(root.Dir(), "config.json"), []byte("{oops"), 0o600)
	if _, err := root.Config(); err == nil || !strings.Contains(err.Error(), "config.json") {
		t.Fatalf("broken config: %v", err)
	}
}
