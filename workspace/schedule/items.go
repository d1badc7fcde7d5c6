package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/pause"
	"switchboard/workspace/template"
)

// Kinds of scheduled items.
const (
	KindReply    = "reply"     // a reply in the outbox with a later send time
	KindFollowUp = "follow_up" // "check back with the customer", alone or a step of a sequence
)

// States of a scheduled item as the command line and the pane show them (a contract:
// scripts read them from `schedule list --json`).
const (
	Pending   = "pending"
	Paused    = "paused" // pending, but the workspace's scheduled work is held (a crisis)
	Sent      = "sent"
	Held      = "held for review"
	Cancelled = "cancelled"
	Failed    = "failed" // a reply the outbox could not send: see the Inbox's outbox
)

// Reasons an item is held for review.
const (
	HeldMissed = "missed" // came due while Switchboard was not running (or the machine slept)
	HeldPaused = "paused" // came due while the workspace was paused
)

// Grace is how late a due item may still go out on its own; later than that it is held
// for review. The runner looks every minute, so only a closed app or a sleeping machine
// makes an item this late.
const Grace = 10 * time.Minute

// heldSentinel is the next_attempt_at of a held outbox reply: beyond any SendDue's reach
// while its hold exists; Send, Reschedule and Cancel set it back.
const heldSentinel = int64(1) << 62

// DefaultSequence is the follow-up sequence's days after it is set up.
var DefaultSequence = []int{1, 3, 7}

// Item is a scheduled reply or follow-up.
type Item struct {
	ID             string    `json:"id"`
	Kind           string    `json:"kind"`
	Conversation   string    `json:"conversation"`
	ConversationID int64     `json:"-"`
	Subject        string    `json:"subject"`
	Customer       string    `json:"customer"`
	Due            time.Time `json:"due_at"`
	State          string    `json:"state"`
	Reason         string    `json:"reason,omitempty"`
	Body           string    `json:"body"`
	Sequence       string    `json:"sequence,omitempty"`
	Step           int       `json:"step,omitempty"`
	Regardless     bool      `json:"send_regardless,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	// CustomerWroteSince: the customer wrote after this item was made, so what it says
	// may be stale. Shown before anything held is sent.
	CustomerWroteSince bool `json:"customer_wrote_since"`
}

// Filter selects items; zero values select every pending, paused or held item.
type Filter struct {
	All      bool      // also sent and cancelled
	From, To time.Time // due in [From, To) when set
}

// Items lists scheduled replies and follow-ups, earliest due first.
func (s *Store) Items(ctx context.Context, f Filter) ([]Item, error) {
	_, paused, err := pause.Active(ctx, s.read)
	if err != nil {
		return nil, err
	}
	replies, err := s.replies(ctx, f)
	if err != nil {
		return nil, err
	}
	fus, err := s.followUps(ctx, "1")
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, it := range append(replies, fus...) {
		if it.State == Pending && paused {
			it.State = Paused
		}
		if !f.All && (it.State == Sent || it.State == Cancelled) {
			continue
		}
		if !f.From.IsZero() && it.Due.Before(f.From) || !f.To.IsZero() && !it.Due.Before(f.To) {
			continue
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, nil
}

// replies are the outbox rows queued for later: due more than a minute after they were
// written, the same line the outbox and Crisis draw.
func (s *Store) replies(ctx context.Context, f Filter) ([]Item, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT o.gid, c.gid, o.conversation_id, o.subject, o.to_addrs, o.send_at, o.state,
		o.body, o.created_at, ifnull(h.reason, ''), c.last_inbound_at > o.created_at,
		EXISTS (SELECT 1 FROM pause_review r WHERE r.kind = 'outbox' AND r.ref = o.gid AND r.decision = '')
		FROM outbox o JOIN conversations c ON c.id = o.conversation_id LEFT JOIN outbox_holds h ON h.outbox_id = o.id
		WHERE o.send_at > o.created_at + 60000`+replyWhere(f)+` ORDER BY o.send_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		var to, state string
		var due, created int64
		var crisisHeld bool
		if err := rows.Scan(&it.ID, &it.Conversation, &it.ConversationID, &it.Subject, &to, &due, &state, &it.Body, &created,
			&it.Reason, &it.CustomerWroteSince, &crisisHeld); err != nil {
			return nil, err
		}
		it.Kind, it.Due, it.CreatedAt, it.Customer = KindReply, fromMs(due), fromMs(created), firstEmail(to)
		switch {
		case state == string(outbox.Sent):
			it.State, it.Reason = Sent, ""
		case state == string(outbox.Cancelled):
			it.State, it.Reason = Cancelled, ""
		case state == string(outbox.Failed) || state == string(outbox.Uncertain):
			it.State, it.Reason = Failed, ""
		case crisisHeld:
			it.State, it.Reason = Held, HeldPaused
		case it.Reason != "":
			it.State = Held
		default:
			it.State = Pending
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func replyWhere(f Filter) string {
	if f.All {
		return ""
	}
	return " AND o.state NOT IN ('sent', 'cancelled')"
}

// firstEmail picks the address out of the outbox's JSON recipients without decoding it.
func firstEmail(to string) string {
	_, rest, ok := strings.Cut(to, `"email":"`)
	if !ok {
		return ""
	}
	addr, _, _ := strings.Cut(rest, `"`)
	return addr
}

