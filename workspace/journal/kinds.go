package journal

// Kinds lists every kind written today with the shape of its data: part of the contract.
// "from"/"to" are the values before and after; times are RFC 3339 (UTC); ids are global.
// A reader meets unknown kinds from newer machines and skips them.
var Kinds = map[string]string{
	// Conversations (object: the conversation's gid).
	"conversation.status":   `{"from","to": status; "until","follow_up_at": times when snoozed or resolved with a follow-up; "cause": "snooze"|"follow_up" (runner), "customer_wrote"|"blocked_contact" (sync)}`,
	"conversation.assignee": `{"from","to": staff gid or "" (nobody); "from_name","to_name": their names then}`,
	"conversation.label":    `{"from": label name when taken off, "to": label name when put on; "label": label gid}`,
	"conversation.note":     `{"note": note gid, "text"}`,
	// Labels and staff (object: their gid).
	"label.create": `{"name","color"}`,
	"label.rename": `{"from","to"}`,
	"label.color":  `{"from","to"}`,
	"label.delete": `{"name"}`,
	"staff.create": `{"name"}`,
	"staff.rename": `{"from","to"}`,
	"staff.delete": `{"name"}`,
	// Contacts (object: the contact's gid).
	"contact.note":  `{"text"}`,
	"contact.tag":   `{"from": tag removed, "to": tag added}`,
	"contact.abuse": `{"action": warn|mute|block|unmute|unblock|clear, "from","to": abuse level, "reason"}`,
	// Replies on their way out (object: the outbox item's gid).
	"outbox.queued":      `{"conversation": gid, "from", "to": [{"name","email"}], "subject", "body", "send_at"}`,
	"outbox.rescheduled": `{"from","to": send times}`,
	"outbox.cancelled":   `{"from","to": states}`,
	"outbox.retried":     `{"from","to"}`,
	"outbox.marked_sent": `{"from","to"}`,
	"outbox.submitting":  `{"from","to","attempt"} (runner)`,
	"outbox.sent":        `{"from","to","attempt"} (runner)`,
	"outbox.retrying":    `{"from","to","error","attempt"} (runner: a temporary failure, tried again later)`,
	"outbox.failed":      `{"from","to","error","attempt"} (runner)`,
	"outbox.uncertain":   `{"from","to","error","attempt"} (runner)`,
	"outbox.filed":       `{} (runner: the copy is in the Sent folder)`,
	// The FAQ (object: the entry's id).
	"faq.create":   `{"question","phrasings","answer","tags","lang","owner"; "import_row" when imported}`,
	"faq.edit":     `as faq.create`,
	"faq.delete":   `{}`,
	"faq.restore":  `{}`,
	"faq.reviewed": `{}`,
	// Mail accounts (object: the account id). Never a password: it is only in the keyring.
	"account.create": `{"email","display_name","username","imap","smtp": "host:port security","trusted_cert_sha256"}`,
	"account.update": `as account.create`,
	"account.remove": `{"email"}`,
	// The workspace itself (object: the workspace id).
	"workspace.name":      `{"from","to"}`,
	"workspace.color":     `{"from","to"}`,
	"workspace.time_zone": `{"from","to"}`,
	"workspace.archived":  `{"from","to": booleans}`,
	"workspace.setting":   `{"key","from","to"}`,
}
