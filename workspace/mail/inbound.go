package mail

import (
	"context"
	"strconv"
	"time"
)

// InboundText is a message a customer wrote, as recurring-question analysis needs it.
type InboundText struct {
	ID   string
	Text string
	At   time.Time
}

// RecentInbound lists what customers wrote since since, newest first, at most limit:
// our own mail, auto-replies and list mail are left out, as they ask nobody anything.
func (s *Store) RecentInbound(ctx context.Context, since time.Time, limit int) ([]InboundText, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, body, date FROM messages
		WHERE outbound = 0 AND auto_submitted = 0 AND bulk = 0 AND date >= ?
		ORDER BY date DESC LIMIT ?`, since.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []InboundText
	for rows.Next() {
		var id, at int64
		var t InboundText
		if err := rows.Scan(&id, &t.Text, &at); err != nil {
			return nil, err
		}
		t.ID, t.At = strconv.FormatInt(id, 10), time.UnixMilli(at)
		out = append(out, t)
	}
	return out, rows.Err()
}
