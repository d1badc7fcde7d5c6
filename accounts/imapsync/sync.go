// Package imapsync keeps a faithful copy of a workspace's IMAP mail in its database.
//
// One Syncer per account owns one connection (aerc's design). A pass brings every synced
// folder (INBOX, Sent, and folders the user chose) up to date:
//
//   - STATUS for all folders in one round trip; a folder whose UIDVALIDITY, UIDNEXT,
//     MESSAGES and HIGHESTMODSEQ match what is stored is skipped, so a pass over an
//     unchanged mailbox costs one login and one round trip, and reads the database
//     without scanning it or writing to it. LIST runs only when INBOX or Sent is not
//     known yet, a folder went away, or (while Run keeps going) hourly;
//   - local flag changes are written back first, so the server's state read next wins
//     only where nobody here changed anything;
//   - new UIDs are fetched (BODY.PEEK[], never marking mail read) in batches, streamed
//     message by message, parsed on other goroutines and
//     written in large transactions that also move the folder's UID cursor;
//   - flag changes come from CHANGEDSINCE when the server has CONDSTORE, else from a
//     FLAGS fetch; expunges from comparing UID sets when the counts disagree;
//   - a changed UIDVALIDITY refetches the folder, re-attaching mail to the same messages
//     and conversations by Message-ID.
//
// Run adds IDLE, reconnection with backoff, and periodic passes.
package imapsync

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"switchboard/accounts/mailconn"
	"switchboard/workspace"
	"switchboard/workspace/mail"
)

// Passwords reads an account's password; accounts/secrets.Store implements it.
type Passwords interface {
	Get(ctx context.Context, workspaceID, key string) (string, error)
}

// Progress is reported while new mail is stored: Done of about Total messages.
type Progress struct {
	Account string // email address
	Folder  string
	Done    int
	Total   int
}

// Options configure a Syncer; zero values are the defaults.
type Options struct {
	Passwords Passwords
	Conn      mailconn.Options
	// Progress, if set, is called from the sync goroutine; keep it quick.
	Progress func(Progress)
	// Logf, if set, receives one line per noteworthy event (never a password).
	Logf func(format string, args ...any)
	// IdleRestart ends each IDLE and runs a pass after this long (default 10 minutes,
	// below the 29 minutes after which servers may drop an idle client).
	IdleRestart time.Duration
	// FetchBatch is how many UIDs one FETCH asks for (default 1000).
	FetchBatch int
}

// Summary is what a pass did.
type Summary struct {
	Folders      int           `json:"folders"`
	Skipped      int           `json:"unchanged_folders"`
	New          int           `json:"new"`
	Existing     int           `json:"already_stored"`
	FlagsUpdated int           `json:"flags_updated"`
	Expunged     int           `json:"expunged"`
	Resynced     int           `json:"resynced_folders"` // refetched after a UIDVALIDITY change
	Removed      int           `json:"removed"`
	FlagsPushed  int           `json:"flags_written_back"`
	Duration     time.Duration `json:"duration_ns"`
}

func (s Summary) String() string {
	return fmt.Sprintf("%d folders (%d unchanged): %d new, %d already stored, %d flag updates, %d expunged, %d removed, %d flags written back, in %v",
		s.Folders, s.Skipped, s.New, s.Existing, s.FlagsUpdated, s.Expunged, s.Removed, s.FlagsPushed, s.Duration.Round(time.Millisecond))
}

// Syncer syncs one account of a workspace.
type Syncer struct {
	w     *workspace.Workspace
	store *mail.Store
	acct  mail.Account
	opt   Options

	conn      *mailconn.IMAP
	caps      imap.CapSet
	changed   chan struct{} // the server announced something while idle
	confirmed time.Time     // when the stored folder set was last trusted or LISTed
}

// New prepares a Syncer; nothing is dialed until Pass or Run.
func New(w *workspace.Workspace, acct mail.Account, opt Options) *Syncer {
	if opt.IdleRestart <= 0 {
		opt.IdleRestart = 10 * time.Minute
	}
	if opt.FetchBatch <= 0 {
		opt.FetchBatch = 1000
	}
	return &Syncer{w: w, store: mail.Open(w), acct: acct, opt: opt, changed: make(chan struct{}, 1)}
}

