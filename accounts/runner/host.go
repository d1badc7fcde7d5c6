package runner

import (
	"context"
	"fmt"
	"sync"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
)

// Host runs the Runner of the workspace open in the window, one at a time.
type Host struct {
	opt Options

	mu  sync.Mutex
	cur *Runner // nil while no workspace is open
}

// NewHost returns a Host whose Runners use opt.
func NewHost(opt Options) *Host { return &Host{opt: opt} }

// Start runs w's Runner until stop is called (or ctx ends); notify is called, from the
// Runner's goroutines, after each of its events. stop cancels the Runner and returns
// once nothing of it runs any more, so the workspace can be closed right after.
func (h *Host) Start(ctx context.Context, w *workspace.Workspace, notify func()) (stop func()) {
	r := New(w, h.opt, func(Event) { notify() })
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	h.mu.Lock()
	h.cur = r
	h.mu.Unlock()
	go func() {
		defer close(done)
		r.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
		h.mu.Lock()
		if h.cur == r {
			h.cur = nil
		}
		h.mu.Unlock()
	}
}

// Runner returns the running Runner of this workspace, or nil.
func (h *Host) Runner(workspaceID string) *Runner {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur != nil && h.cur.w.ID() == workspaceID {
		return h.cur
	}
	return nil
}

// SendNow is the Inbox's "Send": the replies due in s's workspace go out through that
// workspace's Runner, the only one that sends, so two rounds never settle each other's
// submissions.
func (h *Host) SendNow(ctx context.Context, s *inbox.Store) error {
	r := h.Runner(s.Workspace().ID())
	if r == nil {
		return fmt.Errorf("workspace %q is not open for sending; the reply waits in its outbox", s.Workspace().Info().Name)
	}
	return r.SendNow(ctx)
}

// Unread is the switcher's count: the open workspace's unanswered conversations. Other
// workspaces show none, because counting would mean opening their databases.
func (h *Host) Unread(ctx context.Context, info workspace.Info) int {
	r := h.Runner(info.ID)
	if r == nil {
		return 0
	}
	p, err := r.inbox.List(ctx, inbox.Query{View: inbox.ViewUnanswered, Limit: 1})
	if err != nil {
		return 0
	}
	return p.Total
}

// Paused runs fn with the sync workers of this workspace stopped, if it is running, and
// starts them again for its accounts as they are then (an account added, changed or
// removed in Settings).
func (h *Host) Paused(workspaceID string, fn func() error) error {
	if r := h.Runner(workspaceID); r != nil {
		return r.Paused(fn)
	}
	return fn()
}
