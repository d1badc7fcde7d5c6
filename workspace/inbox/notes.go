package inbox

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"switchboard/workspace/journal"
)

// Note is an internal note on a conversation: for colleagues, never sent.
type Note struct {
	ID        int64     `json:"id"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// AddNote adds an internal note by the agent.
func (s *Store) AddNote(ctx context.Context, conv int64, body string) (Note, error) {
	n := Note{Author: s.agent, Body: strings.TrimSpace(body), CreatedAt: millis(s.nowMs())}
	if n.Body == "" {
		return n, errors.New("a note needs some text")
	}
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if err := conversationExists(ctx, tx, conv); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO notes (conversation_id, author, body, created_at, gid) VALUES (?, ?, ?, ?, ?) RETURNING id",
			conv, n.Author, n.Body, n.CreatedAt.UnixMilli(), journal.NewID()).Scan(&n.ID)
	})
	return n, err
}

// Notes lists a conversation's notes, oldest first.
func (s *Store) Notes(ctx context.Context, conv int64) ([]Note, error) {
	rows, err := s.db.Read().QueryContext(ctx, "SELECT id, author, body, created_at FROM notes WHERE conversation_id = ? ORDER BY created_at, id", conv)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Note
	for rows.Next() {
		var n Note
		var at int64
		if err := rows.Scan(&n.ID, &n.Author, &n.Body, &at); err != nil {
			return nil, err
		}
		n.CreatedAt = millis(at)
		list = append(list, n)
	}
	return list, rows.Err()
}

// Change is one entry of a conversation's history.
type Change struct {
	At    time.Time `json:"at"`
	Actor string    `json:"actor"` // staff name, "customer" or "system"
	Kind  string    `json:"kind"`  // "status", "label" or "assignee"
	Old   string    `json:"old"`   // "" when a label was added or nobody was assigned
	New   string    `json:"new"`   // "" when a label was removed or the conversation unassigned
}

// History lists a conversation's status, label and assignee changes, oldest first.
func (s *Store) History(ctx context.Context, conv int64) ([]Change, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT at, actor, kind, old_value, new_value FROM history
		WHERE conversation_id = ? ORDER BY at, id`, conv)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Change
	for rows.Next() {
		var c Change
		var at int64
		if err := rows.Scan(&at, &c.Actor, &c.Kind, &c.Old, &c.New); err != nil {
			return nil, err
		}
		c.At = millis(at)
		list = append(list, c)
	}
	return list, rows.Err()
}