func (s *Syncer) logf(format string, args ...any) {
	if s.opt.Logf != nil {
		s.opt.Logf(s.acct.Email+": "+format, args...)
	}
}

// Once connects, runs one pass and disconnects.
func (s *Syncer) Once(ctx context.Context) (Summary, error) {
	if err := s.connect(ctx); err != nil {
		return Summary{}, err
	}
	defer s.disconnect()
	return s.Pass(ctx)
}

func (s *Syncer) connect(ctx context.Context) error {
	if s.acct.Offline() {
		return fmt.Errorf("%s is a local account: it has no server to sync with", s.acct.Email)
	}
	if s.opt.Passwords == nil {
		return errors.New("imapsync: no keyring to read the password from")
	}
	pw, err := s.opt.Passwords.Get(ctx, s.w.ID(), s.acct.ID)
	if err != nil {
		return fmt.Errorf("reading the password of %s from the keyring: %w", s.acct.Email, err)
	}
	if wasRefused(s.w.ID(), s.acct, pw) {
		return &PasswordRefusedError{Account: s.acct.Email}
	}
	signal := func() {
		select {
		case s.changed <- struct{}{}:
		default:
		}
	}
	handler := &imapclient.UnilateralDataHandler{
		Expunge: func(uint32) { signal() },
		Mailbox: func(*imapclient.UnilateralDataMailbox) { signal() },
		Fetch: func(m *imapclient.FetchMessageData) {
			m.Collect() // the client's reader waits until the message is consumed
			signal()
		},
	}
	c, err := mailconn.DialIMAP(ctx, s.acct, pw, s.opt.Conn, handler)
	if errors.Is(err, mailconn.ErrAuthRefused) {
		rememberRefused(s.w.ID(), s.acct, pw)
		return &PasswordRefusedError{Account: s.acct.Email, Err: err}
	}
	if err != nil {
		return err
	}
	s.conn, s.caps = c, c.Caps()
	return nil
}

func (s *Syncer) disconnect() {
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
}

// do runs fn under the connection's deadline.
func (s *Syncer) do(ctx context.Context, fn func(c *imapclient.Client) error) error {
	return s.conn.Do(ctx, func() error { return fn(s.conn.Client) })
}

func (s *Syncer) condstore() bool { return s.caps.Has(imap.CapCondStore) }

