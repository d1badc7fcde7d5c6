package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/journal"
	"switchboard/workspace/pause"
)

// DueReport counts what one Due round did.
type DueReport struct {
	Queued  int      `json:"queued"`  // follow-ups handed to the outbox
	Stopped int      `json:"stopped"` // follow-ups cancelled because the customer wrote first
	Held    int      `json:"held"`    // items newly held for review (missed or paused)
	Paused  bool     `json:"paused"`  // the workspace's scheduled work is held
	Errors  []string `json:"errors,omitempty"`
}

// Due is the runner's scheduled-work round, run right before the outbox sends: it stops
// follow-ups the customer made unnecessary, holds what is due during a pause or is stale,
// and queues due follow-ups. Scheduled replies are already in the outbox: Due only holds
// them; the outbox sends the rest when their time comes.
func (s *Store) Due(ctx context.Context) (DueReport, error) {
	var rep DueReport
	now := s.now()
	_, paused, err := pause.Active(ctx, s.read)
	if err != nil {
		return rep, err
	}
	rep.Paused = paused
	if rep.Stopped, err = s.stopAnswered(ctx); err != nil {
		return rep, err
	}
	if err := s.holdReplies(ctx, now, paused, &rep); err != nil {
		return rep, err
	}
	due, err := s.followUps(ctx, "f.state = 'pending' AND f.due_at <= ?", ms(now))
	if err != nil {
		return rep, err
	}
	for _, it := range due {
		switch {
		case paused:
			err = s.hold(ctx, it, HeldPaused)
			rep.Held++
		case now.Sub(it.Due) > Grace:
			err = s.hold(ctx, it, HeldMissed)
			rep.Held++
		default:
			err = s.sendFollowUp(ctx, it)
			if err == nil {
				rep.Queued++
			}
		}
		if err != nil {
			rep.Errors = append(rep.Errors, fmt.Sprintf("follow-up %s: %v", it.ID, err))
		}
	}
	return rep, nil
}

// stopAnswered cancels the pending (and held) follow-ups of conversations where the
// customer wrote after the follow-up was set up, unless "send regardless", and says so in
// the conversation with an internal note. One note per sequence.
func (s *Store) stopAnswered(ctx context.Context) (int, error) {
	list, err := s.followUps(ctx, "f.state IN ('pending', 'held') AND NOT f.regardless AND c.last_inbound_at > f.created_at")
	if err != nil || len(list) == 0 {
		return 0, err
	}
	noted := map[string]bool{}
	err = s.write(ctx, func(tx *sql.Tx, actor string) error {
		now := s.now()
		for _, it := range list {
			if _, err := tx.ExecContext(ctx, "UPDATE follow_ups SET state = 'cancelled', reason = 'customer wrote first', updated_at = ? WHERE gid = ?",
				ms(now), it.ID); err != nil {
				return err
			}
			if _, err := journal.Write(ctx, tx, now, journal.Runner, it.ID, "follow_up.cancelled",
				map[string]string{"reason": "customer wrote first", "conversation": it.Conversation}); err != nil {
				return err
			}
			key := it.Sequence
			if key == "" {
				key = it.ID
			}
			if noted[key] {
				continue
			}
			noted[key] = true
			text := fmt.Sprintf("Follow-up of %s cancelled: the customer wrote first.", it.Due.In(s.Loc()).Format("Mon 2 Jan 15:04"))
			if it.Sequence != "" {
				text = "Follow-up sequence stopped: the customer replied."
			}
			if err := addNote(ctx, tx, now, it.ConversationID, it.Conversation, text); err != nil {
				return err
			}
		}
		return nil
	})
	return len(list), err
}

// noteAuthor signs the notes Switchboard writes into a conversation on its own.
const noteAuthor = "Switchboard"

func addNote(ctx context.Context, tx *sql.Tx, now time.Time, conv int64, convGID, text string) error {
	gid := journal.NewID()
	if _, err := tx.ExecContext(ctx, "INSERT INTO notes (conversation_id, author, body, created_at, gid) VALUES (?, ?, ?, ?, ?)",
		conv, noteAuthor, text, ms(now), gid); err != nil {
		return err
	}
	_, err := journal.Write(ctx, tx, now, journal.Runner, convGID, "conversation.note", map[string]string{"note": gid, "text": text})
	return err
}

