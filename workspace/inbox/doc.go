// Package inbox is the triage layer over a workspace's mail: every conversation has a
// status, an owner and an answer, and replies leave through the workspace's own outbox.
// Plain Go and SQL; no Fyne, no network (accounts/smtpsend implements Mailer).
//
// # API for the Inbox pane (all methods on *Store, safe for concurrent use)
//
//	s := inbox.NewStore(w, inboxcore.Options{Agent: cfg.AgentName}) // Agent: "my name" from machine config
//
// Reads never write: List, Counts, Conversation, History and the rest take no write
// transaction (the Mine view of an agent without a staff row yet is simply empty).
//
// Listing (virtualised list: fetch the rows a viewport shows by Offset/Limit):
//
//	page, _ := s.List(ctx, inbox.Query{View: inbox.ViewUnanswered, Offset: 0, Limit: 50})
//	page.Total; page.Rows[i] // Row: contact, subject, snippet, labels, assignee, WaitingSince, Overdue
//	counts, _ := s.Counts(ctx) // per view, per status and per label
//	n, ok := counts.Total(q)   // a view's length without counting again: then q.NoTotal = true
//	row, _ := s.Conversation(ctx, id)          // row.GID: the id the command line and JSON show
//	id, _ := s.ConversationID(ctx, gid)        // back to the local key; another workspace's id is refused by name
//
// Views: ViewAll (everything but Spam and Abuse), ViewUnanswered (New or Open and the
// customer's last message not yet answered), ViewMine, ViewUnassigned (both: not
// Resolved, Spam or Abuse), ViewOverdue (unanswered longer than the response-time target,
// ResponseTarget, default 4h), ViewFollowUp (reopened by a due follow-up). Query.Status,
// Query.LabelID, Query.ContactID and Query.Search (full-text over the mail store's index)
// narrow any view. Each view reads its own index (schema 0005); statuses and Unanswered
// are running counts kept by triggers (schema 0006: a cache derived from the status, not
// an effect; moving it into Go would mean a read-modify-write on every status change of
// every code path for no gain), the other counts read only the index
// entries they count; later pages set NoTotal and seek with After. Opening a view and
// fetching a page cost about the same with 100,000 conversations as with 1,000.
//
// Triage, each change written to the journal (package journal) in the transaction that
// makes it, signed with the agent's staff id (the staff row is added with their first
// change; an agent without a name signs journal.Unnamed, never a made-up "Me"):
//
//	s.SetStatus(ctx, id, inbox.Open)         // any Status except Snoozed (use Snooze)
//	s.Snooze(ctx, id, until)
//	s.Resolve(ctx, id, 3*24*time.Hour)       // resolve and check back in 3 days (0: no follow-up)
//	s.Assign(ctx, id, staffID)               // 0 unassigns; s.Me(ctx) is the agent's Staff
//	s.AddLabel / s.RemoveLabel; s.Labels, s.SaveLabel, s.DeleteLabel
//	s.AddNote(ctx, id, text); s.Notes
//	s.History(ctx, id)                        // the journal's status, label and assignee entries, staff ids as names
//	s.Tick(ctx, now)                          // the runner's, every minute: snooze wake-up, follow-ups (signed journal.Runner)
//	s.AddStaff, s.RenameStaff, s.RemoveStaff; s.Me (writes: for "assign to me")
//
// A customer's new message reopens Waiting, Snoozed and Resolved conversations, and a
// blocked contact's mail files its conversation as Abuse, whichever code path stored it:
// package mail does it in the transaction that stores the mail (mail/effects.go) and
// journals it as journal.Sync.
//
// Replying:
//
//	tone, _ := s.Tone(ctx); findings := inbox.CheckTone(draft, tone) // explain; never blocks
//	d, _ := s.DraftFromFAQ(ctx, id, faqID)   // variables filled; d.Unresolved lists what is missing
//	d, _ := s.NewDraft(ctx, id, body)        // same checks for typed text, signature added
//	item, err := s.Queue(ctx, inbox.Reply{ConversationID: id, Body: d.Body, SendAt: t})
//	// err is a *template.UnresolvedError or template.Problems while a variable is left.
//	s.SendDue(ctx, mailer, now)               // the app calls it every minute; "send now" calls it at once
//	s.Outbox(ctx, false); s.Cancel, s.Retry, s.MarkSent (for an Uncertain item), s.Reschedule
//	s.OutboxID(ctx, gid)                      // an item's global id (OutboxItem.GID) to its local key
//
// Each step of a reply is journaled on the outbox item: queued, cancelled, retried,
// rescheduled and marked sent by the person; submitting, sent, retrying, failed,
// uncertain and filed by journal.Runner, whoever pressed Send.
//
// The From address is always this workspace's own account; an outbox row carries the
// workspace id and account id and SendDue refuses a row whose account is not this
// workspace's, as does smtpsend's Mailer (two independent checks of the wrong-brand guard).
//
// Contacts: s.Contact(ctx, id) (history, notes, tags, open conversations, abuse steps),
// s.AddContactNote, s.TagContact/UntagContact, s.MostActive(ctx, 30, 20) (with each
// contact's open conversations), and graded,
// reversible abuse handling: s.Warn (returns the warning template as a draft), s.Mute,
// s.Block, s.Lift — each step recorded with who and why; nothing is ever deleted.
//
// Attachments: inbox.SaveAttachment(dir, name, data) writes under the parser's safe name
// and never replaces a file ("name (2).pdf"); the bytes come from the raw message, which
// accounts/mime re-parses (wired by main.go, since workspace has no MIME parser).
//
// # Sending and crashes
//
// A reply is an outbox row before anything touches the network. SendDue composes it once
// (the bytes are stored and reused for every retry), records "submitting" immediately
// before SMTP DATA, and "sent" after the server's reply. A temporary failure (connection
// refused, 4xx) goes back to Queued with backoff; a permanent one (5xx, e.g. a rejected
// recipient) becomes Failed with the server's reason. If the connection breaks after the
// whole message was transmitted, or the app crashed while "submitting", nobody knows
// whether the server took it: SendDue then looks for the Message-ID in the account's Sent
// folder; found, it is Sent; not found, it becomes Uncertain and is never resent
// automatically — the user chooses Retry or MarkSent. A duplicate reply to a customer is
// the error this tool must not make on its own; a stuck one is visible in the outbox.
package inbox
