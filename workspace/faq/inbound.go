package faq

import (
	"context"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// How much recent mail the suggestions read: enough to see a pattern, bounded so the
// grouping stays quick on a large mailbox.
const (
	inboundWindow = 90 * 24 * time.Hour
	inboundLimit  = 3000
)

// RecentInbound is what customers of w wrote lately, for Suggest.
func RecentInbound(ctx context.Context, w *workspace.Workspace) ([]Inbound, error) {
	msgs, err := mail.Open(w).RecentInbound(ctx, time.Now().Add(-inboundWindow), inboundLimit)
	if err != nil {
		return nil, err
	}
	out := make([]Inbound, len(msgs))
	for i, m := range msgs {
		out[i] = Inbound{ID: m.ID, Text: m.Text, At: m.At}
	}
	return out, nil
}
