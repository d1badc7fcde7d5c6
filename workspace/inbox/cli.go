package inbox

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

// CLIFunc is the shape of a subcommand run inside a workspace.
type CLIFunc = cmdline.Streams

// cliStore opens the Inbox as the agent named in the machine's config.
func cliStore(w *workspace.Workspace) *Store {
	agent := ""
	if root, err := workspace.OpenRoot(filepath.Dir(w.Info().Dir)); err == nil {
		if cfg, err := root.Config(); err == nil {
			agent = cfg.AgentName
		}
	}
	return NewStore(w, Options{Agent: agent, OverdueBefore: registeredOverdue(w)})
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
		t, err := cmdline.ParseTime(*until, s.now(), w.Info().Location())
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

// NewMailer gives the workspace the Mailer it sends with.
type NewMailer func(ctx context.Context, w *workspace.Workspace) (Mailer, error)

// ReplyCLI returns the reply subcommand; newMailer connects a workspace to its servers.
//
//	reply --conversation ID (--body-file F | --faq ID) [--at TIME]
func ReplyCLI(newMailer NewMailer) CLIFunc {
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
		s := cliStore(w)
		// Resolved first: an id of another workspace is refused before any text is read.
		conv, err := s.ConversationID(ctx, *ref)
		if err != nil {
			return err
		}
		var d Draft
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
			if r.SendAt, err = cmdline.ParseTime(*at, s.now(), w.Info().Location()); err != nil {
				return cmdline.UsageOf(replyUsage, "--at: %v", err)
			}
		}
		tone, err := s.Tone(ctx)
		if err != nil {
			return err
		}
		for _, f := range CheckTone(d.Body, tone) {
			fmt.Fprintf(stderr, "tone: %s\n", f.Message)
		}
		it, err := s.Queue(ctx, r)
		if err != nil {
			return fmt.Errorf("the reply was not queued: %w", err)
		}
		if !r.SendAt.IsZero() && r.SendAt.After(s.now()) {
			fmt.Fprintf(stdout, "reply %s to %s scheduled for %s\n", it.GID, it.To[0].Email, it.SendAt.In(w.Info().Location()).Format("2006-01-02 15:04 MST"))
			return nil
		}
		m, err := newMailer(ctx, w)
		if err != nil {
			return err
		}
		if _, err := s.SendDue(ctx, m); err != nil {
			return err
		}
		if it, err = s.OutboxItem(ctx, it.ID); err != nil {
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
func OutboxCLI(newMailer NewMailer) CLIFunc {
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
		s := cliStore(w)
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
		items, err := s.Outbox(ctx, *all)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				Report *SendReport  `json:"report,omitempty"`
				Items  []OutboxItem `json:"items"`
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

var (
	statusUsage = []string{"status --workspace W --conversation ID new|open|waiting|snoozed|resolved|spam|abuse [--until TIME] [--follow-up DAYS]"}
	replyUsage  = []string{"reply --workspace W --conversation ID (--body-file F | --faq ID) [--at TIME]"}
)

// Commands are the Inbox's commands that need no mail server; reply, outbox and contact
// (whose warning is mail) need a mailer, so the accounts layer registers them
// (smtpsend.Commands).
func Commands() []cmdline.Command {
	cmds := []cmdline.Command{{
		Name: "status", Summary: "set a conversation's status", Pane: "inbox",
		Actions: []string{"status", "resolve", "snooze", "spam"},
		Usage:   statusUsage,
		RunIn:   cmdline.In(RunStatusCLI),
	}, conversationsCommand(), voiceCommand(), contactsCommand()}
	cmds = append(cmds, triageCommands()...)
	return append(cmds, listCommands()...)
}

// SendCommands are reply and outbox, sending through newMailer.
func SendCommands(newMailer NewMailer) []cmdline.Command {
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
	}, contactCommand(newMailer)}
}
