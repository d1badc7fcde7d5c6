package inbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"switchboard/workspace/faq"
	"switchboard/workspace/inbox/inboxcore"
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
	values, err := s.ReplyValues(ctx, conv)
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

// ReplyValues are the template variables for a reply in conv.
func (s *Store) ReplyValues(ctx context.Context, conv int64) (template.Values, error) {
	var name string
	err := s.db.Read().QueryRowContext(ctx, `SELECT ifnull(k.name, '') FROM conversations c
		LEFT JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?`, conv).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, inboxcore.NotFound("conversation", conv)
	}
	return template.NewValues(name, s.Agent(), s.w.Info().Name), err
}

// ReplyTarget is what a reply in a conversation answers, and from where.
type ReplyTarget struct {
	MessageID  any // messages.id of the customer's last message, nil if none
	Key        string
	References []string
	Subject    string
	To         mail.Address
	Account    mail.Account
}

// ReplyTarget finds the customer's last message, its threading ids and the account of this
// workspace that holds it (else the workspace's first account).
func (s *Store) ReplyTarget(ctx context.Context, conv int64) (ReplyTarget, error) {
	var p ReplyTarget
	var id sql.NullInt64
	var refs, accountID, contactName, contactEmail string
	err := s.db.Read().QueryRowContext(ctx, `SELECT c.subject, ifnull(k.name, ''), ifnull(k.email, ''),
		m.id, ifnull(m.message_key, ''), ifnull(m.refs, ''), ifnull(m.from_name, ''), ifnull(m.from_email, ''),
		ifnull((SELECT f.account_id FROM message_locations l JOIN folders f ON f.id = l.folder_id
			WHERE l.message_id = m.id AND f.account_id IS NOT NULL LIMIT 1), '')
		FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id
		LEFT JOIN messages m ON m.id = (SELECT id FROM messages WHERE conversation_id = c.id AND NOT outbound
			ORDER BY date DESC, id DESC LIMIT 1)
		WHERE c.id = ?`, conv).Scan(&p.Subject, &contactName, &contactEmail, &id, &p.Key, &refs,
		&p.To.Name, &p.To.Email, &accountID)
	if errors.Is(err, sql.ErrNoRows) {
		return p, inboxcore.NotFound("conversation", conv)
	}
	if err != nil {
		return p, err
	}
	if id.Valid {
		p.MessageID = id.Int64
	}
	if strings.HasPrefix(p.Key, "sha256:") {
		p.Key = "" // no Message-ID to refer to
	}
	p.References = strings.Fields(refs)
	if p.Key != "" {
		p.References = append(p.References, p.Key)
	}
	if p.To.Email == "" {
		p.To = mail.Address{Name: contactName, Email: contactEmail}
	}
	if p.To.Email == "" {
		return p, fmt.Errorf("conversation %d has no customer address to reply to", conv)
	}
	store := mail.Open(s.w)
	if accountID != "" {
		p.Account, err = store.Account(ctx, accountID)
		return p, err
	}
	accts, err := store.Accounts(ctx)
	if err != nil {
		return p, err
	}
	if len(accts) == 0 {
		return p, ErrNoAccount
	}
	p.Account = accts[0]
	return p, nil
}

// ErrNoAccount: the workspace has no account a reply could leave from.
var ErrNoAccount = errors.New("this workspace has no mail account to send from: add one first (switchboard account add)")
