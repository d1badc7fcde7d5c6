package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// backgroundBatch is how long background changes gather before the window shows them: a
// sync storing thousands of messages reloads the view once a second, not per message.
const backgroundBatch = time.Second

// startBackground starts Options.Background for a session just opened. Worker only.
func (s *Shell) startBackground(sess *session) {
	if s.opts.Background == nil {
		return
	}
	sess.stop = s.opts.Background(sess.ctx, sess.ws, func() {
		if !sess.pending.CompareAndSwap(false, true) {
			return
		}
		s.after(backgroundBatch, func() {
			s.work.do(func() {
				sess.pending.Store(false)
				if s.sess == sess {
					s.showBackground(sess)
				}
			})
		})
	})
}

// showBackground reloads what background work may have changed: the open workspace's
// unread count (only it is worked on) and the pane in view; in Settings only the mail
// accounts, so a name being typed there is not overwritten. Worker only.
func (s *Shell) showBackground(sess *session) {
	s.checkDamage(sess) // the background's own writes may be what found it
	info := sess.ws.Info()
	n := -1
	if s.opts.Unread != nil {
		n = s.opts.Unread(sess.ctx, info)
	}
	banner := s.readCrisisBanner(sess.ctx, sess.ws, false) // new mail may have made a wave
	failing := s.syncFailing(sess.ctx, sess.ws)
	fyne.Do(func() {
		if s.current.ID != info.ID {
			return
		}
		s.showCrisisBanner(banner)
		if s.switcher.failing[info.ID] != failing {
			s.switcher.failing = map[string]bool{info.ID: failing}
			s.switcher.list.Refresh()
		}
		if n >= 0 && s.switcher.unread[info.ID] != n {
			s.switcher.unread[info.ID] = n
			s.switcher.list.Refresh()
		}
		i := s.tabs.SelectedIndex()
		if i < 0 {
			return
		}
		p := s.panes[i]
		if p.ID() == "settings" {
			if p = s.opts.MailAccounts; p == nil {
				return
			}
		}
		s.work.do(func() {
			if s.sess == sess {
				s.load(p)
			}
		})
	})
}
