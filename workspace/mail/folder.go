package mail

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Role marks the folders every account syncs.
type Role string

const (
	RoleInbox Role = "inbox"
	RoleSent  Role = "sent"
	RoleOther Role = "" // a folder the user chose
)

// Folder is a server folder (or a local one for imported mail) with its sync state.
type Folder struct {
	ID            int64     `json:"id"`
	AccountID     string    `json:"account_id,omitempty"` // empty for local folders
	Name          string    `json:"name"`
	Role          Role      `json:"role,omitempty"`
	UIDValidity   uint32    `json:"uid_validity"`
	UIDNext       uint32    `json:"uid_next"` // every UID below this one is stored
	HighestModSeq uint64    `json:"highest_modseq"`
	ServerCount   int       `json:"server_count"`
	Resyncing     bool      `json:"resyncing,omitempty"`
	LastSyncAt    time.Time `json:"last_sync_at,omitzero"`
	LastError     string    `json:"last_error,omitempty"`
	Messages      int       `json:"messages"` // stored locations
}

const (
	stateColumns = `f.id, ifnull(f.account_id, ''), f.name, f.role, f.uid_validity, f.uid_next,
	f.highest_modseq, f.server_count, f.resyncing, f.last_sync_at, f.last_error`
	folderColumns = stateColumns + `, (SELECT count(*) FROM message_locations l WHERE l.folder_id = f.id)`
)

type scanner interface{ Scan(...any) error }

func scanFolder(s scanner, counted bool) (Folder, error) {
	var f Folder
	var last sql.NullInt64
	dest := []any{&f.ID, &f.AccountID, &f.Name, &f.Role, &f.UIDValidity, &f.UIDNext, &f.HighestModSeq,
		&f.ServerCount, &f.Resyncing, &last, &f.LastError}
	if counted {
		dest = append(dest, &f.Messages)
	}
	err := s.Scan(dest...)
	if last.Valid {
		f.LastSyncAt = time.UnixMilli(last.Int64).UTC()
	}
	return f, err
}

// Folders lists the folders of an account ("" for local folders), INBOX and Sent first.
func (s *Store) Folders(ctx context.Context, accountID string) ([]Folder, error) {
	return s.query(ctx, true, "WHERE ifnull(f.account_id, '') = ?", accountID)
}

// AllFolders lists every folder of the workspace.
func (s *Store) AllFolders(ctx context.Context) ([]Folder, error) {
	return s.query(ctx, true, "")
}

// SyncFolders is Folders without counting each folder's mail (Messages stays 0): what a
// sync pass compares with the server, cheap enough for a pass that finds nothing new in
// a folder of 100,000 messages.
func (s *Store) SyncFolders(ctx context.Context, accountID string) ([]Folder, error) {
	return s.query(ctx, false, "WHERE ifnull(f.account_id, '') = ?", accountID)
}

// LocationCount is how many messages a folder holds here.
func (s *Store) LocationCount(ctx context.Context, folderID int64) (int, error) {
	var n int
	err := s.db.Read().QueryRowContext(ctx, "SELECT count(*) FROM message_locations WHERE folder_id = ?", folderID).Scan(&n)
	return n, err
}

func (s *Store) query(ctx context.Context, counted bool, where string, args ...any) ([]Folder, error) {
	cols := stateColumns
	if counted {
		cols = folderColumns
	}
	rows, err := s.db.Read().QueryContext(ctx, "SELECT "+cols+" FROM folders f "+where+
		" ORDER BY ifnull(f.account_id, ''), f.role = '', f.role, f.name", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Folder
	for rows.Next() {
		f, err := scanFolder(rows, counted)
		if err != nil {
			return nil, err
		}
		list = append(list, f)
	}
	return list, rows.Err()
}

// EnsureFolder returns the account's folder of that name, creating it; a role given here
// replaces the stored one.
func (s *Store) EnsureFolder(ctx context.Context, accountID, name string, role Role) (Folder, error) {
	var id int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT id FROM folders WHERE account_id = ? AND name = ?", accountID, name).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			res, err := tx.ExecContext(ctx, "INSERT INTO folders (account_id, name, role) VALUES (?, ?, ?)", accountID, name, role)
			if err != nil {
				return err
			}
			id, err = res.LastInsertId()
			return err
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE folders SET role = ? WHERE id = ? AND role <> ?", role, id, role)
		return err
	})
	if err != nil {
		return Folder{}, err
	}
	return s.folder(ctx, id)
}

func (s *Store) folder(ctx context.Context, id int64) (Folder, error) {
	return scanFolder(s.db.Read().QueryRowContext(ctx, "SELECT "+folderColumns+" FROM folders f WHERE f.id = ?", id), true)
}

// RemoveFolder stops syncing a folder the user no longer wants. Its mail that is nowhere
// else is removed by the next sweep, like mail expunged on the server.
func (s *Store) RemoveFolder(ctx context.Context, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM folders WHERE id = ? AND account_id IS NOT NULL", id)
		return err
	})
}

// localFolder returns (creating) a folder without an account, for imported mail.
func localFolder(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM folders WHERE account_id IS NULL AND name = ?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := tx.ExecContext(ctx, "INSERT INTO folders (account_id, name) VALUES (NULL, ?)", name)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	return id, err
}

// FolderState is what a sync learned about a folder on the server.
type FolderState struct {
	UIDValidity   uint32
	UIDNext       uint32
	HighestModSeq uint64
	ServerCount   int
}

// SaveFolderState records a completed sync of a folder and clears its error.
func (s *Store) SaveFolderState(ctx context.Context, id int64, st FolderState) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE folders SET uid_validity = ?, uid_next = ?, highest_modseq = ?,
			server_count = ?, resyncing = 0, last_sync_at = ?, last_error = '' WHERE id = ?`,
			st.UIDValidity, st.UIDNext, st.HighestModSeq, st.ServerCount, time.Now().UnixMilli(), id)
		return err
	})
}

// SetFolderError records why the last sync of a folder failed (shown in Settings).
func (s *Store) SetFolderError(ctx context.Context, id int64, msg string) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE folders SET last_error = ? WHERE id = ?", msg, id)
		return err
	})
}

// BeginResync handles a changed UIDVALIDITY: the folder's old UIDs mean nothing any
// more, so its locations are dropped and it is fetched again from UID 1. Messages stay
// (the refetch re-attaches them by Message-ID); the sweep waits until the refetch is done.
func (s *Store) BeginResync(ctx context.Context, id int64, uidValidity uint32) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM message_locations WHERE folder_id = ?", id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE folders SET uid_validity = ?, uid_next = 1, highest_modseq = 0,
			resyncing = 1 WHERE id = ?`, uidValidity, id)
		return err
	})
}

// LocalFlags returns UID → flags of a folder, for comparing with the server's FLAGS.
func (s *Store) LocalFlags(ctx context.Context, folderID int64) (map[uint32]Flags, error) {
	rows, err := s.db.Read().QueryContext(ctx, "SELECT uid, flags FROM message_locations WHERE folder_id = ?", folderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[uint32]Flags{}
	for rows.Next() {
		var uid uint32
		var f Flags
		if err := rows.Scan(&uid, &f); err != nil {
			return nil, err
		}
		m[uid] = f
	}
	return m, rows.Err()
}
