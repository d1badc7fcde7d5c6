package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"switchboard/workspace/inbox/inboxcore"
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
		now := s.sign.Now()
		if l.ID == 0 {
			gid := journal.NewID()
			if err := tx.QueryRowContext(ctx, "INSERT INTO labels (name, color, created_at, gid) VALUES (?, ?, ?, ?) RETURNING id",
				l.Name, l.Color, now.UnixMilli(), gid).Scan(&l.ID); err != nil {
				return err
			}
			return s.sign.Record(ctx, tx, now, gid, "label.create", map[string]string{"name": l.Name, "color": l.Color})
		}
		var gid, oldName, oldColor string
		err = tx.QueryRowContext(ctx, "SELECT gid, name, color FROM labels WHERE id = ?", l.ID).Scan(&gid, &oldName, &oldColor)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("label", l.ID)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE labels SET name = ?, color = ? WHERE id = ?", l.Name, l.Color, l.ID); err != nil {
			return err
		}
		if oldName != l.Name {
			if err := s.sign.Record(ctx, tx, now, gid, "label.rename", journal.Change{From: oldName, To: l.Name}); err != nil {
				return err
			}
		}
		if oldColor != l.Color {
			return s.sign.Record(ctx, tx, now, gid, "label.color", journal.Change{From: oldColor, To: l.Color})
		}
		return nil
	})
	return l, err
}

// DeleteLabel removes a label from every conversation and the list; conversations and
// their history (which names the label) stay.
func (s *Store) DeleteLabel(ctx context.Context, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var gid, name string
		err := tx.QueryRowContext(ctx, "SELECT gid, name FROM labels WHERE id = ?", id).Scan(&gid, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("label", id)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM labels WHERE id = ?", id); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "label.delete", map[string]string{"name": name})
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
		gid, err := inboxcore.ConversationGID(ctx, tx, conv)
		if err != nil {
			return err
		}
		var name, labelGID string
		if err := tx.QueryRowContext(ctx, "SELECT name, gid FROM labels WHERE id = ?", label).Scan(&name, &labelGID); errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("label", label)
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
		c := LabelChange{To: name, Label: labelGID}
		if !on {
			c = LabelChange{From: name, Label: labelGID}
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "conversation.label", c)
	})
}

// LabelChange is the data of a "conversation.label" journal entry: the label's name in
// To when it was put on, in From when it was taken off, and its global id.
type LabelChange struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
}
