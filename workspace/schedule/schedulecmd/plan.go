package schedulecmd

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/schedule"
)

var planUsage = []string{
	"plan list --workspace W [--from DAY] [--weeks N] [--json]",
	"plan add --workspace W --at TIME --channel NAME --text TEXT [--status STATUS] [--notes TEXT] [--json]",
	"plan set --workspace W ID --status draft|awaiting-approval|approved|published|rejected [--note TEXT]",
}

func runPlan(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	if len(args) == 0 {
		return cmdline.UsageOf(planUsage, "plan needs list, add or set")
	}
	s := schedule.Open(w, schedule.Options{Agent: agent(e)})
	fs := flag.NewFlagSet("plan "+args[0], flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	switch args[0] {
	case "list":
		from := fs.String("from", "", "first day (YYYY-MM-DD), this week's Monday when empty")
		weeks := fs.Int("weeks", 4, "how many weeks")
		if _, err := cmdline.Parse(fs, args[1:]); err != nil {
			return err
		}
		start, _ := s.Week(time.Now())
		if *from != "" {
			t, err := time.ParseInLocation(time.DateOnly, *from, s.Loc())
			if err != nil {
				return cmdline.UsageOf(planUsage, "--from %q: use YYYY-MM-DD", *from)
			}
			start = t
		}
		posts, err := s.Posts(ctx, start, start.AddDate(0, 0, 7**weeks))
		if err != nil {
			return err
		}
		return printPosts(e, s, posts, *asJSON)
	case "add":
		at := fs.String("at", "", "when it goes out")
		channel := fs.String("channel", "", "Facebook, Instagram, ...")
		text := fs.String("text", "", "the post's text")
		status := fs.String("status", "draft", "draft, awaiting-approval, approved, published or rejected")
		notes := fs.String("notes", "", "notes for the team")
		if pos, err := cmdline.Parse(fs, args[1:]); err != nil {
			return err
		} else if len(pos) > 0 {
			return cmdline.UsageOf(planUsage, "plan add takes flags only, got %q", pos[0])
		}
		if *at == "" || *channel == "" {
			return cmdline.UsageOf(planUsage, "plan add needs --at and --channel")
		}
		t, err := cmdline.ParseTime(*at, time.Now(), s.Loc())
		if err != nil {
			return cmdline.UsageOf(planUsage, "--at: %v", err)
		}
		if _, err := schedule.ParseStatus(*status); err != nil {
			return cmdline.UsageOf(planUsage, "--status: %v", err)
		}
		p, err := s.AddPost(ctx, schedule.Post{At: t, Channel: *channel, Text: *text, Status: *status, Notes: *notes})
		if err != nil {
			return err
		}
		return printPosts(e, s, []schedule.Post{p}, *asJSON)
	case "set":
		status := fs.String("status", "", "the new status")
		note := fs.String("note", "", "a note to add")
		pos, err := cmdline.Parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 || *status == "" {
			return cmdline.UsageOf(planUsage, "plan set needs one post id and --status")
		}
		if _, err := schedule.ParseStatus(*status); err != nil {
			return cmdline.UsageOf(planUsage, "--status: %v", err)
		}
		p, err := s.SetPostStatus(ctx, pos[0], *status, *note)
		if err != nil {
			return err
		}
		return printPosts(e, s, []schedule.Post{p}, *asJSON)
	}
	return cmdline.UsageOf(planUsage, "unknown plan subcommand %q", args[0])
}

func printPosts(e *cmdline.Env, s *schedule.Store, posts []schedule.Post, asJSON bool) error {
	if asJSON {
		return printJSON(e.Stdout, posts)
	}
	if len(posts) == 0 {
		fmt.Fprintln(e.Stdout, "No planned posts.")
		return nil
	}
	loc := s.Loc()
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tAT (%s)\tCHANNEL\tSTATUS\tAPPROVER\tTEXT\n", loc)
	for _, p := range posts {
		text := []rune(p.Text)
		if len(text) > 50 {
			text = append(text[:49], '…')
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.ID[:8], p.At.In(loc).Format("Mon 2006-01-02 15:04"), p.Channel, p.Status, p.Approver, string(text))
	}
	return tw.Flush()
}
