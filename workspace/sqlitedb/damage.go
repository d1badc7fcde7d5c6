package sqlitedb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// ErrDamaged is what every write to a damaged workspace database returns (through a
// *DamagedError, which says what happened and what to do).
var ErrDamaged = errors.New("the workspace database is damaged")

// DamagedError says SQLite found the file damaged (SQLITE_CORRUPT or SQLITE_NOTADB) while
// it was open. From then on nothing more is written to it, because writing into a damaged
// b-tree can spread the damage over pages that are still good; reads go on, so what is
// still readable can be copied out.
type DamagedError struct {
	Path  string
	Cause error // SQLite's own error, the first one that showed the damage
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%s is damaged (SQLite said: %s). Switchboard has stopped writing to it, so the damage cannot spread, "+
		"and will check it in full before opening it again; other workspaces are not affected. "+
		"What to do: restore this workspace's folder from a backup, or create a new workspace and move into it what is still readable "+
		"(mail is fetched again from the server; export the FAQ while this one is still open)",
		e.Path, firstLine(e.Cause))
}

func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }
func (e *DamagedError) Unwrap() error        { return e.Cause }

// corrupt says err is SQLite reporting a damaged file. The primary result code is the low
// byte of an extended one (SQLITE_CORRUPT_INDEX, ...); the texts cover errors that reach us
// only as strings.
func corrupt(err error) bool {
	if err == nil {
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return true
		}
	}
	msg := err.Error()
	return strings.Contains(msg, "database disk image is malformed") || strings.Contains(msg, "file is not a database") ||
		strings.Contains(msg, "SQLITE_CORRUPT") || strings.Contains(msg, "SQLITE_NOTADB")
}

// health is shared by both pools of one DB: a corruption error seen on any connection, in
// any call, marks the whole file damaged.
type health struct {
	path     string
	onDamage func() // run once, when the damage is first seen

	mu      sync.Mutex
	damaged *DamagedError
}

// check passes err on, first marking the file damaged when err shows it is.
func (h *health) check(err error) error {
	if err == nil || err == io.EOF || err == driver.ErrSkip || errors.Is(err, ErrDamaged) || !corrupt(err) {
		return err
	}
	h.mu.Lock()
	first := h.damaged == nil
	if first {
		h.damaged = &DamagedError{Path: h.path, Cause: err}
	}
	d := h.damaged
	h.mu.Unlock()
	if first && h.onDamage != nil {
		h.onDamage()
	}
	if d.Cause == err {
		return d
	}
	return &DamagedError{Path: h.path, Cause: err}
}

// err is the damage seen so far, or nil.
func (h *health) err() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.damaged == nil {
		return nil
	}
	return h.damaged
}

// openGuarded opens a pool whose every driver call goes through h. On the writer pool a
// damaged file refuses new connections, transactions and statements.
func openGuarded(dsn string, h *health, writer bool) (*sql.DB, error) {
	probe, err := sql.Open("sqlite", "")
	if err != nil {
		return nil, err
	}
	d := probe.Driver() // the registered driver, with whatever is registered on it
	probe.Close()
	return sql.OpenDB(&connector{dsn: dsn, d: d, h: h, writer: writer}), nil
}

type connector struct {
	dsn    string
	d      driver.Driver
	h      *health
	writer bool
}

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	if err := c.refuse(); err != nil {
		return nil, err
	}
	conn, err := c.d.Open(c.dsn)
	if err != nil {
		return nil, c.h.check(err)
	}
	return &gconn{c: conn, connector: c}, nil
}

func (c *connector) Driver() driver.Driver { return c.d }

// refuse is the damage, on the writer pool only.
func (c *connector) refuse() error {
	if c.writer {
		return c.h.err()
	}
	return nil
}

type gconn struct {
	c driver.Conn
	*connector
}

func (g *gconn) Prepare(query string) (driver.Stmt, error) {
	return g.PrepareContext(context.Background(), query)
}

