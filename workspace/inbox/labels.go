package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"switchboard/workspace/journal"
)

// Label is a user-defined, coloured tag on conversations.
type Label struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"` // #RRGGBB
}

var colorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Labels lists the workspace's labels by name.
func (s *Store) Labels(ctx context.Context) ([]Label, error) {
	rows, err := s.db.Read().QueryContext(ctx, "SELECT id, name, color FROM labels ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Label
	for rows.Next() {
		var l Label
		if err := rows.Scan(&l.ID, &l.Name, &l.Color); err != nil {
			return nil, err
		}
		list = append(list, l)
	}
	return list, rows.Err()
}

// SaveLabel creates a label (ID 0) or renames and recolours one.
func (s *Store) SaveLabel(ctx context.Context, l Label) (Label, error) {
	l.Name = strings.Join(strings.Fields(l.Name), " ")
	if l.Name == "" {
		return l, errors.New("a label needs a name")
	}
	if !colorRe.MatchString(l.Color) {
		return l, fmt.Errorf("label colour %q is not #RRGGBB", l.Color)
	}
	l.Color = strings.ToUpper(l.Color)
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM labels WHERE name = ? COLLATE NOCASE AND id <> ?", l.Name, l.ID).Scan(&other)
		if err == nil {
			return fmt.Errorf("a label named %q already exists", l.Name)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if l.ID == 0 {
			return tx.QueryRowContext(ctx, "INSERT INTO labels (name, color, created_at, gid) VALUES (?, ?, ?, ?) RETURNING id",
				l.Name, l.Color, s.nowMs(), journal.NewID()).Scan(&l.ID)
		}
		res, err := tx.ExecContext(ctx, "UPDATE labels SET name = ?, color = ? WHERE id = ?", l.Name, l.Color, l.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("label", l.ID)
		}
		return nil
	})
	return l, err
}

// DeleteLabel removes a label from every conversation and the list; conversations and
// their history (which names the label) stay.
func (s *Store) DeleteLabel(ctx context.Context, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM labels WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("label", id)
		}
		return nil
	})
}

// AddLabel puts a label on a conversation.
func (s *Store) AddLabel(ctx context.Context, conv, label int64) error {
	return s.labelChange(ctx, conv, label, true)
}

// RemoveLabel takes a label off a conversation.
func (s *Store) RemoveLabel(ctx context.Context, conv, label int64) error {
	return s.labelChange(ctx, conv, label, false)
}

func (s *Store) labelChange(ctx context.Context, conv, label int64, on bool) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		if err := conversationExists(ctx, tx, conv); err != nil {
			return err
		}
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM labels WHERE id = ?", label).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return notFound("label", label)
		} else if err != nil {
			return err
		}
		q := "INSERT OR IGNORE INTO conversation_labels (conversation_id, label_id) VALUES (?, ?)"
		if !on {
			q = "DELETE FROM conversation_labels WHERE conversation_id = ? AND label_id = ?"
		}
		res, err := tx.ExecContext(ctx, q, conv, label)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // already so: nothing to record
		}
		old, new := "", name
		if !on {
			old, new = name, ""
		}
		return addHistory(ctx, tx, conv, s.nowMs(), s.agent, "label", old, new)
	})
}
