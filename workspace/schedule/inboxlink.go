package schedule

import "switchboard/workspace/inbox"

// The Inbox's command line counts Overdue in business hours, as the window does.
func init() { inbox.RegisterOverdueClock(OverdueBefore) }
