// Package schedulecmd is the command line of the Schedule pane: `switchboard schedule`
// (scheduled replies, follow-ups, what is held for review, the agenda, my week, the
// calendar export), `switchboard coverage` (hours, holidays, shifts, the out-of-hours
// auto-reply) and `switchboard plan` (the content plan). The spellings of the commands,
// flags and the JSON keys and state values are a contract: scripts use them.
package schedulecmd

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox"
	"switchboard/workspace/inbox/inboxcore"
	"switchboard/workspace/schedule"
)

var scheduleUsage = []string{
	"schedule list --workspace W [--all] [--json]",
	"schedule add --workspace W CONVERSATION --at TIME (--text TEXT | --text-file F)",
	"schedule add --workspace W CONVERSATION --follow-up (--at TIME | --in 3d) [--send-regardless] (--text TEXT | --text-file F)",
	"schedule add --workspace W CONVERSATION --sequence [--days 1,3,7] (--text TEXT | --text-file F)",
	"schedule cancel --workspace W ID",
	"schedule held --workspace W [--json]",
	"schedule send --workspace W ID",
	"schedule reschedule --workspace W ID --at TIME",
	"schedule agenda --workspace W [--week] [--date DAY] [--json]",
	"schedule week [--date DAY] [--json]",
	"schedule export --workspace W -o FILE.ics [--weeks N] [--replies] [--details]",
}

// Commands are schedule, coverage and plan.
func Commands() []cmdline.Command {
	return []cmdline.Command{
		{Name: "schedule", Summary: "scheduled replies, follow-ups, what is held for review, the agenda and my week",
			Usage: scheduleUsage, Pane: "schedule",
			Actions: []string{"list", "add", "cancel", "held", "send", "reschedule", "agenda", "week", "export"},
			Run:     runSchedule},
		{Name: "coverage", Summary: "business hours, holidays, shifts and the out-of-hours auto-reply",
			Usage: coverageUsage, Pane: "schedule", Actions: []string{"coverage"}, RunIn: runCoverage},
		{Name: "plan", Summary: "the content plan: planned posts with channel, status and approver",
			Usage: planUsage, Pane: "schedule", Actions: []string{"plan"}, RunIn: runPlan},
	}
}

// agent is "my name" on this machine; "" signs as journal.Unnamed.
func agent(e *cmdline.Env) string {
	c, _ := e.Root.Config()
	return c.AgentName
}

func runSchedule(ctx context.Context, e *cmdline.Env, args []string) error {
	if len(args) == 0 {
		return cmdline.UsageOf(scheduleUsage, "schedule needs a subcommand")
	}
	sub, rest := args[0], args[1:]
	if sub == "week" {
		return week(ctx, e, rest)
	}
	if e.WorkspaceRef == "" {
		return cmdline.Usagef("schedule %s needs --workspace NAME (see `switchboard workspace list`)", sub)
	}
	run, ok := map[string]func(context.Context, *cmdline.Env, *schedule.Store, []string) error{
		"list": list, "add": add, "cancel": cancel, "held": held, "send": sendNow, "reschedule": reschedule,
		"agenda": agenda, "export": export,
	}[sub]
	if !ok {
		return cmdline.UsageOf(scheduleUsage, "unknown schedule subcommand %q", sub)
	}
	w, err := e.Root.Open(ctx, e.WorkspaceRef)
	if err != nil {
		return err
	}
	defer w.Close()
	return run(ctx, e, schedule.Open(w, schedule.Options{Agent: agent(e)}), rest)
}

func printJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func list(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	fs := flag.NewFlagSet("schedule list", flag.ContinueOnError)
	all := fs.Bool("all", false, "also sent and cancelled items")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := cmdline.Parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return cmdline.UsageOf(scheduleUsage, "schedule list takes no arguments, got %q", pos[0])
	}
	items, err := s.Items(ctx, schedule.Filter{All: *all})
	if err != nil {
		return err
	}
	return printItems(e.Stdout, s, items, *asJSON)
}

