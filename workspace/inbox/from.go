package inbox

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"switchboard/workspace/mail"
	"switchboard/workspace/template"
)

// ReplyAccount is the account a reply in conv leaves from unless the user picks another:
// the account of this workspace that received the customer's last message (else the
// workspace's first account).
func (s *Store) ReplyAccount(ctx context.Context, conv int64) (mail.Account, error) {
	p, err := s.parent(ctx, conv)
	return p.account, err
}

// QueueFrom is Queue with the sending account chosen by the user. accountID "" is the
// receiving account, as Queue. The account is looked up in this workspace's own database,
// so an id of another workspace's account is not found and nothing is queued.
func (s *Store) QueueFrom(ctx context.Context, r Reply, accountID string) (OutboxItem, error) {
	if accountID == "" {
		return s.Queue(ctx, r)
	}
	acct, err := mail.Open(s.w).Account(ctx, accountID)
	if err != nil {
		return OutboxItem{}, fmt.Errorf("the account to send from is not one of this workspace's: %w", err)
	}
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
	if err != nil && !errors.Is(err, errNoAccount) {
		return OutboxItem{}, err
	}
	p.account = acct
	return s.queue(ctx, r, body, p)
}

// WarningPreview is the warning SendWarning would send to contact in conv, filled in,
// without sending or recording anything: the window shows it before the user confirms.
func (s *Store) WarningPreview(ctx context.Context, contact, conv int64) (Draft, error) {
	return s.warning(ctx, contact, conv)
}

// mailAccounts are this workspace's accounts.
func mailAccounts(ctx context.Context, s *Store) ([]mail.Account, error) {
	return mail.Open(s.w).Accounts(ctx)
}
