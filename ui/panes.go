package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/crisispane"
	"switchboard/ui/emptypane"
	"switchboard/ui/faqpane"
	"switchboard/ui/inboxpane"
	"switchboard/ui/pane"
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
