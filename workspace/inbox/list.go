package inbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/mail"
)

// View is a predefined slice of the Inbox.
type View string

const (
	ViewAll        View = ""           // everything except Spam and Abuse
	ViewUnanswered View = "unanswered" // New or Open, the customer's last message not yet answered
	ViewMine       View = "mine"       // assigned to the agent, not Resolved/Spam/Abuse
	ViewUnassigned View = "unassigned" // assigned to nobody, not Resolved/Spam/Abuse
	ViewOverdue    View = "overdue"    // unanswered for longer than the response-time target
	ViewFollowUp   View = "follow-up"  // reopened because a follow-up came due
)

// Query selects a page of conversations. Status, LabelID, ContactID and Search narrow the
// View; with ViewAll, Status may also pick Spam or Abuse, and ContactID includes them.
type Query struct {
	View      View
	Status    Status
	LabelID   int64
	ContactID int64  // one person's conversations
	Search    string // words, accents and case ignored; a trailing * matches a prefix
	// NoTotal skips counting the whole result (Page.Total is then -1): a later page, or a
	// first page whose count Counts.Total already gave, need not count it again.
	NoTotal bool
	// After seeks past the row a previous page ended with (Row.Cursor), so scrolling to row
	// 99,000 costs what row 100 does; Offset is then ignored.
	After  *Cursor
	Offset int
	Limit  int // default 50
}

// Cursor is a position in the list's order (most recent first).
type Cursor struct {
	LastMessageAt int64 `json:"last_message_at"` // Unix ms
	ID            int64 `json:"id"`
}

// Cursor is the position just after r, for Query.After.
func (r Row) Cursor() *Cursor { return &Cursor{LastMessageAt: r.LastMessageAt.UnixMilli(), ID: r.ID} }

// Row is one conversation as the list shows it.
type Row struct {
	// GID is the conversation's global id: the one the command line and JSON show, and
	// ConversationID resolves. ID is this workspace's own key.
	GID           string    `json:"id"`
	ID            int64     `json:"number"`
	Subject       string    `json:"subject"`
	Snippet       string    `json:"snippet"`
	Status        Status    `json:"status"`
	ContactID     int64     `json:"contact_id,omitempty"`
	ContactName   string    `json:"contact_name"`
	ContactEmail  string    `json:"contact_email"`
	Muted         bool      `json:"muted,omitempty"` // the contact is muted or blocked: no alerts
	Messages      int       `json:"messages"`
	Unread        int       `json:"unread"`
	LastMessageAt time.Time `json:"last_message_at"`
	// WaitingSince is the customer's oldest unanswered message (zero: nothing to answer).
	WaitingSince time.Time `json:"waiting_since,omitzero"`
	Overdue      bool      `json:"overdue,omitempty"` // WaitingSince is older than the response target
	AssigneeID   int64     `json:"assignee_id,omitempty"`
	Assignee     string    `json:"assignee,omitempty"`
	Labels       []Label   `json:"labels"`
	SnoozeUntil  time.Time `json:"snooze_until,omitzero"`
	FollowUpAt   time.Time `json:"follow_up_at,omitzero"`
	FollowUpDue  time.Time `json:"follow_up_due,omitzero"`
}

// Contact is "Name <address>" or the bare address.
func (r Row) Contact() string {
	if r.ContactName == "" {
		return r.ContactEmail
	}
	return r.ContactName + " <" + r.ContactEmail + ">"
}

// Page is a slice of a query's result and the size of the whole result (-1 with NoTotal).
type Page struct {
	Rows  []Row `json:"rows"`
	Total int   `json:"total"`
}

const rowColumns = `c.id, c.subject, c.snippet, c.status, ifnull(c.contact_id, 0), ifnull(k.name, ''),
	ifnull(k.email, ''), ifnull(k.abuse_level IN ('muted', 'blocked'), 0), c.messages, c.unread, c.last_message_at,
	c.waiting_since, ifnull(c.assignee_id, 0), ifnull(st.name, ''), c.snooze_until, c.follow_up_at, c.follow_up_due, c.gid`

const rowJoins = ` LEFT JOIN contacts k ON k.id = c.contact_id LEFT JOIN staff st ON st.id = c.assignee_id`

const rowFrom = ` FROM conversations c` + rowJoins

