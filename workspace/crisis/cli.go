package crisis

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
)

var playbookUsage = []string{
	"playbook list|show|export --workspace W [--name N] [--json]",
	"playbook add --workspace W --name N [--keywords k1,k2] [--lang L] [--severity S] [--description D]",
	"playbook import --workspace W FILE   (JSON as written by export: adds or replaces by name)",
	"playbook review|delete --workspace W --name N",
}

var incidentUsage = []string{
	"incident start --workspace W --playbook N [--reason R] [--holding-auto-reply LANG] [--conversation ID,...]",
	"incident log|show --workspace W [--json]",
	"incident state --workspace W investigating|identified|monitoring|resolved [--note TEXT]",
	"incident step --workspace W N [--undo]",
	"incident link --workspace W --conversation ID[,ID...]",
	"incident note --workspace W TEXT",
	"incident offers --workspace W --conversation ID [--json]",
	"incident reply-all --workspace W [--send] [--json]   (without --send: the drafts, for review)",
	"incident close --workspace W [--summary TEXT]",
	"incident due --workspace W [--json]",
	"incident decide --workspace W send|reschedule|cancel REF [--at TIME]",
	"incident report --workspace W [--pdf FILE] [--markdown FILE] [--json]",
}

// Commands are playbook and incident.
func Commands() []cmdline.Command {
	return []cmdline.Command{
		{Name: "playbook", Summary: "the workspace's crisis playbooks: what to do, say and whom to call when things go wrong",
			Pane: "crisis", Actions: []string{"playbooks", "add playbook", "edit playbook", "review playbook"},
			Usage: allPlaybookUsage(), RunIn: runPlaybook},
		{Name: "incident", Summary: "an incident started from a playbook: state, checklist, linked conversations, holding statements, report",
			Pane: "crisis", Actions: []string{"start incident", "incident state", "checklist", "link conversation", "reply to all linked",
				"close incident", "held work", "incident report", "timeline"},
			Usage: incidentUsage, RunIn: runIncident},
	}
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runPlaybook(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	if len(args) == 0 {
		return cmdline.UsageOf(allPlaybookUsage(), "playbook needs a subcommand")
	}
	sub := args[0]
	if slices.Contains(editForms, sub) {
		return runPlaybookEdit(ctx, e, w, sub, args[1:])
	}
	fs := flag.NewFlagSet("playbook "+sub, flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	name := fs.String("name", "", "the playbook's name")
	keywords := fs.String("keywords", "", "trigger keywords, comma-separated")
	lang := fs.String("lang", "", "the language of --keywords and --description (en, sv, ...); empty: any")
	severity := fs.String("severity", "medium", "low, medium, high or critical")
	desc := fs.String("description", "", "when to use it")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args[1:])
	if err != nil {
		return err
	}
	s := cliStore(w)
	switch sub {
	case "list":
		list, err := s.Playbooks(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.Stdout, list)
		}
		tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSEVERITY\tSTEPS\tLANGUAGES\tREVIEW")
		for _, p := range list {
			review := p.ReviewBy.In(w.Info().Location()).Format("2006-01-02")
			if p.NeedsReview {
				review = "needs review"
			}
			var langs []string
			for _, t := range p.Holding {
				langs = append(langs, t.Lang)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", p.Name, p.Severity, len(p.Steps), strings.Join(langs, ","), review)
		}
		return tw.Flush()
	case "show", "export":
		var list []Playbook
		if *name != "" {
			p, err := s.Playbook(ctx, *name)
			if err != nil {
				return err
			}
			list = []Playbook{p}
		} else if sub == "show" {
			return cmdline.UsageOf(allPlaybookUsage(), "playbook show needs --name")
		} else if list, err = s.Playbooks(ctx); err != nil {
			return err
		}
		if sub == "export" || *asJSON {
			return printJSON(e.Stdout, list)
		}
		showPlaybook(e.Stdout, list[0], w.Info().Location())
		return nil
	case "add":
		if *name == "" {
			return cmdline.UsageOf(allPlaybookUsage(), "playbook add needs --name")
		}
		sev, err := ParseSeverity(*severity)
		if err != nil {
			return cmdline.UsageOf(allPlaybookUsage(), "--severity: %v", err)
		}
		p := Playbook{Name: *name, Severity: sev}
		if *keywords != "" {
			p.Keywords = map[string][]string{*lang: strings.Split(*keywords, ",")}
		}
		if *desc != "" {
			p.Descriptions = map[string]string{*lang: *desc}
		}
		p, err = s.SavePlaybook(ctx, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "added playbook %q (%s), id %s\n", p.Name, p.Severity, p.ID)
		return nil
	case "import":
		if len(pos) != 1 {
			return cmdline.UsageOf(allPlaybookUsage(), "playbook import needs one FILE")
		}
		b, err := os.ReadFile(pos[0])
		if err != nil {
			return err
		}
		var list []Playbook
		if err := json.Unmarshal(b, &list); err != nil {
			var one Playbook
			if err2 := json.Unmarshal(b, &one); err2 != nil {
				return fmt.Errorf("%s is not a playbook export (a JSON list of playbooks): %w", pos[0], err)
			}
			list = []Playbook{one}
		}
		for _, p := range list {
			p.ID = ""
			if old, err := s.Playbook(ctx, p.Name); err == nil {
				p.ID = old.ID
			}
			saved, err := s.SavePlaybook(ctx, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "saved playbook %q\n", saved.Name)
		}
		return nil
	case "review", "delete":
		if *name == "" {
			return cmdline.UsageOf(allPlaybookUsage(), "playbook %s needs --name", sub)
		}
		if sub == "review" {
			return s.MarkReviewed(ctx, *name)
		}
		return s.DeletePlaybook(ctx, *name)
	}
	return cmdline.UsageOf(allPlaybookUsage(), "unknown playbook subcommand %q", sub)
}

func showPlaybook(out io.Writer, p Playbook, loc *time.Location) {
	fmt.Fprintf(out, "%s (%s)\n", p.Name, p.Severity)
	if p.NeedsReview {
		fmt.Fprintln(out, "NEEDS REVIEW since", p.ReviewBy.In(loc).Format("2006-01-02"))
	} else if !p.ReviewBy.IsZero() {
		fmt.Fprintln(out, "Review by", p.ReviewBy.In(loc).Format("2006-01-02"))
	}
	for _, l := range sortedKeys(p.Descriptions) {
		fmt.Fprintf(out, "When [%s]: %s\n", langOr(l), p.Descriptions[l])
	}
	for _, l := range sortedKeys(p.Keywords) {
		fmt.Fprintf(out, "Keywords [%s]: %s\n", langOr(l), strings.Join(p.Keywords[l], ", "))
	}
	fmt.Fprintln(out, "\nChecklist:")
	for i, st := range p.Steps {
		fmt.Fprintf(out, "  %d. %s", i+1, st.Text)
		if st.Owner != "" {
			fmt.Fprintf(out, " — %s", st.Owner)
		}
		fmt.Fprintln(out)
	}
	for _, t := range p.Holding {
		fmt.Fprintf(out, "\nHolding statement [%s]:\n%s\n", langOr(t.Lang), t.Text)
	}
	for i, a := range p.Answers { // numbered for `playbook answer set|remove K`
		fmt.Fprintf(out, "\n%d. Q [%s]: %s\nA: %s\n", i+1, langOr(a.Lang), a.Question, a.Answer)
	}
	if len(p.Contacts) > 0 {
		fmt.Fprintln(out, "\nEscalation contacts (never messaged automatically):")
		for i, c := range p.Contacts {
			fmt.Fprintf(out, "  %d. %s, %s  %s  %s\n", i+1, c.Name, c.Role, c.Phone, c.Email)
		}
	}
}

func langOr(l string) string {
	if l == "" {
		return "any"
	}
	return l
}

// conversationIDs resolves comma-separated global conversation ids (as `conversations
// --json` shows them) to this workspace's keys; another workspace's id is refused by name.
func conversationIDs(ctx context.Context, s *Store, list string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := s.Inbox().ConversationID(ctx, f)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func runIncident(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	if len(args) == 0 {
		return cmdline.UsageOf(incidentUsage, "incident needs a subcommand")
	}
	sub := args[0]
	fs := flag.NewFlagSet("incident "+sub, flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	playbook := fs.String("playbook", "", "the playbook's name")
	reason := fs.String("reason", "", "why the incident starts")
	auto := fs.String("holding-auto-reply", "", "use this language's holding statement as the out-of-hours auto-reply")
	convs := fs.String("conversation", "", "conversation ids, comma-separated")
	note := fs.String("note", "", "a note with the change")
	summary := fs.String("summary", "", "the closing summary")
	undo := fs.Bool("undo", false, "untick the step")
	send := fs.Bool("send", false, "queue the statements (without it: show them for review)")
	at := fs.String("at", "", "for reschedule: the new time")
	pdfFile := fs.String("pdf", "", "write the report as PDF to FILE")
	mdFile := fs.String("markdown", "", "write the report as Markdown to FILE")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args[1:])
	if err != nil {
		return err
	}
	s := cliStore(w)
	loc := w.Info().Location()
	ids, err := conversationIDs(ctx, s, *convs)
	if err != nil {
		return err
	}
	switch sub {
	case "start":
		if *playbook == "" {
			return cmdline.UsageOf(incidentUsage, "incident start needs --playbook")
		}
		r := *reason
		if strings.TrimSpace(r) == "" {
			r = "started from the command line"
		}
		inc, err := s.StartIncident(ctx, Start{Playbook: *playbook, Reason: r, HoldingAuto: *auto, Conversations: ids})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "incident %s started with playbook %q: %s\nscheduled replies, follow-ups and posts of %q are paused until it is resolved\n",
			inc.ID, inc.PlaybookName, inc.State, w.Info().Name)
		return nil
	case "show", "log":
		inc, err := s.Latest(ctx)
		if err != nil {
			return err
		}
		if sub == "show" {
			if *asJSON {
				return printJSON(e.Stdout, inc)
			}
			done, total := inc.Progress()
			fmt.Fprintf(e.Stdout, "%s — %s (%s), started %s: %s\nchecklist %d/%d\n", inc.PlaybookName, inc.State, inc.Severity,
				inc.StartedAt.In(loc).Format("2006-01-02 15:04"), inc.Reason, done, total)
			for _, st := range inc.Steps {
				mark := " "
				if st.Done() {
					mark = "x"
				}
				fmt.Fprintf(e.Stdout, "  [%s] %d. %s\n", mark, st.Step, st.Text)
			}
			for _, l := range inc.Links {
				fmt.Fprintf(e.Stdout, "  conversation %s: %s (%s)\n", l.ConversationGID, l.Subject, l.Customer)
			}
			return nil
		}
		events, err := s.Timeline(ctx, inc)
		if err != nil {
			return err
		}
		if *asJSON {
			return printJSON(e.Stdout, events)
		}
		tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "AT\tWHO\tWHAT")
		for _, ev := range events {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", ev.At.In(loc).Format("2006-01-02 15:04:05"), ev.Actor, ev.Text)
		}
		return tw.Flush()
	case "state":
		if len(pos) != 1 {
			return cmdline.UsageOf(incidentUsage, "incident state needs one of %s", strings.Join(States, ", "))
		}
		inc, err := s.SetState(ctx, pos[0], *note)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "incident is %s\n", inc.State)
		if inc.State == Resolved {
			return printDue(ctx, e.Stdout, s, loc)
		}
		return nil
	case "step":
		n, err := strconv.Atoi(strings.Join(pos, ""))
		if len(pos) != 1 || err != nil {
			return cmdline.UsageOf(incidentUsage, "incident step needs the step's number")
		}
		inc, err := s.SetStep(ctx, n, !*undo)
		if err != nil {
			return err
		}
		done, total := inc.Progress()
		fmt.Fprintf(e.Stdout, "checklist %d/%d\n", done, total)
		return nil
	case "link":
		if len(ids) == 0 {
			return cmdline.UsageOf(incidentUsage, "incident link needs --conversation ID")
		}
		inc, err := s.LinkConversations(ctx, ids...)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%d conversation(s) linked to the incident\n", len(inc.Links))
		return nil
	case "note":
		if len(pos) == 0 {
			return cmdline.UsageOf(incidentUsage, "incident note needs TEXT")
		}
		return s.AddNote(ctx, strings.Join(pos, " "))
	case "offers":
		if len(ids) != 1 {
			return cmdline.UsageOf(incidentUsage, "incident offers needs one --conversation ID")
		}
		offers, err := s.Offers(ctx, ids[0])
		if err != nil {
			return err
		}
		if *asJSON {
			if offers == nil {
				offers = []Offer{}
			}
			return printJSON(e.Stdout, offers)
		}
		if len(offers) == 0 {
			fmt.Fprintln(e.Stdout, "the conversation is not linked to an open incident")
		}
		for _, o := range offers {
			fmt.Fprintf(e.Stdout, "--- %s [%s] %s\n%s\n", o.Kind, langOr(o.Lang), o.Question, o.Draft.Body)
		}
		return nil
	case "reply-all":
		drafts, err := s.PreviewHolding(ctx)
		if err != nil {
			return err
		}
		if *send {
			if drafts, err = s.QueueHolding(ctx, drafts); err != nil {
				return err
			}
		}
		if *asJSON {
			return printJSON(e.Stdout, drafts)
		}
		for _, d := range drafts {
			fmt.Fprintf(e.Stdout, "--- conversation %s (%s, %s): %s", d.ConversationGID, d.Customer, langOr(d.Lang), d.State)
			if d.Error != "" {
				fmt.Fprintf(e.Stdout, ": %s", d.Error)
			}
			fmt.Fprintf(e.Stdout, "\n%s\n", d.Body)
		}
		if !*send {
			fmt.Fprintln(e.Stdout, "--- nothing sent: review the drafts above, then run again with --send")
		}
		return nil
	case "close":
		inc, err := s.Close(ctx, *summary)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "incident %s closed after %s\n", inc.ID, Duration(inc.ClosedAt.Sub(inc.StartedAt)))
		return printDue(ctx, e.Stdout, s, loc)
	case "due":
		if *asJSON {
			due, err := s.Due(ctx)
			if err != nil {
				return err
			}
			return printJSON(e.Stdout, due)
		}
		return printDue(ctx, e.Stdout, s, loc)
	case "decide":
		if len(pos) != 2 {
			return cmdline.UsageOf(incidentUsage, "incident decide needs a decision and the item's REF")
		}
		var when time.Time
		if pos[0] == DecideReschedule {
			if *at == "" {
				return cmdline.UsageOf(incidentUsage, "reschedule needs --at TIME")
			}
			if when, err = cmdline.ParseTime(*at, time.Now(), loc); err != nil {
				return cmdline.UsageOf(incidentUsage, "--at: %v", err)
			}
		}
		kind := "outbox"
		for _, d := range mustDue(ctx, s) {
			if d.Ref == pos[1] {
				kind = d.Kind
			}
		}
		return s.Decide(ctx, kind, pos[1], pos[0], when)
	case "report":
		inc, err := s.Latest(ctx)
		if err != nil {
			return err
		}
		rep, err := s.Report(ctx, inc)
		if err != nil {
			return err
		}
		if *pdfFile != "" {
			f, err := os.Create(*pdfFile)
			if err != nil {
				return err
			}
			if err := rep.PDF(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
		}
		if *mdFile != "" {
			if err := os.WriteFile(*mdFile, []byte(rep.Markdown()), 0o644); err != nil {
				return err
			}
		}
		if *asJSON {
			return printJSON(e.Stdout, rep)
		}
		if *pdfFile == "" && *mdFile == "" {
			fmt.Fprint(e.Stdout, rep.Markdown())
		}
		return nil
	}
	return cmdline.UsageOf(incidentUsage, "unknown incident subcommand %q", sub)
}

func mustDue(ctx context.Context, s *Store) []DueItem {
	due, _ := s.Due(ctx)
	return due
}

func printDue(ctx context.Context, out io.Writer, s *Store, loc *time.Location) error {
	due, err := s.Due(ctx)
	if err != nil {
		return err
	}
	if len(due) == 0 {
		fmt.Fprintln(out, "nothing fell due while the workspace was paused")
		return nil
	}
	fmt.Fprintf(out, "%d item(s) fell due while paused and wait for you (nothing is sent unseen):\n", len(due))
	for _, d := range due {
		fmt.Fprintf(out, "  %s  due %s  %s\n      %s\n", d.Ref, d.DueAt.In(loc).Format("2006-01-02 15:04"), d.Title, d.Detail)
	}
	fmt.Fprintln(out, "decide each: switchboard incident decide --workspace W send|reschedule|cancel REF [--at TIME]")
	return nil
}
