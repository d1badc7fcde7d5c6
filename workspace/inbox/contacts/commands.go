package contacts

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/inbox/outbox"
)

// contact: the contact panel's notes, tags and graded steps (warn, mute, block, lift).

var contactUsage = []string{
	"contact --workspace W EMAIL [--json]",
	"contact --workspace W EMAIL [--note T] [--tag X]... [--untag X]...",
	"contact --workspace W EMAIL warn|mute|block|lift --reason R [--conversation ID] [--yes]",
}

// Commands are contact (whose warning is mail, sent through newMailer: the accounts
// layer registers them, as it has the servers) and contacts, the most active.
func Commands(newMailer outbox.NewMailer) []cmdline.Command {
	return []cmdline.Command{contactCommand(newMailer), contactsCommand()}
}

func contactCommand(newMailer outbox.NewMailer) cmdline.Command {
	return cmdline.Command{
		Name: "contact", Summary: "a contact's notes and tags, and the graded steps: warn, mute, block, lift", Pane: "inbox",
		Actions: []string{"contact-note", "contact-tag", "warn", "mute", "block", "lift"},
		Usage:   contactUsage,
		RunIn: func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
			return runContact(ctx, e, w, args, newMailer)
		},
	}
}

func runContact(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string, newMailer outbox.NewMailer) error {
	fs := flag.NewFlagSet("contact", flag.ContinueOnError)
	note := fs.String("note", "", "add an internal note about the contact")
	var tags, untags inboxcore.Multi
	fs.Var(&tags, "tag", "add a tag (repeatable)")
	fs.Var(&untags, "untag", "remove a tag (repeatable)")
	reason := fs.String("reason", "", "why (recorded with every step)")
	conv := inbox.ConversationFlag(fs)
	yes := fs.Bool("yes", false, "warn: send the warning (without it, only show it)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return cmdline.UsageOf(contactUsage, "contact takes the contact's EMAIL and at most one step")
	}
	step := ""
	if len(pos) == 2 {
		step = pos[1]
		switch step {
		case "warn", "mute", "block", "lift":
		default:
			return cmdline.UsageOf(contactUsage, "contact: unknown step %q (warn, mute, block, lift)", step)
		}
		if strings.TrimSpace(*reason) == "" {
			return cmdline.UsageOf(contactUsage, "%s needs --reason R: every step is recorded with why", step)
		}
	}
	s := New(w, inboxcore.MachineOptions(w))
	id, err := s.ByEmail(ctx, pos[0])
	if err != nil {
		return err
	}
	if *note != "" {
		if _, err := s.AddNote(ctx, id, *note); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "note added to %s\n", pos[0])
	}
	for _, t := range tags {
		if err := s.Tag(ctx, id, t); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s tagged %q\n", pos[0], t)
	}
	for _, t := range untags {
		if err := s.Untag(ctx, id, t); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s untagged %q\n", pos[0], t)
	}
	switch step {
	case "warn":
		return warnContact(ctx, e, w, s, id, pos[0], *conv, *reason, *yes, newMailer)
	case "mute":
		err = s.Mute(ctx, id, *reason)
	case "block":
		err = s.Block(ctx, id, *reason)
	case "lift":
		err = s.Lift(ctx, id, *reason)
	}
	if err != nil {
		return err
	}
	d, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if step != "" {
		fmt.Fprintf(e.Stdout, "%s is now %s\n", pos[0], abuseWord(d.Abuse))
	}
	if step != "" || *note != "" || len(tags)+len(untags) > 0 {
		return nil
	}
	if *asJSON {
		return inboxcore.PrintJSON(e.Stdout, d)
	}
	loc := w.Info().Location()
	fmt.Fprintf(e.Stdout, "%s <%s>: %s, %d messages, %d open conversation(s)\n", d.Name, d.Email, abuseWord(d.Abuse), d.Messages, d.Open)
	if len(d.Tags) > 0 {
		fmt.Fprintf(e.Stdout, "tags: %s\n", strings.Join(d.Tags, ", "))
	}
	for _, n := range d.Notes {
		fmt.Fprintf(e.Stdout, "note %s %s: %s\n", n.CreatedAt.In(loc).Format("2006-01-02 15:04"), n.Author, n.Body)
	}
	for _, a := range d.Actions {
		fmt.Fprintf(e.Stdout, "%s %s by %s: %s\n", a.At.In(loc).Format("2006-01-02 15:04"), a.Action, a.Actor, a.Reason)
	}
	return nil
}

