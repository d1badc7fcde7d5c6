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
	"workspace.name":          `{"from","to"}`,
	"workspace.color":         `{"from","to"}`,
	"workspace.time_zone":     `{"from","to"}`,
	"workspace.archived":      `{"from","to": booleans}`,
	"workspace.setting":       `{"key","from","to"}`,
	"workspace.restored_copy": `{"from": the original's id, "folder", "replies_held": queued replies set to failed}`,
	"workspace.imported":      `{"from","from_name","package_created_at","replies_held"} (a client package)`,
	// Schedule: coverage (object: the workspace id, or the holiday's or shift's gid).
	"workspace.hours":             `{"from","to": hours as "mon-fri 09:00-12:00,13:00-17:00; sat 10:00-14:00"}`,
	"workspace.auto_reply":        `{"enabled_at","since_id","template","days","cap","paused": the settings changed}`,
	"workspace.auto_reply_paused": `{"reason"} (runner: the hourly cap was reached)`,
	"holiday.set":                 `{"day": YYYY-MM-DD, "name"}`,
	"holiday.removed":             `{"day"}`,
	"shift.added":                 `{"staff","weekday": mon..sun,"hours": "09:00-13:00"}`,
	"shift.removed":               `{}`,
	"shift.exception":             `{"day","cover": who covers that day, "" nobody}`,
	// Follow-ups (object: the follow-up's gid).
	"follow_up.added":       `{"conversation": gid, "due_at", "sequence": gid or "", "step", "send_regardless"}`,
	"follow_up.held":        `{"reason": "missed"|"paused"|why queuing failed} (runner: held for review)`,
	"follow_up.sent":        `{"conversation","outbox_message_id"} (handed to the outbox)`,
	"follow_up.rescheduled": `{"from","to": due times} or {"due_at","by"} after a crisis review`,
	"follow_up.released":    `{"due_at","by"} (a crisis review let it go)`,
	"follow_up.cancelled":   `{"reason": "customer wrote first" (runner) | "cancelled", "conversation"}`,
	// Scheduled replies (object: the outbox item's gid); the Inbox's outbox kinds apply too.
	"outbox.scheduled": `{"send_at","conversation"}`,
	"outbox.held":      `{"reason": "missed"} (runner: stale when first seen, held for review)`,
	"outbox.released":  `{"from","to": send times} (sent now after review)`,
	// Conversations: the out-of-hours auto-reply (object: the conversation's gid).
	"conversation.auto_reply": `{"outbox": gid, "to": address, "next_open": as written in the reply} (runner)`,
	// The content plan (object: the post's gid).
	"post.added":  `{"at","channel","status"}`,
	"post.status": `{"from","to"}`,
	// Crisis playbooks (object: the playbook's gid).
	"playbook.create": `{"name","severity"}`,
	"playbook.update": `{"name","severity","changed": which parts: name, severity, review_by, steps, holding...}`,
	"playbook.review": `{"review_by"}`,
	"playbook.delete": `{"name"}`,
	// Incidents (object: the incident's gid).
	"incident.start":     `{"playbook","reason","holding_auto": language of the holding auto-reply or ""}`,
	"incident.state":     `{"from","to","note"}`,
	"incident.step":      `{"step","text","done"}`,
	"incident.link":      `{"conversation": gid}`,
	"incident.note":      `{"text"}`,
	"incident.statement": `{"conversation","lang","outbox": gid}`,
	"incident.resolve":   `{"resumed","held_for_review": count}`,
	"incident.close":     `{"summary"}`,
	"incident.due":       `{"kind","ref","decision": send|reschedule|cancel, "at" when rescheduled}`,
}
