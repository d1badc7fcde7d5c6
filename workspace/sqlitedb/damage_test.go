package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var bigTable = []Migration{{Version: 1, Name: "0001_t.sql", SQL: "CREATE TABLE t (x BLOB)"}}

// DamageMiddle overwrites 4 KB in the middle of a closed file with noise and gives it back
// its modification time: what bit rot, or restoring a bad backup, looks like. The size and
// time still match the clean-close marker, so Open skips the full check.
func damageMiddle(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mid := len(b) / 2 / 4096 * 4096
	rand.New(rand.NewSource(9)).Read(b[mid : mid+4096])
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptionMarksTheFileDamagedAndStopsWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "workspace.db")
	db, err := Open(ctx, path, bigTable)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		for i := 0; i < 1000; i++ {
			if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (?)", strings.Repeat(string(rune('a'+i%26)), 1000)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	damageMiddle(t, path)

	db, err = Open(ctx, path, bigTable)
	if err != nil {
		t.Fatalf("the marker should let this open skip the full check: %v", err)
	}
	if _, ok := readMarker(path); ok {
		t.Fatal("marker present while open")
	}
	var n int64
	err = db.Read().QueryRowContext(ctx, "SELECT sum(length(x)) FROM t").Scan(&n)
	var damaged *DamagedError
	if !errors.As(err, &damaged) || !errors.Is(err, ErrDamaged) || damaged.Path != path {
		t.Fatalf("reading the damaged page: %v", err)
	}
	for _, want := range []string{"damaged", "stopped writing", "backup", "new workspace"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if db.Damaged() == nil {
		t.Fatal("Damaged() is nil after a corruption error")
	}
	// Every way of writing is refused now: through Write, and straight on the writer pool.
	err = db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO t VALUES ('after')")
		return err
	})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("write after damage: %v", err)
	}
	if _, err := db.w.ExecContext(ctx, "INSERT INTO t VALUES ('after')"); !errors.Is(err, ErrDamaged) {
		t.Fatalf("exec on the writer after damage: %v", err)
	}
	// Reads of what is still whole go on, so it can be copied out.
	if err := db.Read().QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		t.Fatalf("reading what is whole: %v", err)
	}
	before, _ := os.ReadFile(path)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := readMarker(path); ok {
		t.Fatal("a damaged file was vouched for by a clean-close marker")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("closing a damaged file changed it")
	}
	// Without the marker the next open checks in full and refuses.
	if db, err := Open(ctx, path, bigTable); err == nil {
		db.Close()
		t.Fatal("reopened a damaged file")
	} else if c := (*ErrCorrupt)(nil); !errors.As(err, &c) {
		t.Fatalf("reopen: %v", err)
	}
}

// A write transaction whose own read hits the damage is rolled back, not committed.
func TestDamageSeenInsideAWriteRollsItBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "workspace.db")
	db, err := Open(ctx, path, bigTable)
	if err != nil {
		t.Fatal(err)
	}
	db.Write(ctx, func(tx *sql.Tx) error {
		for i := 0; i < 1000; i++ {
			tx.ExecContext(ctx, "INSERT INTO t VALUES (?)", strings.Repeat("z", 1000))
		}
		return nil
	})
	db.Close()
	damageMiddle(t, path)
	db, err = Open(ctx, path, bigTable)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Write(ctx, func(tx *sql.Tx) error {
		var n int64
		tx.QueryRowContext(ctx, "SELECT sum(length(x)) FROM t").Scan(&n) // the error ignored, as careless code would
		_, err := tx.ExecContext(ctx, "INSERT INTO t VALUES ('x')")
		return err
	})
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("write whose read hit the damage: %v", err)
	}
}
