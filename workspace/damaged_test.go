package workspace_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"switchboard/workspace"
	"switchboard/workspace/faq"
	"switchboard/workspace/sqlitedb"
	"switchboard/workspace/workspacetest"
)

// The probe: a 4 KB page of a cleanly closed workspace.db overwritten, its
// time restored. The first query that meets the damage marks the workspace damaged; `faq
// add` then refuses, the clean-close marker is gone, the next open refuses the file, and
// the other workspace goes on working. Listing it creates nothing beside it.
func TestDamagedWorkspaceStopsWritingAndOthersGoOn(t *testing.T) {
	ctx := context.Background()
	root := newRoot(t)
	good := create(t, root, "Good")
	bad := create(t, root, "Bad")
	err := root.Update(ctx, "Bad", func(w *workspace.Workspace) error {
		for i := 0; i < 600; i++ {
			if err := w.SetSetting(ctx, "k"+strconv.Itoa(i), strings.Repeat("v", 1500)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(bad.Dir, "workspace.db")
	if _, err := os.Stat(path + ".clean"); err != nil {
		t.Fatalf("no clean-close marker after a clean close: %v", err)
	}
	workspacetest.Damage(t, path, "settings")

	// Listing reads the damaged folder and leaves nothing beside it.
	root.List(ctx, true)
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); !os.IsNotExist(err) {
			t.Fatalf("listing left workspace.db%s", side)
		}
	}

	w, err := root.Open(ctx, "Bad")
	if err != nil {
		t.Fatalf("open (the marker vouches for the file, so no full check): %v", err)
	}
	var n int64
	err = w.DB().Read().QueryRowContext(ctx, "SELECT sum(length(value)) FROM settings").Scan(&n)
	if !errors.Is(err, sqlitedb.ErrDamaged) || w.Damaged() == nil {
		t.Fatalf("a query over the damaged page: %v", err)
	}
	var out bytes.Buffer
	err = faq.RunCLI(ctx, w, []string{"add", "--question", "Opening hours?", "--answer", "9 to 5"}, strings.NewReader(""), &out, io.Discard)
	if !errors.Is(err, sqlitedb.ErrDamaged) || !strings.Contains(err.Error(), "restore") {
		t.Fatalf("faq add into the damaged workspace: %v", err)
	}
	if err := w.SetSetting(ctx, "tone.avoid", "x"); !errors.Is(err, sqlitedb.ErrDamaged) {
		t.Fatalf("setting into the damaged workspace: %v", err)
	}
	w.Close()
	if _, err := os.Stat(path + ".clean"); !os.IsNotExist(err) {
		t.Fatal("the clean-close marker came back: later opens would skip the check")
	}
	if w, err := root.Open(ctx, "Bad"); err == nil {
		w.Close()
		t.Fatal("the damaged workspace opened again")
	}

	g := open(t, root, good.ID)
	if err := g.SetSetting(ctx, "tone.avoid", "cheap"); err != nil || g.Damaged() != nil {
		t.Fatalf("the other workspace stopped working: %v", err)
	}
	err = faq.RunCLI(ctx, g, []string{"add", "--question", "Opening hours?", "--answer", "9 to 5"}, strings.NewReader(""), io.Discard, io.Discard)
	if err != nil {
		t.Fatalf("faq add in the other workspace: %v", err)
	}
}
