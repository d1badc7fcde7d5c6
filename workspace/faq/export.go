package faq

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
)

// csvColumns is the CSV layout. Phrasings are one per line inside their cell, tags are
// comma-separated, times are RFC 3339 in UTC.
var csvColumns = []string{"id", "question", "phrasings", "answer", "tags", "lang", "owner", "created_at", "updated_at", "last_reviewed_at"}

// bom makes Excel read the file as UTF-8; LibreOffice and our import skip it.
const bom = "\uFEFF"

// ExportCSV writes every live entry as CSV: UTF-8 with a byte-order mark, a header row,
// CRLF line ends, multi-line cells quoted. Cells a spreadsheet would run as a formula
// (starting with = + - @) get a leading apostrophe, which ImportCSV removes again.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer) error {
	entries, err := s.List(ctx, Filter{})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(csvColumns)
	for _, e := range entries {
		cw.Write([]string{e.ID, cell(e.Question), cell(strings.Join(e.Phrasings, "\n")), cell(e.Answer),
			cell(strings.Join(e.Tags, ", ")), cell(e.Lang), cell(e.Owner), stamp(e.CreatedAt), stamp(e.UpdatedAt), stamp(e.LastReviewedAt)})
	}
	cw.Flush()
	return cw.Error()
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// cell guards a value against formula evaluation; uncell undoes it exactly, also for
// values that themselves start with an apostrophe.
func cell(v string) string {
	if needsGuard(v) {
		return "'" + v
	}
	return v
}

func uncell(v string) string {
	if len(v) > 1 && v[0] == '\'' && (isFormulaStart(v[1]) || v[1] == '\'') {
		return v[1:]
	}
	return v
}

func needsGuard(v string) bool {
	return v != "" && (isFormulaStart(v[0]) || (v[0] == '\'' && len(v) > 1 && (isFormulaStart(v[1]) || v[1] == '\'')))
}

func isFormulaStart(c byte) bool { return strings.IndexByte("=+-@\t\r", c) >= 0 }

// ExportMarkdown writes the FAQ as one Markdown document for reading and review: each
// question a heading, then its other phrasings, its details and the answer as written.
func (s *Store) ExportMarkdown(ctx context.Context, w io.Writer, title string) error {
	entries, err := s.List(ctx, Filter{})
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nExported %s. Entries: %d.\n", title, s.Now().UTC().Format("2006-01-02"), len(entries))
	for _, e := range entries {
		fmt.Fprintf(&b, "\n## %s\n\n", e.Question)
		if len(e.Phrasings) > 0 {
			fmt.Fprintf(&b, "Also asked as: %s\n\n", strings.Join(e.Phrasings, " · "))
		}
		var meta []string
		if len(e.Tags) > 0 {
			meta = append(meta, "tags: "+strings.Join(e.Tags, ", "))
		}
		if e.Lang != "" {
			meta = append(meta, "language: "+e.Lang)
		}
		if e.Owner != "" {
			meta = append(meta, "owner: "+e.Owner)
		}
		meta = append(meta, "last reviewed: "+e.LastReviewedAt.Format("2006-01-02"), fmt.Sprintf("used %d times", e.Uses))
		if e.NeedsReview {
			meta = append(meta, "**needs review**")
		}
		fmt.Fprintf(&b, "_%s_\n\n%s\n", strings.Join(meta, " · "), e.Answer)
	}
	_, err = io.WriteString(w, b.String())
	return err
}
