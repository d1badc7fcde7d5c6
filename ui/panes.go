package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"switchboard/ui/emptypane"
	"switchboard/ui/pane"
	"switchboard/ui/settingspane"
)

// defaultPanes is the navigation, in order. A feature replaces its empty state here once
// its pane exists (e.g. faqpane.New()).
func (s *Shell) defaultPanes() []pane.Pane {
	return []pane.Pane{
		emptypane.New("inbox", lang.L("Inbox"), theme.MailComposeIcon(),
			lang.L("Every conversation of this client, in one inbox"),
			lang.L("Mail from this workspace's accounts will arrive here, threaded, with who is handling what and how long each customer has been waiting. Replies always go out from this client's own address.")),
		emptypane.New("faq", lang.L("FAQ"), theme.QuestionIcon(),
			lang.L("Answers this client has approved"),
			lang.L("The FAQ will hold the answers you reuse, in the client's tone of voice, searchable in every language you write in, and ready to drop into a reply.")),
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
