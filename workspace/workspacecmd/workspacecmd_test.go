package workspacecmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

type keyring struct{ deleted, copied []string }

func (k *keyring) DeleteWorkspace(_ context.Context, id string) error {
	k.deleted = append(k.deleted, id)
	return nil
}

func (k *keyring) CopyWorkspace(_ context.Context, from, to string, _ []string) error {
	k.copied = append(k.copied, from+">"+to)
	return nil
}

// The probe from the command line: `cp -a zeta zeta-backup`, then list warns
// about the copy, `workspace delete zeta-backup --yes` deletes only that folder, and
// restore-copy turns another copy into a workspace of its own.
func TestBackupCopyFromTheCommandLine(t *testing.T) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	keys := &keyring{}
	e := &cmdline.Env{Root: root, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Secrets: keys}
	run := func(args ...string) error {
		stdout.Reset()
		stderr.Reset()
		return runWorkspace(ctx, e, args)
	}
	if err := run("create", "Zeta"); err != nil {
		t.Fatal(err)
	}
	zeta := filepath.Join(root.Dir(), "zeta")
	for _, c := range []string{"zeta-backup", "zeta-old"} {
		if out, err := exec.Command("cp", "-a", zeta, filepath.Join(root.Dir(), c)).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v %s", err, out)
		}
	}
	if err := run("list"); err != nil || !strings.Contains(stderr.String(), `"zeta-backup": is a copy of workspace "Zeta"`) ||
		!strings.Contains(stderr.String(), "restore-copy zeta-backup") {
		t.Fatalf("list: %v\n%s", err, stderr.String())
	}
	if err := run("delete", "zeta-backup", "--yes"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(zeta, "workspace.db")); err != nil {
		t.Fatalf("deleting the copy removed the live workspace: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root.Dir(), "zeta-backup")); !os.IsNotExist(err) {
		t.Fatal("the copy named is still there")
	}
	if err := run("delete", "Zeta", "--yes"); err == nil || !strings.Contains(err.Error(), "zeta-old") {
		t.Fatalf("deleting by a name two folders share: %v", err)
	}
	if err := run("restore-copy", "zeta-old", "Zeta 2024"); err != nil || !strings.Contains(stdout.String(), `"Zeta 2024"`) {
		t.Fatalf("restore-copy: %v %s", err, stdout.String())
	}
	if err := run("list"); err != nil || stderr.Len() != 0 || !strings.Contains(stdout.String(), "Zeta 2024") {
		t.Fatalf("list after restoring: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	if len(keys.deleted) != 0 {
		t.Fatalf("keyring entries deleted: %v", keys.deleted)
	}
}

// `tray` is Settings' "Keep running in the system tray": off until chosen, kept in the
// machine's config, and anything but on or off is a usage mistake.
func TestTrayChoiceFromTheCommandLine(t *testing.T) {
	ctx := context.Background()
	root, err := workspace.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	e := &cmdline.Env{Root: root, Stdout: &stdout, Stderr: &bytes.Buffer{}}
	if err := runTray(ctx, e, nil); err != nil || !strings.HasPrefix(stdout.String(), "off") {
		t.Fatalf("before any choice: %q %v", stdout.String(), err)
	}
	if err := runTray(ctx, e, []string{"on"}); err != nil {
		t.Fatal(err)
	}
	if cfg, _ := root.Config(); !cfg.KeepInTray {
		t.Fatal("tray on was not kept")
	}
	if err := runTray(ctx, e, []string{"sometimes"}); !errors.Is(err, cmdline.ErrUsage) {
		t.Fatalf("tray sometimes: %v, want a usage mistake", err)
	}
}
