package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/google/uuid"

	"switchboard/workspace/schema"
	"switchboard/workspace/sqlitedb"
)

const dbFile = "workspace.db"

// Root is the data root: the folder that holds one folder per workspace.
type Root struct {
	dir string
}

// DefaultDir is where data lives unless --data or SWITCHBOARD_DATA says otherwise:
// $XDG_DATA_HOME/switchboard on Linux, the per-user application-support folder elsewhere.
func DefaultDir() (string, error) {
	if d := os.Getenv("SWITCHBOARD_DATA"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		base, err := os.UserConfigDir() // %AppData%, ~/Library/Application Support
		if err != nil {
			return "", err
		}
		return filepath.Join(base, "Switchboard"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "switchboard"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a home folder for Switchboard's data (set SWITCHBOARD_DATA or use --data): %w", err)
	}
	return filepath.Join(home, ".local", "share", "switchboard"), nil
}

// OpenRoot uses dir as the data root, creating it (private to the user) if needed.
func OpenRoot(dir string) (*Root, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s: %w", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &Root{dir: abs}, nil
}

// Dir is the data root's path.
func (r *Root) Dir() string { return r.dir }

// List reads every workspace folder. Archived workspaces are left out unless all is set.
// A folder that cannot be read is reported in problems and does not stop the others; so is
// every copy of a workspace (a folder sharing another folder's id, see DuplicateError),
// which is still listed: it is the user's data, and they decide what it becomes.
func (r *Root) List(ctx context.Context, all bool) (list []Info, problems []Problem) {
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return nil, []Problem{{Dir: r.dir, Err: err}}
	}
	var every []Info
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := filepath.Join(r.dir, e.Name())
		if _, err := os.Stat(filepath.Join(dir, dbFile)); err != nil {
			continue // not a workspace folder
		}
		info, err := peek(ctx, dir)
		if err != nil {
			problems = append(problems, Problem{Dir: e.Name(), Err: err})
			continue
		}
		every = append(every, info)
		if info.Archived && !all {
			continue
		}
		list = append(list, info)
	}
	problems = append(problems, duplicates(every)...)
	sort.Slice(list, func(i, j int) bool {
		if a, b := strings.ToLower(list[i].Name), strings.ToLower(list[j].Name); a != b {
			return a < b
		}
		return list[i].Dir < list[j].Dir
	})
	return list, problems
}

// peek reads a workspace's identity without locking, migrating or writing anything.
func peek(ctx context.Context, dir string) (Info, error) {
	path := filepath.Join(dir, dbFile)
	db, err := sqlitedb.OpenReadOnly(path)
	if err != nil {
		return Info{}, err
	}
	defer db.Close()
	var appID int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return Info{}, &sqlitedb.ErrCorrupt{Path: path, Reason: err.Error()}
	}
	if appID != sqlitedb.ApplicationID {
		return Info{}, &sqlitedb.ErrCorrupt{Path: path, Reason: "not a Switchboard workspace"}
	}
	info, err := readInfo(ctx, db)
	if err != nil {
		return Info{}, &sqlitedb.ErrCorrupt{Path: path, Reason: err.Error()}
	}
	info.Dir = dir
	return info, nil
}

// CreateOptions are the optional parts of a new workspace.
type CreateOptions struct {
	Color    string // #RRGGBB; a palette colour when empty
	TimeZone string // IANA name; the machine's zone when empty
}

// Create makes a new workspace folder and database.
func (r *Root) Create(ctx context.Context, name string, opt CreateOptions) (Info, error) {
	name, err := cleanName(name)
	if err != nil {
		return Info{}, err
	}
	existing, _ := r.List(ctx, true)
	for _, i := range existing {
		if strings.EqualFold(i.Name, name) {
			return Info{}, fmt.Errorf("%w: %q", ErrExists, name)
		}
	}
	if opt.Color == "" {
		opt.Color = Palette[len(existing)%len(Palette)]
	}
	color, err := cleanColor(opt.Color)
	if err != nil {
		return Info{}, err
	}
	if opt.TimeZone == "" {
		opt.TimeZone = LocalTimeZone()
	}
	if err := checkTimeZone(opt.TimeZone); err != nil {
		return Info{}, err
	}
	slug := r.freeSlug(Slugify(name))
	dir := filepath.Join(r.dir, slug)
	if err := os.Mkdir(dir, 0o700); err != nil {
		return Info{}, fmt.Errorf("cannot create %s: %w", dir, err)
	}
	now := nowMillis()
	info := Info{ID: uuid.NewString(), Name: name, Slug: slug, Color: color, TimeZone: opt.TimeZone,
		CreatedAt: fromMillis(now), UpdatedAt: fromMillis(now), Dir: dir}
	db, err := sqlitedb.Open(ctx, filepath.Join(dir, dbFile), schema.Migrations())
	if err == nil {
		err = db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO workspace (id, name, slug, color, time_zone, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, info.ID, name, slug, color, opt.TimeZone, now, now)
			return err
		})
		err = errors.Join(err, db.Close())
	}
	if err != nil {
		os.RemoveAll(dir) // only the folder this call just made, holding nothing of the user's
		return Info{}, fmt.Errorf("creating workspace %q: %w", name, err)
	}
	return info, nil
}

