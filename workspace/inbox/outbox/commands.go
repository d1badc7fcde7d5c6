package outbox

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
)

// The outbox's actions on one reply: what a person decides when a send failed, may or may
// not have arrived, or should go at another time.

var outboxUsage = []string{
	"outbox --workspace W [--send] [--all] [--json]",
	"outbox retry|cancel|mark-sent --workspace W ID",
	"outbox reschedule --workspace W ID TIME",
}

// outboxCommand is `outbox`: the list (OutboxCLI) or, with an action first, that action.
func outboxCommand(newMailer NewMailer) func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	list := cmdline.In(OutboxCLI(newMailer))
	return func(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
		if len(args) == 0 || strings.HasPrefix(args[0], "-") {
			return list(ctx, e, w, args)
		}
		return runOutboxAction(ctx, e, w, args[0], args[1:])
	}
}

func runOutboxAction(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, action string, args []string) error {
	fs := inboxcore.NewFlagSet("outbox " + action)
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	want := map[string]int{"retry": 1, "cancel": 1, "mark-sent": 1, "reschedule": 2}
	n, ok := want[action]
	if !ok {
		return cmdline.UsageOf(outboxUsage, "outbox: unknown action %q (retry, cancel, mark-sent, reschedule)", action)
	}
	if len(pos) != n {
		return cmdline.UsageOf(outboxUsage, "outbox %s takes %d argument(s), got %q", action, n, pos)
	}
	s := New(w, inboxcore.MachineOptions(w))
	id, err := s.ItemID(ctx, pos[0])
	if err != nil {
		return err
	}
	loc := w.Info().Location()
	switch action {
	case "retry":
		err = s.Retry(ctx, id)
	case "cancel":
		err = s.Cancel(ctx, id)
	case "mark-sent":
		err = s.MarkSent(ctx, id)
	case "reschedule":
		at, perr := cmdline.ParseTime(pos[1], s.sign.Now(), loc)
		if perr != nil {
			return cmdline.UsageOf(outboxUsage, "%v", perr)
		}
		err = s.Reschedule(ctx, id, at)
	}
	if err != nil {
		return err
	}
	it, err := s.Item(ctx, id)
	if err != nil {
		return err
	}
	switch it.State {
	case Queued:
		fmt.Fprintf(e.Stdout, "reply %d to %s is queued for %s\n", it.ID, it.To[0].Email, it.NextAttemptAt.In(loc).Format("2006-01-02 15:04 MST"))
	default:
		fmt.Fprintf(e.Stdout, "reply %d to %s is now %s\n", it.ID, it.To[0].Email, it.State)
	}
	return nil
}

var replyUsage = []string{"reply --workspace W --conversation ID (--body-file F | --faq ID) [--at TIME]"}

// NewMailer gives the workspace the Mailer it sends with.
type NewMailer func(ctx context.Context, w *workspace.Workspace) (Mailer, error)

