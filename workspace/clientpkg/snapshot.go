package clientpkg

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"switchboard/workspace"
)

// snapshot copies w's database to path with VACUUM INTO on one connection of the
// workspace's read pool. That connection is query-only, which SQLite counts against VACUUM
// INTO (it writes, if only to another file), so the pragma is lifted for this one
// statement; a connection that cannot be made query-only again is thrown away, never
// returned to the pool. The read pool rather than the writer: the copy runs in a read
// transaction beside the writer (WAL), so sync and the user keep writing meanwhile.
func snapshot(ctx context.Context, w *workspace.Workspace, path string) error {
	conn, err := w.DB().Read().Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		return err
	}
	_, err = conn.ExecContext(context.WithoutCancel(ctx), "VACUUM INTO ?", path)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA query_only = 1"); rerr != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
		err = errors.Join(err, fmt.Errorf("restoring query_only: %w", rerr))
	}
	return err
}