// ActiveStatus is every status that still needs someone.
const ActiveStatus = "c.status NOT IN ('resolved', 'spam', 'abuse')"

// unanswered matches the partial index conversations_unanswered term for term.
const unanswered = "c.waiting_since > 0 AND c.status IN ('new', 'open')"

// where turns q into SQL. Every view keeps "messages > 0" so the partial indexes apply.
func (s *Store) where(ctx context.Context, q Query) (string, []any, error) {
	conds, args := []string{"c.messages > 0"}, []any{}
	switch q.View {
	case ViewAll:
		if q.Status == "" && q.ContactID == 0 { // one person's list shows what was filed as Spam or Abuse too
			conds = append(conds, "c.status NOT IN ('spam', 'abuse')")
		}
	case ViewUnanswered:
		conds = append(conds, unanswered)
	case ViewOverdue:
		target, err := s.ResponseTarget(ctx)
		if err != nil {
			return "", nil, err
		}
		cutoff, err := s.overdueCutoff(ctx, target)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, unanswered, "c.waiting_since <= ?")
		args = append(args, cutoff)
	case ViewMine:
		me, err := s.me(ctx)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, "c.assignee_id = ?", ActiveStatus)
		args = append(args, me)
	case ViewUnassigned:
		conds = append(conds, "c.assignee_id IS NULL", ActiveStatus)
	case ViewFollowUp:
		conds = append(conds, "c.follow_up_due > 0")
	default:
		return "", nil, fmt.Errorf("unknown view %q", q.View)
	}
	if q.Status != "" {
		st, err := ParseStatus(string(q.Status))
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, "c.status = ?")
		args = append(args, st)
	}
	if q.LabelID != 0 {
		conds = append(conds, "c.id IN (SELECT conversation_id FROM conversation_labels WHERE label_id = ?)")
		args = append(args, q.LabelID)
	}
	if q.ContactID != 0 {
		conds = append(conds, "c.contact_id = ?")
		args = append(args, q.ContactID)
	}
	if strings.TrimSpace(q.Search) != "" {
		match := mail.FTSQuery(q.Search)
		if match == "" {
			return "", nil, fmt.Errorf("search %q: type at least one word", q.Search)
		}
		conds = append(conds, `c.id IN (SELECT m.conversation_id FROM messages_fts f JOIN messages m ON m.id = f.rowid
			WHERE messages_fts MATCH ?)`)
		args = append(args, match)
	}
	return strings.Join(conds, " AND "), args, nil
}

// List returns a page of conversations, the most recent first, and the total.
func (s *Store) List(ctx context.Context, q Query) (Page, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	where, args, err := s.where(ctx, q)
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: -1}
	// Total counts the whole query, not what is left after the cursor.
	if !q.NoTotal {
		if err := s.db.Read().QueryRowContext(ctx, "SELECT count(*) FROM conversations c"+indexed(q, true)+" WHERE "+where,
			args...).Scan(&p.Total); err != nil {
			return p, fmt.Errorf("counting conversations: %w", err)
		}
	}
	offset := max(q.Offset, 0)
	if q.After != nil {
		where += " AND (c.last_message_at, c.id) < (?, ?)"
		args = append(args, q.After.LastMessageAt, q.After.ID)
		offset = 0
	}
	p.Rows, err = s.rows(ctx, "SELECT "+rowColumns+" FROM conversations c"+indexed(q, false)+rowJoins+" WHERE "+where+
		" ORDER BY c.last_message_at DESC, c.id DESC LIMIT ? OFFSET ?", append(args, q.Limit, offset)...)
	return p, err
}

// indexed names the index a view reads (schema 0004 and 0005). Without statistics SQLite
// takes an equality on status for the most selective choice, and then sorts all 70,000
// unanswered conversations of a large inbox for one page; each view's own index is already
// in list order, and its counting twin covers every column the count tests. A search or a
// label is left to the planner: it starts from the matches.
func indexed(q Query, count bool) string {
	name := ""
	switch {
	case strings.TrimSpace(q.Search) != "" || q.LabelID != 0:
	case q.ContactID != 0:
		name = "conversations_contact"
	case q.Status != "":
		name = "conversations_status"
	case q.View == ViewAll:
		name = "conversations_recent"
	case (q.View == ViewUnanswered || q.View == ViewOverdue) && count:
		name = "conversations_waiting"
	case q.View == ViewUnanswered || q.View == ViewOverdue:
		name = "conversations_unanswered"
	case q.View == ViewMine || q.View == ViewUnassigned:
		name = "conversations_assignee"
	case q.View == ViewFollowUp:
		name = "conversations_follow_up_due"
	}
	if name == "" {
		return ""
	}
	return " INDEXED BY " + name
}