// ReplyCLI returns the reply subcommand; newMailer connects a workspace to its servers.
//
//	reply --conversation ID (--body-file F | --faq ID) [--at TIME]
func ReplyCLI(newMailer NewMailer) cmdline.Streams {
	return func(ctx context.Context, w *workspace.Workspace, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
		fs := flag.NewFlagSet("reply", flag.ContinueOnError)
		fs.SetOutput(stderr)
		ref := fs.String("conversation", "", "conversation id (from conversations --json)")
		bodyFile := fs.String("body-file", "", "the reply's text (- for standard input); {{first_name}} etc. are filled in")
		faqID := fs.String("faq", "", "start from this FAQ entry's answer")
		at := fs.String("at", "", "send later: 2006-01-02 15:04 (workspace time zone), RFC 3339, or +2h")
		if pos, err := cmdline.Parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 || *ref == "" || (*bodyFile == "") == (*faqID == "") {
			return cmdline.UsageOf(replyUsage, "reply takes --conversation ID and one of --body-file F and --faq ID")
		}
		o := inboxcore.MachineOptions(w)
		s, out := inbox.NewStore(w, o), New(w, o)
		// Resolved first: an id of another workspace is refused before any text is read.
		conv, err := s.ConversationID(ctx, *ref)
		if err != nil {
			return err
		}
		var d inbox.Draft
		if *faqID != "" {
			d, err = s.DraftFromFAQ(ctx, conv, *faqID)
		} else {
			var body []byte
			if *bodyFile == "-" {
				body, err = io.ReadAll(stdin)
			} else {
				body, err = os.ReadFile(*bodyFile)
			}
			if err != nil {
				return err
			}
			d, err = s.NewDraft(ctx, conv, string(body))
		}
		if err != nil {
			return err
		}
		r := Reply{ConversationID: conv, Body: d.Body, FAQID: d.FAQID}
		if *at != "" {
			if r.SendAt, err = cmdline.ParseTime(*at, out.sign.Now(), w.Info().Location()); err != nil {
				return cmdline.UsageOf(replyUsage, "--at: %v", err)
			}
		}
		tone, err := s.Tone(ctx)
		if err != nil {
			return err
		}
		for _, f := range inbox.CheckTone(d.Body, tone) {
			fmt.Fprintf(stderr, "tone: %s\n", f.Message)
		}
		it, err := out.Queue(ctx, r)
		if err != nil {
			return fmt.Errorf("the reply was not queued: %w", err)
		}
		if !r.SendAt.IsZero() && r.SendAt.After(out.sign.Now()) {
			fmt.Fprintf(stdout, "reply %s to %s scheduled for %s\n", it.GID, it.To[0].Email, it.SendAt.In(w.Info().Location()).Format("2006-01-02 15:04 MST"))
			return nil
		}
		m, err := newMailer(ctx, w)
		if err != nil {
			return err
		}
		if _, err := out.SendDue(ctx, m); err != nil {
			return err
		}
		if it, err = out.Item(ctx, it.ID); err != nil {
			return err
		}
		if it.State != Sent {
			return fmt.Errorf("reply %s is %s in the outbox: %s", it.GID, it.State, it.LastError)
		}
		fmt.Fprintf(stdout, "reply %s sent to %s from %s\n", it.GID, it.To[0].Email, it.From.Email)
		if it.LastError != "" {
			fmt.Fprintln(stderr, "warning:", it.LastError)
		}
		return nil
	}
}

// OutboxCLI returns the outbox subcommand: outbox [--all] [--send] [--json].
func OutboxCLI(newMailer NewMailer) cmdline.Streams {
	return func(ctx context.Context, w *workspace.Workspace, args []string, _ io.Reader, stdout, stderr io.Writer) error {
		fs := flag.NewFlagSet("outbox", flag.ContinueOnError)
		fs.SetOutput(stderr)
		send := fs.Bool("send", false, "submit the replies that are due now")
		all := fs.Bool("all", false, "include sent and cancelled replies")
		asJSON := fs.Bool("json", false, "print JSON")
		if pos, err := cmdline.Parse(fs, args); err != nil {
			return err
		} else if len(pos) > 0 {
			return cmdline.UsageOf(outboxUsage, "outbox: unknown action %q (retry, cancel, mark-sent, reschedule)", pos[0])
		}
		s := New(w, inboxcore.MachineOptions(w))
		var rep *SendReport
		if *send {
			m, err := newMailer(ctx, w)
			if err != nil {
				return err
			}
			r, err := s.SendDue(ctx, m)
			if err != nil {
				return err
			}
			rep = &r
		}
		items, err := s.List(ctx, *all)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				Report *SendReport `json:"report,omitempty"`
				Items  []Item      `json:"items"`
			}{rep, items})
		}
		if rep != nil {
			fmt.Fprintf(stdout, "sent %d, retrying %d, failed %d, uncertain %d\n", rep.Sent, rep.Retrying, rep.Failed, rep.Uncertain)
		}
		if len(items) == 0 {
			fmt.Fprintln(stdout, "the outbox is empty")
			return nil
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCONV\tSTATE\tSEND AT\tTO\tSUBJECT\tREASON")
		loc := w.Info().Location()
		for _, it := range items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.GID, it.ConversationGID, it.State,
				it.NextAttemptAt.In(loc).Format("2006-01-02 15:04"), it.To[0].Email, it.Subject, it.LastError)
		}
		return tw.Flush()
	}
}

// Commands are reply and outbox, sending through newMailer: the accounts layer registers
// them (smtpsend.Commands), as it has the servers.
func Commands(newMailer NewMailer) []cmdline.Command {
	return []cmdline.Command{{
		Name: "reply", Summary: "answer a conversation now or later", Pane: "inbox",
		Actions: []string{"reply", "send-later", "faq-answer"},
		Usage:   replyUsage,
		RunIn:   cmdline.In(ReplyCLI(newMailer)),
	}, {
		Name: "outbox", Summary: "the replies on their way out: list, retry, cancel, mark sent, reschedule", Pane: "inbox",
		Actions: []string{"outbox"},
		Usage:   outboxUsage,
		RunIn:   outboxCommand(newMailer),
	}}
}
