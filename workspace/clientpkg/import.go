package clientpkg

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"switchboard/workspace"
	"switchboard/workspace/journal"
	"switchboard/workspace/schema"
	"switchboard/workspace/sqlitedb"
)

// ErrDamaged says a package is truncated, altered or not a client package at all.
var ErrDamaged = errors.New("not a complete, unaltered client package")

// ImportOptions tune an import.
type ImportOptions struct {
	Name string           // the new workspace's name; "" keeps the package's
	Now  func() time.Time // nil: time.Now
}

// heldReason is what an imported reply that had not gone out says in the outbox.
const heldReason = "held at import: the workspace this package came from may still send it; retry here if it should go from this machine"

// Import makes a new workspace in root from the package at path and returns it. Nothing
// is created unless every file matches the manifest and the database opens whole.
func Import(ctx context.Context, root *workspace.Root, path string, opt ImportOptions) (workspace.Info, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return workspace.Info{}, fmt.Errorf("%s is %w (%v): it may be truncated or damaged in transfer; nothing was imported, ask the sender for it again", path, ErrDamaged, err)
	}
	defer zr.Close()
	m, err := verify(&zr.Reader)
	if err != nil {
		return workspace.Info{}, fmt.Errorf("%s is %w: %v; nothing was imported, ask the sender for it again", path, ErrDamaged, err)
	}
	name := strings.TrimSpace(opt.Name)
	if name == "" {
		name = m.Source.Name
	}
	existing, _ := root.List(ctx, true)
	for _, i := range existing {
		if strings.EqualFold(i.Name, name) {
			return workspace.Info{}, fmt.Errorf("%w (%q): import the package under another name with --name NEW", workspace.ErrExists, name)
		}
	}
	// Built in a hidden folder of the data root (Root.List skips those) and renamed into
	// place when whole: the same file system, so the rename is atomic.
	tmp, err := os.MkdirTemp(root.Dir(), ".import-*")
	if err != nil {
		return workspace.Info{}, fmt.Errorf("cannot make a folder in %s: %w", root.Dir(), err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp) // only the folder this call made
		}
	}()
	id := uuid.NewString()
	slug := freeSlug(root.Dir(), workspace.Slugify(name))
	if err := extractDB(&zr.Reader, m, filepath.Join(tmp, "workspace.db")); err != nil {
		return workspace.Info{}, fmt.Errorf("%s is %w: %v; nothing was imported, ask the sender for it again", path, ErrDamaged, err)
	}
	if err := adopt(ctx, filepath.Join(tmp, "workspace.db"), m, id, name, slug, opt.Now()); err != nil {
		var corrupt *sqlitedb.ErrCorrupt
		if errors.As(err, &corrupt) {
			return workspace.Info{}, fmt.Errorf("%s is %w: its database does not open (%s); nothing was imported, ask the sender for it again",
				path, ErrDamaged, corrupt.Reason)
		}
		return workspace.Info{}, fmt.Errorf("importing %s: %w; nothing was imported", path, err)
	}
	dir := filepath.Join(root.Dir(), slug)
	if err := os.Rename(tmp, dir); err != nil {
		return workspace.Info{}, fmt.Errorf("importing %s: moving the new workspace into place: %w", path, err)
	}
	done = true
	return root.Find(ctx, id)
}

// verify reads the manifest and checks every file of the package against it: no file
// missing, none extra, each with its size and checksum.
func verify(zr *zip.Reader) (Manifest, error) {
	var m Manifest
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if files[f.Name] != nil {
			return m, fmt.Errorf("%s is in it twice", f.Name)
		}
		files[f.Name] = f
	}
	mf := files[manifestName]
	if mf == nil {
		return m, errors.New("it has no manifest.json")
	}
	rc, err := mf.Open()
	if err != nil {
		return m, err
	}
	b, err := io.ReadAll(io.LimitReader(rc, 64<<20))
	rc.Close()
	if err != nil {
		return m, fmt.Errorf("manifest.json: %v", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("manifest.json is not valid: %v", err)
	}
	if m.Format != Format {
		return m, fmt.Errorf("manifest.json says it is %q, not a Switchboard client package", m.Format)
	}
	if m.Version > Version {
		return m, fmt.Errorf("it was made by a newer Switchboard (package version %d, this one reads %d); update Switchboard", m.Version, Version)
	}
	listed := map[string]bool{manifestName: true}
	hasDB := false
	for _, want := range m.Files {
		if err := safePath(want.Path); err != nil {
			return m, err
		}
		listed[want.Path] = true
		hasDB = hasDB || want.Path == "workspace.db"
		f := files[want.Path]
		if f == nil {
			return m, fmt.Errorf("%s is missing", want.Path)
		}
		if err := checkFile(f, want, io.Discard); err != nil {
			return m, err
		}
	}
	if !hasDB {
		return m, errors.New("it holds no workspace.db")
	}
	for name := range files {
		if !listed[name] {
			return m, fmt.Errorf("%s is not in the manifest (added after the package was made)", name)
		}
	}
	return m, nil
}

// checkFile copies f to dst and checks its size and SHA-256 against want.
func checkFile(f *zip.File, want File, dst io.Writer) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s cannot be read: %v", want.Path, err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(dst, h), io.LimitReader(rc, want.Size+1))
	if err != nil {
		return fmt.Errorf("%s cannot be read: %v", want.Path, err)
	}
	if n != want.Size || hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
		return fmt.Errorf("%s does not match its checksum in the manifest (altered or damaged)", want.Path)
	}
	return nil
}

// extractDB writes the database out, checking it again on the way: what is on disk is
// what was verified.
func extractDB(zr *zip.Reader, m Manifest, dst string) error {
	var want File
	for _, f := range m.Files {
		if f.Path == "workspace.db" {
			want = f
		}
	}
	for _, f := range zr.File {
		if f.Name != "workspace.db" {
			continue
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		err = checkFile(f, want, out)
		return errors.Join(err, out.Sync(), out.Close())
	}
	return errors.New("workspace.db is missing")
}

// adopt gives the copied database its new identity: a new id (nothing in the keyring
// matches it, so every account asks for its password), the new name and folder, outbox
// rows that belong to it, and replies that had not gone out held for a person to decide.
func adopt(ctx context.Context, path string, m Manifest, id, name, slug string, now time.Time) error {
	db, err := sqlitedb.Open(ctx, path, schema.Migrations())
	if err != nil {
		return err
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE workspace SET id = ?, name = ?, slug = ?, updated_at = ?", id, name, slug, now.UnixMilli())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("the database describes %d workspaces, not one", n)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE outbox SET workspace_id = ?", id); err != nil {
			return err
		}
		held, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ?
			WHERE state IN ('queued', 'submitting')`, heldReason, now.UnixMilli())
		if err != nil {
			return err
		}
		nHeld, _ := held.RowsAffected()
		_, err = journal.Write(ctx, tx, now, journal.System, id, "workspace.imported", map[string]any{
			"from": m.Source.ID, "from_name": m.Source.Name, "package_created_at": m.CreatedAt, "replies_held": nHeld})
		return err
	})
	return errors.Join(err, db.Close())
}

// freeSlug is a folder name under dir that is not taken.
func freeSlug(dir, base string) string {
	if base == "" {
		base = "workspace"
	}
	slug := base
	for n := 2; ; n++ {
		if _, err := os.Lstat(filepath.Join(dir, slug)); errors.Is(err, os.ErrNotExist) {
			return slug
		}
		slug = fmt.Sprintf("%s-%d", base, n)
	}
}