// Conversation returns one conversation's row.
func (s *Store) Conversation(ctx context.Context, id int64) (Row, error) {
	rows, err := s.rows(ctx, "SELECT "+rowColumns+rowFrom+" WHERE c.id = ?", id)
	if err != nil {
		return Row{}, err
	}
	if len(rows) == 0 {
		return Row{}, inboxcore.NotFound("conversation", id)
	}
	return rows[0], nil
}

func (s *Store) rows(ctx context.Context, query string, args ...any) ([]Row, error) {
	target, err := s.ResponseTarget(ctx)
	if err != nil {
		return nil, err
	}
	overdueBefore, err := s.overdueCutoff(ctx, target)
	if err != nil {
		return nil, err
	}
	rs, err := s.db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("listing conversations: %w", err)
	}
	defer rs.Close()
	list := []Row{}
	index := map[int64]int{}
	for rs.Next() {
		var r Row
		var last, waiting, snooze, follow, due int64
		if err := rs.Scan(&r.ID, &r.Subject, &r.Snippet, &r.Status, &r.ContactID, &r.ContactName, &r.ContactEmail,
			&r.Muted, &r.Messages, &r.Unread, &last, &waiting, &r.AssigneeID, &r.Assignee, &snooze, &follow, &due, &r.GID); err != nil {
			return nil, err
		}
		r.LastMessageAt, r.WaitingSince = inboxcore.Millis(last), inboxcore.Millis(waiting)
		r.SnoozeUntil, r.FollowUpAt, r.FollowUpDue = inboxcore.Millis(snooze), inboxcore.Millis(follow), inboxcore.Millis(due)
		r.Overdue = waiting > 0 && waiting <= overdueBefore && (r.Status == New || r.Status == Open)
		r.Labels = []Label{}
		index[r.ID] = len(list)
		list = append(list, r)
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	return list, s.attachLabels(ctx, list, index)
}

