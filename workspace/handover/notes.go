package handover

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
)

// Note kinds in the journal.
const (
	KindNoteAdded   = "handover.note"
	KindNoteDeleted = "handover.note_deleted"
)

// FreeNote is one of the outgoing person's own notes for whoever takes over.
type FreeNote struct {
	ID        string    `json:"id"` // global id
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// AddNote stores a free-text note by author (the name of the person at this machine).
func AddNote(ctx context.Context, w *workspace.Workspace, author, body string, now time.Time) (FreeNote, error) {
	n := FreeNote{ID: journal.NewID(), Author: strings.Join(strings.Fields(author), " "), Body: strings.TrimSpace(body),
		CreatedAt: now.UTC().Truncate(time.Millisecond)}
	if n.Body == "" {
		return n, errors.New("a handover note needs some text")
	}
	if n.Author == "" {
		n.Author = "Me"
	}
	err := w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO handover_notes (gid, author, body, created_at) VALUES (?, ?, ?, ?)",
			n.ID, n.Author, n.Body, n.CreatedAt.UnixMilli()); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, n.CreatedAt, actorOf(ctx, tx, n.Author), n.ID, KindNoteAdded, map[string]string{"text": n.Body})
		return err
	})
	if err != nil {
		return FreeNote{}, fmt.Errorf("saving the handover note: %w", err)
	}
	return n, nil
}

// DeleteNote hides a note from later shift notes; the journal keeps what it said.
func DeleteNote(ctx context.Context, w *workspace.Workspace, id, who string, now time.Time) error {
	return w.DB().Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE handover_notes SET deleted_at = ? WHERE gid = ? AND deleted_at IS NULL", now.UnixMilli(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("no handover note %q in workspace %q (see `switchboard handover notes`)", id, w.Info().Name)
		}
		_, err = journal.Write(ctx, tx, now, actorOf(ctx, tx, who), id, KindNoteDeleted, nil)
		return err
	})
}

// Notes lists the live notes written in [since, until), oldest first.
func Notes(ctx context.Context, q journal.Querier, since, until time.Time) ([]FreeNote, error) {
	rows, err := q.QueryContext(ctx, `SELECT gid, author, body, created_at FROM handover_notes
		WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ? ORDER BY created_at, id`, since.UnixMilli(), until.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FreeNote
	for rows.Next() {
		var n FreeNote
		var at int64
		if err := rows.Scan(&n.ID, &n.Author, &n.Body, &at); err != nil {
			return nil, err
		}
		n.CreatedAt = time.UnixMilli(at).UTC()
		out = append(out, n)
	}
	return out, rows.Err()
}

// actorOf is the journal actor for a person: their staff global id when they are staff
// here, else their name.
func actorOf(ctx context.Context, tx *sql.Tx, name string) string {
	var gid string
	if err := tx.QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = ? COLLATE NOCASE AND gid <> ''", name).Scan(&gid); err == nil {
		return gid
	}
	return name
}