func (r *Root) freeSlug(base string) string {
	slug := base
	for n := 2; ; n++ {
		if _, err := os.Lstat(filepath.Join(r.dir, slug)); errors.Is(err, os.ErrNotExist) {
			return slug
		}
		slug = fmt.Sprintf("%s-%d", base, n)
	}
}

// Open opens a workspace for reading and writing. It stays locked against other
// Switchboard processes until Close.
func (r *Root) Open(ctx context.Context, ref string) (*Workspace, error) {
	info, err := r.Find(ctx, ref)
	if err != nil {
		return nil, err
	}
	return r.openInfo(ctx, info)
}

// openInfo opens the folder info was read from, and only that folder.
func (r *Root) openInfo(ctx context.Context, info Info) (*Workspace, error) {
	lock, err := lockFile(filepath.Join(info.Dir, "workspace.lock"), info.Name)
	if err != nil {
		return nil, err
	}
	db, err := sqlitedb.Open(ctx, filepath.Join(info.Dir, dbFile), schema.Migrations())
	if err != nil {
		lock.release()
		return nil, err
	}
	opened, err := readInfo(ctx, db.Read())
	if err != nil {
		db.Close()
		lock.release()
		return nil, fmt.Errorf("reading workspace %q: %w", info.Name, err)
	}
	if opened.ID != info.ID {
		// The folder changed between Find and the lock (restored, replaced): what the
		// reference named is no longer there.
		db.Close()
		lock.release()
		return nil, fmt.Errorf("workspace folder %s changed while it was being opened (it now holds %q): try again", filepath.Base(info.Dir), opened.Name)
	}
	opened.Dir = filepath.Dir(db.Path())
	return &Workspace{root: r, info: opened, db: db, lock: lock}, nil
}

// Update opens a workspace, runs fn and closes it: for one-off changes from the command line.
func (r *Root) Update(ctx context.Context, ref string, fn func(*Workspace) error) error {
	w, err := r.Open(ctx, ref)
	if err != nil {
		return err
	}
	return errors.Join(fn(w), w.Close())
}

// SecretRemover removes everything a workspace stored in the OS keyring.
type SecretRemover interface {
	DeleteWorkspace(ctx context.Context, workspaceID string) error
}

// Delete removes the workspace folder ref names: first its keyring secrets, then the
// folder. If the secrets cannot be removed nothing is deleted, so no password is left
// orphaned in the keyring. When another folder holds the same workspace id (a copy), only
// the named folder goes and the secrets stay, because the other folder still needs them.
func (r *Root) Delete(ctx context.Context, ref string, secrets SecretRemover) error {
	info, err := r.Find(ctx, ref)
	if err != nil {
		return err
	}
	all, _ := r.List(ctx, true)
	shared := false
	for _, i := range all {
		shared = shared || (i.ID == info.ID && i.Dir != info.Dir)
	}
	w, err := r.openInfo(ctx, info)
	if err != nil {
		return err
	}
	info = w.Info()
	var accounts int
	err = w.db.Read().QueryRowContext(ctx, "SELECT count(*) FROM accounts").Scan(&accounts)
	if err == nil && accounts > 0 && !shared {
		if secrets == nil {
			err = errors.New("no keyring available to remove its passwords")
		} else {
			err = secrets.DeleteWorkspace(ctx, info.ID)
		}
	}
	if err != nil {
		w.Close()
		return fmt.Errorf("workspace %q was not deleted: removing its passwords from the keyring failed: %w", info.Name, err)
	}
	if err := w.Close(); err != nil {
		return err
	}
	// Rename first so a half-finished removal never leaves a folder that looks like a workspace.
	trash := filepath.Join(r.dir, "."+filepath.Base(info.Dir)+".deleting-"+info.ID[:8])
	if err := os.Rename(info.Dir, trash); err != nil {
		return fmt.Errorf("deleting workspace %q: %w", info.Name, err)
	}
	return os.RemoveAll(trash)
}