func printItems(out io.Writer, s *schedule.Store, items []schedule.Item, asJSON bool) error {
	if asJSON {
		if items == nil {
			items = []schedule.Item{}
		}
		return printJSON(out, items)
	}
	if len(items) == 0 {
		fmt.Fprintln(out, "Nothing scheduled.")
		return nil
	}
	loc := s.Loc()
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tKIND\tDUE (%s)\tSTATE\tCUSTOMER\tSUBJECT\n", loc)
	for _, it := range items {
		state := it.State
		if it.Reason != "" && it.State == schedule.Held {
			state += " (" + it.Reason + ")"
		}
		if it.CustomerWroteSince && (it.State == schedule.Held || it.State == schedule.Pending) {
			state += ", customer wrote since"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", it.ID[:8], it.Kind, it.Due.In(loc).Format("Mon 2006-01-02 15:04"), state, it.Customer, it.Subject)
	}
	return tw.Flush()
}

func readText(text, file string, stdin io.Reader) (string, error) {
	switch {
	case text != "" && file != "":
		return "", cmdline.Usagef("give --text or --text-file, not both")
	case file == "-":
		b, err := io.ReadAll(stdin)
		return string(b), err
	case file != "":
		b, err := os.ReadFile(file)
		return string(b), err
	case text == "":
		return "", cmdline.Usagef("give the text with --text or --text-file")
	}
	return text, nil
}

func add(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	fs := flag.NewFlagSet("schedule add", flag.ContinueOnError)
	at := fs.String("at", "", "when: 2026-12-07 09:00 (workspace time zone), RFC 3339, or +2h / +3d")
	in := fs.String("in", "", "follow-up after: 3d, 48h")
	followUp := fs.Bool("follow-up", false, "a follow-up: cancelled when the customer writes first")
	regardless := fs.Bool("send-regardless", false, "send the follow-up even if the customer writes first")
	sequence := fs.Bool("sequence", false, "a follow-up sequence (+1, +3, +7 days) that stops at the customer's first reply")
	days := fs.String("days", "", "the sequence's days, e.g. 1,3,7")
	text := fs.String("text", "", "the text ({{first_name}} and the usual variables)")
	file := fs.String("text-file", "", "read the text from a file (- for standard input)")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return cmdline.UsageOf(scheduleUsage, "schedule add needs one conversation id")
	}
	body, err := readText(*text, *file, e.Stdin)
	if err != nil {
		return err
	}
	conv, err := inbox.NewStore(s.Workspace(), inboxcore.Options{}).ConversationID(ctx, pos[0])
	if err != nil {
		return err
	}
	now := time.Now()
	when := func() (time.Time, error) {
		switch {
		case *at != "" && *in != "":
			return time.Time{}, cmdline.UsageOf(scheduleUsage, "give --at or --in, not both")
		case *in != "":
			return cmdline.ParseTime("+"+strings.TrimPrefix(*in, "+"), now, s.Loc())
		case *at != "":
			return cmdline.ParseTime(*at, now, s.Loc())
		}
		return time.Time{}, cmdline.UsageOf(scheduleUsage, "give the time with --at (or --in for a follow-up)")
	}
	var items []schedule.Item
	switch {
	case *sequence:
		var ds []int
		for _, d := range strings.Split(*days, ",") {
			if d = strings.TrimSpace(d); d == "" {
				continue
			}
			var n int
			if _, err := fmt.Sscanf(d, "%d", &n); err != nil {
				return cmdline.UsageOf(scheduleUsage, "--days %q: whole days like 1,3,7", *days)
			}
			ds = append(ds, n)
		}
		items, err = s.AddSequence(ctx, conv, body, ds)
	case *followUp:
		t, werr := when()
		if werr != nil {
			return werr
		}
		var it schedule.Item
		it, err = s.AddFollowUp(ctx, schedule.FollowUp{ConversationID: conv, Body: body, At: t, Regardless: *regardless})
		items = []schedule.Item{it}
	default:
		if *regardless || *in != "" {
			return cmdline.UsageOf(scheduleUsage, "--send-regardless and --in are for --follow-up")
		}
		t, werr := when()
		if werr != nil {
			return werr
		}
		var it schedule.Item
		it, err = s.ScheduleReply(ctx, conv, body, t)
		items = []schedule.Item{it}
	}
	if err != nil {
		return err
	}
	return printItems(e.Stdout, s, items, *asJSON)
}

func oneID(name string, args []string, fs *flag.FlagSet) (string, error) {
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", cmdline.UsageOf(scheduleUsage, "schedule %s needs one item id (see `switchboard schedule list`)", name)
	}
	return pos[0], nil
}

func cancel(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	id, err := oneID("cancel", args, flag.NewFlagSet("schedule cancel", flag.ContinueOnError))
	if err != nil {
		return err
	}
	if err := s.Cancel(ctx, id); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "Cancelled; it stays listed with `schedule list --all`.")
	return nil
}

func held(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	fs := flag.NewFlagSet("schedule held", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	items, err := schedule.HeldForReview(ctx, s.Workspace(), time.Now())
	if err != nil {
		return err
	}
	if err := printItems(e.Stdout, s, items, *asJSON); err != nil || *asJSON || len(items) == 0 {
		return err
	}
	fmt.Fprintln(e.Stdout, "\nFor each: `schedule send ID`, `schedule reschedule ID --at TIME` or `schedule cancel ID`.")
	return nil
}

func sendNow(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	id, err := oneID("send", args, flag.NewFlagSet("schedule send", flag.ContinueOnError))
	if err != nil {
		return err
	}
	if err := s.SendNow(ctx, id); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, "Released to the outbox: it goes out with the next round (`switchboard outbox send` or the open app).")
	return nil
}