func abuseWord(l AbuseLevel) string {
	if l == AbuseNone {
		return "in good standing"
	}
	return string(l)
}

// warnContact shows the warning as it would go out; with yes it queues it as a reply in
// the conversation, records the step and sends what is due. A warning is mail to a
// customer, so nothing leaves without --yes.
func warnContact(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, s *Store, contact int64, email, convRef, reason string, yes bool, newMailer outbox.NewMailer) error {
	var conv int64
	var err error
	if convRef != "" {
		if conv, err = s.conv.ConversationID(ctx, convRef); err != nil {
			return err
		}
	} else {
		d, err := s.Get(ctx, contact)
		if err != nil {
			return err
		}
		if len(d.Conversations) == 0 {
			return fmt.Errorf("%s has no conversation to send a warning in", email)
		}
		conv = d.Conversations[0].ID // open ones first, then the most recent
	}
	if !yes {
		d, err := s.WarningPreview(ctx, contact, conv)
		if err != nil {
			return err
		}
		gids, err := s.conv.ConversationGIDs(ctx, []int64{conv})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "This warning would be sent to %s in conversation %s:\n\n%s\n\n", email, gids[conv], d.Body)
		if len(d.Unresolved) > 0 {
			fmt.Fprintf(e.Stdout, "It cannot be sent yet: %s have no value (see `switchboard voice --warning-file`).\n", strings.Join(d.Unresolved, ", "))
		}
		fmt.Fprintln(e.Stdout, "Nothing was sent or recorded: add --yes to send it.")
		return nil
	}
	it, err := s.SendWarning(ctx, contact, conv, reason)
	if err != nil {
		return fmt.Errorf("the warning was not sent and not recorded: %w", err)
	}
	m, err := newMailer(ctx, w)
	if err != nil {
		return fmt.Errorf("the warning is recorded and waits in the outbox as reply %d: %w", it.ID, err)
	}
	if _, err := s.out.SendDue(ctx, m); err != nil {
		return err
	}
	if it, err = s.out.Item(ctx, it.ID); err != nil {
		return err
	}
	if it.State != outbox.Sent {
		return fmt.Errorf("the warning is recorded; reply %d is %s in the outbox: %s", it.ID, it.State, it.LastError)
	}
	fmt.Fprintf(e.Stdout, "warning sent to %s (reply %d); %s is now warned\n", email, it.ID, email)
	return nil
}

var contactsUsage = []string{"contacts --workspace W [--days 30] [--limit 20] [--json]"}

// contactsCommand is the Inbox's "most active" ranking.
func contactsCommand() cmdline.Command {
	return cmdline.Command{
		Name: "contacts", Summary: "the contacts who wrote most in the last days", Pane: "inbox",
		Actions: []string{"most-active"}, Usage: contactsUsage,
		RunIn: func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
			fs := inboxcore.NewFlagSet("contacts")
			days := fs.Int("days", 30, "the window, in days")
			limit := fs.Int("limit", 20, "at most this many")
			asJSON := fs.Bool("json", false, "print JSON")
			if pos, err := cmdline.Parse(fs, args); err != nil {
				return err
			} else if len(pos) > 0 || *days <= 0 || *limit <= 0 {
				return cmdline.UsageOf(contactsUsage, "contacts takes flags only, --days and --limit above zero")
			}
			list, err := New(w, inboxcore.MachineOptions(w)).MostActive(ctx, *days, *limit)
			if err != nil {
				return err
			}
			if *asJSON {
				return inboxcore.PrintJSON(e.Stdout, list)
			}
			tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "MESSAGES\tOPEN\tCONTACT\tSTEP")
			for _, a := range list {
				fmt.Fprintf(tw, "%d\t%d\t%s <%s>\t%s\n", a.Messages, a.Open, a.Name, a.Email, a.Abuse)
			}
			return tw.Flush()
		},
	}
}
