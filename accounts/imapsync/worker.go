package imapsync

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Event is what Run reports after each pass or failure.
type Event struct {
	Account string
	Summary *Summary // after a pass
	Err     error    // after a failure; Run retries
	Retry   time.Duration
	// Waiting: Err is a *PasswordRefusedError and Run waits for a new password
	// instead of retrying (Retry is zero).
	Waiting bool
}

const (
	minBackoff    = time.Second
	maxBackoff    = 5 * time.Minute
	flagPollEvery = 2 * time.Second // how often idle checks for local flag changes to write back
)

// Run keeps the account in sync until ctx ends: a pass, then IDLE on INBOX (or a poll
// when the server lacks IDLE) until the server announces something, a local flag changes,
// or IdleRestart passes; then another pass. A lost connection is re-dialed with
// exponential backoff. A refused password is not: Run reports it once and waits for
// another password (see PasswordRefusedError). events, if set, receives a report after
// each pass or failure.
func (s *Syncer) Run(ctx context.Context, events func(Event)) error {
	backoff := minBackoff
	reported := false // the refused password was reported; say nothing while it stays
	for {
		began := time.Now()
		err := s.session(ctx, events)
		s.disconnect()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var refused *PasswordRefusedError
		if errors.As(err, &refused) {
			if !reported || refused.Err != nil { // a new password refused too is news
				s.logf("%v", err)
				if events != nil {
					events(Event{Account: s.acct.Email, Err: err, Waiting: true})
				}
			}
			reported = true
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(refusedPoll):
			}
			backoff = minBackoff
			continue
		}
		reported = false
		if time.Since(began) > maxBackoff {
			backoff = minBackoff // the connection was good for a while: this is a new problem
		}
		wait := backoff/2 + rand.N(backoff/2+1)
		s.logf("sync failed, retrying in %v: %v", wait.Round(time.Millisecond), err)
		if events != nil {
			events(Event{Account: s.acct.Email, Err: err, Retry: wait})
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		backoff = min(backoff*2, maxBackoff)
	}
}

// session is one connection's life: passes separated by idling.
func (s *Syncer) session(ctx context.Context, events func(Event)) error {
	if err := s.connect(ctx); err != nil {
		return err
	}
	for {
		sum, err := s.Pass(ctx)
		if err != nil {
			return err
		}
		if events != nil {
			events(Event{Account: s.acct.Email, Summary: &sum})
		}
		if err := s.wait(ctx); err != nil {
			return err
		}
	}
}

// wait idles until there is something to sync.
func (s *Syncer) wait(ctx context.Context) error {
	var sel *imap.SelectData
	err := s.do(ctx, func(c *imapclient.Client) (err error) {
		sel, err = c.Select("INBOX", nil).Wait()
		return err
	})
	if err != nil {
		return err
	}
	select { // announcements that came with the pass are already synced
	case <-s.changed:
	default:
	}
	// Mail that arrived between the pass and this SELECT was announced to nobody: the
	// SELECT's own counts are the only sign of it, so compare them with what was stored.
	if moved, err := s.inboxMoved(ctx, sel); err != nil || moved {
		return err
	}
	var idle *imapclient.IdleCommand
	if s.caps.Has(imap.CapIdle) {
		if err := s.do(ctx, func(c *imapclient.Client) error {
			idle, err = c.Idle()
			return err
		}); err != nil {
			return err
		}
	}
	restart := time.NewTimer(s.opt.IdleRestart)
	defer restart.Stop()
	poll := time.NewTicker(flagPollEvery)
	defer poll.Stop()
	var cause error
wait:
	for {
		select {
		case <-ctx.Done():
			cause = ctx.Err()
			break wait
		case <-s.conn.Closed():
			cause = errors.New("the server closed the connection")
			break wait
		case <-s.changed:
			break wait
		case <-restart.C:
			break wait
		case <-poll.C:
			if pending, err := s.store.HasPendingFlagChanges(ctx, s.acct.ID); err == nil && pending {
				break wait
			}
		}
	}
	if idle != nil && cause == nil {
		cause = s.do(ctx, func(*imapclient.Client) error {
			if err := idle.Close(); err != nil {
				return err
			}
			return idle.Wait()
		})
	}
	return cause
}

// inboxMoved reports new or removed INBOX mail that the last pass did not store. Both
// sides come from a SELECT (the pass saves its own), so a quiet INBOX always compares equal.
func (s *Syncer) inboxMoved(ctx context.Context, sel *imap.SelectData) (bool, error) {
	folders, err := s.store.SyncFolders(ctx, s.acct.ID)
	if err != nil {
		return false, err
	}
	for _, f := range folders {
		if strings.EqualFold(f.Name, "INBOX") {
			return (sel.UIDNext != 0 && uint32(sel.UIDNext) > f.UIDNext) || int(sel.NumMessages) != f.ServerCount, nil
		}
	}
	return false, nil
}
