package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
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
	n := Note{Author: s.sign.Name(), Body: strings.TrimSpace(body), CreatedAt: inboxcore.Millis(s.sign.NowMs())}
	if n.Body == "" {
		return n, errors.New("a note needs some text")
	}
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		gid, err := inboxcore.ConversationGID(ctx, tx, conv)
		if err != nil {
			return err
		}
		noteGID := journal.NewID()
		if err := tx.QueryRowContext(ctx, "INSERT INTO notes (conversation_id, author, body, created_at, gid) VALUES (?, ?, ?, ?, ?) RETURNING id",
			conv, n.Author, n.Body, n.CreatedAt.UnixMilli(), noteGID).Scan(&n.ID); err != nil {
			return err
		}
		// The same data as the notes schema 0007 carried into the journal.
		return s.sign.Record(ctx, tx, n.CreatedAt, gid, "conversation.note", map[string]string{"note": noteGID, "text": n.Body})
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
		n.CreatedAt = inboxcore.Millis(at)
		list = append(list, n)
	}
	return list, rows.Err()
}

// Change is one entry of a conversation's history.
type Change struct {
	At time.Time `json:"at"`
	// Actor is who, for people: a staff member's current name, "customer" for a reopen by
	// the customer's mail, "system" for the runner's and sync's other changes, "unnamed"
	// for a machine without "my name". ActorID is the journal's actor.
	Actor   string `json:"actor"`
	ActorID string `json:"actor_id"`
	Kind    string `json:"kind"` // "status", "label" or "assignee"
	Old     string `json:"old"`  // "" when a label was added or nobody was assigned
	New     string `json:"new"`  // "" when a label was removed or the conversation unassigned
}

// History lists a conversation's status, label and assignee changes, oldest first, as
// the journal has them (schema 0007 carried the older history table over), with staff
// ids shown as the staff member's current name.
func (s *Store) History(ctx context.Context, conv int64) ([]Change, error) {
	db := s.db.Read()
	var gid string
	err := db.QueryRowContext(ctx, "SELECT gid FROM conversations WHERE id = ?", conv).Scan(&gid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, inboxcore.NotFound("conversation", conv)
	}
	if err != nil {
		return nil, err
	}
	entries, err := journal.List(ctx, db, journal.Filter{Object: gid, Prefix: "conversation."})
	if err != nil {
		return nil, err
	}
	names, err := staff.Names(ctx, db)
	if err != nil {
		return nil, err
	}
	var list []Change
	for _, e := range entries {
		c := Change{At: e.At, ActorID: e.Actor, Kind: strings.TrimPrefix(e.Kind, "conversation.")}
		switch c.Kind {
		case "status":
			var d StatusChange
			if err := e.Decode(&d); err != nil {
				return nil, fmt.Errorf("journal entry %s: %w", e.ID, err)
			}
			if d.From == d.To {
				continue // a new snooze time: the status itself did not change
			}
			c.Old, c.New = string(d.From), string(d.To)
			c.Actor = actorName(e.Actor, names, d.Cause)
		case "label":
			var d LabelChange
			if err := e.Decode(&d); err != nil {
				return nil, fmt.Errorf("journal entry %s: %w", e.ID, err)
			}
			c.Old, c.New = d.From, d.To
		case "assignee":
			var d AssigneeChange
			if err := e.Decode(&d); err != nil {
				return nil, fmt.Errorf("journal entry %s: %w", e.ID, err)
			}
			c.Old, c.New = staffName(d.From, d.FromName, names), staffName(d.To, d.ToName, names)
		default:
			continue // notes are listed by Notes
		}
		if c.Actor == "" {
			c.Actor = actorName(e.Actor, names, "")
		}
		list = append(list, c)
	}
	return list, nil
}

// actorName is a journal actor as a person reads it.
func actorName(actor string, names map[string]string, cause string) string {
	switch actor {
	case journal.Sync:
		if cause == "customer_wrote" || cause == "" { // "" : carried over from the old history's "customer"
			return "customer"
		}
		return "system"
	case journal.Runner, journal.System:
		return "system"
	case journal.Unnamed:
		return "unnamed"
	}
	if n, ok := names[actor]; ok {
		return n
	}
	return actor // a staff member removed since, or a name the old history had no staff row for
}

// staffName is an assignee from the journal: the staff member's current name, else the
// name they had then ("" is nobody). Entries carried over from the old history hold a
// name where the id would be.
func staffName(id, then string, names map[string]string) string {
	if n, ok := names[id]; ok {
		return n
	}
	if then != "" {
		return then
	}
	return id
}
