package workspace

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
)

// Tables whose rows have global ids that leave the program (command line, JSON).
var gidTables = map[string]bool{"conversations": true, "outbox": true, "contacts": true, "labels": true, "notes": true, "staff": true}

// Elsewhere tells which other workspace of the same data root holds the object with
// global id gid in table: only to refuse an id given to the wrong workspace by name
// ("conversation X belongs to workspace Acme, not Beta"), never to act on it. Each other
// database is read read-only and without locking, as List reads them for the switcher,
// and only on this error path; a folder that cannot be read is skipped.
func (w *Workspace) Elsewhere(ctx context.Context, table, gid string) (Info, bool) {
	if w.root == nil || !gidTables[table] || gid == "" {
		return Info{}, false
	}
	list, _ := w.root.List(ctx, true)
	for _, info := range list {
		if info.ID == w.ID() {
			continue
		}
		if holds(ctx, filepath.Join(info.Dir, dbFile), table, gid) {
			return info, true
		}
	}
	return Info{}, false
}

func holds(ctx context.Context, path, table, gid string) bool {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return false
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE gid = ?", gid).Scan(&n)
	return err == nil && n > 0
}
