package ui

import (
	"context"
	"slices"

	"switchboard/ui/crisispane"
	"switchboard/ui/faqpane"
	"switchboard/ui/handoverpane"
	"switchboard/ui/inboxpane"
	"switchboard/ui/pane"
	"switchboard/ui/schedulepane"
	"switchboard/ui/settingspane"
	"switchboard/workspace"
	"switchboard/workspace/clientpkg"
	"switchboard/workspace/faq"
)

// paneSpec is one navigation target: its id (--pane), the actions it
// offers (each has a command-line twin: main's tests match them against the commands'
// Pane and Actions) and how the shell makes it. A feature replaces its empty state here
// once its pane exists.
type paneSpec struct {
	ID      string
	Actions []string
	New     func(s *Shell) pane.Pane
}

// panes is the navigation, in order.
var panes = []paneSpec{{
	ID: "inbox",
	Actions: []string{"views", "search", "reply", "send-later", "faq-answer", "status", "resolve", "snooze", "spam",
		"assign", "label", "new-label", "note", "history", "contact-note", "contact-tag", "warn", "mute", "block", "lift",
		"most-active", "outbox", "draft", "read", "mark-unread"},
	New: func(s *Shell) pane.Pane {
		return inboxpane.New(inboxpane.WithSender(s.sendNow), inboxpane.WithAttachments(s.opts.Attachment),
			inboxpane.WithAgentSaved(s.setAgent), inboxpane.WithSyncState(s.opts.SyncState, func() { s.showPane("settings") }),
			inboxpane.WithShowPane(s.showPane))
	},
}, {
	ID:      "faq",
	Actions: []string{"list", "add", "export", "import"},
	New:     func(*Shell) pane.Pane { return faqpane.New(faqpane.WithInbound(faq.RecentInbound)) },
}, {
	ID: "crisis",
	Actions: []string{"playbooks", "add playbook", "edit playbook", "review playbook", "start incident", "incident state",
		"checklist", "link conversation", "reply to all linked", "close incident", "held work", "incident report", "timeline",
		"alerts"},
	New: func(s *Shell) pane.Pane { return crisispane.New(crisispane.WithChanged(s.refresh)) },
}, {
	ID:      "schedule",
	Actions: []string{"list", "add", "cancel", "held", "send", "reschedule", "agenda", "week", "export", "coverage", "plan", "run"},
	New: func(s *Shell) pane.Pane {
		return schedulepane.New(schedulepane.WithOpenConversation(s.showConversation))
	},
}, {
	ID:      "handover",
	Actions: []string{"shift note", "copy note", "export note", "add note", "export package", "import package", "copy between workspaces"},
	New: func(s *Shell) pane.Pane {
		return handoverpane.New(handoverpane.WithAttachments(clientpkg.AttachmentReader(s.opts.Attachment)), handoverpane.WithChanged(s.changed))
	},
}, {
	ID:      "settings",
	Actions: []string{"rename", "recolor", "archive", "delete", "reset demo", "my name", "keep in tray", "mail-accounts"},
	New: func(s *Shell) pane.Pane {
		return settingspane.New(settingspane.Actions{
			Changed:   s.changed,
			SetAgent:  s.setAgent,
			Delete:    s.deleteWorkspace,
			ResetDemo: s.resetDemo,

			SetKeepInTray: s.setKeepInTray,
		}, s.opts.MailAccounts)
	},
}}

// PaneIDs are the ids --pane accepts, in navigation order.
func PaneIDs() []string {
	ids := make([]string, len(panes))
	for i, p := range panes {
		ids[i] = p.ID
	}
	return ids
}

// PaneActions are the actions each pane declares, by pane id.
func PaneActions() map[string][]string {
	m := map[string][]string{}
	for _, p := range panes {
		m[p.ID] = slices.Clone(p.Actions)
	}
	return m
}

// defaultPanes makes the panes of the navigation.
func (s *Shell) defaultPanes() []pane.Pane {
	list := make([]pane.Pane, len(panes))
	for i, p := range panes {
		list[i] = p.New(s)
	}
	return list
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

// showConversation brings the Inbox to the front with the conversation of this global
// id open (a Schedule agenda row asked). Showing the Inbox loads it, which opens it; when
// it is in front already it is loaded again. UI goroutine.
func (s *Shell) showConversation(gid string) {
	for i, p := range s.panes {
		ip, ok := p.(*inboxpane.Pane)
		if !ok {
			continue
		}
		ip.ShowConversation(gid)
		if s.tabs.SelectedIndex() == i {
			s.work.do(s.loadShown)
		} else {
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
