package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/emptypane"
	"switchboard/ui/faqpane"
	"switchboard/ui/inboxpane"
	"switchboard/ui/pane"
	"switchboard/ui/settingspane"
	"switchboard/workspace"
	"switchboard/workspace/faq"
)

// defaultPanes is the navigation, in order. A feature replaces its empty state here once
// its pane exists.
func (s *Shell) defaultPanes() []pane.Pane {
	return []pane.Pane{
		inboxpane.New(inboxpane.WithSender(s.opts.SendNow), inboxpane.WithAttachments(s.opts.Attachment),
			inboxpane.WithAgentSaved(s.setAgent), inboxpane.WithSyncState(s.opts.SyncState, func() { s.showPane("settings") })),
		faqpane.New(faqpane.WithInbound(faq.RecentInbound)),
		emptypane.New("crisis", lang.L("Crisis"), theme.WarningIcon(),
			lang.L("Playbooks for when things go wrong"),
			lang.L("Crisis playbooks will say who to call, what may and may not be said, and the holding statements approved for this client, so a bad day starts with a plan.")),
		emptypane.New("schedule", lang.L("Schedule"), theme.HistoryIcon(),
			lang.L("What goes out when"),
			lang.L("Scheduled posts, follow-ups and your shifts for this client will be listed here, in the client's own time zone.")),
		settingspane.New(settingspane.Actions{
			Changed:   s.changed,
			SetAgent:  s.setAgent,
			Delete:    s.deleteWorkspace,
			ResetDemo: s.resetDemo,
		}, s.opts.MailAccounts),
	}
}

// showPane brings the pane with this ID to the front (the Inbox's "Settings" button when
// an account's sync fails). UI goroutine.
func (s *Shell) showPane(id string) {
	for i, p := range s.panes {
		if p.ID() == id {
			s.tabs.SelectIndex(i)
		}
	}
}

// syncFailing tells whether a mail account of the open workspace fails to sync, for the
// switcher's badge. Worker only.
func (s *Shell) syncFailing(ctx context.Context, w *workspace.Workspace) bool {
	if s.opts.SyncState == nil || w == nil {
		return false
	}
	states, err := s.opts.SyncState(ctx, w)
	if err != nil {
		return false
	}
	for _, st := range states {
		if st.Error != "" {
			return true
		}
	}
	return false
}
