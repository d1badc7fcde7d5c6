package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	netmail "net/mail"
	"path"
	"sort"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/inbox/inboxdemo"
)

// mailFolders maps the seed's folders to the workspace's local folders: INBOX holds what
// customers sent, Sent what the team wrote ("Sent" makes the store count it as ours).
var mailFolders = []struct{ dir, folder string }{{"mail/inbox", "INBOX"}, {"mail/sent", "Sent"}}

// newestAge is how long ago the newest seed message arrives.
//
// The seed files carry fixed dates in the ten days before 2026-01-01. Every Date header
// is moved by the same amount, so the newest message arrives an hour before the demo is
// created and the rest keep their spacing as written: the demo always looks like this
// week's inbox, with this morning's complaints unanswered and last week's thread resolved.
const newestAge = time.Hour

// seedMail imports mail/inbox/*.eml into INBOX and mail/sent/*.eml into Sent.
func seedMail(ctx context.Context, w *workspace.Workspace, seed Seed) error {
	var msgs []seedMessage
	for _, f := range mailFolders {
		files, err := fs.Glob(seed, f.dir+"/*.eml")
		if err != nil {
			return err
		}
		for _, name := range files {
			raw, err := fs.ReadFile(seed, name)
			if err != nil {
				return fmt.Errorf("demo mail: %w", err)
			}
			msgs = append(msgs, seedMessage{name: name, folder: f.folder, raw: raw})
		}
	}
	if len(msgs) == 0 {
		return errors.New("demo mail: no .eml files under mail/inbox or mail/sent")
	}
	if err := shiftDates(msgs, time.Now()); err != nil {
		return err
	}
	// In the order they were written, as a synced mailbox would have received them: a
	// conversation takes its subject and customer from its first message, so a reply
	// stored first would title the thread "Re: …" or "Automatic reply: …".
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].date.Before(msgs[j].date) })
	for len(msgs) > 0 {
		n := 1
		for n < len(msgs) && msgs[n].folder == msgs[0].folder {
			n++
		}
		raws := make([][]byte, n)
		for i := range raws {
			raws[i] = msgs[i].raw
		}
		if _, err := seed.Import(ctx, w, msgs[0].folder, raws); err != nil {
			return fmt.Errorf("demo mail into %s: %w", msgs[0].folder, err)
		}
		msgs = msgs[n:]
	}
	return nil
}

// seedMessage is one seed file on its way into a folder.
type seedMessage struct {
	name, folder string
	raw          []byte
	date         time.Time // after shiftDates
}

// seedTriage labels, assigns and files the imported conversations from mail/triage.json.
func seedTriage(ctx context.Context, w *workspace.Workspace, seed Seed) error {
	b, err := fs.ReadFile(seed, path.Join("mail", "triage.json"))
	if err != nil {
		return fmt.Errorf("demo triage: %w", err)
	}
	var plan inboxdemo.Plan
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields() // a misspelt key would silently drop a status or a note
	if err := dec.Decode(&plan); err != nil {
		return fmt.Errorf("demo triage mail/triage.json: %w", err)
	}
	return inboxdemo.SeedPlan(ctx, w, plan)
}

// shiftDates rewrites each message's Date header in place (see newestAge). Every seed
// message must have a valid Date: one without would land at "now" and top the list.
func shiftDates(msgs []seedMessage, now time.Time) error {
	spans := make([][2]int, len(msgs))
	var newest time.Time
	for i, m := range msgs {
		start, end, ok := dateValue(m.raw)
		if !ok {
			return fmt.Errorf("demo mail %s: no Date header", m.name)
		}
		t, err := netmail.ParseDate(string(bytes.TrimSpace(m.raw[start:end])))
		if err != nil {
			return fmt.Errorf("demo mail %s: %w", m.name, err)
		}
		msgs[i].date, spans[i] = t, [2]int{start, end}
		if t.After(newest) {
			newest = t
		}
	}
	shift := now.Add(-newestAge).Sub(newest)
	for i, m := range msgs {
		msgs[i].date = m.date.Add(shift) // keeps the sender's zone
		s := spans[i]
		raw := append(make([]byte, 0, len(m.raw)+8), m.raw[:s[0]]...)
		raw = append(raw, " "+msgs[i].date.Format(time.RFC1123Z)...)
		msgs[i].raw = append(raw, m.raw[s[1]:]...)
	}
	return nil
}

// dateValue finds the value of the header block's Date field: raw[start:end] is what
// follows "Date:" up to the line end. Seed files write it on one line.
func dateValue(raw []byte) (start, end int, ok bool) {
	for pos := 0; pos < len(raw); {
		eol := bytes.IndexByte(raw[pos:], '\n')
		if eol < 0 {
			eol = len(raw) - pos
		}
		line := bytes.TrimRight(raw[pos:pos+eol], "\r")
		if len(line) == 0 {
			return 0, 0, false // end of the header block
		}
		if len(line) > 5 && bytes.EqualFold(line[:5], []byte("date:")) {
			return pos + 5, pos + len(line), true
		}
		pos += eol + 1
	}
	return 0, 0, false
}
