package inbox

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"switchboard/workspace/inbox/inboxcore"
)

// ConversationID resolves a conversation's global id, the one the command line, JSON
// and exports show, to this workspace's own key. Local numbers never leave the program:
// a number is refused, because "conversation 1" exists in every workspace.
func (s *Store) ConversationID(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, errors.New("no conversation id given")
	}
	var id int64
	err := s.db.Read().QueryRowContext(ctx, "SELECT id FROM conversations WHERE gid = ?", ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, inboxcore.NotHere(ctx, s.w, "conversations", "conversation", ref, "conversations --json")
	}
	return id, err
}
