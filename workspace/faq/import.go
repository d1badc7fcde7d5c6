package faq

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Action is what importing a row will do.
type Action string

const (
	Add       Action = "add"
	Update    Action = "update"
	Unchanged Action = "unchanged"
	Reject    Action = "reject"
)

// RowReport is the preview of one data row. Row counts like a spreadsheet: the header
// is row 1, so the numbers match what the content manager sees.
type RowReport struct {
	Row      int
	Action   Action
	Question string
	EntryID  string // the entry added or updated
	Reason   string // why a row is rejected, or a note on an add/update
}

// ImportPreview is what an import would do. Nothing is written until Apply.
type ImportPreview struct {
	Problem string // about the whole file (columns, encoding); every row is then rejected
	Rows    []RowReport
	rows    []importRow
	columns []string
}

// Count is how many rows get action a.
func (p *ImportPreview) Count(a Action) int {
	n := 0
	for _, r := range p.Rows {
		if r.Action == a {
			n++
		}
	}
	return n
}

// importRow is a parsed data row; has says which columns the file had.
type importRow struct {
	row                        int
	id                         string
	draft                      Draft
	created, updated, reviewed time.Time
	has                        map[string]bool
	err                        string
}

const maxImportBytes = 32 << 20 // far beyond any FAQ; protects against picking the wrong file

// PreviewCSV reads a CSV file (as ExportCSV writes it, or edited in a spreadsheet) and
// reports per row what Apply would do.
func (s *Store) PreviewCSV(ctx context.Context, r io.Reader) (*ImportPreview, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return nil, err
	}
	p := &ImportPreview{}
	if len(data) > maxImportBytes {
		p.Problem = "the file is larger than 32 MB: it is not an FAQ export"
		return p, nil
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	if !utf8.Valid(data) {
		p.Problem, data = encodingProblem(data)
	}
	p.rows, p.columns = parseCSV(data, &p.Problem)
	plan, err := s.plan(ctx, s.w.DB().Read(), p)
	p.Rows = plan
	return p, err
}

// encodingProblem explains a file that is not UTF-8 and, for Windows-1252 (what Excel's
// plain "CSV" writes in Western Europe), decodes it so each row can still be shown.
func encodingProblem(data []byte) (string, []byte) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.Count(data, []byte{0}) > len(data)/4 {
		return "the file is UTF-16 (Excel's \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\" and import it again", nil
	}
	for _, b := range []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D} { // unassigned in Windows-1252
		if bytes.IndexByte(data, b) >= 0 {
			return "the file is not UTF-8 and its encoding is unknown: save it as \"CSV UTF-8\" and import it again", nil
		}
	}
	dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "the file is not UTF-8: save it as \"CSV UTF-8\" and import it again", nil
	}
	return "the file is not UTF-8; it looks like Windows-1252 (Excel's \"CSV (Comma delimited)\"): save it as \"CSV UTF-8\" and import it again", dec
}

// parseCSV turns the file into rows; a broken header sets problem.
func parseCSV(data []byte, problem *string) ([]importRow, []string) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		setProblem(problem, "the file is empty")
		return nil, nil
	}
	if err != nil {
		setProblem(problem, "the header row cannot be read: "+err.Error())
	}
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = strings.ToLower(strings.TrimSpace(h))
	}
	if msg := checkColumns(cols); msg != "" {
		setProblem(problem, msg)
	}
	var rows []importRow
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		row := importRow{row: n}
		switch {
		case err != nil:
			row.err = "not valid CSV: " + err.Error()
		case len(rec) == 1 && strings.TrimSpace(rec[0]) == "":
			continue // a blank line, as spreadsheets leave at the end
		case len(rec) != len(cols):
			row.err = fmt.Sprintf("has %d cells, the header has %d", len(rec), len(cols))
			if q := slices.Index(cols, "question"); q >= 0 && q < len(rec) {
				row.draft.Question = oneLine(rec[q])
			}
		default:
			row = rowFrom(n, cols, rec)
		}
		rows = append(rows, row)
	}
	return rows, cols
}

func setProblem(problem *string, msg string) {
	if *problem == "" {
		*problem = msg
	}
}

func checkColumns(cols []string) string {
	var msgs []string
	seen := map[string]bool{}
	for _, c := range cols {
		switch {
		case !slices.Contains(csvColumns, c):
			msgs = append(msgs, fmt.Sprintf("unknown column %q", c))
		case seen[c]:
			msgs = append(msgs, fmt.Sprintf("column %q appears twice", c))
		}
		seen[c] = true
	}
	for _, need := range []string{"question", "answer"} {
		if !seen[need] {
			msgs = append(msgs, fmt.Sprintf("no %q column", need))
		}
	}
	if msgs == nil {
		return ""
	}
	return "wrong columns: " + strings.Join(msgs, ", ") + " (expected " + strings.Join(csvColumns, ", ") + ")"
}

func rowFrom(n int, cols, rec []string) importRow {
	row := importRow{row: n, has: map[string]bool{}}
	var bad []string
	for i, c := range cols {
		v := uncell(rec[i])
		row.has[c] = true
		switch c {
		case "id":
			row.id = strings.TrimSpace(v)
		case "question":
			row.draft.Question = v
		case "phrasings":
			row.draft.Phrasings = strings.Split(v, "\n")
		case "answer":
			row.draft.Answer = v
		case "tags":
			row.draft.Tags = []string{v}
		case "lang":
			row.draft.Lang = v
		case "owner":
			row.draft.Owner = v
		case "created_at":
			row.created = parseStamp(c, v, &bad)
		case "updated_at":
			row.updated = parseStamp(c, v, &bad)
		case "last_reviewed_at":
			row.reviewed = parseStamp(c, v, &bad)
		}
	}
	row.draft = row.draft.clean()
	if strings.ContainsAny(row.id, " \t\n") || len(row.id) > 64 {
		bad = append(bad, fmt.Sprintf("id %q is not an entry id", row.id))
	}
	for _, p := range row.draft.problems() {
		bad = append(bad, p.Message)
	}
	row.err = strings.Join(bad, "; ")
	return row
}

// parseStamp reads an RFC 3339 time; empty is the zero time, meaning "now" on import.
func parseStamp(col, v string, bad *[]string) time.Time {
	if v = strings.TrimSpace(v); v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		*bad = append(*bad, fmt.Sprintf("%s %q is not a time like 2025-03-01T09:00:00Z", col, v))
	}
	return t.UTC()
}

// rowsQuerier is the read pool or the import's transaction.
type rowsQuerier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

// existing is a stored entry as the plan compares it.
type existing struct {
	Entry
	deleted bool
}

func loadExisting(ctx context.Context, q rowsQuerier) (map[string]existing, map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+entryColumns+`, deleted_at IS NOT NULL FROM faq_entries`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byID, byKey := map[string]existing{}, map[string]string{}
	for rows.Next() {
		var x existing
		var deleted bool
		e, err := scanEntry(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &deleted)...) }))
		if err != nil {
			return nil, nil, err
		}
		x.Entry, x.deleted = e, deleted
		byID[e.ID] = x
		if !deleted {
			byKey[questionKey(e.Question)] = e.ID
		}
	}
	return byID, byKey, rows.Err()
}

type scanFunc func(...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
