package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
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
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		now := s.sign.Now()
		actor, err := s.sign.Actor(ctx, tx, now)
		if err != nil {
			return err
		}
		m, err := staff.Ensure(ctx, tx, name, now, actor)
		st = Staff{ID: m.ID, Name: m.Name}
		return err
	})
	return st, err
}

// Me is the agent at this machine as a staff member, added on first use. It writes: call
// it for an action (assign to me), never to read; reads use me.
func (s *Store) Me(ctx context.Context) (Staff, error) { return s.AddStaff(ctx, s.sign.Name()) }

// me is the agent's staff id without adding anyone: 0 while the agent has no row yet (then
// nothing is assigned to them either).
func (s *Store) me(ctx context.Context) (int64, error) {
	m, _, err := staff.Find(ctx, s.db.Read(), s.sign.Name())
	return m.ID, err
}

// RenameStaff changes a staff member's name; the journal keeps their id, so their history
// reads with the new name.
func (s *Store) RenameStaff(ctx context.Context, id int64, name string) error {
	name = staff.Clean(name)
	if name == "" {
		return errors.New("a staff member needs a name")
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var gid, old string
		err := tx.QueryRowContext(ctx, "SELECT gid, name FROM staff WHERE id = ?", id).Scan(&gid, &old)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("staff member", id)
		} else if err != nil {
			return err
		}
		if old == name {
			return nil
		}
		if other, found, err := staff.Find(ctx, tx, name); err != nil {
			return err
		} else if found && other.ID != id {
			return fmt.Errorf("a staff member named %q already exists", other.Name)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE staff SET name = ? WHERE id = ?", name, id); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "staff.rename", journal.Change{From: old, To: name})
	})
}

// RemoveStaff takes a staff member off the list. Someone who still has conversations is
// refused: reassign them first, so nothing is left with an owner nobody can see.
func (s *Store) RemoveStaff(ctx context.Context, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var gid, name string
		var held int
		err := tx.QueryRowContext(ctx, "SELECT gid, name, (SELECT count(*) FROM conversations WHERE assignee_id = staff.id) FROM staff WHERE id = ?", id).
			Scan(&gid, &name, &held)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("staff member", id)
		} else if err != nil {
			return err
		}
		if held > 0 {
			return fmt.Errorf("%s is assigned %d conversations: assign them to someone else first", name, held)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM staff WHERE id = ?", id); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "staff.delete", map[string]string{"name": name})
	})
}

// AssigneeChange is the data of a "conversation.assignee" journal entry: staff ids ("" is
// nobody) and their names at the time, so the entry reads right after a removal.
type AssigneeChange struct {
	From     string `json:"from"`
	To       string `json:"to"`
	FromName string `json:"from_name,omitempty"`
	ToName   string `json:"to_name,omitempty"`
}

// Assign gives a conversation to a staff member; staffID 0 unassigns it.
func (s *Store) Assign(ctx context.Context, id, staffID int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var c AssigneeChange
		var gid string
		err := tx.QueryRowContext(ctx, `SELECT c.gid, ifnull(st.gid, ''), ifnull(st.name, '')
			FROM conversations c LEFT JOIN staff st ON st.id = c.assignee_id WHERE c.id = ?`, id).Scan(&gid, &c.From, &c.FromName)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("conversation", id)
		}
		if err != nil {
			return err
		}
		var assignee any
		if staffID != 0 {
			if err := tx.QueryRowContext(ctx, "SELECT gid, name FROM staff WHERE id = ?", staffID).Scan(&c.To, &c.ToName); errors.Is(err, sql.ErrNoRows) {
				return inboxcore.NotFound("staff member", staffID)
			} else if err != nil {
				return err
			}
			assignee = staffID
		}
		if c.From == c.To {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE conversations SET assignee_id = ? WHERE id = ?", assignee, id); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "conversation.assignee", c)
	})
}
