// Package outbox is where a workspace's replies wait to leave and are sent: a reply is
// queued now or for later (send-at), SendDue submits what is due through a Mailer
// (accounts/smtpsend implements it), and a person retries, cancels, marks sent or
// reschedules an item. Scheduled sends and auto-replies (workspace/schedule) and crisis
// statements queue here too. Plain Go and SQL; no Fyne, no network.
//
// It reads the conversation a reply answers through the triage store (workspace/inbox),
// which never imports this package.
//
//	out := outbox.New(w, inboxcore.Options{Agent: cfg.AgentName})
//	item, err := out.Queue(ctx, outbox.Reply{ConversationID: id, Body: d.Body, SendAt: t})
//	// err is a *template.UnresolvedError or template.Problems while a variable is left.
//	out.QueueFrom(ctx, r, accountID)          // from an account the user chose, of this workspace only
//	out.SendDue(ctx, mailer)                  // the runner's, every minute; "send now" asks the runner at once
//	out.List(ctx, false); out.Cancel, out.Retry, out.MarkSent (for an Uncertain item), out.Reschedule
//	out.ItemID(ctx, gid)                      // an item's global id (Item.GID) to its local key
//
// Each step of a reply is journaled on the outbox item: queued, cancelled, retried,
// rescheduled and marked sent by the person; submitting, sent, retrying, failed,
// uncertain and filed by journal.Runner, whoever pressed Send. A reply sent moves its
// conversation to Waiting (inbox.AwaitCustomer) in the same transaction; an auto-reply
// does not, as it answers nothing.
//
// The From address is always this workspace's own account; an outbox row carries the
// workspace id and account id and SendDue refuses a row whose account is not this
// workspace's, as does smtpsend's Mailer (two independent checks of the wrong-brand guard).
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
package outbox
