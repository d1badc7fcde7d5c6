package crisis

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/journal"
)

const playbookColumns = "gid, name, severity, body, review_by, created_at, updated_at"

func (s *Store) scanPlaybook(sc rowScanner) (Playbook, error) {
	var p Playbook
	var raw string
	var review, created, updated int64
	if err := sc.Scan(&p.ID, &p.Name, &p.Severity, &raw, &review, &created, &updated); err != nil {
		return p, err
	}
	var b body
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		return p, fmt.Errorf("playbook %q: %w", p.Name, err)
	}
	p.setBody(b)
	p.ReviewBy, p.CreatedAt, p.UpdatedAt = fromMs(review), fromMs(created), fromMs(updated)
	p.NeedsReview = !p.ReviewBy.IsZero() && !s.now().Before(p.ReviewBy)
	return p, nil
}

// Playbooks lists the workspace's playbooks by name.
func (s *Store) Playbooks(ctx context.Context) ([]Playbook, error) {
	rows, err := s.w.DB().Read().QueryContext(ctx, "SELECT "+playbookColumns+
		" FROM playbooks WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Playbook{}
	for rows.Next() {
		p, err := s.scanPlaybook(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// Playbook finds a playbook by its global id or its name (case ignored); a deleted one is
// found by id only, for incidents that used it.
func (s *Store) Playbook(ctx context.Context, ref string) (Playbook, error) {
	p, err := s.scanPlaybook(s.w.DB().Read().QueryRowContext(ctx, "SELECT "+playbookColumns+
		" FROM playbooks WHERE gid = ? OR (name = ? COLLATE NOCASE AND deleted_at IS NULL) LIMIT 1", ref, oneLine(ref)))
	if isNotFound(err) {
		return p, fmt.Errorf("%w: no playbook %q (see `switchboard playbook list`)", ErrNotFound, ref)
	}
	return p, err
}

// SavePlaybook creates p (empty ID) or replaces it. Saving counts as reviewing it: the
// review date moves to the review period from now unless p sets a later one.
func (s *Store) SavePlaybook(ctx context.Context, p Playbook) (Playbook, error) {
	p = p.clean()
	ps := p.problems()
	actor, err := s.actor(ctx)
	if err != nil {
		return p, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	if review := now.AddDate(0, 0, s.reviewDays(ctx)); p.ReviewBy.Before(now) || p.ID == "" && p.ReviewBy.IsZero() {
		p.ReviewBy = review
	}
	raw, err := json.Marshal(p.body())
	if err != nil {
		return p, err
	}
	err = s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		var other string
		err := tx.QueryRowContext(ctx, "SELECT gid FROM playbooks WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL AND gid <> ?",
			p.Name, p.ID).Scan(&other)
		if err == nil {
			ps = append(ps, Problem{Field: "name", Message: fmt.Sprintf("another playbook is called %q", p.Name)})
		} else if !isNotFound(err) {
			return err
		}
		if len(ps) > 0 {
			return &ValidationError{Problems: ps}
		}
		kind, changed := "playbook.update", []string(nil)
		if p.ID == "" {
			kind, p.ID, p.CreatedAt = "playbook.create", journal.NewID(), now
			_, err = tx.ExecContext(ctx, "INSERT INTO playbooks ("+playbookColumns+") VALUES (?, ?, ?, ?, ?, ?, ?)",
				p.ID, p.Name, p.Severity, string(raw), ms(p.ReviewBy), ms(now), ms(now))
		} else {
			if changed, err = changedParts(ctx, tx, p, raw); err != nil {
				return err
			}
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE playbooks SET name = ?, severity = ?, body = ?, review_by = ?, updated_at = ?
				WHERE gid = ? AND deleted_at IS NULL`, p.Name, p.Severity, string(raw), ms(p.ReviewBy), ms(now), p.ID)
			if n, _ := res.RowsAffected(); err == nil && n == 0 {
				err = fmt.Errorf("%w: playbook %s", ErrNotFound, p.ID)
			}
		}
		if err != nil {
			return err
		}
		p.UpdatedAt = now
		data := map[string]any{"name": p.Name, "severity": p.Severity}
		if kind == "playbook.update" {
			data["changed"] = changed
		}
		_, err = journal.Write(ctx, tx, now, actor, p.ID, kind, data)
		return err
	})
	if err != nil {
		return p, err
	}
	p.NeedsReview = false
	return p, nil
}

// changedParts names what an update changes, for the journal: name, severity,
// review_by and the parts of the body (descriptions, keywords, steps, holding, answers,
// contacts), in that order; empty when it was saved as it was.
func changedParts(ctx context.Context, tx *sql.Tx, p Playbook, raw []byte) ([]string, error) {
	var name, severity, oldRaw string
	var review int64
	err := tx.QueryRowContext(ctx, "SELECT name, severity, body, review_by FROM playbooks WHERE gid = ? AND deleted_at IS NULL", p.ID).
		Scan(&name, &severity, &oldRaw, &review)
	if isNotFound(err) {
		return nil, fmt.Errorf("%w: playbook %s", ErrNotFound, p.ID)
	}
	if err != nil {
		return nil, err
	}
	changed := []string{}
	for _, f := range []struct {
		part string
		diff bool
	}{{"name", name != p.Name}, {"severity", severity != p.Severity}, {"review_by", review != ms(p.ReviewBy)}} {
		if f.diff {
			changed = append(changed, f.part)
		}
	}
	// each part compared as JSON, the form it is stored in
	var oldParts, newParts map[string]json.RawMessage
	if err := json.Unmarshal([]byte(oldRaw), &oldParts); err != nil {
		return nil, fmt.Errorf("playbook %q: %w", name, err)
	}
	if err := json.Unmarshal(raw, &newParts); err != nil {
		return nil, err
	}
	for _, part := range []string{"descriptions", "keywords", "steps", "holding", "answers", "contacts"} {
		if string(oldParts[part]) != string(newParts[part]) {
			changed = append(changed, part)
		}
	}
	return changed, nil
}

// MarkReviewed records that someone read the playbook and it still holds.
func (s *Store) MarkReviewed(ctx context.Context, ref string) error {
	p, err := s.Playbook(ctx, ref)
	if err != nil {
		return err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	next := now.AddDate(0, 0, s.reviewDays(ctx))
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE playbooks SET review_by = ? WHERE gid = ?", ms(next), p.ID); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, now, actor, p.ID, "playbook.review", map[string]any{"review_by": next.UTC()})
		return err
	})
}

// DeletePlaybook hides a playbook; incidents that used it keep it.
func (s *Store) DeletePlaybook(ctx context.Context, ref string) error {
	p, err := s.Playbook(ctx, ref)
	if err != nil {
		return err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE playbooks SET deleted_at = ? WHERE gid = ?", ms(now), p.ID); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, now, actor, p.ID, "playbook.delete", map[string]any{"name": p.Name})
		return err
	})
}

// ParseSeverity checks a severity typed by a person.
func ParseSeverity(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, v := range Severities {
		if v == s {
			return s, nil
		}
	}
	return "", fmt.Errorf("%q is not a severity: use one of %s", s, strings.Join(Severities, ", "))
}
