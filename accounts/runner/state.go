package runner

import (
	"time"

	"switchboard/accounts/imapsync"
	"switchboard/workspace/mail"
)

// State is what the Runner knows of an account's sync since the workspace was opened;
// the last pass of earlier sessions is in the folders' sync state.
type State struct {
	Syncing     bool // new mail is being stored: Done of about Total
	Done, Total int
	LastPass    time.Time // zero until a pass has ended in this session
	Err         string    // the last failure (retried with backoff); empty after a good pass
}

// State returns the account's sync state (zero when nothing happened yet).
func (r *Runner) State(accountID string) State {
	r.stateMu.Lock()
	defer r.stateMu.Unlock()
	return r.states[accountID]
}

func (r *Runner) update(accountID string, fn func(*State)) {
	r.stateMu.Lock()
	st := r.states[accountID]
	fn(&st)
	r.states[accountID] = st
	r.stateMu.Unlock()
}

func (r *Runner) progress(accountID string, p imapsync.Progress) {
	r.update(accountID, func(st *State) {
		st.Syncing, st.Done, st.Total = p.Done < p.Total, p.Done, p.Total
	})
	r.emit(Event{Account: accountID, Progress: &p})
}

func (r *Runner) synced(accountID string, e imapsync.Event) {
	now := r.opt.Now()
	r.update(accountID, func(st *State) {
		st.Syncing, st.Done, st.Total = false, 0, 0
		if e.Err != nil {
			st.Err = e.Err.Error()
		} else {
			st.Err, st.LastPass = "", now
		}
	})
	r.emit(Event{Account: accountID, Summary: e.Summary, Err: e.Err})
}

// forgetStates drops the states of accounts that are gone.
func (r *Runner) forgetStates(accts []mail.Account) {
	keep := map[string]bool{}
	for _, a := range accts {
		keep[a.ID] = true
	}
	r.stateMu.Lock()
	defer r.stateMu.Unlock()
	for id := range r.states {
		if !keep[id] {
			delete(r.states, id)
		}
	}
}