func reschedule(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	fs := flag.NewFlagSet("schedule reschedule", flag.ContinueOnError)
	at := fs.String("at", "", "the new time")
	id, err := oneID("reschedule", args, fs)
	if err != nil {
		return err
	}
	if *at == "" {
		return cmdline.UsageOf(scheduleUsage, "schedule reschedule needs --at TIME")
	}
	t, err := cmdline.ParseTime(*at, time.Now(), s.Loc())
	if err != nil {
		return cmdline.UsageOf(scheduleUsage, "--at: %v", err)
	}
	if err := s.Reschedule(ctx, id, t); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "Rescheduled to %s.\n", t.In(s.Loc()).Format("Mon 2006-01-02 15:04 MST"))
	return nil
}

func dayFlag(fs *flag.FlagSet) *string {
	return fs.String("date", "", "the day (YYYY-MM-DD), today when empty")
}

func dayOf(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return t, cmdline.Usagef("--date %q: use YYYY-MM-DD", s)
	}
	return t.Add(12 * time.Hour), nil
}

func agenda(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	fs := flag.NewFlagSet("schedule agenda", flag.ContinueOnError)
	wk := fs.Bool("week", false, "the whole week (Monday to Sunday)")
	date := dayFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	t, err := dayOf(*date, s.Loc())
	if err != nil {
		return err
	}
	from, to := s.Day(t)
	if *wk {
		from, to = s.Week(t)
	}
	entries, err := s.Agenda(ctx, from, to)
	if err != nil {
		return err
	}
	if *asJSON {
		if entries == nil {
			entries = []schedule.Entry{}
		}
		return printJSON(e.Stdout, entries)
	}
	fmt.Fprintf(e.Stdout, "%s, %s to %s (%s)\n", s.Info().Name, from.In(s.Loc()).Format("Mon 2 Jan"), to.Add(-time.Minute).In(s.Loc()).Format("Mon 2 Jan 2006"), s.Loc())
	printEntries(e.Stdout, entries, s.Loc())
	return nil
}

func printEntries(out io.Writer, entries []schedule.Entry, loc *time.Location) {
	if len(entries) == 0 {
		fmt.Fprintln(out, "  nothing")
		return
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, en := range entries {
		when := en.Start.In(loc).Format("Mon 02 Jan 15:04")
		if en.AllDay {
			when = en.Start.In(loc).Format("Mon 02 Jan") + " all day"
		} else if !en.End.IsZero() {
			when += "-" + en.End.In(loc).Format("15:04")
		}
		state := ""
		if en.State != "" {
			state = "[" + en.State + "]"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", when, en.Kind, en.Title, state)
	}
	tw.Flush()
}

func week(ctx context.Context, e *cmdline.Env, args []string) error {
	fs := flag.NewFlagSet("schedule week", flag.ContinueOnError)
	date := dayFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	t, err := dayOf(*date, time.Local)
	if err != nil {
		return err
	}
	weeks := schedule.MyWeek(ctx, e.Root, nil, t)
	if *asJSON {
		if weeks == nil {
			weeks = []schedule.ClientWeek{}
		}
		return printJSON(e.Stdout, weeks)
	}
	for _, cw := range weeks {
		loc := cw.Workspace.Location()
		fmt.Fprintf(e.Stdout, "%s (%s, %s)\n", cw.Workspace.Name, cw.Workspace.Color, loc)
		if cw.Err != "" {
			fmt.Fprintf(e.Stdout, "  could not be read: %s\n", cw.Err)
			continue
		}
		printEntries(e.Stdout, cw.Entries, loc)
	}
	return nil
}

func export(ctx context.Context, e *cmdline.Env, s *schedule.Store, args []string) error {
	fs := flag.NewFlagSet("schedule export", flag.ContinueOnError)
	out := fs.String("o", "", "the .ics file to write")
	weeks := fs.Int("weeks", 8, "how many weeks of shifts and posts, from this week")
	replies := fs.Bool("replies", false, "also scheduled replies and follow-ups (titles without customer details)")
	details := fs.Bool("details", false, "with --replies: put the subject in the titles")
	if pos, err := cmdline.Parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return cmdline.UsageOf(scheduleUsage, "schedule export takes no arguments, got %q", pos[0])
	}
	if *out == "" {
		return cmdline.UsageOf(scheduleUsage, "schedule export needs -o FILE.ics")
	}
	if *weeks < 1 {
		return cmdline.UsageOf(scheduleUsage, "--weeks must be at least 1")
	}
	from, _ := s.Week(time.Now())
	to := from.AddDate(0, 0, 7**weeks)
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	n, err := s.Export(ctx, f, schedule.ExportOptions{From: from, To: to, Replies: *replies, Details: *details})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, *out)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Fprintf(e.Stdout, "%d events written to %s (%s to %s).\n", n, *out, from.Format(time.DateOnly), to.Format(time.DateOnly))
	return nil
}
