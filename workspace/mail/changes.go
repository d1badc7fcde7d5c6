package mail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// UpdateFlags applies flags read from the server to a folder's messages. A message with
// a local change not yet written back keeps the local flags.
func (s *Store) UpdateFlags(ctx context.Context, folderID int64, flags map[uint32]Flags) error {
	if len(flags) == 0 {
		return nil
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		loc, err := tx.PrepareContext(ctx, `UPDATE message_locations SET flags = ?1 WHERE folder_id = ?2 AND uid = ?3
			AND flags <> ?1 AND NOT EXISTS (SELECT 1 FROM flag_changes c WHERE c.message_id = message_locations.message_id)
			RETURNING message_id`)
		if err != nil {
			return err
		}
		defer loc.Close()
		touched := map[int64]bool{}
		for uid, f := range flags {
			var id int64
			err := loc.QueryRowContext(ctx, f, folderID, uid).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			touched[id] = true
		}
		return refreshMessages(ctx, tx, touched)
	})
}

// refreshMessages recomputes the flags of messages (the OR over their locations) and the
// unread counts of their conversations.
func refreshMessages(ctx context.Context, tx *sql.Tx, ids map[int64]bool) error {
	st, err := tx.PrepareContext(ctx, `UPDATE messages SET flags =
		(SELECT ifnull(max(flags & 1) | max(flags & 2) | max(flags & 4), messages.flags)
		 FROM message_locations WHERE message_id = messages.id) WHERE id = ? RETURNING conversation_id`)
	if err != nil {
		return err
	}
	defer st.Close()
	convs := map[int64]bool{}
	for id := range ids {
		var c int64
		if err := st.QueryRowContext(ctx, id).Scan(&c); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		convs[c] = true
	}
	return refreshConversations(ctx, tx, convs)
}

// refreshConversations recomputes the counters of conversations from their messages, and
// waiting_since (see effects.go). Removing mail never reopens anything.
func refreshConversations(ctx context.Context, tx *sql.Tx, ids map[int64]bool) error {
	st, err := tx.PrepareContext(ctx, `UPDATE conversations SET
		messages = (SELECT count(*) FROM messages WHERE conversation_id = ?1),
		unread = (SELECT count(*) FROM messages WHERE conversation_id = ?1 AND flags & 1 = 0),
		first_message_at = ifnull((SELECT min(date) FROM messages WHERE conversation_id = ?1), 0),
		last_message_at = ifnull((SELECT max(date) FROM messages WHERE conversation_id = ?1), 0),
		last_inbound_at = ifnull((SELECT max(date) FROM messages WHERE conversation_id = ?1 AND NOT outbound), 0),
		last_outbound_at = ifnull((SELECT max(date) FROM messages WHERE conversation_id = ?1 AND outbound AND NOT auto_submitted), 0),
		snippet = ifnull((SELECT snippet FROM messages WHERE conversation_id = ?1 ORDER BY date DESC LIMIT 1), snippet),
		`+waitingSinceSQL+`,
		updated_at = ?2
		WHERE id = ?1`)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now().UnixMilli()
	for id := range ids {
		if _, err := st.ExecContext(ctx, id, now); err != nil {
			return err
		}
	}
	return nil
}

// RemoveUIDs forgets locations that the server expunged. The messages themselves go at
// the next Sweep if no other folder holds them.
func (s *Store) RemoveUIDs(ctx context.Context, folderID int64, uids []uint32) error {
	if len(uids) == 0 {
		return nil
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, "DELETE FROM message_locations WHERE folder_id = ? AND uid = ?")
		if err != nil {
			return err
		}
		defer st.Close()
		for _, uid := range uids {
			if _, err := st.ExecContext(ctx, folderID, uid); err != nil {
				return err
			}
		}
		return nil
	})
}

