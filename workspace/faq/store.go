package faq

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"switchboard/workspace"
)

// ReviewDaysSetting is the workspace setting holding after how many days without a review
// an entry needs one.
const ReviewDaysSetting = "faq.review_days"

// DefaultReviewDays applies when the workspace never set ReviewDaysSetting.
const DefaultReviewDays = 90

// ErrNotFound: no live entry has that id.
var ErrNotFound = errors.New("no such FAQ entry")

// Store is the FAQ of one workspace.
type Store struct {
	w *workspace.Workspace
	// Now is the clock for stored times and review ages; tests replace it.
	Now func() time.Time
}

// NewStore opens the FAQ of w.
func NewStore(w *workspace.Workspace) *Store {
	return &Store{w: w, Now: time.Now}
}

func (s *Store) now() int64 { return s.Now().UnixMilli() }

// ReviewDays is the workspace's review period in days.
func (s *Store) ReviewDays(ctx context.Context) (int, error) {
	v, ok, err := s.w.Setting(ctx, ReviewDaysSetting)
	if err != nil || !ok {
		return DefaultReviewDays, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return DefaultReviewDays, nil // a hand-edited bad value must not hide the FAQ
	}
	return n, nil
}

// SetReviewDays changes the review period.
func (s *Store) SetReviewDays(ctx context.Context, days int) error {
	if days <= 0 {
		return fmt.Errorf("the review period must be at least one day, not %d", days)
	}
	return s.w.SetSetting(ctx, ReviewDaysSetting, strconv.Itoa(days))
}

const entryColumns = `id, question, phrasings, answer, tags, lang, owner, created_at, updated_at, last_reviewed_at, uses`

type scanner interface{ Scan(...any) error }

func scanEntry(sc scanner) (Entry, error) {
	var e Entry
	var phr, tags string
	var created, updated, reviewed int64
	err := sc.Scan(&e.ID, &e.Question, &phr, &e.Answer, &tags, &e.Lang, &e.Owner, &created, &updated, &reviewed, &e.Uses)
	if err != nil {
		return e, err
	}
	if err := errors.Join(json.Unmarshal([]byte(phr), &e.Phrasings), json.Unmarshal([]byte(tags), &e.Tags)); err != nil {
		return e, fmt.Errorf("FAQ entry %s: %w", e.ID, err)
	}
	e.CreatedAt, e.UpdatedAt, e.LastReviewedAt = millis(created), millis(updated), millis(reviewed)
	return e, nil
}

