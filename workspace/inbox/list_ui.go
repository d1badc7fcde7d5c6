package inbox

// Read-only queries behind the Inbox pane's list: one page at a time and counts per view,
// so a list of 100,000 conversations never loads more than what is on screen.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace"
)

// List views built into the Inbox list.
const (
	ListAll        = "all"
	ListUnanswered = "unanswered" // the customer wrote last and is not parked
	ListOverdue    = "overdue"    // unanswered for longer than the response-time target
)

// ListQuery selects the rows of the Inbox list.
type ListQuery struct {
	View   string // one of the List* views, or "status:<status>"
	Now    time.Time
	Target time.Duration // the workspace's response-time target, for ListOverdue
}

// ListRow is one conversation as a row of the list.
type ListRow struct {
	ID            int64
	Status        string
	ContactName   string
	ContactEmail  string
	Subject       string
	Snippet       string
	Messages      int
	Unread        int
	LastMessageAt time.Time
	WaitingSince  time.Time // when the customer's unanswered message came; zero if none
}

// ListCursor is where the previous page ended: handing it to ListPage seeks instead of
// counting rows from the top, so scrolling to row 99,000 costs what row 100 does.
type ListCursor struct {
	LastMessageAt int64
	ID            int64
}

// parked statuses do not wait for an answer.
const openStatuses = "('new', 'open')"

func (q ListQuery) where() (string, []any, error) {
	where, args := "c.messages > 0", []any{}
	unanswered := " AND c.status IN " + openStatuses + " AND c.last_inbound_at > c.last_outbound_at"
	switch {
	case q.View == "" || q.View == ListAll:
	case q.View == ListUnanswered:
		where += unanswered
	case q.View == ListOverdue:
		where += unanswered + " AND c.last_inbound_at < ?"
		args = append(args, q.Now.Add(-q.Target).UnixMilli())
	case strings.HasPrefix(q.View, "status:"):
		where += " AND c.status = ?"
		args = append(args, strings.TrimPrefix(q.View, "status:"))
	default:
		return "", nil, fmt.Errorf("unknown inbox view %q", q.View)
	}
	return where, args, nil
}

// ListPage returns up to limit rows, the most recent first: after the cursor when it is
// set, else after skipping offset rows.
func ListPage(ctx context.Context, w *workspace.Workspace, q ListQuery, after *ListCursor, offset, limit int) ([]ListRow, error) {
	where, args, err := q.where()
	if err != nil {
		return nil, err
	}
	if after != nil {
		where += " AND (c.last_message_at, c.id) < (?, ?)"
		args = append(args, after.LastMessageAt, after.ID)
		offset = 0
	}
	return queryRows(ctx, w, where+" ORDER BY c.last_message_at DESC, c.id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
}

// Cursor is where a page ending with r ends.
func (r ListRow) Cursor() *ListCursor {
	return &ListCursor{LastMessageAt: r.LastMessageAt.UnixMilli(), ID: r.ID}
}

// ListRows returns the rows of the given conversations (a search's hits), most recent first.
func ListRows(ctx context.Context, w *workspace.Workspace, ids []int64) ([]ListRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	where := "c.messages > 0"
	return queryRows(ctx, w, where+" AND c.id IN ("+marks+") ORDER BY c.last_message_at DESC, c.id DESC", args...)
}

// ListCounts counts the conversations in each view, and per status under "status:<s>".
func ListCounts(ctx context.Context, w *workspace.Workspace, now time.Time, target time.Duration) (map[string]int, error) {
	counts := map[string]int{}
	var all, unanswered, overdue int
	err := w.DB().Read().QueryRowContext(ctx, `SELECT count(*),
		ifnull(sum(status IN `+openStatuses+` AND last_inbound_at > last_outbound_at), 0),
		ifnull(sum(status IN `+openStatuses+` AND last_inbound_at > last_outbound_at AND last_inbound_at < ?), 0)
		FROM conversations WHERE messages > 0`, now.Add(-target).UnixMilli()).Scan(&all, &unanswered, &overdue)
	if err != nil {
		return nil, err
	}
	counts[ListAll], counts[ListUnanswered], counts[ListOverdue] = all, unanswered, overdue
	rows, err := w.DB().Read().QueryContext(ctx, "SELECT status, count(*) FROM conversations WHERE messages > 0 GROUP BY status")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		counts["status:"+s] = n
	}
	return counts, rows.Err()
}

// ListCount counts the rows of q.
func ListCount(ctx context.Context, w *workspace.Workspace, q ListQuery) (int, error) {
	where, args, err := q.where()
	if err != nil {
		return 0, err
	}
	var n int
	err = w.DB().Read().QueryRowContext(ctx, "SELECT count(*) FROM conversations c WHERE "+where, args...).Scan(&n)
	return n, err
}

func queryRows(ctx context.Context, w *workspace.Workspace, whereOrder string, args ...any) ([]ListRow, error) {
	rows, err := w.DB().Read().QueryContext(ctx, `SELECT c.id, c.status, ifnull(k.name, ''), ifnull(k.email, ''),
		c.subject, c.snippet, c.messages, c.unread, c.last_message_at, c.last_inbound_at, c.last_outbound_at
		FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []ListRow
	for rows.Next() {
		var r ListRow
		var last, in, out int64
		if err := rows.Scan(&r.ID, &r.Status, &r.ContactName, &r.ContactEmail, &r.Subject, &r.Snippet,
			&r.Messages, &r.Unread, &last, &in, &out); err != nil {
			return nil, err
		}
		r.LastMessageAt = time.UnixMilli(last)
		if in > out && (r.Status == "new" || r.Status == "open") {
			r.WaitingSince = time.UnixMilli(in)
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
