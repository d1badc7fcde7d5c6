package schedulepane

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"switchboard/workspace/schedule"
)

// WithOpenConversation lets an agenda row that belongs to a conversation (a scheduled
// reply, a follow-up, a snooze or check-back coming due) open it in the Inbox; open gets
// the conversation's global id. Without it the rows offer no such button.
func WithOpenConversation(open func(gid string)) Option {
	return func(p *Pane) { p.openConversation = open }
}

// conversationButton is the row's "Open in Inbox", nil when e belongs to no conversation.
func (p *Pane) conversationButton(e schedule.Entry) *widget.Button {
	if p.openConversation == nil || e.Ref == "" {
		return nil
	}
	switch e.Kind {
	case schedule.EntryReply, schedule.EntryFollowUp, schedule.EntrySnooze, schedule.EntryReopen:
	default:
		return nil
	}
	b := widget.NewButtonWithIcon(lang.L("Open in Inbox"), theme.MailComposeIcon(), func() { p.openConversation(e.Ref) })
	b.Importance = widget.LowImportance
	return b
}
