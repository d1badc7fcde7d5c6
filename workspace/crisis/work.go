package crisis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/journal"
	"switchboard/workspace/template"
)

type linkTarget struct {
	id      int64
	gid     string
	subject string
}

// linkTargets resolves conversation ids of this workspace to their global ids.
func (s *Store) linkTargets(ctx context.Context, ids []int64) ([]linkTarget, error) {
	var out []linkTarget
	for _, id := range ids {
		t := linkTarget{id: id}
		err := s.w.DB().Read().QueryRowContext(ctx, "SELECT gid, subject FROM conversations WHERE id = ?", id).Scan(&t.gid, &t.subject)
		if isNotFound(err) {
			return nil, fmt.Errorf("%w: conversation %d", inboxcore.ErrNotFound, id)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (s *Store) link(ctx context.Context, tx *sql.Tx, incident string, targets []linkTarget, now time.Time, actor string) error {
	for _, t := range targets {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO incident_conversations (incident, conversation, linked_at, linked_by)
			VALUES (?, ?, ?, ?)`, incident, t.gid, ms(now), actor)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // linked already: nothing changed, nothing to journal
		}
		if _, err := journal.Write(ctx, tx, now, actor, incident, "incident.link",
			map[string]any{"conversation": t.gid, "subject": t.subject}); err != nil {
			return err
		}
	}
	return nil
}

// LinkConversations links conversations (by id) to the open incident.
func (s *Store) LinkConversations(ctx context.Context, ids ...int64) (Incident, error) {
	inc, err := s.current(ctx)
	if err != nil {
		return inc, err
	}
	targets, err := s.linkTargets(ctx, ids)
	if err != nil {
		return inc, err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return inc, err
	}
	if err := s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		return s.link(ctx, tx, inc.ID, targets, s.now().UTC(), actor)
	}); err != nil {
		return inc, err
	}
	return s.Incident(ctx, inc.ID)
}

func (s *Store) links(ctx context.Context, incident string) ([]Link, error) {
	rows, err := s.w.DB().Read().QueryContext(ctx, `SELECT c.id, c.gid, c.subject, ifnull(nullif(k.name, ''), ifnull(k.email, '')), l.linked_at
		FROM incident_conversations l JOIN conversations c ON c.gid = l.conversation
		LEFT JOIN contacts k ON k.id = c.contact_id WHERE l.incident = ? ORDER BY l.linked_at, c.id`, incident)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Link{}
	for rows.Next() {
		var l Link
		var at int64
		if err := rows.Scan(&l.ConversationID, &l.ConversationGID, &l.Subject, &l.Customer, &at); err != nil {
			return nil, err
		}
		l.LinkedAt = fromMs(at)
		list = append(list, l)
	}
	return list, rows.Err()
}

// LinkedIncident is the open incident conversation conv is linked to, if any: the Inbox
// asks it to show the incident beside the conversation.
func (s *Store) LinkedIncident(ctx context.Context, conv int64) (Incident, bool, error) {
	inc, open, err := s.Active(ctx)
	if err != nil || !open {
		return inc, false, err
	}
	for _, l := range inc.Links {
		if l.ConversationID == conv {
			return inc, true, nil
		}
	}
	return inc, false, nil
}

// SetStep ticks (or unticks) checklist step n (1-based) of the open incident.
func (s *Store) SetStep(ctx context.Context, n int, done bool) (Incident, error) {
	inc, err := s.current(ctx)
	if err != nil {
		return inc, err
	}
	if n < 1 || n > len(inc.Steps) {
		return inc, fmt.Errorf("the checklist has steps 1 to %d, not %d", len(inc.Steps), n)
	}
	if inc.Steps[n-1].Done() == done {
		return inc, nil
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return inc, err
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	at, by := ms(now), actor
	if !done {
		at, by = 0, ""
	}
	err = s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE incident_steps SET done_at = ?, done_by = ? WHERE incident = ? AND step = ?",
			at, by, inc.ID, n); err != nil {
			return err
		}
		_, err := journal.Write(ctx, tx, now, actor, inc.ID, "incident.step",
			map[string]any{"step": n, "text": inc.Steps[n-1].Text, "done": done})
		return err
	})
	if err != nil {
		return inc, err
	}
	return s.Incident(ctx, inc.ID)
}

// AddNote records a note in the open incident's timeline.
func (s *Store) AddNote(ctx context.Context, text string) error {
	text = cleanText(text)
	if text == "" {
		return errors.New("the note is empty")
	}
	inc, err := s.current(ctx)
	if err != nil {
		return err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return err
	}
	return s.w.DB().Write(ctx, func(tx *sql.Tx) error {
		_, err := journal.Write(ctx, tx, s.now(), actor, inc.ID, "incident.note", map[string]any{"text": text})
		return err
	})
}

// Offer is a prepared text offered when replying to a linked conversation, filled in for
// its customer: the holding statements first (the customer's language first), then the
// prepared answers.
type Offer struct {
	Kind     string      `json:"kind"` // "holding" or "answer"
	Lang     string      `json:"lang"`
	Question string      `json:"question,omitempty"`
	Draft    inbox.Draft `json:"draft"`
}

// Offers are the prepared texts for a reply in conversation conv; none when conv is not
// linked to the open incident. The Inbox's composer lists them before the FAQ.
func (s *Store) Offers(ctx context.Context, conv int64) ([]Offer, error) {
	inc, linked, err := s.LinkedIncident(ctx, conv)
	if err != nil || !linked {
		return nil, err
	}
	p, err := s.Playbook(ctx, inc.PlaybookID)
	if err != nil {
		return nil, err
	}
	lang := s.customerLang(ctx, conv)
	var out []Offer
	first, ok := p.HoldingFor(lang)
	holding := []Text{}
	if ok {
		holding = append(holding, first)
	}
	for _, t := range p.Holding {
		if t != first {
			holding = append(holding, t)
		}
	}
	for _, t := range holding {
		d, err := s.inbox.NewDraft(ctx, conv, template.Plain(t.Text))
		if err != nil {
			return nil, err
		}
		out = append(out, Offer{Kind: "holding", Lang: t.Lang, Draft: d})
	}
	for _, a := range p.Answers {
		d, err := s.inbox.NewDraft(ctx, conv, template.Plain(a.Answer))
		if err != nil {
			return nil, err
		}
		out = append(out, Offer{Kind: "answer", Lang: a.Lang, Question: a.Question, Draft: d})
	}
	return out, nil
}

// customerLang guesses the language of the customer's last message in conv.
func (s *Store) customerLang(ctx context.Context, conv int64) string {
	var text string
	_ = s.w.DB().Read().QueryRowContext(ctx, `SELECT subject || ' ' || body FROM messages WHERE conversation_id = ? AND NOT outbound
		ORDER BY date DESC LIMIT 1`, conv).Scan(&text)
	return MessageLang(text)
}

// StatementResult is what "reply to all linked" did for one conversation.
type StatementResult struct {
	ConversationID  int64  `json:"number"`          // this workspace's own key
	ConversationGID string `json:"conversation_id"` // the global id, as the command line takes it
	Subject         string `json:"subject"`
	Customer        string `json:"customer"`
	Lang            string `json:"lang"`
	Body            string `json:"body"`
	OutboxID        int64  `json:"-"`
	OutboxGID       string `json:"outbox_id,omitempty"` // the queued reply's global id
	State           string `json:"state"`               // "draft" (preview), "queued", a later outbox state, or "failed"
	Error           string `json:"error,omitempty"`
}

// PreviewHolding is each linked conversation's personalised holding statement, for review
// before QueueHolding sends them.
func (s *Store) PreviewHolding(ctx context.Context) ([]StatementResult, error) {
	inc, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.Playbook(ctx, inc.PlaybookID)
	if err != nil {
		return nil, err
	}
	if len(p.Holding) == 0 {
		return nil, fmt.Errorf("playbook %q has no holding statement: add one first", p.Name)
	}
	out := []StatementResult{}
	for _, l := range inc.Links {
		lang := s.customerLang(ctx, l.ConversationID)
		t, _ := p.HoldingFor(lang)
		r := StatementResult{ConversationID: l.ConversationID, ConversationGID: l.ConversationGID, Subject: l.Subject, Customer: l.Customer, Lang: t.Lang, State: "draft"}
		d, err := s.inbox.NewDraft(ctx, l.ConversationID, template.Plain(t.Text))
		if err != nil {
			r.State, r.Error = "failed", err.Error()
		} else if len(d.Unresolved) > 0 {
			r.State, r.Error = "failed", fmt.Sprintf("fill in %v before sending", d.Unresolved)
		}
		r.Body = d.Body
		out = append(out, r)
	}
	return out, nil
}

// QueueHolding queues the reviewed statements (from PreviewHolding, possibly edited or
// with some left out) through the outbox, to go now, and reports per conversation. One
// failure does not stop the others.
func (s *Store) QueueHolding(ctx context.Context, drafts []StatementResult) ([]StatementResult, error) {
	inc, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	actor, err := s.actor(ctx)
	if err != nil {
		return nil, err
	}
	linked := map[int64]bool{}
	for _, l := range inc.Links {
		linked[l.ConversationID] = true
	}
	out := make([]StatementResult, len(drafts))
	for i, d := range drafts {
		r := d
		r.Error = ""
		switch {
		case !linked[d.ConversationID]:
			r.State, r.Error = "failed", "the conversation is not linked to the incident"
		default:
			it, err := s.outbox.Queue(ctx, outbox.Reply{ConversationID: d.ConversationID, Body: d.Body})
			if err != nil {
				r.State, r.Error = "failed", err.Error()
				break
			}
			r.OutboxID, r.OutboxGID, r.State = it.ID, it.GID, string(it.State)
			gid := it.GID
			err = s.w.DB().Write(ctx, func(tx *sql.Tx) error {
				var conv string
				if err := tx.QueryRowContext(ctx, "SELECT gid FROM conversations WHERE id = ?", d.ConversationID).Scan(&conv); err != nil {
					return err
				}
				_, err := journal.Write(ctx, tx, s.now(), actor, inc.ID, "incident.statement",
					map[string]any{"conversation": conv, "lang": d.Lang, "outbox": gid})
				return err
			})
			if err != nil {
				r.Error = "queued, but recording it in the timeline failed: " + err.Error()
			}
		}
		out[i] = r
	}
	return out, nil
}

// Statements reports every holding statement queued in incident id and where it is now
// (queued, sent, failed with the reason...).
func (s *Store) Statements(ctx context.Context, id string) ([]StatementResult, error) {
	entries, err := journal.List(ctx, s.w.DB().Read(), journal.Filter{Object: id, Prefix: "incident.statement"})
	if err != nil {
		return nil, err
	}
	out := []StatementResult{}
	for _, e := range entries {
		var d struct{ Conversation, Lang, Outbox string }
		if err := e.Decode(&d); err != nil {
			return nil, err
		}
		r := StatementResult{Lang: d.Lang}
		var lastErr string
		err := s.w.DB().Read().QueryRowContext(ctx, `SELECT o.id, o.conversation_id, c.subject, o.body, o.state, o.last_error,
			ifnull((SELECT email FROM contacts WHERE id = c.contact_id), '')
			FROM outbox o JOIN conversations c ON c.id = o.conversation_id WHERE o.gid = ?`, d.Outbox).
			Scan(&r.OutboxID, &r.ConversationID, &r.Subject, &r.Body, &r.State, &lastErr, &r.Customer)
		if err != nil && !isNotFound(err) {
			return nil, err
		}
		r.Error = lastErr
		out = append(out, r)
	}
	return out, nil
}
