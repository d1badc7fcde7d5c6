package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"switchboard/workspace/inbox/inboxcore"
)

// ConversationGIDs are the global ids of conversations, by their local key: what the
// command line and JSON show in place of the local number.
func (s *Store) ConversationGIDs(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for start := 0; start < len(ids); start += 500 { // SQLite's bound-variable limit
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.Read().QueryContext(ctx, "SELECT id, gid FROM conversations WHERE id IN (?"+strings.Repeat(",?", len(chunk)-1)+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var gid string
			if err := rows.Scan(&id, &gid); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = gid
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// StaffByName finds a staff member by name (case and extra spaces ignored).
func (s *Store) StaffByName(ctx context.Context, name string) (Staff, error) {
	st := Staff{Name: strings.Join(strings.Fields(name), " ")}
	err := s.db.Read().QueryRowContext(ctx, "SELECT id, name FROM staff WHERE name = ? COLLATE NOCASE", st.Name).Scan(&st.ID, &st.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("%w: no staff member %q in workspace %q (see `switchboard staff list`; add with `switchboard staff add`)",
			inboxcore.ErrNotFound, st.Name, s.w.Info().Name)
	}
	return st, err
}

// LabelByName finds a label by name (case and extra spaces ignored).
func (s *Store) LabelByName(ctx context.Context, name string) (Label, error) {
	l := Label{Name: strings.Join(strings.Fields(name), " ")}
	err := s.db.Read().QueryRowContext(ctx, "SELECT id, name, color FROM labels WHERE name = ? COLLATE NOCASE", l.Name).Scan(&l.ID, &l.Name, &l.Color)
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("%w: no label %q in workspace %q (see `switchboard labels list`)", inboxcore.ErrNotFound, l.Name, s.w.Info().Name)
	}
	return l, err
}
