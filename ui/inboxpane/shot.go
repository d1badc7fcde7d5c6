package inboxpane

import (
	"context"
	"os"

	"switchboard/workspace"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/contacts"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
	"switchboard/workspace/mail"
)

// ShowEnv names the environment variable that makes Load open the newest conversation, for
// pictures of the real binary (switchboard --pane inbox --screenshot shot.png):
// "conversation", "composer" (a reply started), "contact" (its contact panel beside it) or
// "outbox" (the replies on their way out in the list's place).
// The shell takes the picture before any task queued during Load runs, so everything shown
// is read inside Load and applied with the list.
const ShowEnv = "SWITCHBOARD_INBOX_SHOW"

// showcase is what ShowEnv asks Load to open, read ahead.
type showcase struct {
	what      string
	row       inbox.Row
	thread    thread
	accounts  []mail.Account
	receiving string
	tone      inbox.Tone
	outbox    []outbox.Item
	contact   contacts.Detail
}

func showRequested() string {
	switch v := os.Getenv(ShowEnv); v {
	case "conversation", "composer", "contact", "outbox":
		return v
	}
	return ""
}

// readShowcase reads the newest conversation of first and what the request shows with it.
func readShowcase(ctx context.Context, ws *workspace.Workspace, s *inbox.Store, first []inbox.Row, what string) (*showcase, error) {
	if what == "" || len(first) == 0 {
		return nil, nil
	}
	sc := &showcase{what: what, row: first[0]}
	var err error
	if sc.thread, err = readThread(ctx, ws, s, sc.row.ID); err != nil {
		return nil, err
	}
	switch what {
	case "composer":
		accounts, err := mail.Open(ws).Accounts(ctx)
		if err != nil {
			return nil, err
		}
		sc.accounts = accounts
		if len(accounts) > 0 {
			a, err := s.ReplyAccount(ctx, sc.row.ID)
			if err != nil {
				return nil, err
			}
			sc.receiving = a.ID
		}
		if sc.tone, err = s.Tone(ctx); err != nil {
			return nil, err
		}
	case "contact":
		if sc.row.ContactID != 0 {
			if sc.contact, err = contacts.New(ws, inboxcore.Options{}).Get(ctx, sc.row.ContactID); err != nil {
				return nil, err
			}
		}
	case "outbox":
		items, err := outbox.New(ws, inboxcore.Options{}).List(ctx, false)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.State != outbox.Sent && it.State != outbox.Cancelled {
				sc.outbox = append(sc.outbox, it)
			}
		}
	}
	return sc, nil
}

// applyShowcase opens what was read ahead as the user would have. UI goroutine.
func (p *Pane) applyShowcase(sc *showcase) {
	p.move(1) // the cursor on the first row, as Enter expects
	p.opened = sc.row.ID
	p.detail.open(sc.row)
	p.detail.show(sc.thread)
	switch sc.what {
	case "composer":
		p.detail.reply()
		p.detail.composer.loaded(sc.accounts, sc.receiving, sc.tone)
	case "outbox":
		p.showOutbox(true)
		p.outView.set(sc.outbox)
	case "contact":
		p.detail.showContact(true)
		p.detail.panel.show(sc.contact)
	}
}
