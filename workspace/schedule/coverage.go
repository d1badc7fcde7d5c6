package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/journal"
)

// Holiday is a day the brand is closed.
type Holiday struct {
	Day  string `json:"day"` // YYYY-MM-DD in the workspace's zone
	Name string `json:"name"`
	GID  string `json:"id"`
}

// Coverage reads the workspace's hours and holidays.
func (s *Store) Coverage(ctx context.Context) (Coverage, error) {
	cv := Coverage{Loc: s.Loc(), Holidays: map[string]string{}}
	h, err := s.Hours(ctx)
	if err != nil {
		return cv, err
	}
	cv.Hours = h
	hs, err := s.Holidays(ctx)
	for _, d := range hs {
		cv.Holidays[d.Day] = d.Name
	}
	return cv, err
}

// Hours reads the business hours.
func (s *Store) Hours(ctx context.Context) (Hours, error) {
	var h Hours
	rows, err := s.read.QueryContext(ctx, "SELECT weekday, start_min, end_min FROM business_hours ORDER BY weekday, start_min")
	if err != nil {
		return h, err
	}
	defer rows.Close()
	for rows.Next() {
		var d int
		var iv Interval
		if err := rows.Scan(&d, &iv.Start, &iv.End); err != nil {
			return h, err
		}
		h[d] = append(h[d], iv)
	}
	return h, rows.Err()
}

// SetHours replaces the business hours.
func (s *Store) SetHours(ctx context.Context, h Hours) error {
	// Round-trip through the text form: it sorts and refuses overlaps.
	h, err := ParseHours(h.String())
	if err != nil {
		return err
	}
	old, err := s.Hours(ctx)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM business_hours"); err != nil {
			return err
		}
		for d, ivs := range h {
			for _, iv := range ivs {
				if _, err := tx.ExecContext(ctx, "INSERT INTO business_hours (weekday, start_min, end_min) VALUES (?, ?, ?)", d, iv.Start, iv.End); err != nil {
					return err
				}
			}
		}
		_, err := journal.Write(ctx, tx, s.now(), actor, s.w.ID(), "workspace.hours", journal.Change{From: old.String(), To: h.String()})
		return err
	})
}

// Holidays lists the holidays, earliest first.
func (s *Store) Holidays(ctx context.Context) ([]Holiday, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT day, name, gid FROM holidays ORDER BY day")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Holiday{}
	for rows.Next() {
		var h Holiday
		if err := rows.Scan(&h.Day, &h.Name, &h.GID); err != nil {
			return nil, err
		}
		list = append(list, h)
	}
	return list, rows.Err()
}

// ParseDay checks a YYYY-MM-DD day.
func ParseDay(day string) (string, error) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return "", fmt.Errorf("%q is not a day like 2026-12-24", day)
	}
	return t.Format(time.DateOnly), nil
}

// AddHoliday marks a day closed (renaming it when it already is).
func (s *Store) AddHoliday(ctx context.Context, day, name string) (Holiday, error) {
	day, err := ParseDay(day)
	if err != nil {
		return Holiday{}, err
	}
	h := Holiday{Day: day, Name: name}
	err = s.write(ctx, func(tx *sql.Tx, actor string) error { return s.addHoliday(ctx, tx, actor, &h) })
	return h, err
}

