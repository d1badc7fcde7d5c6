package inbox

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
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
	"switchboard/workspace/template"
)

// Draft is a reply being written.
type Draft struct {
	ConversationID int64  `json:"conversation_id"`
	Body           string `json:"body"`
	FAQID          string `json:"faq_id,omitempty"`
	// Unresolved names variables that have no value and no fallback; they are left in Body
	// as {{name}} for the user to replace, and Queue refuses the reply until they are gone.
	Unresolved []string `json:"unresolved,omitempty"`
}

// DraftFromFAQ starts a reply with an FAQ answer, variables filled for this customer,
// agent and brand, and the brand's signature.
func (s *Store) DraftFromFAQ(ctx context.Context, conv int64, faqID string) (Draft, error) {
	e, err := faq.NewStore(s.w).Get(ctx, faqID)
	if err != nil {
		return Draft{}, err
	}
	d, err := s.NewDraft(ctx, conv, template.Plain(e.Answer))
	d.FAQID = e.ID
	return d, err
}

// NewDraft fills the variables of body for a conversation and adds the signature unless
// body already ends with it.
func (s *Store) NewDraft(ctx context.Context, conv int64, body string) (Draft, error) {
	d := Draft{ConversationID: conv}
	values, err := s.values(ctx, conv)
	if err != nil {
		return d, err
	}
	text, err := template.Render(body, values)
	var unresolved *template.UnresolvedError
	if errors.As(err, &unresolved) {
		// Keep the variable visible where it was, so the user sees what to fill in.
		d.Unresolved = unresolved.Names()
		for _, n := range d.Unresolved {
			values[n] = "{{" + n + "}}"
		}
		text, err = template.Render(body, values)
	}
	if err != nil {
		return d, err
	}
	tone, err := s.Tone(ctx)
	if err != nil {
		return d, err
	}
	sig, err := tone.SignatureText()
	if err != nil {
		return d, fmt.Errorf("the brand's signature: %w", err)
	}
	d.Body = strings.TrimRight(text, " \n")
	if sig != "" && !strings.HasSuffix(squash(d.Body), squash(sig)) {
		d.Body += "\n\n" + sig
	}
	return d, nil
}

// values are the template variables for a reply in conv.
func (s *Store) values(ctx context.Context, conv int64) (template.Values, error) {
	var name string
	err := s.db.Read().QueryRowContext(ctx, `SELECT ifnull(k.name, '') FROM conversations c
		LEFT JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?`, conv).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("conversation", conv)
	}
	return template.NewValues(name, s.Agent(), s.w.Info().Name), err
}

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
func (s *Store) Queue(ctx context.Context, r Reply) (OutboxItem, error) {
	values, err := s.values(ctx, r.ConversationID)
	if err != nil {
		return OutboxItem{}, err
	}
	body, err := template.Render(r.Body, values)
	if err != nil {
		return OutboxItem{}, err
	}
	if strings.TrimSpace(body) == "" {
		return OutboxItem{}, errors.New("the reply is empty")
	}
	p, err := s.parent(ctx, r.ConversationID)
	if err != nil {
		return OutboxItem{}, err
	}
	return s.queue(ctx, r, body, p)
}

func (s *Store) queue(ctx context.Context, r Reply, body string, p parentMsg) (OutboxItem, error) {
	now := s.nowMs()
	sendAt := max(toMs(r.SendAt), now)
	it := OutboxItem{ConversationID: r.ConversationID, WorkspaceID: s.w.ID(), AccountID: p.account.ID,
		MessageID: newMessageID(p.account.Email), InReplyTo: p.key, References: p.refs,
		From: mail.Address{Name: p.account.DisplayName, Email: p.account.Email}, To: []mail.Address{p.to},
		Subject: p.subject, Body: body, State: Queued, SendAt: millis(sendAt), NextAttemptAt: millis(sendAt),
		CreatedBy: s.agent, CreatedAt: millis(now)}
	to, _ := json.Marshal(it.To)
	it.GID = journal.NewID()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if it.ConversationGID, err = conversationGID(ctx, tx, it.ConversationID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO outbox (workspace_id, account_id, conversation_id, reply_to, message_id,
			in_reply_to, refs, from_name, from_email, to_addrs, subject, body, state, send_at, next_attempt_at,
			created_by, created_at, updated_at, gid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING id`,
			it.WorkspaceID, it.AccountID, it.ConversationID, p.messageID, it.MessageID, it.InReplyTo,
			strings.Join(it.References, " "), it.From.Name, it.From.Email, string(to), it.Subject, it.Body,
			sendAt, sendAt, it.CreatedBy, now, now, it.GID).Scan(&it.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, millis(now), it.GID, "outbox.queued", QueuedReply{Conversation: it.ConversationGID,
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

// parentMsg is what a reply in a conversation answers.
type parentMsg struct {
	messageID any // messages.id of the customer's last message, nil if none
	key       string
	refs      []string
	subject   string
	to        mail.Address
	account   mail.Account
}

// parent finds the customer's last message, its threading ids and the account of this
// workspace that holds it (else the workspace's first account).
func (s *Store) parent(ctx context.Context, conv int64) (parentMsg, error) {
	var p parentMsg
	var id sql.NullInt64
	var refs, accountID, contactName, contactEmail string
	err := s.db.Read().QueryRowContext(ctx, `SELECT c.subject, ifnull(k.name, ''), ifnull(k.email, ''),
		m.id, ifnull(m.message_key, ''), ifnull(m.refs, ''), ifnull(m.from_name, ''), ifnull(m.from_email, ''),
		ifnull((SELECT f.account_id FROM message_locations l JOIN folders f ON f.id = l.folder_id
			WHERE l.message_id = m.id AND f.account_id IS NOT NULL LIMIT 1), '')
		FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id
		LEFT JOIN messages m ON m.id = (SELECT id FROM messages WHERE conversation_id = c.id AND NOT outbound
			ORDER BY date DESC, id DESC LIMIT 1)
		WHERE c.id = ?`, conv).Scan(&p.subject, &contactName, &contactEmail, &id, &p.key, &refs,
		&p.to.Name, &p.to.Email, &accountID)
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("conversation", conv)
	}
	if err != nil {
		return p, err
	}
	if id.Valid {
		p.messageID = id.Int64
	}
	if strings.HasPrefix(p.key, "sha256:") {
		p.key = "" // no Message-ID to refer to
	}
	p.refs = strings.Fields(refs)
	if p.key != "" {
		p.refs = append(p.refs, p.key)
	}
	if p.to.Email == "" {
		p.to = mail.Address{Name: contactName, Email: contactEmail}
	}
	if p.to.Email == "" {
		return p, fmt.Errorf("conversation %d has no customer address to reply to", conv)
	}
	store := mail.Open(s.w)
	if accountID != "" {
		p.account, err = store.Account(ctx, accountID)
		return p, err
	}
	accts, err := store.Accounts(ctx)
	if err != nil {
		return p, err
	}
	if len(accts) == 0 {
		return p, errNoAccount
	}
	p.account = accts[0]
	return p, nil
}

var errNoAccount = errors.New("this workspace has no mail account to send from: add one first (switchboard account add)")

// newMessageID is a random id at the sending address's domain.
func newMessageID(from string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b) + "@" + from[strings.LastIndexByte(from, '@')+1:]
}
