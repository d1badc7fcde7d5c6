// Package inbox is the triage layer over a workspace's mail: every conversation has a
// status, an owner, labels, notes and a history. Plain Go and SQL; no Fyne, no network.
//
// # The Inbox's packages
//
// The Inbox is three stores over one workspace database, each built the same way from
// the workspace and an inboxcore.Options (the agent, "my name" from the machine config,
// and the clock):
//
//	workspace/inbox            triage: views, list, counts, statuses, labels, assignee, notes, history,
//	                           drafts, tone (this package; a conversation has one model, Row, read by
//	                           the Inbox list and the conversations command alike through List)
//	workspace/inbox/outbox     queue, send-at, SendDue (the wrong-brand guard), retry, cancel, mark sent,
//	                           reschedule: where scheduled sends and auto-replies queue
//	workspace/inbox/contacts   a contact's history, notes, tags, graded steps (warn, mute, block, lift),
//	                           the most active contacts
//	workspace/inbox/inboxcore  what the three share: Options, the Signer (agent, clock, journal
//	                           recording), ErrNotFound, the refusal of another workspace's ids
//	workspace/inbox/inboxdemo  the demo workspace's triage and scheduled reply
//	workspace/inbox/inboxtest  test builders: a workspace with an account, a message arriving
//
// Imports run one way: outbox imports inbox (a reply answers a conversation and moves it
// to Waiting when sent), contacts imports inbox and outbox (a warning is a reply), and
// inbox imports neither; all three import inboxcore.
//
// # API for the Inbox pane (all methods on *Store, safe for concurrent use)
//
//	o := inboxcore.Options{Agent: cfg.AgentName} // Agent: "my name" from machine config
//	s := inbox.NewStore(w, o)
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
//	s.ReplyAccount(ctx, id)                  // the account a reply leaves from unless the user picks another
//
// The draft then goes to the outbox (package outbox) as a Reply.
//
// Attachments: inbox.SaveAttachment(dir, name, data) writes under the parser's safe name
// and never replaces a file ("name (2).pdf"); the bytes come from the raw message, which
// accounts/mime re-parses (wired by main.go, since workspace has no MIME parser).
package inbox
