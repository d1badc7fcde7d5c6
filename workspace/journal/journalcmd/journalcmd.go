// Package journalcmd is `switchboard journal`: the workspace's record of changes, for
// scripts, audits and the handover.
package journalcmd

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/journal"
	"switchboard/workspace/staff"
)

var usage = []string{"journal --workspace W [--since TIME] [--object ID] [--kind PREFIX] [--limit N] [--json]"}

// Commands is journal.
func Commands() []cmdline.Command {
	return []cmdline.Command{{
		Name: "journal", Summary: "every change made in the workspace: who, when, what", Pane: "inbox",
		Actions: []string{"history"},
		Usage:   usage,
		RunIn:   run,
	}}
}

func run(ctx context.Context, e *cmdline.Env, w *workspace.Workspace, args []string) error {
	fs := flag.NewFlagSet("journal", flag.ContinueOnError)
	since := fs.String("since", "", "from TIME: 2026-12-01 09:00 (workspace time zone), RFC 3339, or -8h / -2d")
	object := fs.String("object", "", "only this object's entries (a global id)")
	kind := fs.String("kind", "", `only kinds starting with this, e.g. "conversation."`)
	limit := fs.Int("limit", 0, "at most N entries (the newest)")
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := cmdline.Parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return cmdline.UsageOf(usage, "journal takes no arguments, got %q", pos[0])
	}
	f := journal.Filter{Object: *object, Prefix: *kind}
	loc := w.Info().Location()
	if *since != "" {
		t, err := cmdline.ParseSince(*since, time.Now(), loc)
		if err != nil {
			return cmdline.UsageOf(usage, "--since: %v", err)
		}
		f.Since = t
	}
	if *limit > 0 {
		f.Limit, f.Newest = *limit, true
	}
	entries, err := journal.List(ctx, w.DB().Read(), f)
	if err != nil {
		return err
	}
	if f.Newest { // the newest N, printed oldest first like the rest
		for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
			entries[i], entries[j] = entries[j], entries[i]
		}
	}
	if *asJSON {
		if entries == nil {
			entries = []journal.Entry{}
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	}
	// People read names; JSON keeps the ids, which stay right after a rename.
	names, err := staff.Names(ctx, w.DB().Read())
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AT\tACTOR\tKIND\tOBJECT\tDATA")
	for _, en := range entries {
		actor := en.Actor
		if n, ok := names[actor]; ok {
			actor = n
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", en.At.In(loc).Format("2006-01-02 15:04:05"), actor, en.Kind, en.Object, en.Data)
	}
	return tw.Flush()
}
