package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"switchboard/workspace/sqlitedb"
)

// Info is a workspace's identity as shown in the switcher.
type Info struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	Color     string    `json:"color"`
	TimeZone  string    `json:"time_zone"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Archived  bool      `json:"archived"`
	Dir       string    `json:"dir"`
}

// Location is the workspace's time zone, for business hours and schedules.
func (i Info) Location() *time.Location {
	if loc, err := time.LoadLocation(i.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// Workspace is an open workspace. Its methods are safe for concurrent use.
type Workspace struct {
	root *Root
	db   *sqlitedb.DB
	lock *fileLock

	mu   sync.Mutex
	info Info
}

// Info is the workspace's identity as of its last change through this value.
func (w *Workspace) Info() Info {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.info
}

// ID is the workspace's stable id (keyring secrets are namespaced by it).
func (w *Workspace) ID() string { return w.Info().ID }

// DB is the workspace's own database; feature packages build their stores on it.
func (w *Workspace) DB() *sqlitedb.DB { return w.db }

// Damaged is a *sqlitedb.DamagedError (errors.Is sqlitedb.ErrDamaged) once SQLite has
// reported this workspace's file damaged: it is then read-only until restored, and the
// window should say so. Nil while the file is whole.
func (w *Workspace) Damaged() error { return w.db.Damaged() }

// Close releases the database and the lock.
func (w *Workspace) Close() error {
	return errors.Join(w.db.Close(), w.lock.release())
}

// Rename changes the display name; the folder keeps its name so paths stay valid.
func (w *Workspace) Rename(ctx context.Context, name string) error {
	name, err := cleanName(name)
	if err != nil {
		return err
	}
	others, _ := w.root.List(ctx, true)
	for _, o := range others {
		if o.Dir != w.Info().Dir && strings.EqualFold(o.Name, name) {
			return fmt.Errorf("%w: %q", ErrExists, name)
		}
	}
	return w.set(ctx, "name", name, w.Info().Name, func(i *Info) { i.Name = name })
}

// SetColor changes the brand colour shown in the window band (#RRGGBB).
func (w *Workspace) SetColor(ctx context.Context, color string) error {
	color, err := cleanColor(color)
	if err != nil {
		return err
	}
	return w.set(ctx, "color", color, w.Info().Color, func(i *Info) { i.Color = color })
}

// SetTimeZone changes the zone used for business hours and schedules (an IANA name).
func (w *Workspace) SetTimeZone(ctx context.Context, tz string) error {
	if err := checkTimeZone(tz); err != nil {
		return err
	}
	return w.set(ctx, "time_zone", tz, w.Info().TimeZone, func(i *Info) { i.TimeZone = tz })
}

// SetArchived hides the workspace from the switcher (or brings it back); nothing is deleted.
func (w *Workspace) SetArchived(ctx context.Context, archived bool) error {
	var v any
	if archived {
		v = nowMillis()
	}
	return w.set(ctx, "archived_at", v, w.Info().Archived, func(i *Info) { i.Archived = archived })
}

// set changes one column of the workspace's identity and journals it as
// "workspace.<column>" {"from", "to"} on the workspace's id.
func (w *Workspace) set(ctx context.Context, column string, value, old any, apply func(*Info)) error {
	now := nowMillis()
	err := w.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE workspace SET "+column+" = ?, updated_at = ?", value, now); err != nil {
			return err
		}
		kind, to := "workspace."+column, value
		if column == "archived_at" {
			kind, to = "workspace.archived", value != nil
		}
		return w.Record(ctx, tx, fromMillis(now), w.ID(), kind, map[string]any{"from": old, "to": to})
	})
	if err != nil {
		return err
	}
	w.mu.Lock()
	apply(&w.info)
	w.info.UpdatedAt = fromMillis(now)
	w.mu.Unlock()
	return nil
}

// Setting reads a workspace setting; ok is false when it was never set.
func (w *Workspace) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = w.db.Read().QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// SetSetting stores a workspace setting and journals a change of it as
// "workspace.setting" {"key", "from", "to"} ("from" is "" for a first value).
func (w *Workspace) SetSetting(ctx context.Context, key, value string) error {
	return w.db.Write(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && old == value {
			return nil
		}
		now := nowMillis()
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			key, value, now); err != nil {
			return err
		}
		return w.Record(ctx, tx, fromMillis(now), w.ID(), "workspace.setting", map[string]string{"key": key, "from": old, "to": value})
	})
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readInfo(ctx context.Context, q queryer) (Info, error) {
	var i Info
	var created, updated int64
	var archived sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT id, name, slug, color, time_zone, created_at, updated_at, archived_at
		FROM workspace LIMIT 1`).Scan(&i.ID, &i.Name, &i.Slug, &i.Color, &i.TimeZone, &created, &updated, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return i, errors.New("the workspace record is missing")
	}
	i.CreatedAt, i.UpdatedAt, i.Archived = fromMillis(created), fromMillis(updated), archived.Valid
	return i, err
}

// nowMillis is the clock for stored times; tests may replace it.
var nowMillis = func() int64 { return time.Now().UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
