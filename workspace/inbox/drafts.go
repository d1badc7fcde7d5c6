package inbox

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"switchboard/workspace/inbox/inboxcore"
	"time"
)

// SavedDraft is the reply being written in a conversation, as the composer left it.
type SavedDraft struct {
	ConversationID int64     `json:"conversation_id"`
	Body           string    `json:"body"`
	AccountID      string    `json:"account_id,omitempty"` // the account chosen to send from; "" the receiving one
	FAQID          string    `json:"faq_id,omitempty"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// SaveDraft keeps the reply being written in a conversation. A body of only spaces
// removes the draft: an empty composer is not a draft worth marking in the list.
func (s *Store) SaveDraft(ctx context.Context, d SavedDraft) error {
	if strings.TrimSpace(d.Body) == "" {
		return s.DeleteDraft(ctx, d.ConversationID)
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := inboxcore.ConversationGID(ctx, tx, d.ConversationID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (conversation_id, body, account_id, faq_id, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET body = excluded.body,
			account_id = excluded.account_id, faq_id = excluded.faq_id, updated_at = excluded.updated_at`,
			d.ConversationID, d.Body, d.AccountID, d.FAQID, s.sign.NowMs())
		return err
	})
}

// LoadDraft returns the conversation's draft; ok is false when there is none.
func (s *Store) LoadDraft(ctx context.Context, conv int64) (d SavedDraft, ok bool, err error) {
	var at int64
	err = s.db.Read().QueryRowContext(ctx, `SELECT conversation_id, body, account_id, faq_id, updated_at
		FROM drafts WHERE conversation_id = ?`, conv).Scan(&d.ConversationID, &d.Body, &d.AccountID, &d.FAQID, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return SavedDraft{}, false, nil
	}
	if err != nil {
		return SavedDraft{}, false, err
	}
	d.UpdatedAt = inboxcore.Millis(at)
	return d, true, nil
}

// DeleteDraft drops the conversation's draft (sent or discarded); none is not an error.
func (s *Store) DeleteDraft(ctx context.Context, conv int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE conversation_id = ?", conv)
		return err
	})
}

// DraftConversations is the set of conversations with a draft, for the list's marker.
// Drafts are few (one person's unfinished replies), so reading them all is cheap.
func (s *Store) DraftConversations(ctx context.Context) (map[int64]bool, error) {
	rows, err := s.db.Read().QueryContext(ctx, "SELECT conversation_id FROM drafts")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		set[id] = true
	}
	return set, rows.Err()
}
