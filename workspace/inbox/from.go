package inbox

import (
	"context"

	"switchboard/workspace/mail"
)

// ReplyAccount is the account a reply in conv leaves from unless the user picks another:
// the account of this workspace that received the customer's last message (else the
// workspace's first account).
func (s *Store) ReplyAccount(ctx context.Context, conv int64) (mail.Account, error) {
	p, err := s.ReplyTarget(ctx, conv)
	return p.Account, err
}

// mailAccounts are this workspace's accounts.
func mailAccounts(ctx context.Context, s *Store) ([]mail.Account, error) {
	return mail.Open(s.w).Accounts(ctx)
}
