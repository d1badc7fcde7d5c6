package inboxpane

import (
	"context"
	"strings"

	"switchboard/workspace/inbox"
)

// draftSave is a draft waiting to be written, with the Inbox it belongs to.
type draftSave struct {
	store *inbox.Store
	d     inbox.SavedDraft
}

// saveDraft stores d (a blank body removes the draft) and marks the list. Keystrokes
// only replace the waiting text; one task writes whatever waits, queued in order with the
// shell's work, so switching conversation, pane or workspace never overtakes it and a
// restart finds it. UI goroutine.
func (p *Pane) saveDraft(d inbox.SavedDraft) {
	if p.store == nil {
		return
	}
	has := strings.TrimSpace(d.Body) != ""
	if p.drafts[d.ConversationID] != has {
		if has {
			p.drafts[d.ConversationID] = true
		} else {
			delete(p.drafts, d.ConversationID)
		}
		p.list.Refresh() // the row's draft marker
	}
	p.draftMu.Lock()
	p.draftQueue[d.ConversationID] = draftSave{store: p.store, d: d}
	queued := p.draftQueued
	p.draftQueued = true
	p.draftMu.Unlock()
	if !queued {
		p.run(p.writeDrafts)
	}
}

// writeDrafts writes the drafts waiting. Off the UI goroutine.
func (p *Pane) writeDrafts(ctx context.Context) error {
	p.draftMu.Lock()
	batch := p.draftQueue
	p.draftQueue = map[int64]draftSave{}
	p.draftQueued = false
	p.draftMu.Unlock()
	for _, s := range batch {
		// A closing workspace cancels ctx; the draft still belongs in its database.
		if err := s.store.SaveDraft(context.WithoutCancel(ctx), s.d); err != nil {
			return err
		}
	}
	return nil
}
