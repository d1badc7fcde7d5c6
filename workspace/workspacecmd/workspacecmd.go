// Package workspacecmd holds the commands that act on workspaces as a whole (list, create,
// rename, delete, the demo) and on the machine's own settings ("my name"): the command-line
// twins of the switcher and of Settings' workspace section.
package workspacecmd

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"switchboard/workspace"
	"switchboard/workspace/cmdline"
	"switchboard/workspace/demo"
)

// Commands are workspace, me and tray.
func Commands() []cmdline.Command {
	return []cmdline.Command{workspaceCommand, meCommand, trayCommand}
}

var trayUsage = []string{"tray [on|off]"}

var trayCommand = cmdline.Command{
	Name: "tray", Summary: "show or set whether closing the window keeps Switchboard running in the system tray (scheduled sends go on)",
	Pane: "settings", Actions: []string{"keep in tray"},
	Usage: trayUsage,
	Run:   runTray,
}

func runTray(_ context.Context, e *cmdline.Env, args []string) error {
	cfg, err := e.Root.Config()
	if err != nil {
		return err
	}
	switch {
	case len(args) == 0:
	case len(args) == 1 && (args[0] == "on" || args[0] == "off"):
		cfg.KeepInTray = args[0] == "on"
		if err := e.Root.SaveConfig(cfg); err != nil {
			return err
		}
	default:
		return cmdline.UsageOf(trayUsage, "say on or off, or nothing to see the setting")
	}
	if cfg.KeepInTray {
		fmt.Fprintln(e.Stdout, "on: closing the window keeps Switchboard running in the system tray")
	} else {
		fmt.Fprintln(e.Stdout, "off: closing the window quits Switchboard")
	}
	return nil
}

var workspaceCommand = cmdline.Command{
	Name: "workspace", Summary: "client workspaces: list, create, rename, recolor, archive, delete, the demo", Pane: "settings",
	Actions: []string{"rename", "recolor", "archive", "delete", "reset demo"},
	Usage:   workspaceUsage,
	Run:     runWorkspace,
}

var workspaceUsage = []string{
	"workspace list [--json] [--all]",
	"workspace create NAME [--color HEX] [--tz ZONE]",
	"workspace rename OLD NEW",
	"workspace recolor NAME HEX",
	"workspace archive|unarchive NAME",
	"workspace delete NAME [--yes]",
	"workspace restore-copy FOLDER [NEW-NAME]",
	"workspace demo [--recreate]",
}

var meUsage = []string{"me [NAME]"}

var meCommand = cmdline.Command{
	Name: "me", Summary: `show or set "my name", the name your replies and changes are signed with on this machine`, Pane: "settings",
	Actions: []string{"my name"},
	Usage:   meUsage,
	Run:     runMe,
}

