package outbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/workspace/faq"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
	"switchboard/workspace/template"
)

// Reply is a reply to send now (zero SendAt) or later.
type Reply struct {
	ConversationID int64
	Body           string
	SendAt         time.Time
	FAQID          string // the FAQ entry used, counted when the reply is queued
}

// Queue puts a reply in the outbox. It is addressed to the customer's last message, from
// the account of this workspace that received it. A variable left in Body makes Queue
// fail with a *template.UnresolvedError (or template.Problems for an unknown name).
func (s *Store) Queue(ctx context.Context, r Reply) (Item, error) {
	body, err := s.render(ctx, r)
	if err != nil {
		return Item{}, err
	}
	p, err := s.conv.ReplyTarget(ctx, r.ConversationID)
	if err != nil {
		return Item{}, err
	}
	return s.queue(ctx, r, body, p)
}

// render is r's text with its variables filled in for the conversation's customer; a text
// that comes out empty is refused.
func (s *Store) render(ctx context.Context, r Reply) (string, error) {
	values, err := s.conv.ReplyValues(ctx, r.ConversationID)
	if err != nil {
		return "", err
	}
	body, err := template.Render(r.Body, values)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(body) == "" {
		return "", errors.New("the reply is empty")
	}
	return body, nil
}

func (s *Store) queue(ctx context.Context, r Reply, body string, p inbox.ReplyTarget) (Item, error) {
	now := s.sign.NowMs()
	sendAt := max(inboxcore.ToMs(r.SendAt), now)
	it := Item{ConversationID: r.ConversationID, WorkspaceID: s.w.ID(), AccountID: p.Account.ID,
		MessageID: newMessageID(p.Account.Email), InReplyTo: p.Key, References: p.References,
		From: mail.Address{Name: p.Account.DisplayName, Email: p.Account.Email}, To: []mail.Address{p.To},
		Subject: p.Subject, Body: body, State: Queued, SendAt: inboxcore.Millis(sendAt), NextAttemptAt: inboxcore.Millis(sendAt),
		CreatedBy: s.sign.Name(), CreatedAt: inboxcore.Millis(now)}
	to, _ := json.Marshal(it.To)
	it.GID = journal.NewID()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if it.ConversationGID, err = inboxcore.ConversationGID(ctx, tx, it.ConversationID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO outbox (workspace_id, account_id, conversation_id, reply_to, message_id,
			in_reply_to, refs, from_name, from_email, to_addrs, subject, body, state, send_at, next_attempt_at,
			created_by, created_at, updated_at, gid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING id`,
			it.WorkspaceID, it.AccountID, it.ConversationID, p.MessageID, it.MessageID, it.InReplyTo,
			strings.Join(it.References, " "), it.From.Name, it.From.Email, string(to), it.Subject, it.Body,
			sendAt, sendAt, it.CreatedBy, now, now, it.GID).Scan(&it.ID); err != nil {
			return err
		}
		return s.sign.Record(ctx, tx, inboxcore.Millis(now), it.GID, "outbox.queued", QueuedReply{Conversation: it.ConversationGID,
			From: it.From.Email, To: it.To, Subject: it.Subject, Body: it.Body, SendAt: it.SendAt})
	})
	if err != nil {
		return it, err
	}
	if r.FAQID != "" {
		if err := faq.NewStore(s.w).RecordUse(ctx, r.FAQID); err != nil {
			return it, fmt.Errorf("the reply is queued, but counting the use of FAQ entry %s failed: %w", r.FAQID, err)
		}
	}
	return it, nil
}

// QueuedReply is the data of an "outbox.queued" journal entry: the reply as it was written.
type QueuedReply struct {
	Conversation string         `json:"conversation"` // global id
	From         string         `json:"from"`
	To           []mail.Address `json:"to"`
	Subject      string         `json:"subject"`
	Body         string         `json:"body"`
	SendAt       time.Time      `json:"send_at"`
}

// newMessageID is a random id at the sending address's domain.
func newMessageID(from string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b) + "@" + from[strings.LastIndexByte(from, '@')+1:]
}

// QueueFrom is Queue with the sending account chosen by the user. accountID "" is the
// receiving account, as Queue. The account is looked up in this workspace's own database,
// so an id of another workspace's account is not found and nothing is queued.
func (s *Store) QueueFrom(ctx context.Context, r Reply, accountID string) (Item, error) {
	if accountID == "" {
		return s.Queue(ctx, r)
	}
	acct, err := mail.Open(s.w).Account(ctx, accountID)
	if err != nil {
		return Item{}, fmt.Errorf("the account to send from is not one of this workspace's: %w", err)
	}
	body, err := s.render(ctx, r)
	if err != nil {
		return Item{}, err
	}
	p, err := s.conv.ReplyTarget(ctx, r.ConversationID)
	if err != nil && !errors.Is(err, inbox.ErrNoAccount) {
		return Item{}, err
	}
	p.Account = acct
	return s.queue(ctx, r, body, p)
}

// QueueDemo queues a reply whose body is already filled in (a draft), from the account
// that received the customer's mail or, in a workspace without accounts (the demo), from
// the stand-in account: the guard of SendDue then refuses it, so it can never be sent.
func (s *Store) QueueDemo(ctx context.Context, r Reply, standIn mail.Account) (Item, error) {
	p, err := s.conv.ReplyTarget(ctx, r.ConversationID)
	if errors.Is(err, inbox.ErrNoAccount) {
		p.Account, err = standIn, nil
	}
	if err != nil {
		return Item{}, err
	}
	return s.queue(ctx, r, r.Body, p)
}