// Pass brings every folder of the account up to date over the open connection.
func (s *Syncer) Pass(ctx context.Context) (Summary, error) {
	start := time.Now()
	var sum Summary
	folders, err := s.folders(ctx)
	if err != nil {
		return sum, err
	}
	if err := s.pushFlags(ctx, &sum); err != nil {
		return sum, err
	}
	statuses, refused, err := s.statuses(ctx, folders)
	if err != nil {
		return sum, err
	}
	if len(refused) > 0 {
		if folders, err = s.recheck(ctx, statuses, refused); err != nil {
			return sum, err
		}
	}
	prog := &progress{s: s}
	var todo []mail.Folder
	for _, f := range folders {
		st := statuses[f.Name]
		if st == nil {
			continue
		}
		if s.unchanged(f, st) {
			sum.Skipped++
			continue
		}
		// Counting a folder's mail costs a scan, so only changed folders pay it.
		if f.Messages, err = s.store.LocationCount(ctx, f.ID); err != nil {
			return sum, err
		}
		if st.NumMessages != nil && int(*st.NumMessages) > f.Messages {
			prog.total += int(*st.NumMessages) - f.Messages
		}
		todo = append(todo, f)
	}
	sum.Folders = len(folders)
	sweep := false
	for _, f := range folders {
		sweep = sweep || f.Resyncing
	}
	for _, f := range todo {
		if err := s.syncFolder(ctx, f, prog, &sum); err != nil {
			s.store.SetFolderError(context.WithoutCancel(ctx), f.ID, err.Error())
			return sum, fmt.Errorf("folder %s: %w", f.Name, err)
		}
	}
	if sweep || sum.Resynced > 0 || sum.Expunged > 0 {
		if sum.Removed, err = s.store.Sweep(ctx); err != nil {
			return sum, err
		}
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// recheck follows STATUS commands the server refused. Servers refuse STATUS of a
// deleted folder with or without [NONEXISTENT] (Dovecot without), so LIST tells a folder
// gone (skipped, logged) from a real failure, and finds what replaced it (a renamed
// Sent), whose STATUS is added to statuses. It returns the folders to sync.
func (s *Syncer) recheck(ctx context.Context, statuses map[string]*imap.StatusData, refused map[string]error) ([]mail.Folder, error) {
	folders, onServer, err := s.list(ctx)
	if err != nil {
		return nil, err
	}
	for name, err := range refused {
		if onServer[name] {
			return nil, fmt.Errorf("STATUS %s: %w", name, err)
		}
		s.logf("folder %s no longer exists on the server; skipped", name)
	}
	var fresh []mail.Folder
	for _, f := range folders {
		if _, asked := statuses[f.Name]; !asked {
			fresh = append(fresh, f)
		}
	}
	more, refused, err := s.statuses(ctx, fresh)
	if err != nil {
		return nil, err
	}
	for name, err := range refused {
		return nil, fmt.Errorf("STATUS %s: %w", name, err)
	}
	maps.Copy(statuses, more)
	return folders, nil
}

// unchanged says nothing happened in a folder since its last completed sync. The
// server's own count then (not a count of what is stored here, which costs a scan)
// is enough: SaveFolderState records it only once everything below UIDNEXT is stored.
func (s *Syncer) unchanged(f mail.Folder, st *imap.StatusData) bool {
	if f.Resyncing || f.UIDValidity == 0 || st.NumMessages == nil || !s.condstore() {
		return false // without CONDSTORE flag changes are invisible, so every pass looks
	}
	return st.UIDValidity == f.UIDValidity && uint32(st.UIDNext) == f.UIDNext &&
		int(*st.NumMessages) == f.ServerCount && st.HighestModSeq == f.HighestModSeq
}

// statuses asks STATUS of every folder, all commands in flight at once. Folders the
// server refused (NO) are in refused, with nil in out.
func (s *Syncer) statuses(ctx context.Context, folders []mail.Folder) (out map[string]*imap.StatusData, refused map[string]error, err error) {
	out, refused = map[string]*imap.StatusData{}, map[string]error{}
	opts := &imap.StatusOptions{NumMessages: true, UIDNext: true, UIDValidity: true, HighestModSeq: s.condstore()}
	err = s.do(ctx, func(c *imapclient.Client) error {
		cmds := make([]*imapclient.StatusCommand, len(folders))
		for i, f := range folders {
			cmds[i] = c.Status(f.Name, opts)
		}
		for i, cmd := range cmds {
			st, err := cmd.Wait()
			var ie *imap.Error
			if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
				out[folders[i].Name], refused[folders[i].Name] = nil, err
				continue
			}
			if err != nil {
				return fmt.Errorf("STATUS %s: %w", folders[i].Name, err)
			}
			out[folders[i].Name] = st
		}
		return nil
	})
	return out, refused, err
}

// relistEvery is how long a running Syncer trusts the folder set it knows before it
// LISTs again (a Sent folder may be created or marked \Sent later).
const relistEvery = time.Hour

// folders returns every folder to sync. LIST is skipped while INBOX and Sent are both
// stored and the set was confirmed within relistEvery: on an unchanged mailbox it is a
// round trip that finds nothing.
func (s *Syncer) folders(ctx context.Context) ([]mail.Folder, error) {
	have, err := s.store.SyncFolders(ctx, s.acct.ID)
	if err != nil {
		return nil, err
	}
	if s.confirmed.IsZero() {
		s.confirmed = time.Now() // what an earlier pass stored, possibly in another process
	}
	if hasRoles(have) && time.Since(s.confirmed) < relistEvery {
		return have, nil
	}
	have, _, err = s.list(ctx)
	return have, err
}

// list LISTs the server's folders, makes sure INBOX and Sent are stored, and returns
// every folder to sync and the set of names the server has.
func (s *Syncer) list(ctx context.Context) ([]mail.Folder, map[string]bool, error) {
	var list []*imap.ListData
	err := s.do(ctx, func(c *imapclient.Client) error {
		var opts *imap.ListOptions
		if s.caps.Has(imap.CapSpecialUse) {
			opts = &imap.ListOptions{ReturnSpecialUse: true}
		}
		var err error
		list, err = c.List("", "*", opts).Collect()
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing folders: %w", err)
	}
	s.confirmed = time.Now()
	onServer := map[string]bool{}
	for _, l := range list {
		onServer[l.Mailbox] = true
	}
	have, err := s.store.SyncFolders(ctx, s.acct.ID)
	if err != nil {
		return nil, nil, err
	}
	want := map[string]mail.Role{"INBOX": mail.RoleInbox}
	if sent := SentFolder(list); sent != "" {
		want[sent] = mail.RoleSent
	}
	for _, f := range have {
		if want[f.Name] == f.Role {
			delete(want, f.Name)
		}
	}
	if len(want) == 0 {
		return have, onServer, nil // the usual case: no write at all
	}
	for name, role := range want {
		if _, err := s.store.EnsureFolder(ctx, s.acct.ID, name, role); err != nil {
			return nil, nil, err
		}
	}
	have, err = s.store.SyncFolders(ctx, s.acct.ID)
	return have, onServer, err
}

// hasRoles says whether both INBOX and a Sent folder are stored.
func hasRoles(folders []mail.Folder) bool {
	var inbox, sent bool
	for _, f := range folders {
		inbox = inbox || f.Role == mail.RoleInbox
		sent = sent || f.Role == mail.RoleSent
	}
	return inbox && sent
}

// progress spreads Done/Total over the folders of a pass.
type progress struct {
	s           *Syncer
	done, total int
	folder      string
}

func (p *progress) add(n int) {
	p.done += n
	p.total = max(p.total, p.done)
	if p.s.opt.Progress != nil {
		p.s.opt.Progress(Progress{Account: p.s.acct.Email, Folder: p.folder, Done: p.done, Total: p.total})
	}
}

func toFlags(list []imap.Flag) mail.Flags {
	var f mail.Flags
	for _, fl := range list {
		switch fl {
		case imap.FlagSeen:
			f |= mail.Seen
		case imap.FlagAnswered:
			f |= mail.Answered
		case imap.FlagFlagged:
			f |= mail.Flagged
		}
	}
	return f
}

var imapFlag = map[mail.Flags]imap.Flag{mail.Seen: imap.FlagSeen, mail.Answered: imap.FlagAnswered, mail.Flagged: imap.FlagFlagged}

// pushFlags writes local flag changes back to the server.
func (s *Syncer) pushFlags(ctx context.Context, sum *Summary) error {
	changes, err := s.store.PendingFlagChanges(ctx, s.acct.ID)
	if err != nil || len(changes) == 0 {
		return err
	}
	var done []int64
	selected := ""
	for _, ch := range changes {
		err := s.do(ctx, func(c *imapclient.Client) error {
			if selected != ch.Folder {
				if _, err := c.Select(ch.Folder, nil).Wait(); err != nil {
					return err
				}
				selected = ch.Folder
			}
			var set imap.UIDSet
			for _, u := range ch.UIDs {
				set.AddNum(imap.UID(u))
			}
			op := imap.StoreFlagsAdd
			if !ch.On {
				op = imap.StoreFlagsDel
			}
			return c.Store(set, &imap.StoreFlags{Op: op, Silent: true, Flags: []imap.Flag{imapFlag[ch.Flag]}}, nil).Close()
		})
		if err != nil {
			return fmt.Errorf("writing flags back to %s: %w", ch.Folder, err)
		}
		done = append(done, ch.ID)
		sum.FlagsPushed++
	}
	return s.store.DoneFlagChanges(ctx, done)
}