// holdReplies holds scheduled outbox replies that are stale (missed while Switchboard was
// not running). During a pause, and for what Crisis lists after one, the outbox and Crisis
// hold them already. Retries of a reply that began sending are the outbox's business, so only replies that
// never had an attempt are held.
func (s *Store) holdReplies(ctx context.Context, now time.Time, paused bool, rep *DueReport) error {
	if paused {
		return nil // the outbox keeps them back itself while paused (inbox's heldBack)
	}
	cond := "o.send_at <= ?"
	arg := ms(now.Add(-Grace))
	reason := HeldMissed
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		rows, err := tx.QueryContext(ctx, `SELECT o.id, o.gid FROM outbox o WHERE o.state = 'queued' AND o.attempts = 0
			AND o.send_at > o.created_at + 60000 AND `+cond+` AND o.id NOT IN (SELECT outbox_id FROM outbox_holds)
			AND NOT EXISTS (SELECT 1 FROM pause_review r WHERE r.kind = 'outbox' AND r.ref = o.gid)`, arg) // Crisis's review decides those
		if err != nil {
			return err
		}
		type row struct {
			id  int64
			gid string
		}
		var list []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.gid); err != nil {
				rows.Close()
				return err
			}
			list = append(list, r)
		}
		rows.Close()
		for _, r := range list {
			if _, err := tx.ExecContext(ctx, "INSERT INTO outbox_holds (outbox_id, reason, held_at) VALUES (?, ?, ?)", r.id, reason, ms(now)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE id = ?", heldSentinel, ms(now), r.id); err != nil {
				return err
			}
			if _, err := journal.Write(ctx, tx, now, journal.Runner, r.gid, "outbox.held", map[string]string{"reason": reason}); err != nil {
				return err
			}
			rep.Held++
		}
		return nil
	})
}

func (s *Store) hold(ctx context.Context, it Item, reason string) error {
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		if _, err := tx.ExecContext(ctx, "UPDATE follow_ups SET state = 'held', reason = ?, updated_at = ? WHERE gid = ? AND state = 'pending'",
			reason, ms(s.now()), it.ID); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, s.now(), journal.Runner, it.ID, "follow_up.held", map[string]string{"reason": reason})
		return err
	})
}

// sendFollowUp hands a follow-up to the outbox. It is marked sent first: a crash between
// the two loses this follow-up (visible as sent without a reply) rather than sending it
// twice.
func (s *Store) sendFollowUp(ctx context.Context, it Item) error {
	from := it.State
	err := s.write(ctx, func(tx *sql.Tx, actor string) error {
		res, err := tx.ExecContext(ctx, "UPDATE follow_ups SET state = 'sent', reason = '', updated_at = ? WHERE gid = ? AND state IN ('pending', 'held')",
			ms(s.now()), it.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("follow-up %s was changed meanwhile", it.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	out, qerr := s.outbox().Queue(s.signed(ctx), replyOf(it))
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		if qerr != nil {
			// Nothing was queued: back to where it was, held, with the reason for a person.
			if _, err := tx.ExecContext(ctx, "UPDATE follow_ups SET state = 'held', reason = ? WHERE gid = ?", qerr.Error(), it.ID); err != nil {
				return err
			}
			_, err := journal.Write(ctx, tx, s.now(), actor, it.ID, "follow_up.held", map[string]string{"reason": qerr.Error(), "was": from})
			if err != nil {
				return err
			}
			return qerr
		}
		if _, err := tx.ExecContext(ctx, "UPDATE follow_ups SET outbox_id = ? WHERE gid = ?", out.ID, it.ID); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, s.now(), actor, it.ID, "follow_up.sent", map[string]any{"conversation": it.Conversation, "outbox_message_id": out.MessageID})
		return err
	})
}

// HeldForReview lists what came due but was held (missed while closed, or during a
// pause), with whether the customer wrote since. Crisis's resume shows it.
func HeldForReview(ctx context.Context, w *workspace.Workspace, now time.Time) ([]Item, error) {
	list, err := Open(w, Options{Now: func() time.Time { return now }}).Items(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	var held []Item
	for _, it := range list {
		if it.State == Held {
			held = append(held, it)
		}
	}
	return held, nil
}

// SendNow sends a held or pending item now, after a person looked at it. While the
// workspace is paused it refuses: the pause holds everything scheduled until it ends.
func (s *Store) SendNow(ctx context.Context, id string) error {
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	if h, paused, err := pause.Active(ctx, s.read); err != nil {
		return err
	} else if paused {
		return fmt.Errorf("the workspace's scheduled work is paused (%s): end the pause first, or reschedule or cancel this item", h.Reason)
	}
	if handled, err := s.viaCrisis(ctx, it, crisis.DecideSend, time.Time{}); handled || err != nil {
		return err
	}
	if it.Kind == KindFollowUp {
		if it.State != Pending && it.State != Held && it.State != Paused {
			return fmt.Errorf("follow-up %s is %s: nothing to send", it.ID, it.State)
		}
		return s.sendFollowUp(ctx, it)
	}
	return s.moveReply(ctx, it, s.now(), "outbox.released")
}

// Reschedule moves a held or pending item to a new time.
func (s *Store) Reschedule(ctx context.Context, id string, at time.Time) error {
	if !at.After(s.now()) {
		return errors.New("the new time must be in the future")
	}
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	if handled, err := s.viaCrisis(ctx, it, crisis.DecideReschedule, at); handled || err != nil {
		return err
	}
	if it.Kind == KindReply {
		return s.moveReply(ctx, it, at, "outbox.rescheduled")
	}
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		res, err := tx.ExecContext(ctx, "UPDATE follow_ups SET state = 'pending', reason = '', due_at = ?, updated_at = ? WHERE gid = ? AND state IN ('pending', 'held')",
			ms(at), ms(s.now()), it.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("follow-up %s is %s: it cannot be rescheduled", it.ID, it.State)
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, it.ID, "follow_up.rescheduled", journal.Change{From: it.Due.UTC().Format(time.RFC3339), To: at.UTC().Format(time.RFC3339)})
		return err
	})
}

