package workspace_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// copyFolder is the README's backup advice, `cp -a DATA/zeta DATA/zeta-backup`.
func copyFolder(t *testing.T, from, to string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", from, to).CombinedOutput(); err != nil {
		t.Fatalf("cp -a: %v %s", err, out)
	}
}

func addAccount(t *testing.T, root *workspace.Root, ref string) {
	t.Helper()
	err := root.Update(context.Background(), ref, func(w *workspace.Workspace) error {
		_, err := mail.Open(w).AddAccount(context.Background(), mail.Account{Email: "help@z.example", Username: "help",
			IMAP: mail.Endpoint{Host: "imap.z.example", Port: 993, Security: mail.TLS},
			SMTP: mail.Endpoint{Host: "smtp.z.example", Port: 465, Security: mail.TLS}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeletingABackupCopyDeletesOnlyTheCopyAndKeepsTheSecrets(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	zeta := create(t, root, "Zeta")
	addAccount(t, root, "Zeta")
	backup := filepath.Join(root.Dir(), "zeta-backup")
	copyFolder(t, zeta.Dir, backup)

	// The copy is listed, and reported as a copy by its folder name.
	list, problems := root.List(ctx, true)
	if len(list) != 2 {
		t.Fatalf("listed %+v", list)
	}
	var dup *workspace.DuplicateError
	if len(problems) != 1 || problems[0].Dir != "zeta-backup" || !errors.As(problems[0].Err, &dup) ||
		dup.Original != "zeta" || !strings.Contains(problems[0].Error(), "restore-copy zeta-backup") {
		t.Fatalf("problems %v", problems)
	}
	// The id and the display name now name two folders: refused, with both listed.
	for _, ref := range []string{zeta.ID, "Zeta", "zeta"} {
		_, err := root.Find(ctx, ref)
		var amb *workspace.AmbiguousError
		if ref == "zeta" { // the folder name is exact... but "Zeta" the name comes first
			if !errors.As(err, &amb) || amb.By != "name" {
				t.Fatalf("Find(%q): %v", ref, err)
			}
			continue
		}
		if !errors.As(err, &amb) || len(amb.Candidates) != 2 || !strings.Contains(err.Error(), "zeta-backup") {
			t.Fatalf("Find(%q): %v", ref, err)
		}
	}

	secrets := &fakeSecrets{}
	if err := root.Delete(ctx, "zeta-backup", secrets); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(zeta.Dir, "workspace.db")); err != nil {
		t.Fatalf("deleting the copy removed the live workspace: %v", err)
	}
	if _, err := os.Stat(backup); !os.IsNotExist(err) {
		t.Fatalf("the copy is still there: %v", err)
	}
	if len(secrets.deleted) != 0 {
		t.Fatalf("the live workspace's passwords were removed with its copy: %v", secrets.deleted)
	}
	if got, err := root.Find(ctx, zeta.ID); err != nil || got.Dir != zeta.Dir {
		t.Fatalf("after deleting the copy: %+v %v", got, err)
	}
	// Now the only folder with the id: deleting it removes the secrets too.
	if err := root.Delete(ctx, "zeta", secrets); err != nil || len(secrets.deleted) != 1 {
		t.Fatalf("deleting the last folder: %v, secrets removed %v", err, secrets.deleted)
	}
}

type fakeCopier struct{ from, to string }

func (f *fakeCopier) CopyWorkspace(_ context.Context, from, to string, keys []string) error {
	f.from, f.to = from, to
	return nil
}

func TestRestoreCopyMakesItAWorkspaceOfItsOwn(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	zeta := create(t, root, "Zeta")
	addAccount(t, root, "Zeta")
	// A reply waiting to go out when the copy is made: the original may send it later.
	err := root.Update(ctx, "Zeta", func(w *workspace.Workspace) error {
		return w.DB().Write(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, "INSERT INTO conversations (id, gid, created_at, updated_at) VALUES (1, 'c1', 0, 0)"); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO outbox (workspace_id, account_id, conversation_id, message_id, from_email,
				to_addrs, subject, body, send_at, next_attempt_at, created_by, created_at, updated_at, gid)
				VALUES (?, 'a', 1, 'm1@x', 'brand@x', '[]', 'Re: hi', 'Hello', 0, 0, 'Anna', 0, 0, 'o1')`, w.ID())
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	copyFolder(t, zeta.Dir, filepath.Join(root.Dir(), "zeta-backup"))

	if _, err := root.RestoreCopy(ctx, zeta.ID, "", &fakeCopier{}); err == nil {
		t.Fatal("RestoreCopy by the shared id picked a folder")
	}
	copier := &fakeCopier{}
	restored, err := root.RestoreCopy(ctx, "zeta-backup", "", copier)
	if err != nil {
		t.Fatal(err)
	}
	if restored.ID == zeta.ID || restored.Name != "Zeta (restored copy)" || filepath.Base(restored.Dir) != "zeta-backup" {
		t.Fatalf("restored %+v", restored)
	}
	if copier.from != zeta.ID || copier.to != restored.ID {
		t.Fatalf("passwords copied from %s to %s", copier.from, copier.to)
	}
	if _, problems := root.List(ctx, true); len(problems) != 0 {
		t.Fatalf("still reported after restoring: %v", problems)
	}
	var state, why string
	root.Update(ctx, restored.Dir, func(w *workspace.Workspace) error {
		return w.DB().Read().QueryRowContext(ctx, "SELECT state, last_error FROM outbox WHERE gid = 'o1'").Scan(&state, &why)
	})
	if state != "failed" || !strings.Contains(why, "retry") {
		t.Fatalf("the copy's queued reply is %s (%q): it would go out again from the restored copy", state, why)
	}
	for ref, want := range map[string]string{zeta.ID: zeta.Dir, "Zeta": zeta.Dir, restored.ID: restored.Dir, "zeta-backup": restored.Dir} {
		if got, err := root.Find(ctx, ref); err != nil || got.Dir != want {
			t.Fatalf("Find(%q) = %s, %v; want %s", ref, got.Dir, err, want)
		}
	}
	if _, err := root.RestoreCopy(ctx, "zeta", "", copier); err == nil {
		t.Fatal("RestoreCopy of a folder that is no copy")
	}
}

// The issue's case: after renaming "Nordic" and creating a new "Nordic", `--workspace
// nordic` matched the old one's folder name first (and case-sensitively).
func TestReferencesResolveByIDThenNameThenFolderCaseInsensitively(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	old := create(t, root, "Nordic")
	if err := root.Update(ctx, "Nordic", func(w *workspace.Workspace) error { return w.Rename(ctx, "Nordic (old contract)") }); err != nil {
		t.Fatal(err)
	}
	fresh := create(t, root, "Nordic")
	if filepath.Base(old.Dir) != "nordic" || filepath.Base(fresh.Dir) != "nordic-2" {
		t.Fatalf("folders %s %s", old.Dir, fresh.Dir)
	}
	for ref, want := range map[string]string{
		"nordic": fresh.ID, "Nordic": fresh.ID, "NORDIC": fresh.ID, // the display name before the folder
		"nordic (OLD contract)": old.ID, "nordic-2": fresh.ID, strings.ToUpper(old.ID): old.ID,
		fresh.Dir: fresh.ID, old.Dir: old.ID,
	} {
		got, err := root.Find(ctx, ref)
		if err != nil || got.ID != want {
			t.Errorf("Find(%q) = %s %q, %v; want %s", ref, got.ID, got.Name, err, want)
		}
		w, err := root.Open(ctx, ref)
		if err != nil || w.ID() != want {
			t.Errorf("Open(%q) = %v; want %s", ref, err, want)
		} else {
			w.Close()
		}
	}
	if _, err := root.Find(ctx, "no such"); !errors.Is(err, workspace.ErrNotFound) {
		t.Fatalf("unknown ref: %v", err)
	}
}

func TestAmbiguousFolderNamesAreAnError(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	a := create(t, root, "Acme")
	// Two folders differing only in case (possible on Linux), names that match neither.
	if err := os.Rename(a.Dir, filepath.Join(root.Dir(), "Shop")); err != nil {
		t.Fatal(err)
	}
	b := create(t, root, "Bravo")
	if err := os.Rename(b.Dir, filepath.Join(root.Dir(), "shop")); err != nil {
		t.Fatal(err)
	}
	_, err := root.Find(ctx, "SHOP")
	var amb *workspace.AmbiguousError
	if !errors.As(err, &amb) || amb.By != "folder" || len(amb.Candidates) != 2 ||
		!strings.Contains(err.Error(), `"Acme"`) || !strings.Contains(err.Error(), `"Bravo"`) {
		t.Fatalf("Find(SHOP): %v", err)
	}
	if w, err := root.Open(ctx, "shop"); err == nil {
		w.Close()
		t.Fatal("Open of an ambiguous reference opened something")
	}
}
