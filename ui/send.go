package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"switchboard/workspace/inbox"
)

// sendNow is the Inbox's "Send": Options.SendNow on a goroutine of its own, one send at a
// time per workspace, never on the shell's worker, so a slow or stalled mail server never
// holds up switching panes or workspaces. Closing the workspace cancels it and waits for
// it. The outcome shows like background work's (the pane on screen reloads). Called on
// the worker (a pane's Go task).
func (s *Shell) sendNow(_ context.Context, st *inbox.Store) error {
	sess := s.sess
	if s.opts.SendNow == nil || sess == nil || sess.ws != st.Workspace() {
		return nil // replies wait in the outbox for the background's next round
	}
	sess.sending.Add(1)
	go func() {
		defer sess.sending.Done()
		sess.sendMu.Lock()
		err := s.opts.SendNow(sess.ctx, st)
		sess.sendMu.Unlock()
		if sess.ctx.Err() != nil {
			return
		}
		if err != nil { // the reply stays in the outbox with its reason
			s.showError(lang.L("The reply could not be sent"), err)
		}
		s.work.do(func() {
			if s.sess == sess {
				s.showBackground(sess)
			}
		})
	}()
	return nil
}