// moveReply releases a queued reply's hold and sets when it goes (now: the next outbox
// round sends it).
func (s *Store) moveReply(ctx context.Context, it Item, at time.Time, kind string) error {
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		var id int64
		var state string
		var was int64
		if err := tx.QueryRowContext(ctx, "SELECT id, state, send_at FROM outbox WHERE gid = ?", it.ID).Scan(&id, &state, &was); err != nil {
			return err
		}
		if state != "queued" {
			return fmt.Errorf("reply %s is %s in the outbox: see `switchboard outbox`", it.ID, state)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM outbox_holds WHERE outbox_id = ?", id); err != nil {
			return err
		}
		// send_at moves too: a released reply is no longer stale, so the next round does
		// not hold it again.
		if _, err := tx.ExecContext(ctx, "UPDATE outbox SET next_attempt_at = ?1, send_at = ?1, updated_at = ?2 WHERE id = ?3",
			ms(at), ms(s.now()), id); err != nil {
			return err
		}
		// The shape of the Inbox's outbox.rescheduled: the send times before and after.
		_, err := journal.Write(ctx, tx, s.now(), actor, it.ID, kind, journal.Change{
			From: fromMs(was).Format(time.RFC3339), To: at.UTC().Format(time.RFC3339)})
		return err
	})
}

// Cancel keeps an item from going out; it stays listed as cancelled.
func (s *Store) Cancel(ctx context.Context, id string) error {
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	if handled, err := s.viaCrisis(ctx, it, crisis.DecideCancel, time.Time{}); handled || err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx, actor string) error {
		q := "UPDATE follow_ups SET state = 'cancelled', reason = 'cancelled', updated_at = ?1 WHERE gid = ?2 AND state IN ('pending', 'held')"
		if it.Kind == KindReply {
			q = "UPDATE outbox SET state = 'cancelled', updated_at = ?1 WHERE gid = ?2 AND state = 'queued'"
		}
		res, err := tx.ExecContext(ctx, q, ms(s.now()), it.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%s %s is %s: it cannot be cancelled", it.Kind, it.ID, it.State)
		}
		if it.Kind == KindReply {
			if _, err := tx.ExecContext(ctx, "DELETE FROM outbox_holds WHERE outbox_id = (SELECT id FROM outbox WHERE gid = ?)", it.ID); err != nil {
				return err
			}
		}
		if it.Kind == KindReply { // the Inbox's outbox.cancelled: the states before and after
			_, err = journal.Write(ctx, tx, s.now(), actor, it.ID, "outbox.cancelled", journal.Change{From: "queued", To: "cancelled"})
			return err
		}
		_, err = journal.Write(ctx, tx, s.now(), actor, it.ID, "follow_up.cancelled", map[string]string{"reason": "cancelled", "conversation": it.Conversation})
		return err
	})
}
