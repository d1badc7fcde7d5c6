// Package staff maps the people who work in a workspace to the global ids the journal
// signs changes with. A person is a row of the workspace's staff table (schema 0004, gid
// since 0007); the machine's "my name" (workspace.Config.AgentName) becomes one on the
// first change it makes, never on a read.
//
// It imports only the journal, so the workspace package itself (settings, rename) and the
// feature stores (inbox, faq) can all sign with the same rule.
package staff

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/journal"
)

// Member is one person of the workspace's staff.
type Member struct {
	ID   int64  // local key
	GID  string // global id: the journal's actor
	Name string
}

// Clean is a name as stored: spaces squeezed, trimmed.
func Clean(name string) string { return strings.Join(strings.Fields(name), " ") }

// Querier is a connection pool or a transaction.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Find looks a member up by name (case ignored) without writing anything.
func Find(ctx context.Context, q Querier, name string) (Member, bool, error) {
	m := Member{Name: Clean(name)}
	if m.Name == "" {
		return m, false, nil
	}
	err := q.QueryRowContext(ctx, "SELECT id, gid, name FROM staff WHERE name = ? COLLATE NOCASE", m.Name).Scan(&m.ID, &m.GID, &m.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	return m, err == nil, err
}

// Ensure returns the member with this name, adding (and journaling) them when new. actor
// is who added them; "" means the member added themselves (the agent's first change).
func Ensure(ctx context.Context, tx *sql.Tx, name string, at time.Time, actor string) (Member, error) {
	m, found, err := Find(ctx, tx, name)
	if err != nil || found {
		return m, err
	}
	if m.Name == "" {
		return m, errors.New("a staff member needs a name")
	}
	m.GID = journal.NewID()
	if err := tx.QueryRowContext(ctx, "INSERT INTO staff (name, created_at, gid) VALUES (?, ?, ?) RETURNING id",
		m.Name, at.UnixMilli(), m.GID).Scan(&m.ID); err != nil {
		return m, err
	}
	if actor == "" {
		actor = m.GID
	}
	_, err = journal.Write(ctx, tx, at, actor, m.GID, "staff.create", map[string]string{"name": m.Name})
	return m, err
}

// Actor is the journal's actor for the person named name at this machine: their staff
// id (the row is added on this first write), or journal.Unnamed while no name is set, so
// that nobody's changes are ever signed with a made-up name such as "Me".
func Actor(ctx context.Context, tx *sql.Tx, name string, at time.Time) (string, error) {
	if Clean(name) == "" {
		return journal.Unnamed, nil
	}
	m, err := Ensure(ctx, tx, name, at, "")
	if err != nil {
		return "", fmt.Errorf("signing the change as %q: %w", name, err)
	}
	return m.GID, nil
}

// Names maps every staff member's global id to their current name, for showing the
// journal's actors to people.
func Names(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT gid, name FROM staff WHERE gid <> ''")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]string{}
	for rows.Next() {
		var gid, name string
		if err := rows.Scan(&gid, &name); err != nil {
			return nil, err
		}
		names[gid] = name
	}
	return names, rows.Err()
}