func (g *gconn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := g.refuse(); err != nil {
		return nil, err
	}
	var s driver.Stmt
	var err error
	if p, ok := g.c.(driver.ConnPrepareContext); ok {
		s, err = p.PrepareContext(ctx, query)
	} else {
		s, err = g.c.Prepare(query)
	}
	if err != nil {
		return nil, g.h.check(err)
	}
	return &gstmt{s: s, h: g.h, c: g.connector}, nil
}

func (g *gconn) Close() error { return g.c.Close() }

func (g *gconn) Begin() (driver.Tx, error) {
	return g.BeginTx(context.Background(), driver.TxOptions{})
}

func (g *gconn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := g.refuse(); err != nil {
		return nil, err
	}
	var tx driver.Tx
	var err error
	if b, ok := g.c.(driver.ConnBeginTx); ok {
		tx, err = b.BeginTx(ctx, opts)
	} else {
		tx, err = g.c.Begin() //nolint:staticcheck // the driver has no BeginTx
	}
	if err != nil {
		return nil, g.h.check(err)
	}
	return &gtx{tx: tx, h: g.h, c: g.connector}, nil
}

func (g *gconn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := g.refuse(); err != nil {
		return nil, err
	}
	e, ok := g.c.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := e.ExecContext(ctx, query, args)
	return r, g.h.check(err)
}

func (g *gconn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := g.c.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := q.QueryContext(ctx, query, args)
	if err != nil {
		return nil, g.h.check(err)
	}
	return &grows{r: r, h: g.h}, nil
}

func (g *gconn) Ping(ctx context.Context) error {
	if p, ok := g.c.(driver.Pinger); ok {
		return g.h.check(p.Ping(ctx))
	}
	return nil
}

func (g *gconn) ResetSession(ctx context.Context) error {
	if r, ok := g.c.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (g *gconn) IsValid() bool {
	if v, ok := g.c.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

type gstmt struct {
	s driver.Stmt
	h *health
	c *connector
}

func (s *gstmt) Close() error  { return s.s.Close() }
func (s *gstmt) NumInput() int { return s.s.NumInput() }

func (s *gstmt) Exec(args []driver.Value) (driver.Result, error) {
	if err := s.c.refuse(); err != nil {
		return nil, err
	}
	r, err := s.s.Exec(args) //nolint:staticcheck // database/sql calls ExecContext when it can
	return r, s.h.check(err)
}

func (s *gstmt) Query(args []driver.Value) (driver.Rows, error) {
	r, err := s.s.Query(args) //nolint:staticcheck // as Exec
	if err != nil {
		return nil, s.h.check(err)
	}
	return &grows{r: r, h: s.h}, nil
}

func (s *gstmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	e, ok := s.s.(driver.StmtExecContext)
	if !ok {
		return nil, errors.New("sqlitedb: the driver's statements lack ExecContext")
	}
	if err := s.c.refuse(); err != nil {
		return nil, err
	}
	r, err := e.ExecContext(ctx, args)
	return r, s.h.check(err)
}

func (s *gstmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := s.s.(driver.StmtQueryContext)
	if !ok {
		return nil, errors.New("sqlitedb: the driver's statements lack QueryContext")
	}
	r, err := q.QueryContext(ctx, args)
	if err != nil {
		return nil, s.h.check(err)
	}
	return &grows{r: r, h: s.h}, nil
}

type grows struct {
	r driver.Rows
	h *health
}

func (r *grows) Columns() []string { return r.r.Columns() }
func (r *grows) Close() error      { return r.h.check(r.r.Close()) }
func (r *grows) Next(dest []driver.Value) error {
	return r.h.check(r.r.Next(dest))
}

type gtx struct {
	tx driver.Tx
	h  *health
	c  *connector
}

// Commit refuses, and rolls back, a write transaction during which the damage showed.
func (t *gtx) Commit() error {
	if err := t.c.refuse(); err != nil {
		return errors.Join(err, t.tx.Rollback())
	}
	return t.h.check(t.tx.Commit())
}
func (t *gtx) Rollback() error { return t.h.check(t.tx.Rollback()) }