func (s *Store) followUps(ctx context.Context, where string, args ...any) ([]Item, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.id, f.gid, c.gid, f.conversation_id, c.subject, ifnull(k.email, ''),
		f.due_at, f.state, f.reason, f.body, f.sequence, f.step, f.regardless, f.created_at, c.last_inbound_at > f.created_at,
		ifnull(o.state, '')
		FROM follow_ups f JOIN conversations c ON c.id = f.conversation_id LEFT JOIN contacts k ON k.id = c.contact_id
		LEFT JOIN outbox o ON o.id = f.outbox_id
		WHERE `+where+` ORDER BY f.due_at, f.step`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		var id, due, created int64
		var state, outState string
		if err := rows.Scan(&id, &it.ID, &it.Conversation, &it.ConversationID, &it.Subject, &it.Customer, &due, &state, &it.Reason,
			&it.Body, &it.Sequence, &it.Step, &it.Regardless, &created, &it.CustomerWroteSince, &outState); err != nil {
			return nil, err
		}
		it.Kind, it.Due, it.CreatedAt = KindFollowUp, fromMs(due), fromMs(created)
		switch state {
		case "held":
			it.State = Held
		case "sent":
			it.State = Sent
			if outState == string(outbox.Failed) || outState == string(outbox.Uncertain) {
				it.State = Failed
			}
		case "cancelled":
			it.State = Cancelled
		default:
			it.State = Pending
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// ScheduleReply queues a reply in the outbox to go out at at ("Send later").
func (s *Store) ScheduleReply(ctx context.Context, conv int64, body string, at time.Time) (Item, error) {
	if at.Before(s.now().Add(2 * time.Minute)) {
		return Item{}, fmt.Errorf("%s is not at least two minutes from now: to send now, use the Inbox's Send", at.In(s.Loc()).Format("2006-01-02 15:04 MST"))
	}
	out, err := s.outbox().Queue(s.signed(ctx), outbox.Reply{ConversationID: conv, Body: body, SendAt: at})
	if err != nil {
		return Item{}, err
	}
	var gid string
	err = s.write(ctx, func(tx *sql.Tx, actor string) error {
		if err := tx.QueryRowContext(ctx, "SELECT gid FROM outbox WHERE id = ?", out.ID).Scan(&gid); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, s.now(), actor, gid, "outbox.scheduled", map[string]any{"send_at": at.UTC(), "conversation": convGID(ctx, tx, conv)})
		return err
	})
	if err != nil {
		return Item{}, err
	}
	return s.Item(ctx, gid)
}

// outbox is where the schedule queues replies, signed like this Store.
func (s *Store) outbox() *outbox.Store {
	return outbox.New(s.w, inboxcore.Options{Agent: s.agent, Now: s.now})
}

// signed is ctx carrying the runner as the actor when this Store is the runner's, so the
// Inbox signs what the runner queues as the runner's.
func (s *Store) signed(ctx context.Context) context.Context {
	if _, ok := journal.ActorOf(ctx); !ok && s.runner {
		return journal.As(ctx, journal.Runner)
	}
	return ctx
}

func convGID(ctx context.Context, tx *sql.Tx, conv int64) string {
	var gid string
	tx.QueryRowContext(ctx, "SELECT gid FROM conversations WHERE id = ?", conv).Scan(&gid)
	return gid
}

// FollowUp is a follow-up to set up.
type FollowUp struct {
	ConversationID int64
	Body           string    // a template: {{first_name}} and the rest are filled when it goes out
	At             time.Time // when it goes out
	// Regardless sends it even if the customer writes first; by default a customer's
	// message cancels it and says so in the conversation.
	Regardless bool
}

// AddFollowUp schedules one follow-up.
func (s *Store) AddFollowUp(ctx context.Context, f FollowUp) (Item, error) {
	items, err := s.addFollowUps(ctx, f, "", []time.Time{f.At})
	if err != nil {
		return Item{}, err
	}
	return items[0], nil
}

// AddSequence schedules follow-ups days after now (DefaultSequence when days is empty),
// each at the same time of day in the workspace's zone; the first message from the
// customer stops all of them.
func (s *Store) AddSequence(ctx context.Context, conv int64, body string, days []int) ([]Item, error) {
	if len(days) == 0 {
		days = DefaultSequence
	}
	now := s.now().In(s.Loc())
	var at []time.Time
	for _, d := range days {
		if d < 1 {
			return nil, fmt.Errorf("a sequence step of %d days: steps are whole days after today, at least 1", d)
		}
		at = append(at, time.Date(now.Year(), now.Month(), now.Day()+d, now.Hour(), now.Minute(), 0, 0, s.Loc()))
	}
	return s.addFollowUps(ctx, FollowUp{ConversationID: conv, Body: body}, journal.NewID(), at)
}

func (s *Store) addFollowUps(ctx context.Context, f FollowUp, seq string, at []time.Time) ([]Item, error) {
	if strings.TrimSpace(f.Body) == "" {
		return nil, errors.New("a follow-up needs the text to send")
	}
	if probs := template.Check(f.Body); probs != nil {
		return nil, fmt.Errorf("the follow-up's text: %w", probs)
	}
	now := s.now()
	var gids []string
	err := s.write(ctx, func(tx *sql.Tx, actor string) error {
		cg := convGID(ctx, tx, f.ConversationID)
		if cg == "" {
			return fmt.Errorf("%w: conversation %d", ErrNotFound, f.ConversationID)
		}
		for i, t := range at {
			if !t.After(now) {
				return fmt.Errorf("%s is not in the future", t.In(s.Loc()).Format("2006-01-02 15:04 MST"))
			}
			gid := journal.NewID()
			step := 0
			if seq != "" {
				step = i + 1
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (gid, conversation_id, sequence, step, due_at, body, regardless,
				created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				gid, f.ConversationID, seq, step, ms(t), f.Body, f.Regardless, s.by(), ms(now), ms(now)); err != nil {
				return err
			}
			if _, err := journal.Write(ctx, tx, now, actor, gid, "follow_up.added", map[string]any{"conversation": cg,
				"due_at": t.UTC(), "sequence": seq, "step": step, "send_regardless": f.Regardless}); err != nil {
				return err
			}
			gids = append(gids, gid)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, g := range gids {
		it, err := s.Item(ctx, g)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// Item finds one scheduled reply or follow-up by its id (or a unique start of it).
func (s *Store) Item(ctx context.Context, id string) (Item, error) {
	id = strings.TrimSpace(id)
	if len(id) < 4 {
		return Item{}, fmt.Errorf("%q is too short to name an item: give at least 4 characters of its id", id)
	}
	all, err := s.Items(ctx, Filter{All: true})
	if err != nil {
		return Item{}, err
	}
	var found []Item
	for _, it := range all {
		if it.ID == id {
			return it, nil
		}
		if strings.HasPrefix(it.ID, id) {
			found = append(found, it)
		}
	}
	switch len(found) {
	case 0:
		return Item{}, fmt.Errorf("%w: no scheduled item %q in %q (see `switchboard schedule list`)", ErrNotFound, id, s.info.Name)
	case 1:
		return found[0], nil
	}
	return Item{}, fmt.Errorf("%q names %d items: give more of the id", id, len(found))
}

func replyOf(it Item) outbox.Reply {
	return outbox.Reply{ConversationID: it.ConversationID, Body: it.Body}
}
