package schedule

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"time"

	"switchboard/workspace"
)

// ClientWeek is one workspace's week in "my week".
type ClientWeek struct {
	Workspace workspace.Info `json:"workspace"`
	Entries   []Entry        `json:"entries"`
	Err       string         `json:"error,omitempty"` // why this workspace could not be read
}

// MyWeek reads the week of every workspace of root that contains t (each in its own
// zone's Monday-to-Monday), side by side for a freelancer. Each workspace is read
// read-only without its lock (open, the one already open in this process, is read
// through it): no mail is opened, and replies and follow-ups appear without their
// subjects or customers.
func MyWeek(ctx context.Context, root *workspace.Root, open *workspace.Workspace, t time.Time) []ClientWeek {
	infos, _ := root.List(ctx, false)
	var out []ClientWeek
	for _, info := range infos {
		cw := ClientWeek{Workspace: info}
		var st *Store
		var closeFn func()
		if open != nil && open.ID() == info.ID {
			st, closeFn = Open(open, Options{}), func() {}
		} else {
			var err error
			st, closeFn, err = Peek(ctx, info)
			if err != nil {
				cw.Err = err.Error()
				out = append(out, cw)
				continue
			}
		}
		from, to := WeekOf(t, info.Location())
		entries, err := st.Agenda(ctx, from, to)
		closeFn()
		if err != nil {
			cw.Err = err.Error()
		}
		for _, e := range entries {
			if e.Kind == EntryReply || e.Kind == EntryFollowUp || e.Kind == EntrySnooze || e.Kind == EntryReopen {
				e.Title, e.Ref = "", "" // no customer's words outside their workspace
			}
			if e.State == Cancelled {
				continue
			}
			cw.Entries = append(cw.Entries, e)
		}
		out = append(out, cw)
	}
	return out
}

// Peek opens a workspace's schedule read-only, without its lock, migrations or any
// write: for my week while the workspace may be open elsewhere. A workspace whose
// database predates the schedule has an empty one.
func Peek(ctx context.Context, info workspace.Info) (*Store, func(), error) {
	path := filepath.Join(info.Dir, "workspace.db")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, nil, err
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'planned_posts'").Scan(&n); err != nil {
		db.Close()
		return nil, nil, err
	}
	st := &Store{info: info, read: db, now: time.Now}
	if n == 0 {
		st.read = emptyReader{db}
	}
	return st, func() { db.Close() }, nil
}

// emptyReader answers a database without the schedule's tables: an in-memory schema of
// them would do, but nothing beats not reading at all.
type emptyReader struct{ db *sql.DB }

func (e emptyReader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return e.db.QueryContext(ctx, "SELECT 1 WHERE 0")
}

func (e emptyReader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return e.db.QueryRowContext(ctx, "SELECT 1 WHERE 0")
}
