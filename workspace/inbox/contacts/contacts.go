package contacts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/template"
)

// AbuseLevel is how far the graded abuse handling went with a contact.
type AbuseLevel string

const (
	AbuseNone    AbuseLevel = ""
	AbuseWarned  AbuseLevel = "warned"  // sent the warning template
	AbuseMuted   AbuseLevel = "muted"   // no alerts, mail kept and listed
	AbuseBlocked AbuseLevel = "blocked" // future mail filed as Abuse, never deleted
)

// Action is one recorded abuse step.
type Action struct {
	Action string    `json:"action"` // warn, mute, block, unmute, unblock, clear
	Actor  string    `json:"actor"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// Detail is the contact side panel.
type Detail struct {
	ID            int64        `json:"id"`
	Email         string       `json:"email"`
	Name          string       `json:"name"`
	FirstSeenAt   time.Time    `json:"first_seen_at"`
	LastSeenAt    time.Time    `json:"last_seen_at"`
	Messages      int          `json:"messages"` // messages the contact sent
	Open          int          `json:"open"`     // conversations still needing someone
	Abuse         AbuseLevel   `json:"abuse"`
	Tags          []string     `json:"tags"`
	Notes         []inbox.Note `json:"notes"`
	Actions       []Action     `json:"actions"`
	Conversations []inbox.Row  `json:"conversations"` // open first, then by recency
}

// Get returns a contact's history in this workspace.
func (s *Store) Get(ctx context.Context, id int64) (Detail, error) {
	d := Detail{ID: id, Tags: []string{}, Notes: []inbox.Note{}, Actions: []Action{}}
	var first, last int64
	db := s.db.Read()
	err := db.QueryRowContext(ctx, "SELECT email, name, first_seen_at, last_seen_at, messages, abuse_level FROM contacts WHERE id = ?", id).
		Scan(&d.Email, &d.Name, &first, &last, &d.Messages, &d.Abuse)
	if errors.Is(err, sql.ErrNoRows) {
		return d, inboxcore.NotFound("contact", id)
	}
	if err != nil {
		return d, err
	}
	d.FirstSeenAt, d.LastSeenAt = inboxcore.Millis(first), inboxcore.Millis(last)
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM conversations c INDEXED BY conversations_contact WHERE c.contact_id = ? AND c.messages > 0 AND "+inbox.ActiveStatus,
		id).Scan(&d.Open); err != nil {
		return d, err
	}
	if err := each(ctx, db, "SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag", []any{id}, func(sc scanner) error {
		var t string
		err := sc.Scan(&t)
		d.Tags = append(d.Tags, t)
		return err
	}); err != nil {
		return d, err
	}
	if err := each(ctx, db, "SELECT id, author, body, created_at FROM contact_notes WHERE contact_id = ? ORDER BY created_at, id", []any{id}, func(sc scanner) error {
		var n inbox.Note
		var at int64
		err := sc.Scan(&n.ID, &n.Author, &n.Body, &at)
		n.CreatedAt = inboxcore.Millis(at)
		d.Notes = append(d.Notes, n)
		return err
	}); err != nil {
		return d, err
	}
	if err := each(ctx, db, "SELECT action, actor, reason, at FROM contact_actions WHERE contact_id = ? ORDER BY at, id", []any{id}, func(sc scanner) error {
		var a Action
		var at int64
		err := sc.Scan(&a.Action, &a.Actor, &a.Reason, &at)
		a.At = inboxcore.Millis(at)
		d.Actions = append(d.Actions, a)
		return err
	}); err != nil {
		return d, err
	}
	d.Conversations, err = s.conv.ContactConversations(ctx, id)
	return d, err
}

type scanner interface{ Scan(...any) error }

func each(ctx context.Context, db *sql.DB, query string, args []any, fn func(scanner) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AddNote adds an internal note about a contact.
func (s *Store) AddNote(ctx context.Context, contact int64, body string) (inbox.Note, error) {
	n := inbox.Note{Author: s.sign.Name(), Body: strings.TrimSpace(body), CreatedAt: inboxcore.Millis(s.sign.NowMs())}
	if n.Body == "" {
		return n, errors.New("a note needs some text")
	}
	err := s.contactWrite(ctx, contact, func(tx *sql.Tx, gid string) error {
		if err := tx.QueryRowContext(ctx, "INSERT INTO contact_notes (contact_id, author, body, created_at) VALUES (?, ?, ?, ?) RETURNING id",
			contact, n.Author, n.Body, n.CreatedAt.UnixMilli()).Scan(&n.ID); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, n.CreatedAt, gid, "contact.note", map[string]string{"text": n.Body})
	})
	return n, err
}

// Tag adds a tag (lower case, trimmed) to a contact.
func (s *Store) Tag(ctx context.Context, contact int64, tag string) error {
	tag = strings.ToLower(strings.Join(strings.Fields(tag), " "))
	if tag == "" {
		return errors.New("a tag needs a name")
	}
	return s.contactWrite(ctx, contact, func(tx *sql.Tx, gid string) error {
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)", contact, tag)
		if n, _ := rowsAffected(res, err); n == 0 {
			return err // already tagged: nothing to record
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "contact.tag", journal.Change{To: tag})
	})
}

// Untag removes a tag from a contact.
func (s *Store) Untag(ctx context.Context, contact int64, tag string) error {
	tag = strings.ToLower(strings.TrimSpace(tag))
	return s.contactWrite(ctx, contact, func(tx *sql.Tx, gid string) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM contact_tags WHERE contact_id = ? AND tag = ?", contact, tag)
		if n, _ := rowsAffected(res, err); n == 0 {
			return err
		}
		return s.sign.Record(ctx, tx, s.sign.Now(), gid, "contact.tag", journal.Change{From: tag})
	})
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// contactWrite runs fn in a write transaction with the contact's global id.
func (s *Store) contactWrite(ctx context.Context, contact int64, fn func(tx *sql.Tx, gid string) error) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var gid string
		err := tx.QueryRowContext(ctx, "SELECT gid FROM contacts WHERE id = ?", contact).Scan(&gid)
		if errors.Is(err, sql.ErrNoRows) {
			return inboxcore.NotFound("contact", contact)
		} else if err != nil {
			return err
		}
		return fn(tx, gid)
	})
}

// Active is a contact ranked by recent messages.
type Active struct {
	ID       int64      `json:"id"`
	Email    string     `json:"email"`
	Name     string     `json:"name"`
	Messages int        `json:"messages"` // sent in the window
	Open     int        `json:"open"`     // conversations still needing someone
	Abuse    AbuseLevel `json:"abuse,omitempty"`
}

// MostActive ranks contacts by the messages they sent in the last days (30 or 90 in the
// UI), most first.
func (s *Store) MostActive(ctx context.Context, days, limit int) ([]Active, error) {
	if days <= 0 {
		return nil, fmt.Errorf("a window of %d days is empty", days)
	}
	if limit <= 0 {
		limit = 20
	}
	since := s.sign.Now().Add(-time.Duration(days) * 24 * time.Hour).UnixMilli()
	list := []Active{}
	err := each(ctx, s.db.Read(), `SELECT k.id, k.email, k.name, n, k.abuse_level,
		(SELECT count(*) FROM conversations c INDEXED BY conversations_contact WHERE c.contact_id = k.id AND c.messages > 0 AND `+inbox.ActiveStatus+`)
		FROM (SELECT contact_id, count(*) AS n FROM messages WHERE NOT outbound AND contact_id IS NOT NULL AND date >= ?
		 GROUP BY contact_id ORDER BY n DESC LIMIT ?) a JOIN contacts k ON k.id = a.contact_id ORDER BY n DESC, k.email`,
		[]any{since, limit}, func(sc scanner) error {
			var a Active
			err := sc.Scan(&a.ID, &a.Email, &a.Name, &a.Messages, &a.Abuse, &a.Open)
			list = append(list, a)
			return err
		})
	return list, err
}

// Warn records a warning to a contact and returns it as a draft for the conversation
// (the user reviews and sends it like any reply).
func (s *Store) Warn(ctx context.Context, contact, conv int64, reason string) (inbox.Draft, error) {
	d, err := s.WarningPreview(ctx, contact, conv)
	if err != nil {
		return d, err
	}
	return d, s.abuseStep(ctx, contact, "warn", reason)
}

// SendWarning puts the warning in the outbox as a reply in conv, then records the step.
// When the reply cannot be queued (no account, a variable without a value) nothing is
// recorded: the history never says a warning went out that did not.
func (s *Store) SendWarning(ctx context.Context, contact, conv int64, reason string) (outbox.Item, error) {
	if strings.TrimSpace(reason) == "" {
		return outbox.Item{}, errNoReason
	}
	d, err := s.WarningPreview(ctx, contact, conv)
	if err != nil {
		return outbox.Item{}, err
	}
	item, err := s.out.Queue(ctx, outbox.Reply{ConversationID: conv, Body: d.Body})
	if err != nil {
		return item, err
	}
	return item, s.abuseStep(ctx, contact, "warn", reason)
}

// WarningPreview is the workspace's warning template (or DefaultWarning) filled in for
// conv, which must be a conversation with contact: what SendWarning would send, without
// sending or recording anything (the window shows it before the user confirms).
func (s *Store) WarningPreview(ctx context.Context, contact, conv int64) (inbox.Draft, error) {
	tmpl, ok, err := s.w.Setting(ctx, inbox.SettingWarnTemplate)
	if err != nil {
		return inbox.Draft{}, err
	}
	if !ok || strings.TrimSpace(tmpl) == "" {
		tmpl = inbox.DefaultWarning
	}
	if probs := template.Check(tmpl); probs != nil {
		return inbox.Draft{}, fmt.Errorf("the warning template: %w", probs)
	}
	var owner sql.NullInt64
	if err := s.db.Read().QueryRowContext(ctx, "SELECT contact_id FROM conversations WHERE id = ?", conv).Scan(&owner); errors.Is(err, sql.ErrNoRows) {
		return inbox.Draft{}, inboxcore.NotFound("conversation", conv)
	} else if err != nil {
		return inbox.Draft{}, err
	}
	if owner.Int64 != contact {
		return inbox.Draft{}, fmt.Errorf("conversation %d is not with contact %d", conv, contact)
	}
	return s.conv.NewDraft(ctx, conv, tmpl)
}

// Mute stops alerts for a contact's mail; it is still stored and listed.
func (s *Store) Mute(ctx context.Context, contact int64, reason string) error {
	return s.abuseStep(ctx, contact, "mute", reason)
}

// Block files the contact's future mail as Abuse; nothing is deleted.
func (s *Store) Block(ctx context.Context, contact int64, reason string) error {
	return s.abuseStep(ctx, contact, "block", reason)
}

// Lift undoes the last step: blocked becomes muted, muted becomes warned or nothing.
// Conversations already filed as Abuse keep that status until someone changes it.
func (s *Store) Lift(ctx context.Context, contact int64, reason string) error {
	return s.abuseStep(ctx, contact, "", reason)
}

var errNoReason = errors.New("say why: each abuse step is recorded with its reason")

func (s *Store) abuseStep(ctx context.Context, contact int64, action, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return errNoReason
	}
	return s.contactWrite(ctx, contact, func(tx *sql.Tx, gid string) error {
		var level AbuseLevel
		if err := tx.QueryRowContext(ctx, "SELECT abuse_level FROM contacts WHERE id = ?", contact).Scan(&level); err != nil {
			return err
		}
		next := level
		switch action {
		case "warn":
			if level == AbuseNone {
				next = AbuseWarned
			}
		case "mute":
			next = AbuseMuted
		case "block":
			next = AbuseBlocked
		default: // lift
			switch level {
			case AbuseBlocked:
				action, next = "unblock", AbuseMuted
			case AbuseMuted:
				action, next = "unmute", AbuseNone
				if warned, err := hasWarning(ctx, tx, contact); err != nil {
					return err
				} else if warned {
					next = AbuseWarned
				}
			case AbuseWarned:
				action, next = "clear", AbuseNone
			default:
				return errors.New("there is no abuse step to lift for this contact")
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE contacts SET abuse_level = ? WHERE id = ?", next, contact); err != nil {
			return err
		}
		now := s.sign.Now()
		if _, err := tx.ExecContext(ctx, "INSERT INTO contact_actions (contact_id, action, actor, reason, at) VALUES (?, ?, ?, ?, ?)",
			contact, action, s.sign.Name(), reason, now.UnixMilli()); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, now, gid, "contact.abuse", AbuseStep{Action: action, From: level, To: next, Reason: reason})
	})
}

// AbuseStep is the data of a "contact.abuse" journal entry.
type AbuseStep struct {
	Action string     `json:"action"` // warn, mute, block, unmute, unblock, clear
	From   AbuseLevel `json:"from"`
	To     AbuseLevel `json:"to"`
	Reason string     `json:"reason"`
}

func hasWarning(ctx context.Context, tx *sql.Tx, contact int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM contact_actions WHERE contact_id = ? AND action = 'warn'", contact).Scan(&n)
	return n > 0, err
}

// ByEmail finds a contact of this workspace by address (case ignored).
func (s *Store) ByEmail(ctx context.Context, email string) (int64, error) {
	email = strings.TrimSpace(email)
	var id int64
	err := s.db.Read().QueryRowContext(ctx, "SELECT id FROM contacts WHERE email = lower(?)", email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: nobody wrote from %q to workspace %q", inboxcore.ErrNotFound, email, s.w.Info().Name)
	}
	return id, err
}
