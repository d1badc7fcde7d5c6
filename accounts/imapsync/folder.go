package imapsync

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"switchboard/workspace/mail"
)

// syncFolder brings one folder up to date: UIDVALIDITY, new mail, flags, expunges.
func (s *Syncer) syncFolder(ctx context.Context, f mail.Folder, prog *progress, sum *Summary) error {
	var sel *imap.SelectData
	err := s.do(ctx, func(c *imapclient.Client) error {
		var err error
		sel, err = c.Select(f.Name, &imap.SelectOptions{CondStore: s.condstore()}).Wait()
		return err
	})
	if err != nil {
		return fmt.Errorf("SELECT: %w", err)
	}
	if f.UIDValidity != 0 && sel.UIDValidity != f.UIDValidity {
		s.logf("%s: UIDVALIDITY changed from %d to %d; fetching the folder again", f.Name, f.UIDValidity, sel.UIDValidity)
		if err := s.store.BeginResync(ctx, f.ID, sel.UIDValidity); err != nil {
			return err
		}
		f.UIDNext, f.HighestModSeq, f.Messages, f.Resyncing = 1, 0, 0, true
		sum.Resynced++
	}
	f.UIDValidity = sel.UIDValidity
	known := f.UIDNext // UIDs below this were stored before this pass

	// Flags first, for the mail already here: what arrives new carries its own flags.
	if known > 1 {
		n, err := s.syncFlags(ctx, f, sel)
		if err != nil {
			return err
		}
		sum.FlagsUpdated += n
	}

	prog.folder = f.Name
	if uint32(sel.UIDNext) > f.UIDNext || sel.UIDNext == 0 {
		res, err := s.fetchNew(ctx, f, prog)
		if err != nil {
			return err
		}
		sum.New += res.New
		sum.Existing += res.Existing
	}

	if known > 1 {
		n, err := s.syncExpunges(ctx, f, sel)
		if err != nil {
			return err
		}
		sum.Expunged += n
	}
	uidNext := uint32(sel.UIDNext)
	if uidNext == 0 {
		cur, err := s.store.SyncFolders(ctx, s.acct.ID)
		if err != nil {
			return err
		}
		for _, c := range cur {
			if c.ID == f.ID {
				uidNext = c.UIDNext
			}
		}
	}
	return s.store.SaveFolderState(ctx, f.ID, mail.FolderState{
		UIDValidity: sel.UIDValidity, UIDNext: uidNext, HighestModSeq: sel.HighestModSeq, ServerCount: int(sel.NumMessages),
	})
}

// syncFlags reads flags changed on the server: with CONDSTORE only those changed since
// the stored HIGHESTMODSEQ, otherwise all of them, compared with what is stored.
func (s *Syncer) syncFlags(ctx context.Context, f mail.Folder, sel *imap.SelectData) (int, error) {
	if s.condstore() && f.HighestModSeq != 0 && sel.HighestModSeq == f.HighestModSeq {
		return 0, nil
	}
	opts := &imap.FetchOptions{UID: true, Flags: true}
	if s.condstore() && f.HighestModSeq != 0 {
		opts.ChangedSince = f.HighestModSeq
	}
	local := map[uint32]mail.Flags{}
	if opts.ChangedSince == 0 {
		var err error
		if local, err = s.store.LocalFlags(ctx, f.ID); err != nil {
			return 0, err
		}
	}
	changed := map[uint32]mail.Flags{}
	set := imap.UIDSet{imap.UIDRange{Start: 1, Stop: imap.UID(f.UIDNext - 1)}}
	err := s.do(ctx, func(c *imapclient.Client) error {
		cmd := c.Fetch(set, opts)
		for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
			buf, err := msg.Collect()
			if err != nil {
				cmd.Close()
				return err
			}
			uid, fl := uint32(buf.UID), toFlags(buf.Flags)
			if old, ok := local[uid]; opts.ChangedSince != 0 || ok && old != fl {
				changed[uid] = fl
			}
		}
		return cmd.Close()
	})
	if err != nil {
		return 0, fmt.Errorf("fetching flags: %w", err)
	}
	return len(changed), s.store.UpdateFlags(ctx, f.ID, changed)
}

// syncExpunges removes locations of mail gone from the server. It reads both UID lists
// only when the server's count and ours disagree.
func (s *Syncer) syncExpunges(ctx context.Context, f mail.Folder, sel *imap.SelectData) (int, error) {
	n, err := s.store.LocationCount(ctx, f.ID)
	if err != nil || n == int(sel.NumMessages) {
		return 0, err
	}
	local, err := s.store.LocalFlags(ctx, f.ID)
	if err != nil {
		return 0, err
	}
	server := map[imap.UID]bool{}
	err = s.do(ctx, func(c *imapclient.Client) error {
		var opts *imap.SearchOptions
		if s.caps.Has(imap.CapESearch) {
			opts = &imap.SearchOptions{ReturnAll: true}
		}
		data, err := c.UIDSearch(&imap.SearchCriteria{}, opts).Wait()
		if err != nil {
			return err
		}
		for _, u := range data.AllUIDs() {
			server[u] = true
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("listing UIDs: %w", err)
	}
	var gone []uint32
	for uid := range local {
		if !server[imap.UID(uid)] {
			gone = append(gone, uid)
		}
	}
	return len(gone), s.store.RemoveUIDs(ctx, f.ID, gone)
}
