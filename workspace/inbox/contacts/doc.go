// Package contacts is the contact side of a workspace's Inbox: a contact's history, notes
// and tags, the graded steps and the most active contacts. Plain Go and SQL; no Fyne, no
// network.
//
//	cs := contacts.New(w, inboxcore.Options{Agent: cfg.AgentName})
//	d, _ := cs.Get(ctx, id)                   // history, notes, tags, open conversations, abuse steps
//	cs.ByEmail(ctx, address)                  // a contact of this workspace by address
//	cs.AddNote, cs.Tag, cs.Untag
//	cs.MostActive(ctx, 30, 20)                // with each contact's open conversations
//
// Graded, reversible abuse handling, each step recorded with who and why and journaled;
// nothing is ever deleted: cs.WarningPreview (the warning as it would go out), cs.Warn
// (records it and returns it as a draft), cs.SendWarning (queues it in the outbox, then
// records it), cs.Mute, cs.Block (sync files the contact's later mail as Abuse), cs.Lift.
//
// A contact's conversations are read through the triage store (workspace/inbox), a
// warning is queued through the outbox (workspace/inbox/outbox).
package contacts
