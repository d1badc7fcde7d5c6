// Package handover builds the shift note: what the next person must know about one
// workspace in two minutes (what is open, what is promised, what is burning), read from
// the journal and the stores, and rendered as Markdown, HTML or PDF. It also keeps the
// outgoing person's own free-text notes (table handover_notes).
//
// A note is a list of sections, each made by a Provider from a Source (the open
// workspace, the window, the clock). Features that are not here yet (crisis incidents,
// the schedule) plug in by adding a Provider to Providers; nothing else changes.
//
// Redaction (Options.Redact) is for notes that leave the agency: customer names become
// initials, addresses keep only their domain, and no message text (subjects, snippets,
// internal conversation notes) is included. The outgoing person's own notes stay, with
// any address and known customer name in them reduced the same way.
package handover
