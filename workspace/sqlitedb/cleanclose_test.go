package sqlitedb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var oneTable = []Migration{{Version: 1, Name: "0001_t.sql", SQL: "CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);"}}

func fill(t *testing.T, path string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path, oneTable)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if _, err := db.w.ExecContext(ctx, "INSERT INTO t VALUES (?)", time.Now().String()+string(rune('a'+i%26))); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestCleanCloseMarker(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "workspace.db")
	db := fill(t, path)
	if _, err := os.Stat(markerPath(path)); !os.IsNotExist(err) {
		t.Fatal("a marker exists while the file is open: a crash now would skip the next check")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := cleanSinceCheck(path); !ok {
		t.Fatal("a clean close did not vouch for the file")
	}

	// Damage in place after the clean close: size kept, time changed. The full check runs.
	b, _ := os.ReadFile(path)
	for i := 4096; i < 2*4096 && i < len(b); i++ {
		b[i] = 0x5A
	}
	os.WriteFile(path, b, 0o600)
	if _, ok := cleanSinceCheck(path); ok {
		t.Fatal("a file changed after the clean close is still trusted")
	}
	var corrupt *ErrCorrupt
	if _, err := Open(ctx, path, oneTable); !errors.As(err, &corrupt) {
		t.Fatalf("damage after a clean close went unnoticed: %v", err)
	}
}

func TestCrashOrStaleCheckMeansAFullCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A process that dies with the file open leaves no marker.
	crashed := filepath.Join(dir, "crashed.db")
	db := fill(t, crashed)
	db.r.Close()
	db.w.Close() // closed behind the DB's back: what dying looks like from the file's side
	if _, ok := cleanSinceCheck(crashed); ok {
		t.Fatal("a file never closed through Close is trusted")
	}

	// A clean close a long time after the last full check does not extend it.
	stale := filepath.Join(dir, "stale.db")
	db = fill(t, stale)
	db.checked = time.Now().Add(-recheckEvery - time.Hour)
	db.Close()
	if _, ok := cleanSinceCheck(stale); ok {
		t.Fatal("a week-old check was taken as current")
	}
	db, err := Open(ctx, stale, oneTable) // runs the full check and dates it now
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(db.checked) > time.Minute {
		t.Fatalf("after a full check the date is %v", db.checked)
	}
	db.Close()
	if at, ok := cleanSinceCheck(stale); !ok || time.Since(at) > time.Minute {
		t.Fatalf("the fresh check was not recorded: %v %v", at, ok)
	}
}
