package inbox

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/inbox/inboxcore"
)

// The workspace's lists the Inbox picks from: labels and staff.

var (
	labelsUsage = []string{
		"labels --workspace W list [--json]",
		"labels --workspace W add NAME [--color #RRGGBB]",
		"labels --workspace W rename OLD NEW [--color #RRGGBB]",
		"labels --workspace W remove NAME [--yes]",
	}
	staffUsage = []string{
		"staff --workspace W list [--json]",
		"staff --workspace W add NAME",
		"staff --workspace W rename OLD NEW",
		"staff --workspace W remove NAME",
	}
)

func listCommands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "labels", Summary: "the workspace's labels: list, add, rename, remove", Pane: "inbox",
		Actions: []string{"new-label"}, Usage: labelsUsage, RunIn: runLabels,
	}, {
		Name: "staff", Summary: "who answers this workspace's conversations: list, add, rename, remove", Pane: "inbox",
		Usage: staffUsage, RunIn: runStaff,
	}}
}

func runLabels(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("labels", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	color := fs.String("color", "", "#RRGGBB")
	yes := fs.Bool("yes", false, "remove a label that is on conversations")
	pos, err := listVerb(fs, args, labelsUsage)
	if err != nil {
		return err
	}
	s := cliStore(w)
	switch pos[0] {
	case "list":
		list, err := s.Labels(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return printList(e.Stdout, list)
		}
		for _, l := range list {
			fmt.Fprintf(e.Stdout, "%s  %s\n", l.Color, l.Name)
		}
		return nil
	case "add":
		if _, err := s.LabelByName(ctx, pos[1]); err == nil {
			return fmt.Errorf("a label named %q already exists", pos[1])
		}
		l := Label{Name: pos[1], Color: *color}
		if l.Color == "" {
			list, err := s.Labels(ctx)
			if err != nil {
				return err
			}
			l.Color = LabelColors[len(list)%len(LabelColors)]
		}
		if l, err = s.SaveLabel(ctx, l); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "label %q added (%s)\n", l.Name, l.Color)
	case "rename":
		l, err := s.LabelByName(ctx, pos[1])
		if err != nil {
			return err
		}
		l.Name = pos[2]
		if *color != "" {
			l.Color = *color
		}
		if l, err = s.SaveLabel(ctx, l); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "label %q is now %q (%s)\n", pos[1], l.Name, l.Color)
	case "remove":
		l, err := s.LabelByName(ctx, pos[1])
		if err != nil {
			return err
		}
		c, err := s.Counts(ctx)
		if err != nil {
			return err
		}
		if n := c.ByLabel[l.ID]; n > 0 && !*yes {
			return fmt.Errorf("the label %q is on %d conversation(s): nothing removed; add --yes to take it off them and remove it", l.Name, n)
		}
		if err := s.DeleteLabel(ctx, l.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "label %q removed\n", l.Name)
	}
	return nil
}

func runStaff(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("staff", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := listVerb(fs, args, staffUsage)
	if err != nil {
		return err
	}
	s := cliStore(w)
	switch pos[0] {
	case "list":
		list, err := s.StaffList(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return printList(e.Stdout, list)
		}
		tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
		for _, st := range list {
			me := ""
			if strings.EqualFold(st.Name, s.Agent()) {
				me = "(you)"
			}
			fmt.Fprintf(tw, "%s\t%s\n", st.Name, me)
		}
		return tw.Flush()
	case "add":
		if _, err := s.StaffByName(ctx, pos[1]); err == nil {
			return fmt.Errorf("%q is already on the staff list", pos[1])
		}
		st, err := s.AddStaff(ctx, pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s added to the staff of %s\n", st.Name, w.Info().Name)
	case "rename":
		st, err := s.StaffByName(ctx, pos[1])
		if err != nil {
			return err
		}
		if err = s.RenameStaff(ctx, st.ID, pos[2]); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s is now %s\n", st.Name, strings.Join(strings.Fields(pos[2]), " "))
	case "remove":
		st, err := s.StaffByName(ctx, pos[1])
		if err != nil {
			return err
		}
		if err := s.RemoveStaff(ctx, st.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s removed from the staff\n", st.Name)
	}
	return nil
}

// listVerb parses the arguments of a list-editing command (labels, staff): the verb, list
// when none is given, and the names it takes.
func listVerb(fs *flag.FlagSet, args, usage []string) ([]string, error) {
	pos, err := cmdline.Parse(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	want := map[string]int{"list": 1, "add": 2, "rename": 3, "remove": 2}
	if n, ok := want[pos[0]]; !ok || n != len(pos) {
		return nil, cmdline.UsageOf(usage, "%s: say list, add NAME, rename OLD NEW or remove NAME", fs.Name())
	}
	return pos, nil
}

// printList prints list as JSON; an empty list is [] rather than null, for scripts.
func printList[T any](out io.Writer, list []T) error {
	if list == nil {
		list = []T{}
	}
	return inboxcore.PrintJSON(out, list)
}
