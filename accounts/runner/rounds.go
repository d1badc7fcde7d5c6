package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"switchboard/workspace/inbox/outbox"
	"time"
)

// rounds runs the clock and the outbox at once and then every opt.Every until ctx ends.
func (r *Runner) rounds(ctx context.Context) {
	t := time.NewTicker(r.opt.Every)
	defer t.Stop()
	for {
		r.round(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (r *Runner) round(ctx context.Context) {
	res, err := r.inbox.Tick(ctx, r.opt.Now())
	switch {
	case err != nil && ctx.Err() == nil:
		r.emit(Event{Err: fmt.Errorf("applying snoozes and follow-ups: %w", err)})
	case res.Woken+res.FollowUps > 0:
		r.emit(Event{Tick: &res})
	}
	if r.mailer != nil {
		r.send(ctx)
	}
}

func (r *Runner) send(ctx context.Context) (rep outbox.SendReport, err error) {
	r.scheduled(ctx) // first: it holds what must not go out on its own
	rep, err = r.outbox.SendDue(ctx, r.mailer)
	switch {
	case err != nil && ctx.Err() == nil:
		r.emit(Event{Err: fmt.Errorf("sending due replies: %w", err)})
	case rep.Sent+rep.Retrying+rep.Failed+rep.Uncertain > 0 || len(rep.Errors) > 0:
		r.emit(Event{Send: &rep})
	}
	return rep, err
}

// SendNow submits the replies that are due now, on the caller's goroutine (the Inbox's
// "Send"), and says what did not go out. It must only be called while Run runs.
func (r *Runner) SendNow(ctx context.Context) error {
	if r.setup != nil {
		return r.setup
	}
	rep, err := r.send(ctx)
	if err != nil {
		return err
	}
	if len(rep.Errors) > 0 {
		return errors.New(strings.Join(rep.Errors, "\n"))
	}
	return nil
}