func (s *Store) addHoliday(ctx context.Context, tx *sql.Tx, actor string, h *Holiday) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO holidays (day, name, gid, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (day) DO UPDATE SET name = excluded.name RETURNING gid`, h.Day, h.Name, journal.NewID(), ms(s.now())).Scan(&h.GID)
	if err != nil {
		return err
	}
	_, err = journal.Write(ctx, tx, s.now(), actor, h.GID, "holiday.set", map[string]string{"day": h.Day, "name": h.Name})
	return err
}

// RemoveHoliday opens a day again.
func (s *Store) RemoveHoliday(ctx context.Context, day string) error {
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		var gid string
		err := tx.QueryRowContext(ctx, "DELETE FROM holidays WHERE day = ? RETURNING gid", day).Scan(&gid)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no holiday on %s", ErrNotFound, day)
		}
		if err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, gid, "holiday.removed", map[string]string{"day": day})
		return err
	})
}

// Shift is a staff member covering the same hours every week.
type Shift struct {
	ID         int64             `json:"-"`
	GID        string            `json:"id"`
	Staff      string            `json:"staff"`
	Weekday    time.Weekday      `json:"weekday"`
	Interval   Interval          `json:"hours"`
	ValidFrom  string            `json:"valid_from,omitempty"`  // first day, "" since ever
	ValidUntil string            `json:"valid_until,omitempty"` // last day, "" open-ended
	Exceptions map[string]string `json:"exceptions,omitempty"`  // day -> who covers instead ("" nobody)
}

// Shifts lists the shifts with their exceptions.
func (s *Store) Shifts(ctx context.Context) ([]Shift, error) {
	db := s.read
	rows, err := db.QueryContext(ctx, `SELECT id, gid, staff, weekday, start_min, end_min, valid_from, valid_until
		FROM shifts ORDER BY weekday, start_min, staff`)
	if err != nil {
		return nil, err
	}
	list := []Shift{}
	byID := map[int64]int{}
	for rows.Next() {
		var sh Shift
		if err := rows.Scan(&sh.ID, &sh.GID, &sh.Staff, &sh.Weekday, &sh.Interval.Start, &sh.Interval.End, &sh.ValidFrom, &sh.ValidUntil); err != nil {
			rows.Close()
			return nil, err
		}
		byID[sh.ID] = len(list)
		list = append(list, sh)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ex, err := db.QueryContext(ctx, "SELECT shift_id, day, cover FROM shift_exceptions")
	if err != nil {
		return nil, err
	}
	defer ex.Close()
	for ex.Next() {
		var id int64
		var day, cover string
		if err := ex.Scan(&id, &day, &cover); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			if list[i].Exceptions == nil {
				list[i].Exceptions = map[string]string{}
			}
			list[i].Exceptions[day] = cover
		}
	}
	return list, ex.Err()
}

// AddShift adds a weekly shift.
func (s *Store) AddShift(ctx context.Context, sh Shift) (Shift, error) {
	if sh.Staff == "" {
		return sh, errors.New("a shift needs the staff member's name")
	}
	if sh.Interval.End <= sh.Interval.Start {
		return sh, errors.New("a shift needs hours, e.g. 09:00-13:00")
	}
	sh.GID = journal.NewID()
	err := s.write(ctx, func(tx *sql.Tx, actor string) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO shifts (gid, staff, weekday, start_min, end_min, valid_from, valid_until, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, sh.GID, sh.Staff, int(sh.Weekday), sh.Interval.Start, sh.Interval.End,
			sh.ValidFrom, sh.ValidUntil, ms(s.now())).Scan(&sh.ID)
		if err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, sh.GID, "shift.added", map[string]string{
			"staff": sh.Staff, "weekday": weekdayNames[sh.Weekday], "hours": sh.Interval.String()})
		return err
	})
	return sh, err
}

// RemoveShift deletes a shift and its exceptions.
func (s *Store) RemoveShift(ctx context.Context, gid string) error {
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM shifts WHERE gid = ?", gid)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: no shift %s", ErrNotFound, gid)
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, gid, "shift.removed", nil)
		return err
	})
}

// SetException changes one day of a shift: cover "" cancels it that day, a name hands it
// to someone else.
func (s *Store) SetException(ctx context.Context, gid, day, cover string) error {
	day, err := ParseDay(day)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		var id int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM shifts WHERE gid = ?", gid).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no shift %s", ErrNotFound, gid)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shift_exceptions (shift_id, day, cover) VALUES (?, ?, ?)
			ON CONFLICT DO UPDATE SET cover = excluded.cover`, id, day, cover); err != nil {
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, gid, "shift.exception", map[string]string{"day": day, "cover": cover})
		return err
	})
}

// ShiftSpan is one occurrence of a shift on a day.
type ShiftSpan struct {
	Shift string    `json:"shift"` // the shift's id
	Staff string    `json:"staff"` // who covers it that day (an exception's cover)
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// occurrences lists who covers what on the days from..to (inclusive, in loc).
func occurrences(shifts []Shift, loc *time.Location, from, to civil) []ShiftSpan {
	var out []ShiftSpan
	for c := from; ; c = c.add(1) {
		day := c.String()
		for _, sh := range shifts {
			if sh.Weekday != c.weekday() || sh.ValidFrom != "" && day < sh.ValidFrom || sh.ValidUntil != "" && day > sh.ValidUntil {
				continue
			}
			who := sh.Staff
			if cover, ok := sh.Exceptions[day]; ok {
				if cover == "" {
					continue
				}
				who = cover
			}
			out = append(out, ShiftSpan{Shift: sh.GID, Staff: who, Start: c.at(sh.Interval.Start, loc), End: c.at(sh.Interval.End, loc)})
		}
		if c == to {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// ShiftsBetween lists the shift occurrences of the days from from to to (in the zone).
func (s *Store) ShiftsBetween(ctx context.Context, from, to time.Time) ([]ShiftSpan, error) {
	shifts, err := s.Shifts(ctx)
	if err != nil {
		return nil, err
	}
	return occurrences(shifts, s.Loc(), dayOf(from, s.Loc()), dayOf(to, s.Loc())), nil
}

// OnShift names who is on shift at now (the Inbox shows it), none on a holiday.
func OnShift(ctx context.Context, w *workspace.Workspace, now time.Time) ([]string, error) {
	s := Open(w, Options{})
	cv, err := s.Coverage(ctx)
	if err != nil {
		return nil, err
	}
	if _, holiday := cv.Holiday(now); holiday {
		return nil, nil
	}
	spans, err := s.ShiftsBetween(ctx, now, now)
	if err != nil {
		return nil, err
	}
	var who []string
	for _, sp := range spans {
		if !now.Before(sp.Start) && now.Before(sp.End) {
			who = append(who, sp.Staff)
		}
	}
	return who, nil
}

// NextOpening is when the brand next opens after now (now when open); false when no hours
// are set or nothing opens within a year.
func NextOpening(ctx context.Context, w *workspace.Workspace, now time.Time) (time.Time, bool, error) {
	cv, err := Open(w, Options{}).Coverage(ctx)
	if err != nil {
		return time.Time{}, false, err
	}
	t, ok := cv.NextOpening(now)
	return t, ok, nil
}

// OverdueBefore is w's Overdue cutoff at now for the response target, counted in business
// hours (the rule in Coverage's doc): a customer message waiting since before it is
// Overdue. The Inbox can use it where it now subtracts the target from the wall clock.
func OverdueBefore(ctx context.Context, w *workspace.Workspace, now time.Time, target time.Duration) (time.Time, error) {
	cv, err := Open(w, Options{}).Coverage(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return cv.OverdueBefore(now, target), nil
}