func runWorkspace(ctx context.Context, e *cmdline.Env, args []string) error {
	if len(args) == 0 {
		return cmdline.UsageOf(workspaceUsage, "workspace needs a subcommand")
	}
	fs := flag.NewFlagSet("workspace "+args[0], flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	all := fs.Bool("all", false, "include archived workspaces")
	color := fs.String("color", "", "brand colour, #RRGGBB")
	tz := fs.String("tz", "", "time zone, e.g. Europe/Stockholm")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	recreate := fs.Bool("recreate", false, "replace the demo workspace with a fresh copy")
	pos, err := cmdline.Parse(fs, args[1:])
	if err != nil {
		return err
	}
	want := func(n int, what string) error {
		if len(pos) != n {
			return cmdline.UsageOf(workspaceUsage, "workspace %s takes %s", args[0], what)
		}
		return nil
	}
	root := e.Root
	switch args[0] {
	case "list":
		if err := want(0, "no arguments"); err != nil {
			return err
		}
		return list(ctx, e, *asJSON, *all)
	case "create":
		if err := want(1, "a NAME"); err != nil {
			return err
		}
		info, err := root.Create(ctx, pos[0], workspace.CreateOptions{Color: *color, TimeZone: *tz})
		if err == nil {
			fmt.Fprintf(e.Stdout, "created workspace %q (%s) in %s\n", info.Name, info.ID, info.Dir)
		}
		return err
	case "rename":
		if err := want(2, "OLD and NEW names"); err != nil {
			return err
		}
		return root.Update(ctx, pos[0], func(w *workspace.Workspace) error { return w.Rename(ctx, pos[1]) })
	case "recolor", "recolour":
		if err := want(2, "a NAME and a colour #RRGGBB"); err != nil {
			return err
		}
		return root.Update(ctx, pos[0], func(w *workspace.Workspace) error { return w.SetColor(ctx, pos[1]) })
	case "archive", "unarchive":
		if err := want(1, "a NAME"); err != nil {
			return err
		}
		return root.Update(ctx, pos[0], func(w *workspace.Workspace) error { return w.SetArchived(ctx, args[0] == "archive") })
	case "delete":
		if err := want(1, "a NAME"); err != nil {
			return err
		}
		return remove(ctx, e, pos[0], *yes)
	case "restore-copy":
		if len(pos) < 1 || len(pos) > 2 {
			return cmdline.UsageOf(workspaceUsage, "workspace restore-copy takes a FOLDER and optionally a NEW-NAME")
		}
		return restoreCopy(ctx, e, pos)
	case "demo":
		if err := want(0, "no arguments"); err != nil {
			return err
		}
		return makeDemo(ctx, e, *recreate)
	}
	return cmdline.UsageOf(workspaceUsage, "unknown workspace subcommand %q", args[0])
}

func list(ctx context.Context, e *cmdline.Env, asJSON, all bool) error {
	infos, problems := e.Root.List(ctx, all)
	for _, p := range problems {
		fmt.Fprintln(e.Stderr, "warning:", p)
	}
	if asJSON {
		if infos == nil {
			infos = []workspace.Info{}
		}
		return writeJSON(e.Stdout, infos)
	}
	if len(infos) == 0 {
		fmt.Fprintln(e.Stdout, "no workspaces yet: `switchboard workspace create NAME`, or `switchboard workspace demo`")
	}
	for _, i := range infos {
		archived := ""
		if i.Archived {
			archived = "  (archived)"
		}
		fmt.Fprintf(e.Stdout, "%-30s %s  %-20s %s%s\n", i.Name, i.Color, i.TimeZone, i.ID, archived)
	}
	return nil
}

func remove(ctx context.Context, e *cmdline.Env, ref string, yes bool) error {
	info, err := e.Root.Find(ctx, ref)
	if err != nil {
		return err
	}
	if !yes {
		fmt.Fprintf(e.Stderr, "This deletes workspace %q with all its mail, FAQ, notes and stored passwords.\nType its name to confirm: ", info.Name)
		line, _ := bufio.NewReader(e.Stdin).ReadString('\n')
		if !strings.EqualFold(strings.TrimSpace(line), info.Name) {
			return fmt.Errorf("workspace %q was not deleted (confirmation did not match; use --yes in scripts)", info.Name)
		}
	}
	if err := e.Root.Delete(ctx, info.Dir, e.Secrets); err != nil { // the folder the user named, not every folder with its id
		return err
	}
	fmt.Fprintf(e.Stdout, "deleted workspace %q\n", info.Name)
	return nil
}

// restoreCopy makes a backup copy of a workspace (a folder with the same id, reported by
// list) a workspace of its own, with a new id and its passwords copied in the keyring.
func restoreCopy(ctx context.Context, e *cmdline.Env, pos []string) error {
	name := ""
	if len(pos) == 2 {
		name = pos[1]
	}
	copier, _ := e.Secrets.(workspace.SecretCopier) // nil without a keyring: refused if it has accounts
	info, err := e.Root.RestoreCopy(ctx, pos[0], name, copier)
	if err == nil {
		fmt.Fprintf(e.Stdout, "restored folder %s as workspace %q (%s)\n", filepath.Base(info.Dir), info.Name, info.ID)
	}
	return err
}

// makeDemo creates (or recreates) the offline demo workspace.
func makeDemo(ctx context.Context, e *cmdline.Env, recreate bool) error {
	create := demo.Create
	if recreate {
		create = func(ctx context.Context, root *workspace.Root, imp demo.Importer) (workspace.Info, error) {
			return demo.Recreate(ctx, root, e.Secrets, imp)
		}
	}
	info, err := create(ctx, e.Root, e.Import)
	if err == nil {
		fmt.Fprintf(e.Stdout, "demo workspace %q is ready in %s\n", info.Name, info.Dir)
	}
	return err
}

func runMe(_ context.Context, e *cmdline.Env, args []string) error {
	cfg, err := e.Root.Config()
	if err != nil {
		return err
	}
	if len(args) == 0 {
		if cfg.AgentName == "" {
			fmt.Fprintln(e.Stdout, "my name is not set: `switchboard me \"Your Name\"` (replies are signed with it)")
			return nil
		}
		fmt.Fprintln(e.Stdout, cfg.AgentName)
		return nil
	}
	name := strings.Join(strings.Fields(strings.Join(args, " ")), " ")
	if name == "" || strings.HasPrefix(name, "-") {
		return cmdline.UsageOf(meUsage, "give a name, e.g. me \"Maja Lind\"")
	}
	cfg.AgentName = name
	if err := e.Root.SaveConfig(cfg); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "my name is now %q\n", name)
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
