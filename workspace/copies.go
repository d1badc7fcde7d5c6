package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/google/uuid"

	"switchboard/workspace/journal"
)

// DuplicateError says several folders hold one workspace id: `cp -a zeta zeta-backup` (the
// README's backup advice) makes exactly that. Every action acts on the folder the user named,
// and an id that names two folders is ambiguous; List reports each copy with this error so
// the user can restore it as a workspace of its own (Root.RestoreCopy) or delete it.
type DuplicateError struct {
	ID       string
	Name     string
	Copy     string   // the folder reported (its name under the data root)
	Original string   // the folder it is a copy of; "" when that cannot be told
	Folders  []string // every folder with this id, sorted
}

func (e *DuplicateError) Error() string {
	if e.Original != "" {
		return fmt.Sprintf("is a copy of workspace %q (folder %s, id %s), a backup perhaps: Switchboard acts only on the folder you name; "+
			"to use the copy as a workspace of its own restore it with a new id (`switchboard workspace restore-copy %s`), or delete the copy (`switchboard workspace delete %s`)",
			e.Name, e.Original, e.ID, e.Copy, e.Copy)
	}
	return fmt.Sprintf("holds workspace %q with the same id %s as folders %s: Switchboard acts only on the folder you name; "+
		"restore the copies with a new id (`switchboard workspace restore-copy FOLDER`) or delete them (`switchboard workspace delete FOLDER`)",
		e.Name, e.ID, strings.Join(e.Folders, ", "))
}

// duplicates finds folders sharing an id. The original is the one whose folder name is the
// slug stored inside it (Create names the folder after the slug; a copy gets another name).
func duplicates(all []Info) []Problem {
	byID := map[string][]Info{}
	for _, i := range all {
		byID[i.ID] = append(byID[i.ID], i)
	}
	var problems []Problem
	for id, group := range byID {
		if len(group) < 2 {
			continue
		}
		var folders []string
		original := ""
		for _, i := range group {
			folders = append(folders, filepath.Base(i.Dir))
			if filepath.Base(i.Dir) == i.Slug {
				original = filepath.Base(i.Dir)
			}
		}
		sort.Strings(folders)
		for _, f := range folders {
			if f == original {
				continue
			}
			problems = append(problems, Problem{Dir: f, Err: &DuplicateError{ID: id, Name: group[0].Name,
				Copy: f, Original: original, Folders: folders}})
		}
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].Dir < problems[j].Dir })
	return problems
}

// SecretCopier copies a workspace's keyring secrets to another workspace id.
type SecretCopier interface {
	CopyWorkspace(ctx context.Context, fromID, toID string, keys []string) error
}

// restoredReason is what a reply that was queued in a restored copy says in the outbox.
const restoredReason = "held when this backup copy was restored: the original workspace may have sent it since; retry here if it should still go"

// RestoreCopy turns the folder ref names, a copy of another folder's workspace (same id),
// into a workspace of its own: a new id, and the name newName (or "NAME (restored copy)").
// Its accounts' passwords are copied in the keyring to the new id first, so the restored
// workspace can sync and send; the original keeps its own. Nothing of the original folder
// is touched.
func (r *Root) RestoreCopy(ctx context.Context, ref, newName string, secrets SecretCopier) (Info, error) {
	info, err := r.Find(ctx, ref)
	if err != nil {
		return Info{}, err
	}
	all, _ := r.List(ctx, true)
	shared := 0
	for _, i := range all {
		if i.ID == info.ID && i.Dir != info.Dir {
			shared++
		}
	}
	if shared == 0 {
		return Info{}, fmt.Errorf("folder %s is the only one with workspace %q's id, not a copy: nothing to restore", filepath.Base(info.Dir), info.Name)
	}
	if newName == "" {
		newName = info.Name + " (restored copy)"
		for n := 2; nameTaken(all, newName); n++ {
			newName = fmt.Sprintf("%s (restored copy %d)", info.Name, n)
		}
	}
	if newName, err = cleanName(newName); err != nil {
		return Info{}, err
	}
	if nameTaken(all, newName) {
		return Info{}, fmt.Errorf("%w: %q", ErrExists, newName)
	}
	w, err := r.openInfo(ctx, info)
	if err != nil {
		return Info{}, err
	}
	defer w.Close()
	var keys []string
	rows, err := w.db.Read().QueryContext(ctx, "SELECT id FROM accounts")
	if err == nil {
		for rows.Next() {
			var k string
			if err = rows.Scan(&k); err != nil {
				break
			}
			keys = append(keys, k)
		}
		err = errors.Join(err, rows.Err(), rows.Close())
	}
	if err != nil {
		return Info{}, fmt.Errorf("restoring copy %s: reading its accounts: %w", filepath.Base(info.Dir), err)
	}
	newID := uuid.NewString()
	if len(keys) > 0 {
		if secrets == nil {
			return Info{}, fmt.Errorf("copy %s was not restored: no keyring available to copy its passwords", filepath.Base(info.Dir))
		}
		if err := secrets.CopyWorkspace(ctx, info.ID, newID, keys); err != nil {
			return Info{}, fmt.Errorf("copy %s was not restored: copying its passwords in the keyring failed (try again once the keyring is unlocked): %w", filepath.Base(info.Dir), err)
		}
	}
	slug := filepath.Base(info.Dir)
	now := nowMillis()
	err = w.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE workspace SET id = ?, name = ?, slug = ?, updated_at = ?", newID, newName, slug, now); err != nil {
			return err
		}
		// Queued replies carry the id they were written in; send refuses any other.
		if _, err := tx.ExecContext(ctx, "UPDATE outbox SET workspace_id = ? WHERE workspace_id = ?", newID, info.ID); err != nil {
			return err
		}
		// The original may have sent what was queued when the copy was made: nothing of
		// it goes out from the restored copy until a person retries it.
		held, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ?
			WHERE state IN ('queued', 'submitting')`, restoredReason, now)
		if err != nil {
			return err
		}
		n, _ := held.RowsAffected()
		_, err = journal.Write(ctx, tx, fromMillis(now), journal.System, newID, "workspace.restored_copy",
			map[string]any{"from": info.ID, "folder": slug, "replies_held": n})
		return err
	})
	if err != nil {
		return Info{}, fmt.Errorf("restoring copy %s: %w", filepath.Base(info.Dir), err)
	}
	info.ID, info.Name, info.Slug, info.UpdatedAt = newID, newName, slug, fromMillis(now)
	return info, nil
}

func nameTaken(all []Info, name string) bool {
	for _, i := range all {
		if strings.EqualFold(i.Name, name) {
			return true
		}
	}
	return false
}
