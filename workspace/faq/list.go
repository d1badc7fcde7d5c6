package faq

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"
)

// View orders and narrows the list the way the pane's view picker does.
type View int

const (
	ViewAll       View = iota // by question
	ViewMostUsed              // used at least once, most used first
	ViewNeverUsed             // never inserted into a reply
)

// Filter narrows List. Zero values mean "any".
type Filter struct {
	Query       string // full-text over question, phrasings, answer and tags; diacritics ignored
	Tag         string
	Lang        string
	NeedsReview bool
	View        View
}

// List returns the live entries matching f. With a Query, the best matches come first
// unless the view orders by use.
func (s *Store) List(ctx context.Context, f Filter) ([]Entry, error) {
	days, err := s.ReviewDays(ctx)
	if err != nil {
		return nil, err
	}
	where := []string{"e.deleted_at IS NULL"}
	var args []any
	from := "faq_entries e"
	order := "e.question COLLATE NOCASE, e.id"
	if match := matchQuery(f.Query); match != "" {
		from = "faq_fts JOIN faq_entries e ON e.seq = faq_fts.rowid"
		where = append(where, "faq_fts MATCH ?")
		args = append(args, match)
		// a hit in the question counts most, the answer least
		order = "bm25(faq_fts, 10.0, 5.0, 1.0, 2.0), " + order
	}
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM json_each(e.tags) WHERE value = ?)")
		args = append(args, strings.ToLower(strings.TrimSpace(f.Tag)))
	}
	if f.Lang != "" {
		where = append(where, "e.lang = ?")
		args = append(args, strings.ToLower(f.Lang))
	}
	if f.NeedsReview {
		where = append(where, "e.last_reviewed_at < ?")
		args = append(args, s.Now().Add(-time.Duration(days)*24*time.Hour).UnixMilli())
	}
	switch f.View {
	case ViewMostUsed:
		where = append(where, "e.uses > 0")
		order = "e.uses DESC, " + order
	case ViewNeverUsed:
		where = append(where, "e.uses = 0")
	}
	rows, err := s.w.DB().Read().QueryContext(ctx, "SELECT "+prefixed(entryColumns)+" FROM "+from+
		" WHERE "+strings.Join(where, " AND ")+" ORDER BY "+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	s.markNeedsReview(out, days)
	return out, rows.Err()
}

func prefixed(cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		parts[i] = "e." + p
	}
	return strings.Join(parts, ", ")
}

// matchQuery turns what the user typed into an FTS5 query: every word must occur, as a
// word or the start of one ("ship" finds "shipping"). Words are quoted so that FTS5
// syntax in the box (AND, -, ", *) is searched for as text, never an error.
func matchQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// Facets are the values the filters offer.
type Facets struct {
	Tags  []string
	Langs []string
}

// Facets lists the tags and languages in use.
func (s *Store) Facets(ctx context.Context) (Facets, error) {
	var f Facets
	for _, q := range []struct {
		sql string
		out *[]string
	}{
		{`SELECT DISTINCT t.value FROM faq_entries e, json_each(e.tags) t WHERE e.deleted_at IS NULL ORDER BY 1`, &f.Tags},
		{`SELECT DISTINCT lang FROM faq_entries WHERE deleted_at IS NULL AND lang <> '' ORDER BY 1`, &f.Langs},
	} {
		rows, err := s.w.DB().Read().QueryContext(ctx, q.sql)
		if err != nil {
			return f, err
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return f, err
			}
			*q.out = append(*q.out, v)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return f, err
		}
	}
	return f, nil
}
