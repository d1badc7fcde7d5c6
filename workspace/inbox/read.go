package inbox

import (
	"context"

	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/mail"
)

// MarkRead marks every message of a conversation as read (\Seen), as opening it in the
// window does; the sync writes the flag back to the server.
func (s *Store) MarkRead(ctx context.Context, conv int64) error {
	return s.setSeen(ctx, conv, true)
}

// MarkUnread marks the customer's last message as not read, so the conversation shows as
// unread again here and in the customer's mail program.
func (s *Store) MarkUnread(ctx context.Context, conv int64) error {
	return s.setSeen(ctx, conv, false)
}

func (s *Store) setSeen(ctx context.Context, conv int64, seen bool) error {
	store := mail.Open(s.w)
	msgs, err := store.ConversationMessages(ctx, conv)
	if err != nil {
		return err
	}
	if len(msgs) == 0 {
		return inboxcore.NotFound("conversation with messages", conv)
	}
	if !seen {
		last := msgs[len(msgs)-1]
		for _, m := range msgs {
			if !m.Outbound {
				last = m
			}
		}
		return store.SetFlag(ctx, last.ID, mail.Seen, false)
	}
	for _, m := range msgs {
		if m.Flags&mail.Seen == 0 {
			if err := store.SetFlag(ctx, m.ID, mail.Seen, true); err != nil {
				return err
			}
		}
	}
	return nil
}
