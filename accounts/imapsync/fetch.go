package imapsync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"switchboard/workspace/mail"
)

const (
	chunkSize   = 64              // messages handed between pipeline stages at once...
	chunkBytes  = 1 << 20         // ...or fewer, once they hold this many bytes...
	chunkEvery  = time.Second     // ...or have taken this long to arrive (a slow link)
	commitBytes = 24 << 20        // raw bytes after which a transaction is committed mid-batch
	commitEvery = 2 * time.Second // and the time: a killed or cut run loses at most this much
)

// batch is a run of messages from one FETCH. uidNext is where the folder's UID cursor may
// move once they are stored: past every UID the FETCH asked for at its end (last), and
// mid-FETCH past the longest run of asked-for UIDs that have all arrived, so a run cut
// short still moves the cursor over what it stored and the next one does not fetch it again.
type batch struct {
	msgs    []mail.Incoming
	last    bool
	uidNext uint32
}

// fetchNew stores every message with a UID at or above the folder's cursor. Three stages
// overlap: this goroutine reads FETCH responses, parsers turn chunks into mail.Parsed,
// and the writer stores them in large transactions, so the network, the parser and
// SQLite work at the same time and memory holds only a few chunks.
func (s *Syncer) fetchNew(ctx context.Context, f mail.Folder, prog *progress) (mail.IngestResult, error) {
	var total mail.IngestResult
	uids, err := s.newUIDs(ctx, f)
	if err != nil || len(uids) == 0 {
		return total, err
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	parsed := make(chan batch, 2)
	raw := make(chan batch, 2)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // parser: keeps chunk order, spreads each chunk over the cores
		defer wg.Done()
		defer close(parsed)
		for b := range raw {
			parseAll(b.msgs)
			select {
			case parsed <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	writeErr := make(chan error, 1)
	go func() {
		err := s.write(ctx, f, parsed, prog, &total)
		if err != nil {
			cancel() // stops the parser and the fetch
		}
		writeErr <- err
	}()

	// When the fetch fails (a cut, a stall) the writer still stores every message that
	// arrived whole, and moves the cursor over them, before it ends: on a link that drops
	// more often than a batch takes, each run then moves forward instead of starting over.
	fetchErr := s.stream(ctx, uids, raw)
	close(raw)
	err = <-writeErr
	wg.Wait()
	return total, cause(parent, fetchErr, err)
}

// cause picks the error to report when either stage of fetchNew failed. Each stage
// cancels the other when it fails, and the other then fails with "context canceled":
// that is an effect, and reporting it hid a cut or stalled connection (or a full disk)
// behind it. Only when the caller's own context ended is cancellation the cause.
func cause(parent context.Context, fetchErr, writeErr error) error {
	if err := parent.Err(); err != nil && (fetchErr != nil || writeErr != nil) {
		return err
	}
	ownCancel := func(err error) bool { return errors.Is(err, context.Canceled) }
	switch {
	case writeErr != nil && !ownCancel(writeErr):
		return writeErr
	case fetchErr != nil && !ownCancel(fetchErr):
		return fetchErr
	case writeErr != nil:
		return writeErr
	}
	return fetchErr
}

// newUIDs lists UIDs at or above the cursor.
func (s *Syncer) newUIDs(ctx context.Context, f mail.Folder) ([]imap.UID, error) {
	var uids []imap.UID
	err := s.do(ctx, func(c *imapclient.Client) error {
		var opts *imap.SearchOptions
		if s.caps.Has(imap.CapESearch) {
			opts = &imap.SearchOptions{ReturnAll: true}
		}
		crit := &imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: imap.UID(f.UIDNext), Stop: 0}}}}
		data, err := c.UIDSearch(crit, opts).Wait()
		if err != nil {
			return err
		}
		for _, u := range data.AllUIDs() {
			if uint32(u) >= f.UIDNext { // "n:*" always includes the highest UID
				uids = append(uids, u)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("searching new mail: %w", err)
	}
	return uids, nil
}

// stream sends FETCH commands for uids in batches and passes the messages on in chunks.
// One FETCH at a time: Dovecot answers pipelined FETCHes before the earlier one's tagged
// OK, and imapclient's reader then blocks on a literal nobody reads yet; with batches of
// FetchBatch UIDs the round trips between them cost little.
func (s *Syncer) stream(ctx context.Context, uids []imap.UID, out chan<- batch) error {
	opts := &imap.FetchOptions{UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}}
	n := s.opt.FetchBatch
	return s.do(ctx, func(c *imapclient.Client) (err error) {
		var inflight []*imapclient.FetchCommand
		var ends []imap.UID
		next := 0
		var cur fetchCursor // of the FETCH being read
		send := func() {
			if next >= len(uids) {
				return
			}
			end := min(next+n, len(uids))
			var set imap.UIDSet
			set.AddRange(uids[next], uids[end-1])
			if int(uids[end-1]-uids[next]) != end-next-1 { // not contiguous: list them
				set = imap.UIDSet{}
				for _, u := range uids[next:end] {
					set.AddNum(u)
				}
			}
			inflight = append(inflight, c.Fetch(set, opts))
			ends = append(ends, uids[end-1])
			if len(inflight) == 1 {
				cur = newFetchCursor(uids[next:end])
			}
			next = end
		}
		defer func() {
			if err != nil {
				s.conn.Abort()
				return
			}
			for _, cmd := range inflight {
				cmd.Close()
			}
		}()
		send()
		for len(inflight) > 0 {
			cmd := inflight[0]
			var b batch
			size, since := 0, time.Now()
			// flush hands on the messages that arrived whole, also when the FETCH fails.
			flush := func() error {
				if len(b.msgs) == 0 {
					return nil
				}
				b.uidNext = cur.next()
				err := emit(ctx, out, b)
				b, size, since = batch{}, 0, time.Now()
				return err
			}
			for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
				m, err := readMessage(msg)
				if err != nil {
					return errors.Join(err, flush())
				}
				if m.Raw == nil {
					continue
				}
				b.msgs = append(b.msgs, m)
				cur.arrived(imap.UID(m.UID))
				size += len(m.Raw)
				if len(b.msgs) == chunkSize || size >= chunkBytes || time.Since(since) >= chunkEvery {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := cmd.Close(); err != nil {
				return errors.Join(fmt.Errorf("FETCH: %w", err), flush())
			}
			inflight = inflight[1:]
			b.last, b.uidNext = true, uint32(ends[0])+1
			ends = ends[1:]
			send()
			if err := emit(ctx, out, b); err != nil {
				return err
			}
		}
		return nil
	})
}

// fetchCursor follows which of one FETCH's UIDs have arrived.
type fetchCursor struct {
	want []imap.UID // ascending, as newUIDs lists them
	got  map[imap.UID]bool
	done int // want[:done] have all arrived
}

func newFetchCursor(want []imap.UID) fetchCursor {
	return fetchCursor{want: want, got: map[imap.UID]bool{}}
}

func (c *fetchCursor) arrived(u imap.UID) {
	c.got[u] = true
	for c.done < len(c.want) && c.got[c.want[c.done]] {
		c.done++
	}
}

// next is the lowest UID not yet known to be stored: the cursor may move up to it. UIDs
// between the asked-for ones do not exist (newUIDs listed all there were, and new mail
// gets higher UIDs), so only asked-for UIDs that have not arrived hold it back. 0 when
// nothing arrived yet (Ingest then leaves the cursor alone).
func (c *fetchCursor) next() uint32 {
	switch {
	case c.done == 0:
		return 0
	case c.done < len(c.want):
		return uint32(c.want[c.done])
	}
	return uint32(c.want[len(c.want)-1]) + 1
}

func emit(ctx context.Context, out chan<- batch, b batch) error {
	select {
	case out <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// readMessage takes one FETCH response apart; the body literal is read straight into a
// buffer of its announced size.
func readMessage(msg *imapclient.FetchMessageData) (mail.Incoming, error) {
	var m mail.Incoming
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			m.UID = uint32(it.UID)
		case imapclient.FetchItemDataFlags:
			m.Flags = toFlags(it.Flags)
		case imapclient.FetchItemDataInternalDate:
			m.ReceivedAt = it.Time
		case imapclient.FetchItemDataBodySection:
			if it.Literal == nil {
				continue
			}
			// Read to EOF, not just Size bytes: the client's reader waits for the EOF.
			buf := bytes.NewBuffer(make([]byte, 0, it.Literal.Size()+1))
			if _, err := buf.ReadFrom(it.Literal); err != nil {
				return m, fmt.Errorf("reading message: %w", err)
			}
			if int64(buf.Len()) != it.Literal.Size() { // a cut connection ends the literal early
				return m, fmt.Errorf("reading message: connection lost after %d of %d bytes", buf.Len(), it.Literal.Size())
			}
			m.Raw = buf.Bytes()
		}
	}
	return m, nil
}

// parseAll parses a chunk on all cores.
func parseAll(msgs []mail.Incoming) {
	workers := min(runtime.GOMAXPROCS(0), len(msgs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(msgs); i += workers {
				msgs[i].Parsed = Parse(msgs[i].Raw)
			}
		}()
	}
	wg.Wait()
}

// write stores parsed chunks, committing at the end of each FETCH batch (moving the UID
// cursor) or when enough bytes have piled up (without moving it: a refetch of those is
// harmless, as messages are keyed by Message-ID).
//
// A transaction also ends every commitEvery, and when the input ends early (the fetch
// failed), what is pending is stored: each commit moves the cursor to the batch's uidNext,
// so a killed or cut run keeps what it fetched and the next one starts after it.
func (s *Syncer) write(ctx context.Context, f mail.Folder, in <-chan batch, prog *progress, total *mail.IngestResult) error {
	var pending []mail.Incoming
	var next uint32
	size, since := 0, time.Now()
	commit := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, err := s.store.Ingest(ctx, f.ID, pending, next)
		if err != nil {
			return err
		}
		total.New += res.New
		total.Existing += res.Existing
		prog.add(len(pending))
		pending, size, since = pending[:0:0], 0, time.Now()
		return nil
	}
	for b := range in {
		pending = append(pending, b.msgs...)
		for _, m := range b.msgs {
			size += len(m.Raw)
		}
		next = max(next, b.uidNext)
		if !b.last && size < commitBytes && time.Since(since) < commitEvery {
			continue
		}
		if err := commit(); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err // the caller stopped: nothing more is written
	}
	return commit()
}
