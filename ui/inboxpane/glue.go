package inboxpane

import (
	"context"
	"errors"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

// glue is what Load reads from the other features besides the Inbox's own list: the
// Schedule's hours, the open incident, and a conversation another pane asked to open.
type glue struct {
	hours    hours
	incident *crisis.Incident
	want     *inbox.Row
}

// readGlue reads it off the UI goroutine. want is a conversation's global id, "" for none.
func readGlue(ctx context.Context, ws *workspace.Workspace, store *inbox.Store, now time.Time, want string) (g glue, err error) {
	if g.hours, err = readHours(ctx, ws, now); err != nil {
		return
	}
	inc, open, err := crisis.ActiveIncident(ctx, ws)
	if err != nil {
		return
	}
	if open {
		g.incident = &inc
	}
	if want != "" {
		id, err := store.ConversationID(ctx, want)
		if errors.Is(err, inboxcore.ErrNotFound) {
			return g, nil // deleted since the agenda was drawn: nothing to open
		}
		if err != nil {
			return g, err
		}
		r, err := store.Conversation(ctx, id)
		if err != nil {
			return g, err
		}
		g.want = &r
	}
	return g, nil
}

// applyGlue shows it. UI goroutine.
func (p *Pane) applyGlue(g glue) {
	p.hours, p.incident = g.hours, g.incident
	p.hoursBar.set(g.hours, p.now(), p.location())
	if p.detail.row.ID != 0 {
		p.detail.link.show()
	}
}

// ShowConversation opens the conversation with this global id the next time the pane
// loads (the shell brings the Inbox to the front, which loads it): a reply or follow-up
// in the Schedule's agenda opens its conversation here. UI goroutine.
func (p *Pane) ShowConversation(gid string) {
	p.loadedMu.Lock()
	p.wantGID = gid
	p.loadedMu.Unlock()
}

// openWanted opens what ShowConversation asked for, selected in the list when it is in
// the current view. UI goroutine.
func (p *Pane) openWanted(g glue) {
	if g.want == nil {
		return
	}
	r := *g.want
	if i := p.selectID(r.ID); i >= 0 {
		p.openAt(i)
		return
	}
	p.cursor = -1
	p.list.UnselectAll()
	p.opened = r.ID
	p.detail.open(r)
}
