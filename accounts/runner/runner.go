package runner

import (
	"context"
	"fmt"
	"sync"
	"time"

	"switchboard/accounts/imapsync"
	"switchboard/accounts/mailconn"
	"switchboard/accounts/smtpsend"
	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// Passwords reads an account's password; *secrets.Store implements it.
type Passwords interface {
	Get(ctx context.Context, workspaceID, key string) (string, error)
}

// Options configure a Runner; zero values are the defaults.
type Options struct {
	Passwords Passwords
	Conn      mailconn.Options     // deadlines; tests' trusted roots
	Every     time.Duration        // how often the clock and the outbox run (default a minute)
	Now       func() time.Time     // the clock (default time.Now)
	Logf      func(string, ...any) // one line per noteworthy event, never a password
}

// Event is something the window may want to show. Exactly one of the pointers is set,
// or only Err for a failure of the Runner's own rounds.
type Event struct {
	Account  string // the account's id, for sync events
	Progress *imapsync.Progress
	Summary  *imapsync.Summary  // a sync pass ended
	Tick     *inbox.TickResult  // snoozed or resolved conversations came back
	Send     *outbox.SendReport // replies went out, or failed to
	Schedule *ScheduleEvent     // follow-ups, holds for review, auto-replies
	Err      error              // with Account: the sync failed and is retried
}

// Runner runs the background work of one open workspace.
type Runner struct {
	w      *workspace.Workspace
	opt    Options
	events func(Event)
	inbox  *inbox.Store  // the clock (Tick)
	outbox *outbox.Store // the only outbox that sends: SendDue is serialised per Store
	mailer outbox.Mailer // nil when setup failed
	// offline: every account is local (the demo workspace), so nothing reaches the network.
	offline bool
	setup   error // why there is no mailer: Run reports it, syncs and sends nothing, but runs the clock

	mu       sync.Mutex      // held while sync workers start or stop
	ctx      context.Context // Run's; nil outside Run
	stopSync context.CancelFunc
	syncing  sync.WaitGroup

	stateMu sync.Mutex
	states  map[string]State

	schedMu sync.Mutex // one round of scheduled work at a time (rounds and SendNow)
}

// New prepares the Runner of w; events (may be nil) is called from the Runner's
// goroutines and must not block.
func New(w *workspace.Workspace, opt Options, events func(Event)) *Runner {
	if opt.Every <= 0 {
		opt.Every = time.Minute
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if events == nil {
		events = func(Event) {}
	}
	r := &Runner{
		w: w, opt: opt, events: events,
		inbox:  inbox.NewStore(w, inboxcore.Options{Now: opt.Now}),
		outbox: outbox.New(w, inboxcore.Options{Now: opt.Now}),
		states: map[string]State{},
	}
	// Decided once, here, so every round and SendNow use the same mailer.
	r.mailer, r.offline, r.setup = smtpsend.ForWorkspace(context.Background(), w, opt.Passwords, smtpsend.Options{Conn: opt.Conn})
	return r
}

// Offline tells whether this Runner stays off the network: every account is local (the
// demo workspace's is), so it starts no sync worker and keeps its replies locally.
func (r *Runner) Offline() bool { return r.offline }

// Workspace is the workspace this Runner works for.
func (r *Runner) Workspace() *workspace.Workspace { return r.w }

// Run syncs every account and runs the clock (inbox.Tick: the only caller in the window)
// and the outbox until ctx ends, then returns
// once all of it has stopped.
func (r *Runner) Run(ctx context.Context) {
	if r.setup != nil {
		// Snoozes still wake and follow-ups still come due in a workspace that cannot
		// send (no account yet, no password): the clock is the Runner's alone, since the
		// window's reads never write.
		r.emit(Event{Err: r.setup})
		r.rounds(ctx)
		return
	}
	r.mu.Lock()
	r.ctx = ctx
	r.startSync()
	r.mu.Unlock()

	r.rounds(ctx)

	r.mu.Lock()
	r.stopSyncLocked()
	r.ctx = nil
	r.mu.Unlock()
}

// Paused runs fn with no sync worker running, then starts one for each account as the
// accounts are then: for removing or changing an account without its worker writing
// meanwhile. Outside Run it just runs fn.
func (r *Runner) Paused(fn func() error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopSyncLocked()
	err := fn()
	if r.ctx != nil && r.ctx.Err() == nil {
		r.startSync()
	}
	return err
}

// startSync starts one worker per account that has servers (a local account syncs
// nothing). r.mu held, r.ctx set.
func (r *Runner) startSync() {
	accts, err := mail.Open(r.w).Accounts(r.ctx)
	if err != nil {
		r.emit(Event{Err: fmt.Errorf("reading the mail accounts: %w", err)})
		return
	}
	r.forgetStates(accts)
	ctx, cancel := context.WithCancel(r.ctx)
	r.stopSync = cancel
	for _, a := range accts {
		if a.Offline() {
			continue
		}
		s := imapsync.New(r.w, a, imapsync.Options{
			Passwords: r.opt.Passwords,
			Conn:      r.opt.Conn,
			Logf:      r.opt.Logf,
			Progress:  func(p imapsync.Progress) { r.progress(a.ID, p) },
		})
		r.syncing.Go(func() { s.Run(ctx, func(e imapsync.Event) { r.synced(a.ID, e) }) })
	}
}

// stopSyncLocked cancels the sync workers and waits for them. r.mu held.
func (r *Runner) stopSyncLocked() {
	if r.stopSync != nil {
		r.stopSync()
		r.stopSync = nil
	}
	r.syncing.Wait()
}

func (r *Runner) emit(e Event) {
	if e.Err != nil && r.opt.Logf != nil {
		r.opt.Logf("%s: %v", r.w.Info().Name, e.Err)
	}
	r.events(e)
}
