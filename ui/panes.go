package ui

import (
	"switchboard/ui/crisispane"
	"switchboard/ui/faqpane"
	"switchboard/ui/inboxpane"
	"switchboard/ui/pane"
	"switchboard/ui/schedulepane"
	"switchboard/ui/settingspane"
	"switchboard/workspace/faq"
)

// defaultPanes is the navigation, in order. A feature replaces its empty state here once
// its pane exists.
func (s *Shell) defaultPanes() []pane.Pane {
	return []pane.Pane{
		inboxpane.New(inboxpane.WithSender(s.opts.SendNow), inboxpane.WithAttachments(s.opts.Attachment)),
		faqpane.New(faqpane.WithInbound(faq.RecentInbound)),
		crisispane.New(crisispane.WithChanged(s.refresh)),
		schedulepane.New(),
		settingspane.New(settingspane.Actions{
			Changed:   s.changed,
			SetAgent:  s.setAgent,
			Delete:    s.deleteWorkspace,
			ResetDemo: s.resetDemo,
		}, s.opts.MailAccounts),
	}
}