// Sweep deletes messages that no folder holds any more (expunged on the server, or only
// in a folder no longer synced) and updates their conversations, which are kept. It does
// nothing while a folder is being refetched after a UIDVALIDITY change, because its mail
// is only temporarily without a location then. It returns how many messages went.
func (s *Store) Sweep(ctx context.Context) (int, error) {
	var n int
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var busy int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM folders WHERE resyncing").Scan(&busy); err != nil {
			return err
		}
		if busy > 0 {
			return nil
		}
		rows, err := tx.QueryContext(ctx, `DELETE FROM messages WHERE NOT EXISTS
			(SELECT 1 FROM message_locations l WHERE l.message_id = messages.id) RETURNING conversation_id`)
		if err != nil {
			return err
		}
		convs := map[int64]bool{}
		for rows.Next() {
			var c int64
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			convs[c] = true
			n++
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		return refreshConversations(ctx, tx, convs)
	})
	return n, err
}

// SetFlag changes a flag of a message here and queues the change for the server; the
// sync worker writes it back (\Seen when read, \Answered after a reply, \Flagged).
func (s *Store) SetFlag(ctx context.Context, messageID int64, flag Flags, on bool) error {
	if flag != Seen && flag != Answered && flag != Flagged {
		return fmt.Errorf("flag %d is not one of Seen, Answered, Flagged", flag)
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		set := "flags | ?"
		if !on {
			set = "flags & ~?"
		}
		res, err := tx.ExecContext(ctx, "UPDATE messages SET flags = "+set+" WHERE id = ?", flag, messageID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("no message %d in this workspace", messageID)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE message_locations SET flags = "+set+" WHERE message_id = ?", flag, messageID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO flag_changes (message_id, flag, value, created_at) VALUES (?, ?, ?, ?)",
			messageID, flag, on, time.Now().UnixMilli()); err != nil {
			return err
		}
		var conv int64
		if err := tx.QueryRowContext(ctx, "SELECT conversation_id FROM messages WHERE id = ?", messageID).Scan(&conv); err != nil {
			return err
		}
		return refreshConversations(ctx, tx, map[int64]bool{conv: true})
	})
}

// FlagChange is a local flag change to write back to one folder.
type FlagChange struct {
	ID     int64
	Folder string
	UIDs   []uint32
	Flag   Flags
	On     bool
}

// PendingFlagChanges lists changes to write to the account's folders, oldest first.
func (s *Store) PendingFlagChanges(ctx context.Context, accountID string) ([]FlagChange, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT c.id, f.name, group_concat(l.uid), c.flag, c.value
		FROM flag_changes c JOIN message_locations l ON l.message_id = c.message_id
		JOIN folders f ON f.id = l.folder_id
		WHERE f.account_id = ? GROUP BY c.id, f.id ORDER BY c.id`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []FlagChange
	for rows.Next() {
		var c FlagChange
		var uids string
		if err := rows.Scan(&c.ID, &c.Folder, &uids, &c.Flag, &c.On); err != nil {
			return nil, err
		}
		for _, u := range strings.Split(uids, ",") {
			var uid uint32
			fmt.Sscan(u, &uid)
			c.UIDs = append(c.UIDs, uid)
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// HasPendingFlagChanges is a cheap check the idle worker polls.
func (s *Store) HasPendingFlagChanges(ctx context.Context, accountID string) (bool, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, `SELECT count(*) FROM flag_changes c
		JOIN message_locations l ON l.message_id = c.message_id JOIN folders f ON f.id = l.folder_id
		WHERE f.account_id = ? LIMIT 1`, accountID).Scan(&n)
	return n > 0, err
}

// DoneFlagChanges drops changes that were written back, and changes whose message is in
// no folder any more.
func (s *Store) DoneFlagChanges(ctx context.Context, ids []int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, "DELETE FROM flag_changes WHERE id = ?", id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM flag_changes WHERE NOT EXISTS
			(SELECT 1 FROM message_locations l WHERE l.message_id = flag_changes.message_id)`)
		return err
	})
}
