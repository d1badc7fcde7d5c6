package faq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// plan decides each row's action against the entries as q sees them. Preview runs it
// on the read pool, Apply again inside its transaction.
func (s *Store) plan(ctx context.Context, q rowsQuerier, p *ImportPreview) ([]RowReport, error) {
	byID, byKey, err := loadExisting(ctx, q)
	if err != nil {
		return nil, err
	}
	seenKey, seenID, targeted := map[string]int{}, map[string]int{}, map[string]int{}
	var out []RowReport
	for _, r := range p.rows {
		rep := RowReport{Row: r.row, Question: r.draft.Question, Action: Reject}
		key := questionKey(r.draft.Question)
		target, found := byID[r.id]
		if !found {
			target, found = byID[byKey[key]]
		}
		switch {
		case p.Problem != "":
			rep.Reason, _, _ = strings.Cut(p.Problem, ":") // the whole message is shown once, for the file
		case r.err != "":
			rep.Reason = r.err
		case seenKey[key] > 0:
			rep.Reason = fmt.Sprintf("same question as row %d", seenKey[key])
		case r.id != "" && seenID[r.id] > 0:
			rep.Reason = fmt.Sprintf("same id as row %d", seenID[r.id])
		case found && targeted[target.ID] > 0:
			rep.Reason = fmt.Sprintf("changes the same entry as row %d", targeted[target.ID])
		case found && byKey[key] != "" && byKey[key] != target.ID:
			rep.Reason = fmt.Sprintf("another entry already has this question: %q", byID[byKey[key]].Question)
		case found && target.deleted:
			rep.Action, rep.EntryID, rep.Reason = Add, target.ID, "brings back a deleted entry"
		case found && !changes(target.Entry, r):
			rep.Action, rep.EntryID = Unchanged, target.ID
		case found:
			rep.Action, rep.EntryID = Update, target.ID
		default:
			rep.Action, rep.EntryID = Add, r.id
		}
		if rep.Action != Reject {
			if seenKey[key] == 0 && key != "" {
				seenKey[key] = r.row
			}
			if r.id != "" && seenID[r.id] == 0 {
				seenID[r.id] = r.row
			}
			if found && targeted[target.ID] == 0 {
				targeted[target.ID] = r.row
			}
		}
		out = append(out, rep)
	}
	return out, nil
}

// merged is the entry after the row is applied: columns the file lacks keep their value.
func merged(e Entry, r importRow) Draft {
	d := e.Draft()
	for col, has := range r.has {
		if !has {
			continue
		}
		switch col {
		case "question":
			d.Question = r.draft.Question
		case "phrasings":
			d.Phrasings = r.draft.Phrasings
		case "answer":
			d.Answer = r.draft.Answer
		case "tags":
			d.Tags = r.draft.Tags
		case "lang":
			d.Lang = r.draft.Lang
		case "owner":
			d.Owner = r.draft.Owner
		}
	}
	return d
}

func changes(e Entry, r importRow) bool {
	d := merged(e, r)
	return d.Question != e.Question || !slices.Equal(d.Phrasings, e.Phrasings) || d.Answer != e.Answer ||
		!slices.Equal(d.Tags, e.Tags) || d.Lang != e.Lang || d.Owner != e.Owner ||
		(!r.reviewed.IsZero() && !r.reviewed.Equal(e.LastReviewedAt))
}

// ErrStalePreview: the FAQ changed between the preview and Apply; nothing was written.
var ErrStalePreview = errors.New("the FAQ changed since the import preview: nothing was imported, preview the file again")

// Apply writes what the preview showed, all rows in one transaction: either every added
// and updated row is stored or none is. A file with a problem of its own imports nothing.
func (s *Store) Apply(ctx context.Context, p *ImportPreview) error {
	if p.Problem != "" {
		return fmt.Errorf("nothing imported: %s", p.Problem)
	}
	now := s.Now().UTC()
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		plan, err := s.plan(ctx, tx, p)
		if err != nil {
			return err
		}
		if !slices.Equal(plan, p.Rows) {
			return ErrStalePreview
		}
		byID, _, err := loadExisting(ctx, tx)
		if err != nil {
			return err
		}
		for i, rep := range plan {
			r := p.rows[i]
			var err error
			switch x, found := byID[rep.EntryID]; {
			case rep.Action == Add && !found:
				var id string
				if id, err = addRow(ctx, tx, r, now); err == nil {
					err = s.w.Record(ctx, tx, now, id, "faq.create", entryData(r.draft, r.row))
				}
			case rep.Action == Add || rep.Action == Update:
				if err = updateRow(ctx, tx, x.Entry, r, now); err == nil {
					err = s.w.Record(ctx, tx, now, x.Entry.ID, "faq.edit", entryData(merged(x.Entry, r), r.row))
				}
			}
			if err != nil {
				return fmt.Errorf("importing row %d: %w (nothing was imported)", r.row, err)
			}
		}
		return nil
	})
}

// entryData is the data of a "faq.create" or "faq.edit" journal entry: the entry's
// editable fields as saved, and for an import the row of the file it came from.
func entryData(d Draft, importRow int) map[string]any {
	m := map[string]any{"question": d.Question, "phrasings": d.Phrasings, "answer": d.Answer, "tags": d.Tags,
		"lang": d.Lang, "owner": d.Owner}
	if importRow > 0 {
		m["import_row"] = importRow
	}
	return m
}

func addRow(ctx context.Context, tx *sql.Tx, r importRow, now time.Time) (string, error) {
	id := r.id
	if id == "" {
		id = uuid.NewString()
	}
	created, updated, reviewed := or(r.created, now), or(r.updated, now), or(r.reviewed, now)
	return id, insert(ctx, tx, id, r.draft, created.UnixMilli(), updated.UnixMilli(), reviewed.UnixMilli())
}

// updateRow replaces an entry's fields with the row's. Content the content team changed
// counts as reviewed now, unless the file says a later review time.
func updateRow(ctx context.Context, tx *sql.Tx, e Entry, r importRow, now time.Time) error {
	d := merged(e, r)
	updated, reviewed := e.UpdatedAt, e.LastReviewedAt
	if d.Question != e.Question || !slices.Equal(d.Phrasings, e.Phrasings) || d.Answer != e.Answer ||
		!slices.Equal(d.Tags, e.Tags) || d.Lang != e.Lang || d.Owner != e.Owner {
		updated, reviewed = now, now
	}
	if !r.reviewed.IsZero() && (r.reviewed.After(reviewed) || updated.Equal(e.UpdatedAt)) {
		reviewed = r.reviewed
	}
	_, err := tx.ExecContext(ctx, `UPDATE faq_entries SET question = ?, question_key = ?, phrasings = ?, answer = ?, tags = ?,
		lang = ?, owner = ?, updated_at = ?, last_reviewed_at = ?, deleted_at = NULL WHERE id = ?`,
		d.Question, questionKey(d.Question), jsonList(d.Phrasings), d.Answer, jsonList(d.Tags), d.Lang, d.Owner,
		updated.UnixMilli(), reviewed.UnixMilli(), e.ID)
	return err
}

func or(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}
