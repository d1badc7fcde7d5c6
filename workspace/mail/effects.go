package mail

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"switchboard/workspace/journal"
)

// What stored mail does to a conversation's triage state, in one place. Until schema 0009
// these were SQL triggers (schema 0004); they are Go now so that every effect is written
// to the journal, by sync, in the transaction that stores the mail, and so that a machine
// replaying the journal reaches the same state without running the rules again:
//
//   - mail from a blocked contact files the conversation as Abuse (the mail is stored
//     like any other, never dropped);
//   - otherwise, a customer's message newer than anything stored reopens a Waiting,
//     Snoozed or Resolved conversation, unless the conversation's status was set after
//     that message was written (a late-synced old message reopens nothing);
//   - waiting_since, the customer's oldest message after our last reply, follows every
//     change of a conversation's mail (Unanswered and Overdue read it).
//
// The rules live here, not in package inbox, because every path that changes a
// conversation's mail (Ingest, Sweep, flag refreshes) is in this package and runs in its
// transaction: a hook each caller had to remember would be a way to forget one. The
// status names are the Inbox's (inbox.Status); the statuses' running counts stay SQL
// triggers (schema 0006): they are a cache derived from the status, not an effect, and
// the journal records the status change that moves them.

// arrival is what one Ingest did to one conversation.
type arrival struct {
	oldInbound int64 // last_inbound_at before this Ingest
	inbound    int64 // the newest customer message stored now (0: none)
	blocked    int64 // the newest message from a blocked contact stored now (0: none)
}

// effectsSQL recomputes waiting_since and returns what the rules need.
const effectsSQL = `UPDATE conversations SET waiting_since = ifnull((SELECT min(m.date) FROM messages m
	WHERE m.conversation_id = conversations.id AND NOT m.outbound AND m.date > conversations.last_outbound_at), 0)
	WHERE id = ? RETURNING gid, status, status_at, last_inbound_at`

// waitingSinceSQL is the same recomputation inside refreshConversations' UPDATE, whose
// SET expressions see the row as it was: last_outbound_at is computed again.
const waitingSinceSQL = `waiting_since = ifnull((SELECT min(m.date) FROM messages m WHERE m.conversation_id = ?1
	AND NOT m.outbound AND m.date > ifnull((SELECT max(date) FROM messages WHERE conversation_id = ?1 AND outbound AND NOT auto_submitted), 0)), 0)`

// statusChange is the data of the "conversation.status" entries written here; the same
// shape as inbox.StatusChange.
type statusChange struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Cause string `json:"cause"`
}

// applyArrivals runs the rules for the conversations one Ingest touched, in id order so
// two machines storing the same mail journal it in the same order.
func applyArrivals(ctx context.Context, tx *sql.Tx, touched map[int64]*arrival, now int64) error {
	if len(touched) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, effectsSQL)
	if err != nil {
		return err
	}
	defer st.Close()
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a := touched[id]
		var gid, status string
		var statusAt, lastInbound int64
		if err := st.QueryRowContext(ctx, id).Scan(&gid, &status, &statusAt, &lastInbound); err != nil {
			return err
		}
		switch {
		case a.blocked > 0 && status != "abuse":
			if _, err := tx.ExecContext(ctx, "UPDATE conversations SET status = 'abuse', status_at = max(status_at, ?) WHERE id = ?",
				a.blocked, id); err != nil {
				return err
			}
			if err := syncStatus(ctx, tx, min(a.blocked, now), gid, statusChange{From: status, To: "abuse", Cause: "blocked_contact"}); err != nil {
				return err
			}
		case a.blocked == 0 && a.inbound > a.oldInbound && lastInbound > statusAt &&
			(status == "waiting" || status == "snoozed" || status == "resolved"):
			if _, err := tx.ExecContext(ctx, `UPDATE conversations SET status = 'open', status_at = last_inbound_at,
				snooze_until = 0, follow_up_at = 0, follow_up_due = 0 WHERE id = ?`, id); err != nil {
				return err
			}
			if err := syncStatus(ctx, tx, min(lastInbound, now), gid, statusChange{From: status, To: "open", Cause: "customer_wrote"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// syncStatus journals a status change made by arriving mail, at the time of the mail (not
// later than now: a Date up to two days ahead is accepted), as History showed it before.
func syncStatus(ctx context.Context, tx *sql.Tx, at int64, gid string, c statusChange) error {
	if gid == "" {
		return errors.New("a conversation without a global id: the workspace's schema is older than this program")
	}
	_, err := journal.Write(ctx, tx, time.UnixMilli(at), journal.Sync, gid, "conversation.status", c)
	return err
}

// touch notes that a new message was stored in conversation conv.
func (in *ingester) touch(conv int64, date int64, outbound, blocked bool) error {
	a := in.touched[conv]
	if a == nil {
		a = &arrival{}
		if err := in.stmts["lastInbound"].QueryRowContext(in.ctx, conv).Scan(&a.oldInbound); err != nil {
			return err
		}
		in.touched[conv] = a
	}
	if outbound {
		return nil
	}
	a.inbound = max(a.inbound, date)
	if blocked {
		a.blocked = max(a.blocked, date)
	}
	return nil
}
