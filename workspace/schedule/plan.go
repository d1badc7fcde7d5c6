package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/journal"
)

// Post statuses of the content plan.
const (
	Draft            = "draft"
	AwaitingApproval = "awaiting approval"
	Approved         = "approved"
	Published        = "published"
	Rejected         = "rejected"
)

// PostStatuses are the statuses in their usual order.
var PostStatuses = []string{Draft, AwaitingApproval, Approved, Published, Rejected}

// Post is a planned post: a record for planning, nothing is posted to a network.
type Post struct {
	ID        string    `json:"id"`
	At        time.Time `json:"at"`
	Channel   string    `json:"channel"` // free text: Facebook, Instagram...
	Text      string    `json:"text"`
	Status    string    `json:"status"`
	Approver  string    `json:"approver,omitempty"` // who approved (or rejected) it
	Notes     string    `json:"notes,omitempty"`
	CreatedBy string    `json:"created_by"`
}

// ParseStatus accepts a post status, also written with an underscore or dash.
func ParseStatus(s string) (string, error) {
	s = strings.ToLower(strings.NewReplacer("_", " ", "-", " ").Replace(strings.TrimSpace(s)))
	for _, st := range PostStatuses {
		if s == st {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q is not a status: use draft, awaiting-approval, approved, published or rejected", s)
}

// AddPost plans a post.
func (s *Store) AddPost(ctx context.Context, p Post) (Post, error) {
	if strings.TrimSpace(p.Channel) == "" {
		return p, errors.New("a planned post needs a channel (Facebook, Instagram, ...)")
	}
	if p.At.IsZero() {
		return p, errors.New("a planned post needs a date and time")
	}
	if p.Status == "" {
		p.Status = Draft
	}
	st, err := ParseStatus(p.Status)
	if err != nil {
		return p, err
	}
	p.Status, p.ID, p.CreatedBy = st, journal.NewID(), s.by()
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx, actor string) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO planned_posts (gid, at, channel, text, status, approver, notes, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, ms(p.At), p.Channel, p.Text, p.Status, p.Approver, p.Notes, p.CreatedBy, ms(now), ms(now)); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, now, actor, p.ID, "post.added", map[string]any{"at": p.At.UTC(), "channel": p.Channel, "status": p.Status})
		return err
	})
	p.At = p.At.UTC()
	return p, err
}

// SetPostStatus moves a post to a status; approving or rejecting records who did.
func (s *Store) SetPostStatus(ctx context.Context, id, status, note string) (Post, error) {
	st, err := ParseStatus(status)
	if err != nil {
		return Post{}, err
	}
	p, err := s.Post(ctx, id)
	if err != nil {
		return p, err
	}
	approver := p.Approver
	if st == Approved || st == Rejected {
		approver = s.by()
	}
	notes := p.Notes
	if note = strings.TrimSpace(note); note != "" {
		if notes != "" {
			notes += "\n"
		}
		notes += note
	}
	err = s.write(ctx, func(tx *sql.Tx, actor string) error {
		if _, err := tx.ExecContext(ctx, "UPDATE planned_posts SET status = ?, approver = ?, notes = ?, updated_at = ? WHERE gid = ?",
			st, approver, notes, ms(s.now()), p.ID); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, s.now(), actor, p.ID, "post.status", journal.Change{From: p.Status, To: st})
		return err
	})
	p.Status, p.Approver, p.Notes = st, approver, notes
	return p, err
}

// Post finds a planned post by id or a unique start of it.
func (s *Store) Post(ctx context.Context, id string) (Post, error) {
	if len(strings.TrimSpace(id)) < 4 {
		return Post{}, fmt.Errorf("%q is too short to name a post: give at least 4 characters of its id", id)
	}
	list, err := s.posts(ctx, "gid LIKE ? || '%'", strings.TrimSpace(id))
	switch {
	case err != nil:
		return Post{}, err
	case len(list) == 0:
		return Post{}, fmt.Errorf("%w: no planned post %q (see `switchboard plan list`)", ErrNotFound, id)
	case len(list) > 1:
		return Post{}, fmt.Errorf("%q names %d posts: give more of the id", id, len(list))
	}
	return list[0], nil
}

// Posts lists planned posts in [from, to) (zero: unbounded), earliest first.
func (s *Store) Posts(ctx context.Context, from, to time.Time) ([]Post, error) {
	hi := int64(1) << 62
	if !to.IsZero() {
		hi = ms(to)
	}
	lo := int64(0)
	if !from.IsZero() {
		lo = ms(from)
	}
	return s.posts(ctx, "at >= ? AND at < ?", lo, hi)
}

func (s *Store) posts(ctx context.Context, where string, args ...any) ([]Post, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT gid, at, channel, text, status, approver, notes, created_by
		FROM planned_posts WHERE `+where+` ORDER BY at, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Post{}
	for rows.Next() {
		var p Post
		var at int64
		if err := rows.Scan(&p.ID, &at, &p.Channel, &p.Text, &p.Status, &p.Approver, &p.Notes, &p.CreatedBy); err != nil {
			return nil, err
		}
		p.At = fromMs(at)
		list = append(list, p)
	}
	return list, rows.Err()
}
