package inbox

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"switchboard/workspace/journal"
)

// Staff is a person who answers this workspace's conversations.
type Staff struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// StaffList lists the workspace's staff by name.
func (s *Store) StaffList(ctx context.Context) ([]Staff, error) {
	rows, err := s.db.Read().QueryContext(ctx, "SELECT id, name FROM staff ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Staff
	for rows.Next() {
		var st Staff
		if err := rows.Scan(&st.ID, &st.Name); err != nil {
			return nil, err
		}
		list = append(list, st)
	}
	return list, rows.Err()
}

// AddStaff adds a staff member, or returns the one with that name (case ignored).
func (s *Store) AddStaff(ctx context.Context, name string) (Staff, error) {
	var st Staff
	err := s.db.Write(ctx, func(tx *sql.Tx) (err error) {
		st, err = ensureStaff(ctx, tx, name, s.nowMs())
		return err
	})
	return st, err
}

// Me is the agent at this machine as a staff member (added on first use).
func (s *Store) Me(ctx context.Context) (Staff, error) { return s.AddStaff(ctx, s.agent) }

func ensureStaff(ctx context.Context, tx *sql.Tx, name string, now int64) (Staff, error) {
	st := Staff{Name: strings.Join(strings.Fields(name), " ")}
	if st.Name == "" {
		return st, errors.New("a staff member needs a name")
	}
	err := tx.QueryRowContext(ctx, "SELECT id, name FROM staff WHERE name = ? COLLATE NOCASE", st.Name).Scan(&st.ID, &st.Name)
	if !errors.Is(err, sql.ErrNoRows) {
		return st, err
	}
	err = tx.QueryRowContext(ctx, "INSERT INTO staff (name, created_at, gid) VALUES (?, ?, ?) RETURNING id", st.Name, now, journal.NewID()).Scan(&st.ID)
	return st, err
}

// Assign gives a conversation to a staff member; staffID 0 unassigns it.
func (s *Store) Assign(ctx context.Context, id, staffID int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var old, name string
		err := tx.QueryRowContext(ctx, `SELECT ifnull((SELECT name FROM staff WHERE id = c.assignee_id), '')
			FROM conversations c WHERE c.id = ?`, id).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("conversation", id)
		}
		if err != nil {
			return err
		}
		var assignee any
		if staffID != 0 {
			if err := tx.QueryRowContext(ctx, "SELECT name FROM staff WHERE id = ?", staffID).Scan(&name); errors.Is(err, sql.ErrNoRows) {
				return notFound("staff member", staffID)
			} else if err != nil {
				return err
			}
			assignee = staffID
		}
		if _, err := tx.ExecContext(ctx, "UPDATE conversations SET assignee_id = ? WHERE id = ?", assignee, id); err != nil {
			return err
		}
		return addHistory(ctx, tx, id, s.nowMs(), s.agent, "assignee", old, name)
	})
}
