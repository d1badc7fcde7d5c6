package runner

import (
	"context"
	"fmt"

	"switchboard/accounts/mime"
	"switchboard/workspace/schedule"
)

// ScheduleEvent is what a round of scheduled work did: follow-ups queued or stopped,
// items held for review, auto-replies queued, the auto-reply paused by its cap.
type ScheduleEvent struct {
	Due  schedule.DueReport
	Auto schedule.AutoReport
}

// scheduled runs the workspace's scheduled work right before the outbox sends: Due holds
// what is stale or due during a pause (so SendDue never sends it) and queues due
// follow-ups; AutoReplies queues the out-of-hours answers. Both check pause.Active.
func (r *Runner) scheduled(ctx context.Context) {
	r.schedMu.Lock()
	defer r.schedMu.Unlock()
	st := schedule.Open(r.w, schedule.Options{Runner: true, Now: r.opt.Now})
	due, err := st.Due(ctx)
	if err != nil && ctx.Err() == nil {
		r.emit(Event{Err: fmt.Errorf("running scheduled follow-ups: %w", err)})
	}
	auto, err := st.AutoReplies(ctx, ComposeAutoReply)
	if err != nil && ctx.Err() == nil {
		r.emit(Event{Err: fmt.Errorf("out-of-hours auto-replies: %w", err)})
	}
	if due.Queued+due.Stopped+due.Held+auto.Queued > 0 || auto.Paused != "" || len(due.Errors) > 0 {
		r.emit(Event{Schedule: &ScheduleEvent{Due: due, Auto: auto}})
	}
	if auto.Paused != "" && r.opt.Logf != nil {
		r.opt.Logf("%s: %s", r.w.Info().Name, auto.Paused)
	}
}

// ComposeAutoReply renders an out-of-hours auto-reply as RFC 3834 asks: Auto-Submitted:
// auto-replied, In-Reply-To and References of the customer's message, the reply prefix
// on the subject.
func ComposeAutoReply(m schedule.AutoReplyMail) ([]byte, error) {
	subject := m.Subject
	if m.InReplyTo != "" || subject != "" {
		subject = mime.ReplySubject(subject)
	}
	return mime.Compose(mime.Outgoing{
		From:       mime.Address{Name: m.From.Name, Email: m.From.Email},
		To:         []mime.Address{{Name: m.To.Name, Email: m.To.Email}},
		Subject:    subject,
		Text:       m.Text,
		InReplyTo:  m.InReplyTo,
		References: m.References,
		MessageID:  m.MessageID,
		Date:       m.Date,
		Headers:    map[string]string{"Auto-Submitted": "auto-replied"},
	})
}
