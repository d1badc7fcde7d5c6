package inbox

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox/inboxcore"
)

// cliStore opens the Inbox as the agent named in the machine's config.
func cliStore(w *workspace.Workspace) *Store {
	o := inboxcore.MachineOptions(w)
	o.OverdueBefore = registeredOverdue(w)
	return NewStore(w, o)
}

// RunStatusCLI: status --conversation ID STATUS [--until TIME] [--follow-up DAYS]
func RunStatusCLI(ctx context.Context, w *workspace.Workspace, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ref := fs.String("conversation", "", "conversation id (from conversations --json)")
	until := fs.String("until", "", "for snoozed: wake up at TIME (2025-03-04 09:00, RFC 3339, or +2h)")
	followUp := fs.Int("follow-up", 0, "for resolved: reopen after this many days if the customer stays silent")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if *ref == "" || len(pos) != 1 {
		return cmdline.UsageOf(statusUsage, "status takes --conversation ID and one STATUS")
	}
	st, err := ParseStatus(pos[0])
	if err != nil {
		return cmdline.UsageOf(statusUsage, "%v", err)
	}
	s := cliStore(w)
	conv, err := s.ConversationID(ctx, *ref)
	if err != nil {
		return err
	}
	switch st {
	case Snoozed:
		if *until == "" {
			return cmdline.UsageOf(statusUsage, "snoozed needs --until TIME")
		}
		t, err := cmdline.ParseTime(*until, s.sign.Now(), w.Info().Location())
		if err != nil {
			return cmdline.UsageOf(statusUsage, "--until: %v", err)
		}
		err = s.Snooze(ctx, conv, t)
	case Resolved:
		err = s.Resolve(ctx, conv, time.Duration(*followUp)*24*time.Hour)
	default:
		err = s.SetStatus(ctx, conv, st)
	}
	if err == nil {
		fmt.Fprintf(stdout, "conversation %s is now %s\n", *ref, st.Label())
	}
	return err
}

var statusUsage = []string{"status --workspace W --conversation ID new|open|waiting|snoozed|resolved|spam|abuse [--until TIME] [--follow-up DAYS]"}

// Commands are the triage commands. The outbox's (reply, outbox) and the contacts'
// (contact, contacts) are in workspace/inbox/outbox and workspace/inbox/contacts.
func Commands() []cmdline.Command {
	cmds := []cmdline.Command{{
		Name: "status", Summary: "set a conversation's status", Pane: "inbox",
		Actions: []string{"status", "resolve", "snooze", "spam"},
		Usage:   statusUsage,
		RunIn:   cmdline.In(RunStatusCLI),
	}, conversationsCommand(), voiceCommand()}
	cmds = append(cmds, triageCommands()...)
	return append(cmds, listCommands()...)
}
