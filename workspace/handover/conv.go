package handover

import (
	"context"
	"strings"
	"time"
)

// conv is what a note says about a conversation.
type conv struct {
	ID           int64
	GID          string
	Subject      string
	Snippet      string
	Status       string
	ContactName  string
	ContactEmail string
	Assignee     string
	Labels       []string
	WaitingSince time.Time
	FollowUpAt   time.Time
	SnoozeUntil  time.Time
	FirstAt      time.Time
}

// ref is the short id shown in a note: the start of the global id, enough to find it.
func (c conv) ref() string {
	if len(c.GID) >= 8 {
		return c.GID[:8]
	}
	return c.GID
}

func (s *Source) line(c conv, what string) string {
	parts := []string{s.subject(c), "from " + s.person(c.ContactName, c.ContactEmail)}
	if what != "" {
		parts = append(parts, what)
	}
	if c.Assignee != "" {
		parts = append(parts, "assigned to "+c.Assignee)
	}
	if len(c.Labels) > 0 {
		parts = append(parts, "["+strings.Join(c.Labels, ", ")+"]")
	}
	return strings.Join(parts, " · ")
}

const convColumns = `c.id, c.gid, c.subject, c.snippet, c.status, ifnull(k.name, ''), ifnull(k.email, ''), ifnull(st.name, ''),
	c.waiting_since, c.follow_up_at, c.snooze_until, c.first_message_at,
	ifnull((SELECT group_concat(l.name, char(31)) FROM (SELECT l.name FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id
		WHERE cl.conversation_id = c.id ORDER BY l.name COLLATE NOCASE) l), '')`

const convFrom = ` FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id LEFT JOIN staff st ON st.id = c.assignee_id`

// convs reads at most limit conversations matching where (over c, the conversations),
// in order. The rows are picked first and described after: the label list is a
// subquery, and SQLite would otherwise run it for every candidate before sorting.
func (s *Source) convs(ctx context.Context, where, order string, limit int, args ...any) ([]conv, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	q := "SELECT " + convColumns + " FROM (SELECT c.id FROM conversations c WHERE " + where + " ORDER BY " + order + " LIMIT ?) pick" +
		" JOIN conversations c ON c.id = pick.id" + strings.TrimPrefix(convFrom, " FROM conversations c") + " ORDER BY " + order
	rows, err := s.DB.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []conv
	for rows.Next() {
		var c conv
		var waiting, follow, snooze, first int64
		var labels string
		if err := rows.Scan(&c.ID, &c.GID, &c.Subject, &c.Snippet, &c.Status, &c.ContactName, &c.ContactEmail, &c.Assignee,
			&waiting, &follow, &snooze, &first, &labels); err != nil {
			return nil, err
		}
		c.WaitingSince, c.FollowUpAt, c.SnoozeUntil, c.FirstAt = ms(waiting), ms(follow), ms(snooze), ms(first)
		if labels != "" {
			c.Labels = strings.Split(labels, "\x1f")
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// convsByGID reads the conversations with these global ids, keyed by global id.
func (s *Source) convsByGID(ctx context.Context, gids []string) (map[string]conv, error) {
	out := map[string]conv{}
	if len(gids) == 0 {
		return out, nil
	}
	list, err := s.convs(ctx, "c.gid IN (SELECT value FROM json_each(?))", "c.id", 0, jsonList(gids))
	for _, c := range list {
		out[c.GID] = c
	}
	return out, err
}

func ms(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