// attachLabels loads the labels of a page's rows in one query.
func (s *Store) attachLabels(ctx context.Context, list []Row, index map[int64]int) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]any, len(list))
	for i, r := range list {
		ids[i] = r.ID
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT cl.conversation_id, l.id, l.name, l.color
		FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id
		WHERE cl.conversation_id IN (?`+strings.Repeat(",?", len(ids)-1)+`) ORDER BY l.name COLLATE NOCASE`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var conv int64
		var l Label
		if err := rows.Scan(&conv, &l.ID, &l.Name, &l.Color); err != nil {
			return err
		}
		r := &list[index[conv]]
		r.Labels = append(r.Labels, l)
	}
	return rows.Err()
}

// Counts are the numbers next to each view.
type Counts struct {
	All        int `json:"all"`
	Unanswered int `json:"unanswered"`
	// Alerts is Unanswered without muted and blocked contacts: what a badge or a
	// notification should show.
	Alerts     int            `json:"alerts"`
	Mine       int            `json:"mine"`
	Unassigned int            `json:"unassigned"`
	Overdue    int            `json:"overdue"`
	FollowUp   int            `json:"follow_up"`
	ByStatus   map[Status]int `json:"by_status"`
	ByLabel    map[int64]int  `json:"by_label"` // label id → conversations not Spam/Abuse
}

// Total is how many conversations q selects when these counts already say it (a view, or
// a status or label of all conversations, neither searched nor narrowed to a contact), so
// the first page of a view can skip its own count (Query.NoTotal).
func (c Counts) Total(q Query) (int, bool) {
	if strings.TrimSpace(q.Search) != "" || q.ContactID != 0 {
		return 0, false
	}
	if q.LabelID != 0 || q.Status != "" {
		if q.View != ViewAll || (q.LabelID != 0 && q.Status != "") {
			return 0, false
		}
		if q.LabelID != 0 {
			return c.ByLabel[q.LabelID], true
		}
		st, err := ParseStatus(string(q.Status))
		return c.ByStatus[st], err == nil
	}
	switch q.View {
	case ViewAll:
		return c.All, true
	case ViewUnanswered:
		return c.Unanswered, true
	case ViewMine:
		return c.Mine, true
	case ViewUnassigned:
		return c.Unassigned, true
	case ViewOverdue:
		return c.Overdue, true
	case ViewFollowUp:
		return c.FollowUp, true
	}
	return 0, false
}

// Counts counts every view without visiting every conversation: statuses and Unanswered
// are running counts kept by triggers (schema 0006); Overdue subtracts the unanswered that
// are not overdue yet, Mine and Unassigned count the assigned, Alerts the muted and
// blocked, each reading only those entries of an index (schema 0005). Opening a large
// inbox then costs what a small one does.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	c := Counts{ByStatus: map[Status]int{}, ByLabel: map[int64]int{}}
	target, err := s.ResponseTarget(ctx)
	if err != nil {
		return c, err
	}
	cutoff, err := s.overdueCutoff(ctx, target)
	if err != nil {
		return c, err
	}
	me, err := s.me(ctx) // a read: "me" without a staff row yet has nothing assigned
	if err != nil {
		return c, err
	}
	db := s.db.Read()
	active := 0
	err = scanPairs(ctx, db, "SELECT bucket, n FROM conversation_counts", func(k string, n int) {
		switch Status(k) {
		case "unanswered":
			c.Unanswered = n
			return
		case Spam, Abuse:
		case Resolved:
			c.All += n
		default:
			c.All += n
			active += n
		}
		c.ByStatus[Status(k)] = n
	})
	if err != nil {
		return c, err
	}
	var notYet, silenced, assigned int
	for _, q := range []struct {
		dst   []any
		query string
		args  []any
	}{
		// The cutoff comes first: of two lower bounds on waiting_since SQLite seeks with the
		// first, and "> 0" (which the partial index needs to be named) would scan them all.
		{[]any{&notYet}, "SELECT count(*) FROM conversations c INDEXED BY conversations_waiting WHERE c.waiting_since > ? AND c.messages > 0 AND " + unanswered,
			[]any{cutoff}},
		// Muted and blocked contacts are few: count their unanswered conversations, not the others'.
		{[]any{&silenced}, `SELECT count(*) FROM contacts k INDEXED BY contacts_silenced CROSS JOIN conversations c ON c.contact_id = k.id
			WHERE k.abuse_level IN ('muted', 'blocked') AND c.messages > 0 AND ` + unanswered, nil},
		{[]any{&assigned, &c.Mine}, `SELECT count(*), ifnull(sum(c.assignee_id = ?), 0) FROM conversations c INDEXED BY conversations_assignee
			WHERE c.messages > 0 AND c.assignee_id IS NOT NULL AND ` + ActiveStatus, []any{me}},
		{[]any{&c.FollowUp}, "SELECT count(*) FROM conversations WHERE messages > 0 AND follow_up_due > 0", nil},
	} {
		if err := db.QueryRowContext(ctx, q.query, q.args...).Scan(q.dst...); err != nil {
			return c, err
		}
	}
	c.Overdue = c.Unanswered - notYet
	c.Alerts = c.Unanswered - silenced
	c.Unassigned = active - assigned
	return c, scanPairs(ctx, db, `SELECT cl.label_id, count(*) FROM conversation_labels cl
		JOIN conversations c ON c.id = cl.conversation_id
		WHERE c.messages > 0 AND c.status NOT IN ('spam', 'abuse') GROUP BY cl.label_id`, func(k string, n int) {
		var id int64
		fmt.Sscan(k, &id)
		c.ByLabel[id] = n
	})
}

func scanPairs(ctx context.Context, db *sql.DB, query string, fn func(string, int)) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		fn(k, n)
	}
	return rows.Err()
}

// ContactConversations are a contact's conversations for the contact panel: open first,
// then the most recent, at most 200.
func (s *Store) ContactConversations(ctx context.Context, contact int64) ([]Row, error) {
	return s.rows(ctx, "SELECT "+rowColumns+rowFrom+` WHERE c.contact_id = ? AND c.messages > 0
		ORDER BY c.status IN ('resolved', 'spam', 'abuse'), c.last_message_at DESC LIMIT 200`, contact)
}
