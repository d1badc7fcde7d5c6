package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
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
		return 0, s.notHere(ctx, "conversations", "conversation", ref, "conversations --json")
	}
	return id, err
}

// notHere refuses a global id this workspace does not have, naming the workspace that
// has it when it is one of this data root's: a reply written for one client's customer
// must never reach another's.
func (s *Store) notHere(ctx context.Context, table, what, ref, list string) error {
	here := s.w.Info().Name
	if _, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return notHereError(fmt.Sprintf("%s %q: a number is not an id (every workspace has a conversation 1); take the id from `switchboard %s --workspace %q`",
			what, ref, list, here))
	}
	if other, ok := s.w.Elsewhere(ctx, table, ref); ok {
		return notHereError(fmt.Sprintf("%s %s belongs to workspace %q, not %q: nothing was done", what, ref, other.Name, here))
	}
	return notHereError(fmt.Sprintf("%s %q is not in workspace %q (take ids from `switchboard %s --workspace %q`)",
		what, ref, here, list, here))
}

// notHereError is an ErrNotFound that says it all itself.
type notHereError string

func (e notHereError) Error() string { return string(e) }
func (e notHereError) Unwrap() error { return ErrNotFound }