func millis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// jsonList stores a list as a JSON array; nil is stored as [] so readers never see null.
func jsonList(xs []string) string {
	if xs == nil {
		return "[]"
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep "<" readable in the full-text index
	enc.Encode(xs)
	return strings.TrimSpace(b.String())
}

// Get returns a live entry.
func (s *Store) Get(ctx context.Context, id string) (Entry, error) {
	e, err := scanEntry(s.w.DB().Read().QueryRowContext(ctx,
		`SELECT `+entryColumns+` FROM faq_entries WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return e, err
	}
	days, err := s.ReviewDays(ctx)
	s.markNeedsReview([]Entry{e}, days)
	return e, err
}

func (s *Store) markNeedsReview(es []Entry, days int) {
	cutoff := s.Now().Add(-time.Duration(days) * 24 * time.Hour)
	for i := range es {
		es[i].NeedsReview = es[i].LastReviewedAt.Before(cutoff)
	}
}

// Saved is the outcome of a save: the entry as stored, and entries that ask much the same
// question, which the editor points out (saving is not refused for them).
type Saved struct {
	Entry   Entry
	Similar []Match
}

// Save creates an entry (id "") or replaces the editable fields of an existing one.
// Writing or editing an entry counts as reviewing it. Invalid drafts return a
// *ValidationError with a Problem per field.
func (s *Store) Save(ctx context.Context, id string, d Draft) (Saved, error) {
	d = d.clean()
	now := s.now()
	err := s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if err := validate(ctx, tx, id, d); err != nil {
			return err
		}
		if id == "" {
			id = uuid.NewString()
			if err := insert(ctx, tx, id, d, now, now, now); err != nil {
				return err
			}
			return s.w.Record(ctx, tx, millis(now), id, "faq.create", entryData(d, 0))
		}
		res, err := tx.ExecContext(ctx, `UPDATE faq_entries SET question = ?, question_key = ?, phrasings = ?, answer = ?,
			tags = ?, lang = ?, owner = ?, updated_at = ?, last_reviewed_at = ? WHERE id = ? AND deleted_at IS NULL`,
			d.Question, questionKey(d.Question), jsonList(d.Phrasings), d.Answer, jsonList(d.Tags), d.Lang, d.Owner, now, now, id)
		if err := affected(res, err, id); err != nil {
			return err
		}
		return s.w.Record(ctx, tx, millis(now), id, "faq.edit", entryData(d, 0))
	})
	if err != nil {
		return Saved{}, err
	}
	e, err := s.Get(ctx, id)
	if err != nil {
		return Saved{}, err
	}
	sim, err := s.Similar(ctx, d, id)
	return Saved{Entry: e, Similar: sim}, err
}

func insert(ctx context.Context, tx *sql.Tx, id string, d Draft, created, updated, reviewed int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO faq_entries (id, question, question_key, phrasings, answer, tags, lang, owner,
		created_at, updated_at, last_reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, d.Question, questionKey(d.Question), jsonList(d.Phrasings), d.Answer, jsonList(d.Tags), d.Lang, d.Owner,
		created, updated, reviewed)
	return err
}

func affected(res sql.Result, err error, id string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, fmt.Errorf("%w: %s", ErrNotFound, id))
	}
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// validate checks a cleaned draft, including that no other live entry has its question.
func validate(ctx context.Context, q queryer, id string, d Draft) error {
	ps := d.problems()
	dup, err := duplicate(ctx, q, id, d.Question)
	if err != nil {
		return err
	}
	if dup != nil {
		ps = append(ps, *dup)
	}
	if ps != nil {
		return &ValidationError{Problems: ps}
	}
	return nil
}

// duplicate is the problem of another live entry (not id) having the question, or nil.
func duplicate(ctx context.Context, q queryer, id, question string) (*Problem, error) {
	key := questionKey(question)
	if key == "" {
		return nil, nil
	}
	var other, otherQ string
	err := q.QueryRowContext(ctx, `SELECT id, question FROM faq_entries
		WHERE question_key = ? AND id <> ? AND deleted_at IS NULL`, key, id).Scan(&other, &otherQ)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &Problem{Field: FieldQuestion, Code: "duplicate_question", Args: map[string]any{"ID": other, "Question": otherQ},
		Message: fmt.Sprintf("another entry already has this question: %q", otherQ)}, nil
}

// Validate reports what would stop d from being saved as entry id ("" for a new one),
// without saving, for checking while the user types.
func (s *Store) Validate(ctx context.Context, id string, d Draft) error {
	return validate(ctx, s.w.DB().Read(), id, d.clean())
}

// MarkReviewed records that someone checked the entry is still right.
func (s *Store) MarkReviewed(ctx context.Context, id string) error {
	now := s.now()
	return s.exec(ctx, id, "faq.reviewed", `UPDATE faq_entries SET last_reviewed_at = ? WHERE id = ? AND deleted_at IS NULL`, now, id)
}

// RecordUse counts one insert of the entry's answer into a reply. The Inbox calls it. Not
// journaled: the reply's own "outbox.queued" entry is the event, this is a tally of them.
func (s *Store) RecordUse(ctx context.Context, id string) error {
	return s.exec(ctx, id, "", `UPDATE faq_entries SET uses = uses + 1 WHERE id = ? AND deleted_at IS NULL`, id)
}

// Delete hides an entry; Restore brings it back. Deleted entries stay in the database,
// so an accidental delete never loses an approved answer.
func (s *Store) Delete(ctx context.Context, id string) error {
	return s.exec(ctx, id, "faq.delete", `UPDATE faq_entries SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, s.now(), id)
}

// Restore undoes Delete. It fails with a *ValidationError if a live entry has taken the
// question meanwhile.
func (s *Store) Restore(ctx context.Context, id string) error {
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		var q string
		err := tx.QueryRowContext(ctx, `SELECT question FROM faq_entries WHERE id = ? AND deleted_at IS NOT NULL`, id).Scan(&q)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w among deleted entries: %s", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		dup, err := duplicate(ctx, tx, id, q)
		if err != nil {
			return err
		}
		if dup != nil {
			return &ValidationError{Problems: []Problem{*dup}}
		}
		if _, err = tx.ExecContext(ctx, `UPDATE faq_entries SET deleted_at = NULL WHERE id = ?`, id); err != nil {
			return err
		}
		return s.w.Record(ctx, tx, s.Now(), id, "faq.restore", nil)
	})
}

// exec changes one entry and journals it as kind ("": a tally, not journaled).
func (s *Store) exec(ctx context.Context, id, kind, query string, args ...any) error {
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err := affected(res, err, id); err != nil || kind == "" {
			return err
		}
		return s.w.Record(ctx, tx, s.Now(), id, kind, nil)
	})
}
