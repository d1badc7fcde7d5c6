package sqlitedb_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"switchboard/workspace/schema"
	"switchboard/workspace/sqlitedb"
)

func TestMigrateFromEmptyFileAndEveryEarlierVersion(t *testing.T) {
	ctx := context.Background()
	steps := schema.Migrations()
	for from := 0; from <= len(steps); from++ {
		path := filepath.Join(t.TempDir(), "workspace.db")
		if from == 0 {
			// A zero-byte file (what a crash right after creation leaves) is a new database.
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		} else {
			db, err := sqlitedb.Open(ctx, path, steps[:from])
			if err != nil {
				t.Fatalf("building version %d: %v", from, err)
			}
			if err := db.Write(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('kept', 'yes', 1)`)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}
		db, err := sqlitedb.Open(ctx, path, steps)
		if err != nil {
			t.Fatalf("upgrading from version %d: %v", from, err)
		}
		v, err := db.Version(ctx)
		if err != nil || v != len(steps) {
			t.Errorf("from %d: version %d, %v; want %d", from, v, err, len(steps))
		}
		if from > 0 {
			var kept string
			if err := db.Read().QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'kept'").Scan(&kept); err != nil || kept != "yes" {
				t.Errorf("from %d: data written before the upgrade is gone: %q %v", from, kept, err)
			}
		}
		db.Close()
	}
}

func TestDamagedFilesAreReportedAndLeftUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	good := filepath.Join(dir, "good.db")
	db, err := sqlitedb.Open(ctx, good, schema.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	healthy, _ := os.ReadFile(good)

	// Foreign: a valid SQLite database of some other program.
	foreign := filepath.Join(dir, "foreign.db")
	other, err := sqlitedb.Open(ctx, foreign, []sqlitedb.Migration{{Version: 1, Name: "x", SQL: "CREATE TABLE notes (x)"}})
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	// Strip our application id so it looks like any other program's file.
	b, _ := os.ReadFile(foreign)
	copy(b[68:72], []byte{0, 0, 0, 0})
	os.WriteFile(foreign, b, 0o600)

	// Damaged: our file with a page in the middle overwritten.
	damaged := bytes.Clone(healthy)
	for i := 4096; i < 4096*2 && i < len(damaged); i++ {
		damaged[i] = 0xA5
	}

	cases := map[string][]byte{
		"text.db":    []byte("these are not the droids you are looking for\n"),
		"damaged.db": damaged,
		"short.db":   healthy[:50],
		"foreign.db": b,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := sqlitedb.Open(ctx, path, schema.Migrations())
			if err == nil {
				db.Close()
				t.Fatalf("opened a damaged file without complaint")
			}
			var corrupt *sqlitedb.ErrCorrupt
			if !errors.As(err, &corrupt) || corrupt.Path != path {
				t.Fatalf("error %v does not name the file as unusable", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, content) {
				t.Fatalf("the damaged file was modified by the attempt to open it")
			}
			// Beside-for-beside untouched too: a read-only check of a WAL-mode file
			// otherwise leaves empty -wal and -shm files next to it.
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + side); !os.IsNotExist(err) {
					t.Errorf("checking the file left %s%s beside it", name, side)
				}
			}
		})
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	steps := schema.Migrations()
	future := append(append([]sqlitedb.Migration{}, steps...), sqlitedb.Migration{Version: len(steps) + 1, Name: "future", SQL: "CREATE TABLE future (x)"})
	db, err := sqlitedb.Open(ctx, path, future)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = sqlitedb.Open(ctx, path, steps)
	var tooNew *sqlitedb.ErrTooNew
	if !errors.As(err, &tooNew) {
		t.Fatalf("got %v, want ErrTooNew", err)
	}
}

func TestMisnumberedMigrationsAreAnError(t *testing.T) {
	_, err := sqlitedb.LoadMigrations(os.DirFS("testdata/gap"))
	if err == nil {
		t.Fatal("a gap in migration numbers was accepted")
	}
}
