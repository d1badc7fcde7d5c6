package sqlitedb

import (
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"
)

// OpenReadOnly opens path for looking only: checking it, or reading a workspace's name for
// the list. It leaves the file and its folder exactly as they were. A read-only connection
// to a WAL-mode file otherwise creates empty -wal and -shm files beside it (it needs the
// shared-memory index, and cannot remove them when it closes), so when no -wal exists, which
// means no process has the file open and no crash left a log to replay, the file is opened
// immutable: no locks, no side files. When a -wal exists, even an empty one, a process may
// be writing (immutable would then read pages a checkpoint is rewriting) or a crash left
// frames that belong to the file, and only a normal read-only open reads them.
func OpenReadOnly(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	if absent(path+"-wal") && absent(path+"-journal") { // a -journal: a rollback to replay
		q.Set("immutable", "1")
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func absent(path string) bool {
	_, err := os.Lstat(path)
	return errors.Is(err, fs.ErrNotExist)
}
