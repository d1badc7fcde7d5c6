// Package crisis is a workspace's crisis manual and what happens when it is opened: the
// playbooks ("keep your crisis manual at hand before answering angry customers"), the
// incident started from one (state, banner, the pause of scheduled work, the holding
// statement as auto-reply), working it (checklist, linked conversations, prepared
// answers, "reply to all linked"), its timeline read from the journal, and the report for
// the client. The early warning that suggests starting one lives in crisis/warning.
//
// Every change goes through Store and is journaled in its transaction, with the playbook's
// or the incident's global id as the object:
//
//	playbook.create {name, severity}   playbook.update {name, severity, changed: [steps, holding…]}
//	playbook.review {review_by}        playbook.delete {name}
//	incident.start {playbook, reason, holding_auto}      incident.state {from, to, note}
//	incident.step {step, text, done}                     incident.link {conversation}
//	incident.note {text}                                 incident.statement {conversation, lang, outbox}
//	incident.resolve / incident.close {summary}          incident.due {kind, ref, decision}
package crisis
