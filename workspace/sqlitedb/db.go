// Package sqlitedb opens a workspace's SQLite file the way the rest of Switchboard relies on:
// checked before anything is written, WAL with one writer connection and a read pool,
// and versioned migrations applied each in its own transaction.
package sqlitedb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a file as a Switchboard workspace ("SwBd"), so a foreign SQLite
// file is recognised and left alone instead of being migrated into ours.
const ApplicationID = 0x53774264

// DB is one workspace database: a single writer connection (SQLite allows one writer at a
// time; funnelling writes through one connection avoids SQLITE_BUSY storms) and a
// read-only pool that WAL lets run alongside it.
type DB struct {
	path    string
	w       *sql.DB
	r       *sql.DB
	checked time.Time // when integrity_check last passed on this file
	health  *health   // every driver call of both pools reports corruption here
}

// ErrCorrupt says the file exists but is not a usable workspace database. The file is
// never modified once this is returned.
type ErrCorrupt struct {
	Path   string
	Reason string
}

func (e *ErrCorrupt) Error() string {
	return fmt.Sprintf("%s is not a usable Switchboard database (%s); it was left untouched: restore the workspace folder from a backup, "+
		"or move the folder aside and create a new workspace for this client (mail is fetched again from the server; "+
		"`sqlite3 workspace.db .recover` copies out what is still readable)", e.Path, e.Reason)
}

// ErrTooNew says the file was written by a newer Switchboard.
type ErrTooNew struct {
	Path          string
	Have, Support int
}

func (e *ErrTooNew) Error() string {
	return fmt.Sprintf("%s was written by a newer Switchboard (schema %d, this one knows up to %d): update Switchboard to open it", e.Path, e.Have, e.Support)
}

var sqliteHeader = []byte("SQLite format 3\x00")

// Open checks path, then opens it for reading and writing and brings its schema up to
// date with steps (from LoadMigrations). A missing or empty file becomes a new database.
func Open(ctx context.Context, path string, steps []Migration) (*DB, error) {
	checked, err := check(ctx, path, len(steps))
	if err != nil {
		return nil, err
	}
	// From here the file may change; only a clean Close vouches for it again.
	if err := forgetCheck(path); err != nil {
		return nil, err
	}
	// The clean-close marker is gone already (above); removing it again when the damage
	// shows guards against anything that wrote one meanwhile.
	h := &health{path: path, onDamage: func() { forgetCheck(path) }}
	w, err := openGuarded(dsn(path, false), h, true)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := openGuarded(dsn(path, true), h, false)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	db := &DB{path: path, w: w, r: r, checked: checked, health: h}
	if err := db.migrate(ctx, steps); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// check looks at the file without writing to it: header, application id, version and,
// unless a clean close vouches for the file, integrity. It returns when integrity was
// last verified.
func check(ctx context.Context, path string, known int) (time.Time, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return time.Now(), nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read %s: %w", path, err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 && (err == io.EOF) {
		return time.Now(), nil // an empty file is a new database
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: "not an SQLite file"}
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: err.Error()}
	}
	defer ro.Close()
	var appID, version int
	if err := ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: firstLine(err)}
	}
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: firstLine(err)}
	}
	if appID != ApplicationID {
		var tables int
		if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			return time.Time{}, &ErrCorrupt{Path: path, Reason: firstLine(err)}
		}
		if tables > 0 || appID != 0 {
			return time.Time{}, &ErrCorrupt{Path: path, Reason: "an SQLite database of another program"}
		}
	}
	if version > known {
		return time.Time{}, &ErrTooNew{Path: path, Have: version, Support: known}
	}
	if at, ok := cleanSinceCheck(path); ok {
		return at, nil
	}
	rows, err := ro.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: firstLine(err)}
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return time.Time{}, &ErrCorrupt{Path: path, Reason: firstLine(err)}
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: firstLine(err)}
	}
	if len(problems) > 0 {
		return time.Time{}, &ErrCorrupt{Path: path, Reason: "integrity check failed: " + problems[0]}
	}
	return time.Now(), nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// Path is the database file's location.
func (db *DB) Path() string { return db.path }

// Read is the read-only pool, for queries that may run while a write is in progress.
func (db *DB) Read() *sql.DB { return db.r }

// Write runs fn in one immediate transaction on the writer connection: committed if fn
// returns nil, rolled back otherwise.
//
// Once the file showed damage (see Damaged) every Write fails with a *DamagedError.
func (db *DB) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := db.health.err(); err != nil {
		return err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return describe(db.path, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		if d := db.health.err(); d != nil && !errors.Is(err, ErrDamaged) {
			return errors.Join(d, err) // a read inside fn found the damage
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return describe(db.path, err)
	}
	return nil
}

// Damaged is the *DamagedError when SQLite reported the file damaged since Open, else nil.
func (db *DB) Damaged() error { return db.health.err() }

// describe turns SQLite's terse failures into advice; a full disk is the common one.
func describe(path string, err error) error {
	if errors.Is(err, ErrDamaged) {
		return err // says everything already
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "SQLITE_FULL") || strings.Contains(msg, "database or disk is full"):
		return fmt.Errorf("the disk holding %s is full: free some space and try again (nothing was saved): %w", path, err)
	case strings.Contains(msg, "SQLITE_READONLY") || strings.Contains(msg, "readonly database"):
		return fmt.Errorf("%s is read-only: check the file's permissions: %w", path, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Close closes both pools (SQLite checkpoints the WAL into the file when the last
// connection closes) and records that the file was left whole, unless it showed damage:
// then no marker is written, so the next Open checks the file in full and refuses it.
func (db *DB) Close() error {
	if err := errors.Join(db.r.Close(), db.w.Close()); err != nil {
		return err
	}
	if db.health.err() == nil {
		rememberCheck(db.path, db.checked)
	}
	return nil
}

// Version is the schema version the file is at.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}
