package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/emptypane"
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
		emptypane.New("crisis", lang.L("Crisis"), theme.WarningIcon(),
			lang.L("Playbooks for when things go wrong"),
			lang.L("Crisis playbooks will say who to call, what may and may not be said, and the holding statements approved for this client, so a bad day starts with a plan.")),
		schedulepane.New(),
		settingspane.New(settingspane.Actions{
			Changed:   s.changed,
			SetAgent:  s.setAgent,
			Delete:    s.deleteWorkspace,
			ResetDemo: s.resetDemo,
		}, s.opts.MailAccounts),
	}
}
